//! Recognizing credentials by the name of the JSON member that holds them, for tools that show
//! or store provider data (the fixture recorder, the `ccapi` command line) and must not leak a
//! password, token or key that a response happens to carry.

use serde_json::Value;

/// Member names that hold credentials, compared without case, `_` or `-`.
const CREDENTIAL_NAMES: &[&str] = &[
    "password",
    "passwd",
    "secret",
    "clientsecret",
    "token",
    "accesstoken",
    "refreshtoken",
    "idtoken",
    "ssotoken",
    "ssokey",
    "ccpassword",
    "apikey",
    "apitoken",
    "authorization",
    "startrequestapikey",
    "endrequestapikey",
];

/// Whether a member named `name` holds a credential (`password`, `ssoToken`, `access_token`,
/// `startRequestAPIKey`, ...).
pub fn is_credential_name(name: &str) -> bool {
    let normalized: String = name
        .chars()
        .filter(|c| *c != '_' && *c != '-')
        .flat_map(char::to_lowercase)
        .collect();
    CREDENTIAL_NAMES.contains(&normalized.as_str())
}

/// Replaces, in place, every non-null value of a member named like a credential with
/// `placeholder`, at any depth. Returns the JSON pointers replaced.
pub fn redact_credentials(value: &mut Value, placeholder: &str) -> Vec<String> {
    let mut replaced = Vec::new();
    walk(value, String::new(), placeholder, &mut replaced);
    replaced
}

fn walk(value: &mut Value, at: String, placeholder: &str, replaced: &mut Vec<String>) {
    match value {
        Value::Array(items) => {
            for (index, item) in items.iter_mut().enumerate() {
                walk(item, format!("{at}/{index}"), placeholder, replaced);
            }
        }
        Value::Object(members) => {
            for (name, member) in members.iter_mut() {
                let here = format!("{at}/{name}");
                if is_credential_name(name) {
                    replace_leaves(member, here, placeholder, replaced);
                } else {
                    walk(member, here, placeholder, replaced);
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
        let replaced = redact_credentials(&mut value, "<redacted>");
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
    }
}
