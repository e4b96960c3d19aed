//! Agendize responses are bare resources; a failure is a non-2xx status or, whatever the status,
//! a body with a top-level `error` member (an object with `message` and `code`, or a string).

use ccapi_transport::envelope::{member_value, scalar_text, top_level_members};
use ccapi_transport::{Envelope, Failure, Opened, StatusCode};
use serde_json::Value;

/// The Agendize envelope: the payload is the whole body unless it carries `error`.
#[derive(Debug, Clone, Copy, Default)]
pub struct AgendizeEnvelope;

impl Envelope for AgendizeEnvelope {
    fn open<'a>(&self, status: StatusCode, body: &'a [u8]) -> Result<Opened<'a>, Failure> {
        // Most successful bodies cannot hold an `error` member at all: skip parsing them twice.
        if status.is_success() && !contains(body, br#""error""#) {
            return Ok(Opened::Whole);
        }
        let Some(members) = top_level_members(body) else {
            return Ok(Opened::Whole);
        };
        let failure = match members.get("error").map(|raw| member_value(raw)) {
            Some(Value::Null) | None if status.is_success() => return Ok(Opened::Whole),
            Some(Value::Object(error)) => {
                let error = Value::Object(error);
                Failure::from_pointers(
                    &error,
                    &["/message", "/reason", "/description"],
                    &["/code", "/reason"],
                )
            }
            Some(other @ (Value::String(_) | Value::Number(_))) => {
                let whole: Value = serde_json::from_slice(body).unwrap_or_default();
                Failure {
                    message: whole
                        .pointer("/message")
                        .or(whole.pointer("/error_description"))
                        .and_then(scalar_text)
                        .unwrap_or_else(|| scalar_text(&other).unwrap_or_default()),
                    code: scalar_text(&other),
                }
            }
            _ => {
                let whole: Value = serde_json::from_slice(body).unwrap_or_default();
                Failure::from_pointers(&whole, &["/message", "/error_description"], &["/code"])
            }
        };
        if failure.message.is_empty() && failure.code.is_none() && !status.is_success() {
            // No message anywhere: the transport reports the status alone.
            return Ok(Opened::Whole);
        }
        Err(failure)
    }
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack
        .windows(needle.len())
        .any(|window| window == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn open(status: u16, body: &str) -> Result<(), Failure> {
        let status = StatusCode::from_u16(status).expect("a status");
        AgendizeEnvelope.open(status, body.as_bytes()).map(|_| ())
    }

    #[test]
    fn error_members_are_failures_whatever_the_status() {
        assert_eq!(
            open(
                200,
                r#"{"error": {"code": 403, "message": "Forbidden account"}}"#
            ),
            Err(Failure {
                message: "Forbidden account".to_owned(),
                code: Some("403".to_owned())
            })
        );
        assert_eq!(
            open(
                404,
                r#"{"error": {"code": "notFound", "message": "Unknown account"}}"#
            ),
            Err(Failure {
                message: "Unknown account".to_owned(),
                code: Some("notFound".to_owned())
            })
        );
        assert_eq!(
            open(
                200,
                r#"{"error": "invalid_token", "message": "Token expired"}"#
            ),
            Err(Failure {
                message: "Token expired".to_owned(),
                code: Some("invalid_token".to_owned())
            })
        );
        assert_eq!(
            open(500, r#"{"message": "Internal error"}"#),
            Err(Failure::message("Internal error"))
        );
    }

    #[test]
    fn resources_and_bodies_without_a_message_open_whole() {
        assert_eq!(open(200, r#"{"id": "1", "name": "error"}"#), Ok(()));
        assert_eq!(open(200, r#"{"items": [], "error": null}"#), Ok(()));
        assert_eq!(open(200, "not json"), Ok(()));
        assert_eq!(open(502, "<html>bad gateway</html>"), Ok(()));
        assert_eq!(open(204, ""), Ok(()));
    }
}
