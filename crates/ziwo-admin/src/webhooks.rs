//! The call-tracker webhooks, for the web service Ziwo calls: the start-call request (a form
//! with `didCalled`) and its answer (routing rules), the end-call CDR, and the `X-API-Key`
//! check. No web framework needed: hand over the header and body bytes.
//!
//! ```
//! use ziwo_admin::models::{Rule, StartCallAnswer};
//! use ziwo_admin::webhooks::{api_key_matches, StartCall};
//!
//! let expected = "shared-secret".into();
//! // In your handler for the start URL:
//! assert!(api_key_matches(Some("shared-secret"), &expected));
//! let start = StartCall::from_body(
//!     Some("application/x-www-form-urlencoded"),
//!     b"didCalled=061234567",
//! )?;
//! let answer = StartCallAnswer::new(
//!     start.did_called.clone(),
//!     vec![Rule::new("call", "0505874603", "042789926", 10)],
//! );
//! let body = ziwo_admin::webhooks::answer_body(&answer); // respond 200, application/json
//! assert!(body.starts_with(r#"{"result":true,"content":{"didCalled":"061234567""#));
//! # Ok::<(), ziwo_admin::webhooks::WebhookError>(())
//! ```

use std::fmt;

use ccapi_transport::{ExposeSecret, SecretString};
use subtle::ConstantTimeEq;

use crate::models::{Cdr, StartCallAnswer, StartCallRequest};

/// The header Ziwo sends the call tracker's API key in.
pub const API_KEY_HEADER: &str = "X-API-Key";

/// The start-call request, decoded.
pub type StartCall = StartCallRequest;

/// A webhook request that does not decode.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum WebhookError {
    /// A required form field is missing.
    MissingField(&'static str),
    /// The body is not what the webhook sends.
    Body {
        /// Where decoding stopped.
        path: String,
        /// What was wrong.
        message: String,
    },
}

impl fmt::Display for WebhookError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::MissingField(name) => write!(f, "the form has no `{name}`"),
            Self::Body { path, message } => {
                write!(f, "the body does not decode at `{path}`: {message}")
            }
        }
    }
}

impl std::error::Error for WebhookError {}

impl StartCallRequest {
    /// Decodes the start-call request from its `Content-Type` and body: the
    /// `multipart/form-data` that the seed's example sends (`curl --form "didCalled=…"`), or a
    /// URL-encoded form (also what a missing content type is read as).
    ///
    /// Every field other than `didCalled` is kept in `extra`, as text, in the order received.
    pub fn from_body(content_type: Option<&str>, body: &[u8]) -> Result<Self, WebhookError> {
        match content_type.and_then(multipart_boundary) {
            Some(boundary) => Self::from_fields(multipart_fields(body, &boundary)?),
            None if content_type.is_some_and(is_multipart) => Err(WebhookError::Body {
                path: "Content-Type".into(),
                message: "multipart/form-data without a boundary".into(),
            }),
            None => Self::from_form(body),
        }
    }

    /// Decodes a URL-encoded start-call form (`didCalled=...`).
    ///
    /// Every other field of the form is kept in `extra`, as text, in the order received.
    pub fn from_form(body: &[u8]) -> Result<Self, WebhookError> {
        Self::from_fields(
            url::form_urlencoded::parse(body)
                .map(|(name, value)| (name.into_owned(), value.into_owned()))
                .collect(),
        )
    }

    fn from_fields(fields: Vec<(String, String)>) -> Result<Self, WebhookError> {
        let mut did_called = None;
        let mut extra = ccapi_transport::model::Extra::new();
        for (name, value) in fields {
            if name == "didCalled" && did_called.is_none() {
                did_called = Some(value);
            } else {
                extra.append(name, value.into());
            }
        }
        Ok(Self {
            did_called: did_called.ok_or(WebhookError::MissingField("didCalled"))?,
            extra,
        })
    }
}

fn is_multipart(content_type: &str) -> bool {
    content_type
        .split(';')
        .next()
        .is_some_and(|kind| kind.trim().eq_ignore_ascii_case("multipart/form-data"))
}

/// The `boundary` parameter of a `multipart/form-data` content type.
fn multipart_boundary(content_type: &str) -> Option<String> {
    if !is_multipart(content_type) {
        return None;
    }
    content_type.split(';').skip(1).find_map(|parameter| {
        let (name, value) = parameter.split_once('=')?;
        name.trim()
            .eq_ignore_ascii_case("boundary")
            .then(|| value.trim().trim_matches('"').to_owned())
            .filter(|boundary| !boundary.is_empty())
    })
}

/// The text fields of a `multipart/form-data` body (RFC 7578). The start-call request carries
/// a few short text fields and no files, so the body is already in memory; a streaming parser
/// (`multer`) would bring an async stream and its encoding tables for nothing here.
fn multipart_fields(body: &[u8], boundary: &str) -> Result<Vec<(String, String)>, WebhookError> {
    let malformed = |message: &str| WebhookError::Body {
        path: "multipart".into(),
        message: message.to_owned(),
    };
    let text = std::str::from_utf8(body).map_err(|_| malformed("the body is not UTF-8 text"))?;
    let delimiter = format!("--{boundary}");
    let mut parts = text.split(delimiter.as_str());
    // Before the first delimiter: the preamble, ignored by RFC 2046.
    parts.next();
    let mut fields = Vec::new();
    let mut closed = false;
    for part in parts {
        if part.starts_with("--") {
            closed = true;
            break;
        }
        let part = part
            .strip_prefix("\r\n")
            .ok_or_else(|| malformed("a delimiter is not followed by a line break"))?;
        let (headers, value) = part
            .split_once("\r\n\r\n")
            .ok_or_else(|| malformed("a part has no blank line after its headers"))?;
        let name = headers
            .split("\r\n")
            .filter_map(|line| line.split_once(':'))
            .find(|(header, _)| header.trim().eq_ignore_ascii_case("content-disposition"))
            .and_then(|(_, disposition)| {
                disposition.split(';').find_map(|parameter| {
                    let (key, value) = parameter.split_once('=')?;
                    (key.trim() == "name").then(|| value.trim().trim_matches('"').to_owned())
                })
            })
            .ok_or_else(|| malformed("a part has no Content-Disposition name"))?;
        let value = value.strip_suffix("\r\n").unwrap_or(value);
        fields.push((name, value.to_owned()));
    }
    if !closed {
        return Err(malformed("the closing delimiter is missing"));
    }
    Ok(fields)
}

/// The full response body of the start-call webhook: `{"result": true, "content": answer}`.
pub fn answer_body(answer: &StartCallAnswer) -> String {
    /// The envelope in the order Ziwo documents it.
    #[derive(serde::Serialize)]
    struct Envelope<'a> {
        result: bool,
        content: &'a StartCallAnswer,
    }
    serde_json::to_string(&Envelope {
        result: true,
        content: answer,
    })
    .unwrap_or_else(|_| String::from(r#"{"result":false}"#))
}

/// Decodes the end-call CDR Ziwo posts as JSON.
pub fn end_call(body: &[u8]) -> Result<Cdr, WebhookError> {
    let mut deserializer = serde_json::Deserializer::from_slice(body);
    serde_path_to_error::deserialize(&mut deserializer).map_err(|err| WebhookError::Body {
        path: err.path().to_string(),
        message: err.inner().to_string(),
    })
}

/// Whether the `X-API-Key` header value matches the call tracker's key, compared in constant
/// time (a missing header never matches).
pub fn api_key_matches(header: Option<&str>, expected: &SecretString) -> bool {
    let Some(received) = header else {
        return false;
    };
    let expected = expected.expose_secret().as_bytes();
    // `ct_eq` on slices of different lengths returns false without comparing contents; the
    // length of a key is not a secret worth hiding.
    bool::from(received.as_bytes().ct_eq(expected)) && !expected.is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_match_exactly() {
        let key: SecretString = "some-random-uuid".into();
        assert!(api_key_matches(Some("some-random-uuid"), &key));
        for wrong in [
            Some("some-random-uuiD"),
            Some("some-random-uui"),
            Some(""),
            None,
        ] {
            assert!(!api_key_matches(wrong, &key), "{wrong:?}");
        }
        assert!(
            !api_key_matches(Some(""), &"".into()),
            "an empty key never matches"
        );
    }

    #[test]
    fn the_start_form_and_the_end_cdr_decode() {
        assert_eq!(
            StartCall::from_form(b"didCalled=%2B97161234567&x=1")
                .expect("decodes")
                .did_called,
            "+97161234567"
        );
        assert_eq!(
            StartCall::from_form(b"x=1"),
            Err(WebhookError::MissingField("didCalled"))
        );
        let error = end_call(br#"{"duration": "long"}"#).expect_err("not a number");
        assert!(
            matches!(error, WebhookError::Body { ref path, .. } if path == "duration"),
            "{error}"
        );
    }
}
