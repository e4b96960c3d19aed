//! Recognizing credentials by the name of the JSON member that holds them, for tools that show
//! or store provider data (the fixture recorder, the `ccapi` command line) and must not leak a
//! password, token or key that a response happens to carry.
//!
//! One rule decides ([`is_credential_name`]): a name containing a [secret word](SECRET_WORDS),
//! unless it is one of the few the models need shown ([`NOT_SECRET`]). The names a provider
//! marks secret beyond it in a crate's `api.toml` are emitted by `cargo xtask codegen` as
//! `models::SECRET_MEMBERS`, and given to [`redact_members`].

use serde_json::Value;

/// What a snapshot shows in place of a credential (the generated decode snapshots, the request
/// snapshots of the command line); the fixture recorder's placeholders are
/// `<redacted:credential>` and `<redacted:secret>`.
pub const SNAPSHOT_PLACEHOLDER: &str = "<redacted:credential>";

/// The words that make a member name a credential's wherever they occur in it, compared
/// without case, `_` or `-`: `sipPassword`, `sessionToken`, `authToken`, `webrtcSecret`,
/// `secretKey`, `privateKey`, `jwt`, `bearer`, `cookie`, `sessionId`, `passcode`, `auth`.
pub const SECRET_WORDS: &[&str] = &[
    "password", "passwd", "secret", "token", "key", "jwt", "cookie", "session", "passcode", "auth",
    "bearer",
];

/// The member names the providers' models use that contain a [secret word](SECRET_WORDS) and
/// hold none, compared the same way: counts, URLs of endpoints, ids of keys, the name of an
/// Agendize watch's template member, and the two objects of an Agendize watch whose members are
/// judged by their own names (`basicAuth.username` shows, `basicAuth.password` does not).
pub const NOT_SECRET: &[&str] = &[
    "tokencount",
    "accesstokenurl",
    "authurl",
    "cryptokeyids",
    "myidkey",
    "basicauth",
    "oauth2auth",
];

/// The fields of an OAuth2 token request that are credentials without a secret word in their
/// names: the authorization code and its PKCE verifier. For tools that show forms (the
/// sandbox's journal), besides [`is_credential_name`].
pub const GRANT_FORM_CREDENTIALS: &[&str] = &["code", "code_verifier"];

/// `name` without case, `_` or `-`.
fn normalized(name: &str) -> String {
    name.chars()
        .filter(|c| *c != '_' && *c != '-')
        .flat_map(char::to_lowercase)
        .collect()
}

/// Whether a member named `name` holds a credential, by the one rule every tool of the
/// workspace uses (the models' `Debug`, the command line's output, the fixture recorder, the
/// sandbox's journal): its name contains one of [`SECRET_WORDS`] and is not one of
/// [`NOT_SECRET`].
pub fn is_credential_name(name: &str) -> bool {
    let name = normalized(name);
    SECRET_WORDS.iter().any(|word| name.contains(word)) && !NOT_SECRET.contains(&name.as_str())
}

/// Whether a member named `name` holds a credential: [`is_credential_name`], or one of `also`
/// (a crate's `models::SECRET_MEMBERS`, names the rule alone would miss), compared the same way.
pub fn is_secret_member(name: &str, also: &[&str]) -> bool {
    is_credential_name(name) || {
        let name = normalized(name);
        also.iter().any(|other| normalized(other) == name)
    }
}

/// Replaces, in place, every non-null value of a member with a generic credential name with
/// `placeholder`, at any depth. Returns the JSON pointers replaced.
pub fn redact_credentials(value: &mut Value, placeholder: &str) -> Vec<String> {
    redact_members(value, placeholder, &[])
}

/// As [`redact_credentials`], and also the members named in `also` (the providers' own secret
/// names, from their crates' `models::SECRET_MEMBERS`).
pub fn redact_members(value: &mut Value, placeholder: &str, also: &[&str]) -> Vec<String> {
    let mut replaced = Vec::new();
    let is_secret = |name: &str| is_secret_member(name, also);
    walk(value, String::new(), placeholder, &is_secret, &mut replaced);
    replaced
}

/// Replaces every [credential member](is_credential_name), at any depth.
pub(crate) fn redact_for_debug(value: &mut Value, placeholder: &str) {
    walk(
        value,
        String::new(),
        placeholder,
        &is_credential_name,
        &mut Vec::new(),
    );
}

fn walk(
    value: &mut Value,
    at: String,
    placeholder: &str,
    is_secret: &dyn Fn(&str) -> bool,
    out: &mut Vec<String>,
) {
    match value {
        Value::Array(items) => {
            for (index, item) in items.iter_mut().enumerate() {
                walk(item, format!("{at}/{index}"), placeholder, is_secret, out);
            }
        }
        Value::Object(members) => {
            for (name, member) in members.iter_mut() {
                let here = format!("{at}/{name}");
                if is_secret(name) {
                    replace_leaves(member, here, placeholder, out);
                } else {
                    walk(member, here, placeholder, is_secret, out);
                }
            }
        }
        _ => {}
    }
}

fn replace_leaves(value: &mut Value, at: String, placeholder: &str, replaced: &mut Vec<String>) {
    match value {
        Value::Null => {}
        Value::String(text) if text == placeholder => {}
        Value::Array(items) => {
            for (index, item) in items.iter_mut().enumerate() {
                replace_leaves(item, format!("{at}/{index}"), placeholder, replaced);
            }
        }
        Value::Object(members) => {
            for (name, member) in members.iter_mut() {
                replace_leaves(member, format!("{at}/{name}"), placeholder, replaced);
            }
        }
        _ => {
            *value = Value::String(placeholder.to_owned());
            replaced.push(at);
        }
    }
}

/// What replaces a credential value that was sent, wherever it appears in a message or a
/// kept body ([`scrub`], [`Error::without_secrets`](crate::Error::without_secrets)).
pub const SENT_PLACEHOLDER: &str = "<redacted:sent-credential>";

/// The shortest secret [`scrub`] looks for: a shorter one would match ordinary text (no
/// provider issues keys or tokens that short).
pub const SCRUB_MIN_LEN: usize = 6;

/// `text` with every occurrence of each of `secrets` (as given, and percent-encoded as a query
/// or form would carry it) replaced with [`SENT_PLACEHOLDER`]: a server that echoes what it
/// received puts the credentials into its error messages. Secrets shorter than
/// [`SCRUB_MIN_LEN`] are ignored. One pass over the original text, so a placeholder is never
/// scrubbed again; borrows when nothing was found.
pub fn scrub<'a>(text: &'a str, secrets: &[&str]) -> std::borrow::Cow<'a, str> {
    let mut found: Vec<(usize, usize)> = Vec::new();
    for secret in secrets
        .iter()
        .filter(|secret| secret.len() >= SCRUB_MIN_LEN)
    {
        // A form encodes a space as `+`, a query as `%20`.
        let form: String = url::form_urlencoded::byte_serialize(secret.as_bytes()).collect();
        let query = form.replace('+', "%20");
        for needle in [*secret, form.as_str(), query.as_str()] {
            found.extend(
                text.match_indices(needle)
                    .map(|(start, matched)| (start, start + matched.len())),
            );
        }
    }
    if found.is_empty() {
        return std::borrow::Cow::Borrowed(text);
    }
    found.sort_unstable();
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    for (start, end) in found {
        if end <= copied {
            continue; // inside a match already replaced
        }
        if start >= copied {
            out.push_str(&text[copied..start]);
            out.push_str(SENT_PLACEHOLDER);
        }
        copied = end;
    }
    out.push_str(&text[copied..]);
    std::borrow::Cow::Owned(out)
}

/// `text` (JSON, or what looks like it: a document too deep or with a number too large for a
/// parser) with the value of every [credential member](is_secret_member) replaced with
/// `placeholder`, found by scanning for `"name": value` rather than by parsing. For printing
/// an answer that did not parse as JSON without printing the credentials it holds.
pub fn redact_text(text: &str, placeholder: &str, also: &[&str]) -> String {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    let mut at = 0;
    while at < bytes.len() {
        if bytes[at] != b'"' {
            at += 1;
            continue;
        }
        let Some(name_end) = string_end(bytes, at) else {
            break;
        };
        let name = &text[at + 1..name_end - 1];
        let mut value_at = name_end;
        while value_at < bytes.len() && bytes[value_at].is_ascii_whitespace() {
            value_at += 1;
        }
        if value_at >= bytes.len() || bytes[value_at] != b':' || !is_secret_member(name, also) {
            at = name_end;
            continue;
        }
        value_at += 1;
        while value_at < bytes.len() && bytes[value_at].is_ascii_whitespace() {
            value_at += 1;
        }
        let value_end = match bytes.get(value_at) {
            Some(b'"') => string_end(bytes, value_at).unwrap_or(bytes.len()),
            // An object or array under a credential's name goes whole, as in parsed JSON
            // (`"apiKeys": ["k1", "k2"]`, `"auth": {"user": "u", "pass": "p"}`).
            Some(b'{' | b'[') => container_end(bytes, value_at),
            None => break,
            Some(_) => {
                let mut end = value_at;
                while end < bytes.len()
                    && !matches!(bytes[end], b',' | b'}' | b']')
                    && !bytes[end].is_ascii_whitespace()
                {
                    end += 1;
                }
                end
            }
        };
        if text[value_at..value_end].trim() != "null" {
            out.push_str(&text[copied..value_at]);
            out.push('"');
            out.push_str(placeholder);
            out.push('"');
            copied = value_end;
        }
        at = value_end;
    }
    out.push_str(&text[copied..]);
    out
}

/// The index just past the object or array starting at `start` (its matching `}` or `]`,
/// strings skipped), or the text's end when it does not close.
fn container_end(bytes: &[u8], start: usize) -> usize {
    let mut depth = 0usize;
    let mut at = start;
    while at < bytes.len() {
        match bytes[at] {
            b'"' => {
                at = string_end(bytes, at).unwrap_or(bytes.len());
                continue;
            }
            b'{' | b'[' => depth += 1,
            b'}' | b']' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return at + 1;
                }
            }
            _ => {}
        }
        at += 1;
    }
    bytes.len()
}

/// The index just past the JSON string starting at `start` (a `"`); `None` when it does not
/// end.
fn string_end(bytes: &[u8], start: usize) -> Option<usize> {
    let mut at = start + 1;
    while at < bytes.len() {
        match bytes[at] {
            b'\\' => at += 2,
            b'"' => return Some(at + 1),
            _ => at += 1,
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn one_rule_names_credentials_by_the_words_they_contain() {
        for name in [
            "sipPassword",
            "sessionToken",
            "authToken",
            "webrtcSecret",
            "secretKey",
            "privateKey",
            "jwt",
            "bearer",
            "cookie",
            "sessionId",
            "passcode",
            "auth",
            "api_key",
            "Authorization",
            "startRequestAPIKey",
        ] {
            assert!(is_credential_name(name), "{name}");
        }
        for name in [
            "tokenCount",
            "token_count",
            "accessTokenUrl",
            "authUrl",
            "cryptoKeyIds",
            "basicAuth",
            "id",
            "name",
            "number",
        ] {
            assert!(!is_credential_name(name), "{name}");
        }
    }

    #[test]
    fn text_that_does_not_parse_is_redacted_by_scanning() {
        // 1e400 makes serde_json refuse the document; the token must not print anyway.
        let text = r#"{"n": 1e400, "sipPassword": "s3cr\"et", "jwt":12345, "nested": {"apiKey" : "k"}, "ok": "tokenCount", "sessionId": null, "tokenCount": 3, "apiKeys": ["k1", "]k2"], "auth": {"user": "u", "pass": {"p": [1]}}, "after": 1}"#;
        assert_eq!(
            redact_text(text, "**", &[]),
            r#"{"n": 1e400, "sipPassword": "**", "jwt":"**", "nested": {"apiKey" : "**"}, "ok": "tokenCount", "sessionId": null, "tokenCount": 3, "apiKeys": "**", "auth": "**", "after": 1}"#
        );
        assert_eq!(
            redact_text(r#"{"token": [1, {"#, "**", &[]),
            r#"{"token": "**""#
        );
        // Unterminated, multi-byte, nested deeper than a parser allows: no panic.
        let deep = format!("{}\"token\": \"t\"{}", "[".repeat(200), "]".repeat(200));
        assert!(!redact_text(&deep, "**", &[]).contains("\"t\""));
        assert_eq!(redact_text("{\"pass€", "**", &[]), "{\"pass€");
        assert_eq!(
            redact_text("{\"token\": \"é", "**", &[]),
            "{\"token\": \"**\""
        );
    }

    #[test]
    fn sent_secrets_are_scrubbed_as_given_and_as_encoded() {
        let text = "echo: password=pw%20secret&client_secret=c5 and pw secret";
        assert_eq!(
            scrub(text, &["pw secret", "c5", ""]),
            "echo: password=<redacted:sent-credential>&client_secret=c5 and \
             <redacted:sent-credential>",
            "secrets too short to be told from text are left"
        );
        // Overlapping secrets, and one that occurs in the placeholder: one pass.
        assert_eq!(
            scrub("xx abcdefgh yy", &["abcdef", "cdefgh", "redacted"]),
            "xx <redacted:sent-credential> yy"
        );
        assert!(matches!(
            scrub("nothing here", &["pw"]),
            std::borrow::Cow::Borrowed(_)
        ));
    }

    #[test]
    fn credential_members_are_replaced_at_any_depth() {
        let mut value = json!({
            "id": 1, "ssoToken": "s", "sso_key": "k", "access_token": "a",
            "oauth2Auth": {"clientSecret": "c", "clientId": "visible"},
            "list": [{"startRequestAPIKey": "x", "endRequestAPIKey": null}],
            "tokenCount": 3
        });
        let mut generic_only = value.clone();
        let mut replaced = redact_credentials(&mut generic_only, "<redacted>");
        // Member order depends on serde_json's `preserve_order` (on in a workspace build).
        replaced.sort();
        // The one rule finds the providers' own names too: they contain a secret word.
        assert_eq!(
            replaced,
            [
                "/access_token",
                "/list/0/startRequestAPIKey",
                "/oauth2Auth/clientSecret",
                "/ssoToken",
                "/sso_key"
            ]
        );

        // The providers' own names come from their crates (`models::SECRET_MEMBERS`).
        let replaced = redact_members(
            &mut value,
            "<redacted>",
            &[
                "ssoToken",
                "sso_key",
                "startRequestAPIKey",
                "endRequestAPIKey",
            ],
        );
        assert_eq!(
            value,
            json!({
                "id": 1, "ssoToken": "<redacted>", "sso_key": "<redacted>", "access_token": "<redacted>",
                "oauth2Auth": {"clientSecret": "<redacted>", "clientId": "visible"},
                "list": [{"startRequestAPIKey": "<redacted>", "endRequestAPIKey": null}],
                "tokenCount": 3
            })
        );
        assert_eq!(replaced.len(), 5);
        assert!(is_secret_member(
            "START_REQUEST-apikey",
            &["startRequestAPIKey"]
        ));
        assert!(!is_secret_member("tokenCount", &["startRequestAPIKey"]));
    }
}
