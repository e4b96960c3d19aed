//! Path templates such as `/calls/calltrackings/{callTrackingId}`.
//!
//! Every parameter value is percent-encoded as part of *one* path segment: a value such as
//! `a/b?c#d` can never add a segment, start a query or a fragment, and never changes the host.
//! Values that URL parsers would reinterpret as a segment of their own (empty, `.` and `..`) are
//! refused before anything is sent.

use std::borrow::Cow;

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

use crate::error::Error;

/// Everything but RFC 3986 "unreserved" characters is encoded.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// Percent-encodes `value` so it stays inside one path segment.
pub fn encode_segment(value: &str) -> Cow<'_, str> {
    utf8_percent_encode(value, SEGMENT).into()
}

/// Fills `template` with `params`, encoding every value as one segment.
///
/// A template is a path starting with `/`, where `{name}` placeholders may stand for a whole
/// segment or part of one (`agent-{ccLogin}`, `{callID}.mp3`).
pub fn render(template: &str, params: &[(&'static str, String)]) -> Result<String, Error> {
    let mut out = String::with_capacity(template.len() + 16);
    render_into(&mut out, template, params)?;
    Ok(out)
}

/// [`render`], appended to `out` (the base URL already there: one buffer for the whole URL).
pub(crate) fn render_into(
    out: &mut String,
    template: &str,
    params: &[(&'static str, String)],
) -> Result<(), Error> {
    if !template.starts_with('/') {
        return Err(Error::invalid_request(format!(
            "path template `{template}` must start with `/`"
        )));
    }
    // The rendered path becomes the URL's path as a whole (`Url::set_path`), where `?` and
    // `#` would be taken as path characters: a query belongs in `Operation::query`.
    if template.contains(['?', '#']) {
        return Err(Error::invalid_request(format!(
            "path template `{template}` must not hold a query or fragment; give the query with `Operation::query`"
        )));
    }
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let close = after.find('}').ok_or_else(|| {
            Error::invalid_request(format!("path template `{template}` has an unclosed `{{`"))
        })?;
        let name = &after[..close];
        let index = params
            .iter()
            .position(|(key, _)| *key == name)
            .ok_or_else(|| {
                Error::invalid_input(
                    name.to_owned(),
                    format!("missing path parameter for `{template}`"),
                )
            })?;
        let value = &params[index].1;
        let whole_segment = out.ends_with('/') && {
            let next = &after[close + 1..];
            next.is_empty() || next.starts_with('/')
        };
        check_value(name, value, whole_segment)?;
        out.extend(utf8_percent_encode(value, SEGMENT));
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    // Every parameter given must have its placeholder (checked without allocating: a handful
    // of short searches).
    for (name, _) in params {
        let placeholder_found = template.match_indices(*name).any(|(at, _)| {
            template[..at].ends_with('{') && template[at + name.len()..].starts_with('}')
        });
        if !placeholder_found {
            return Err(Error::invalid_input(
                *name,
                format!("`{template}` has no such path parameter"),
            ));
        }
    }
    Ok(())
}

fn check_value(name: &str, value: &str, whole_segment: bool) -> Result<(), Error> {
    if value.is_empty() {
        return Err(Error::invalid_input(name.to_owned(), "must not be empty"));
    }
    // URL parsers treat `.`/`..` segments (even as `%2e`) as directory moves.
    if whole_segment && (value == "." || value == "..") {
        return Err(Error::invalid_input(
            name.to_owned(),
            format!("`{value}` cannot be used as a path segment"),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params(pairs: &[(&'static str, &str)]) -> Vec<(&'static str, String)> {
        pairs.iter().map(|(k, v)| (*k, (*v).to_owned())).collect()
    }

    #[test]
    fn reserved_characters_stay_in_one_segment() {
        let path = render(
            "/resellers/accounts/{accountId}",
            &params(&[("accountId", "a/b?c#d @+%x")]),
        )
        .expect("renders");
        assert_eq!(path, "/resellers/accounts/a%2Fb%3Fc%23d%20%40%2B%25x");
    }

    #[test]
    fn partial_segments_are_filled() {
        let path = render(
            "/integrations/cti/agents/{ccLogin}/login/agent-{ccLogin}",
            &params(&[("ccLogin", "1001")]),
        )
        .expect("renders");
        assert_eq!(path, "/integrations/cti/agents/1001/login/agent-1001");
        let path = render(
            "/surveillance/recordings/{callID}.mp3",
            &params(&[("callID", "x.y")]),
        )
        .expect("renders");
        assert_eq!(path, "/surveillance/recordings/x.y.mp3");
    }

    #[test]
    fn dot_segments_empty_and_missing_values_are_refused() {
        for bad in [".", ".."] {
            let err = render("/a/{id}", &params(&[("id", bad)])).expect_err("refused");
            assert!(matches!(err, Error::InvalidInput { .. }), "{err}");
        }
        assert!(render("/a/{id}", &params(&[("id", "")])).is_err());
        assert!(render("/a/{id}", &[]).is_err());
        assert!(render("/a", &params(&[("id", "1")])).is_err());
        for with_query in ["/a?limit=1", "/a/{id}#top"] {
            let err = render(with_query, &params(&[("id", "1")])).expect_err(with_query);
            assert!(
                err.to_string()
                    .contains("must not hold a query or fragment"),
                "{err}"
            );
        }
        // A dot inside a larger segment is harmless.
        assert_eq!(
            render("/a/{id}.mp3", &params(&[("id", "..")])).expect("renders"),
            "/a/...mp3"
        );
    }
}
