//! Recognizing credentials by the name of the JSON member that holds them, for tools that show
//! or store provider data (the fixture recorder, the `ccapi` command line) and must not leak a
//! password, token or key that a response happens to carry.
//!
//! The transport knows only the generic names (`password`, `token`, `apiKey`, ...). The names a
//! provider uses for its own secrets (Ziwo `startRequestAPIKey`, Agendize `ssoToken`) are
//! emitted by `cargo xtask codegen` from each crate's `codegen.toml`, as
//! `models::SECRET_MEMBERS`, and given to [`redact_members`].

use serde_json::Value;

/// What a snapshot shows in place of a credential (the generated decode snapshots, the request
/// snapshots of the command line); the fixture recorder's placeholders are
/// `<redacted:credential>` and `<redacted:secret>`.
pub const SNAPSHOT_PLACEHOLDER: &str = "<redacted:credential>";

/// Generic member names that hold credentials, compared without case, `_` or `-`.
const CREDENTIAL_NAMES: &[&str] = &[
    "password",
    "passwd",
    "secret",
    "clientsecret",
    "token",
    "accesstoken",
    "refreshtoken",
    "idtoken",
    "apikey",
    "apitoken",
    "authorization",
];

/// `name` without case, `_` or `-`.
fn normalized(name: &str) -> String {
    name.chars()
        .filter(|c| *c != '_' && *c != '-')
        .flat_map(char::to_lowercase)
        .collect()
}

/// Whether a member named `name` holds a credential by its generic name (`password`,
/// `access_token`, `clientSecret`, `apiKey`, ...).
pub fn is_credential_name(name: &str) -> bool {
    CREDENTIAL_NAMES.contains(&normalized(name).as_str())
}

/// Whether a member named `name` holds a credential: a generic name, or one of `also` (a
/// crate's `models::SECRET_MEMBERS`), compared the same way.
pub fn is_secret_member(name: &str, also: &[&str]) -> bool {
    let name = normalized(name);
    CREDENTIAL_NAMES.contains(&name.as_str()) || also.iter().any(|other| normalized(other) == name)
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

/// Whether a member name merely looks like a credential's: it contains `password`, `secret`,
/// `token` or `apikey`, or ends with `key` (`ssoToken`, `sso_key`, `startRequestAPIKey`). Broader
/// than [`is_credential_name`], so it may hide a harmless member (`sortKey`): used where nothing
/// but a safe view is needed, the `Debug` output of unknown members.
pub(crate) fn looks_like_credential(name: &str) -> bool {
    let name = normalized(name);
    [
        "password",
        "passwd",
        "secret",
        "token",
        "apikey",
        "authorization",
    ]
    .iter()
    .any(|word| name.contains(word))
        || name.ends_with("key")
}

/// Replaces every member that [looks like a credential](looks_like_credential), at any depth.
pub(crate) fn redact_for_debug(value: &mut Value, placeholder: &str) {
    walk(
        value,
        String::new(),
        placeholder,
        &looks_like_credential,
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

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn credential_members_are_replaced_at_any_depth() {
        let mut value = json!({
            "id": 1, "ssoToken": "s", "sso_key": "k", "access_token": "a",
            "oauth2Auth": {"clientSecret": "c", "clientId": "visible"},
            "list": [{"startRequestAPIKey": "x", "endRequestAPIKey": null}],
            "tokenCount": 3
        });
        let mut generic_only = value.clone();
        let replaced = redact_credentials(&mut generic_only, "<redacted>");
        assert_eq!(replaced, ["/access_token", "/oauth2Auth/clientSecret"]);

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
