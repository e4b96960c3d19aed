//! How a provider wraps its payloads and reports failures.
//!
//! Each provider crate implements [`Envelope`] once (a few lines) and the transport does the
//! decoding: Ziwo `{result, content, info}`, iAdvize `{meta, data, pagination}`, Agendize
//! `{error}` next to bare resources, cc-voice bare JSON ([`BareJson`]).
//!
//! The contract: [`Envelope::open`] sees every response body with its status. For a success it
//! says where the payload is ([`Opened`]); for a body that reports a failure, whatever the
//! status, it returns the provider's message as a [`Failure`]. The transport turns a failure on
//! a 2xx into [`Error::Provider`](crate::Error::Provider) and on any other status into
//! [`Error::Http`](crate::Error::Http) carrying that message.

use std::collections::HashMap;
use std::fmt;

use reqwest::StatusCode;
use serde_json::value::RawValue;
use serde_json::{Map, Value};

/// Where the payload of a successful response is.
#[derive(Debug)]
pub enum Opened<'a> {
    /// The whole body is the payload.
    Whole,
    /// The payload is one member of the envelope (`None`: the member is absent, decoded as
    /// JSON `null`); `meta` keeps the envelope's other members (`info`, `pagination`).
    Member {
        /// The payload member's raw JSON.
        payload: Option<&'a RawValue>,
        /// The envelope's other members.
        meta: Map<String, Value>,
    },
}

/// A failure reported in a response body.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Failure {
    /// The provider's message (may be empty when the body has none).
    pub message: String,
    /// The provider's error code, as text.
    pub code: Option<String>,
}

impl Failure {
    /// A failure with a message and no code.
    pub fn message(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
            code: None,
        }
    }

    /// The message and code found at the first of `message_pointers` / `code_pointers`
    /// (JSON pointers, RFC 6901) that hold text or a number.
    pub fn from_pointers(value: &Value, message_pointers: &[&str], code_pointers: &[&str]) -> Self {
        Self {
            message: first_text(value, message_pointers).unwrap_or_default(),
            code: first_text(value, code_pointers),
        }
    }
}

/// A provider's response envelope. See the [module docs](self).
pub trait Envelope: Send + Sync + fmt::Debug + 'static {
    /// Finds the payload of `body` or the failure it reports.
    ///
    /// For a non-success `status`, returning `Ok` means "no message found": the transport then
    /// reports the status alone.
    fn open<'a>(&self, status: StatusCode, body: &'a [u8]) -> Result<Opened<'a>, Failure>;
}

/// Bare JSON: the payload is the body; error bodies look like `{"code": …, "message": …}`
/// or OAuth2's `{"error": …, "error_description": …}`.
#[derive(Debug, Clone, Copy, Default)]
pub struct BareJson;

impl Envelope for BareJson {
    fn open<'a>(&self, status: StatusCode, body: &'a [u8]) -> Result<Opened<'a>, Failure> {
        if status.is_success() {
            return Ok(Opened::Whole);
        }
        match serde_json::from_slice::<Value>(body) {
            Ok(value) => Err(Failure::from_pointers(
                &value,
                &[
                    "/message",
                    "/error/message",
                    "/error_description",
                    "/error",
                    "/detail",
                ],
                &["/code", "/error/code", "/error"],
            )),
            Err(_) => Ok(Opened::Whole),
        }
    }
}

/// The top-level members of a JSON object body, unparsed; `None` when the body is not an
/// object. Envelope implementations use it to look at a few members without decoding the
/// payload twice.
pub fn top_level_members(body: &[u8]) -> Option<HashMap<String, &RawValue>> {
    serde_json::from_slice(body).ok()
}

/// Parses one raw member into a [`Value`] (members such as `meta` and `info` are small).
pub fn member_value(raw: &RawValue) -> Value {
    serde_json::from_str(raw.get()).unwrap_or(Value::Null)
}

/// The first of `pointers` that holds a string or a number, as text.
pub fn first_text(value: &Value, pointers: &[&str]) -> Option<String> {
    pointers
        .iter()
        .filter_map(|pointer| value.pointer(pointer))
        .find_map(scalar_text)
}

/// A string as itself, a number or boolean as its JSON text; `None` for anything else.
pub fn scalar_text(value: &Value) -> Option<String> {
    match value {
        Value::String(text) => Some(text.clone()),
        Value::Number(number) => Some(number.to_string()),
        Value::Bool(flag) => Some(flag.to_string()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bare_json_reads_code_as_number_or_string() {
        let failure = BareJson
            .open(
                StatusCode::CONFLICT,
                br#"{"code": 409, "message": "leg busy"}"#,
            )
            .expect_err("a failure");
        assert_eq!(failure.message, "leg busy");
        assert_eq!(failure.code.as_deref(), Some("409"));
        let failure = BareJson
            .open(
                StatusCode::BAD_REQUEST,
                br#"{"error": "invalid_grant", "error_description": "bad password"}"#,
            )
            .expect_err("a failure");
        assert_eq!(failure.message, "bad password");
        assert_eq!(failure.code.as_deref(), Some("invalid_grant"));
        assert!(matches!(
            BareJson.open(StatusCode::OK, b"[]"),
            Ok(Opened::Whole)
        ));
    }
}
