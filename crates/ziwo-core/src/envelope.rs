//! `{"result": bool, "content": …, "info": {…}}`: `result: false` is a failure whatever the
//! status, with the message wherever Ziwo put it; `info` travels as metadata (list totals).
//!
//! A successful answer whose `info` carries a `message` (a deprecation notice, a warning) is
//! reported as a `tracing` event at `WARN` level, target `ziwo`, so it reaches your logs
//! (the `ccapi` command line prints it to stderr) instead of being dropped with the envelope.

use ccapi_transport::envelope::{member_value, top_level_members};
use ccapi_transport::{Envelope, Failure, Opened, StatusCode};
use serde_json::Value;

/// Where Ziwo puts a failure's message, in the order they are tried.
const MESSAGE_POINTERS: &[&str] = &[
    "/error/message",
    "/info/message",
    "/message",
    "/content/message",
    "/error",
];

/// The Ziwo envelope.
#[derive(Debug, Clone, Copy, Default)]
pub struct ZiwoEnvelope;

impl Envelope for ZiwoEnvelope {
    fn open<'a>(&self, status: StatusCode, body: &'a [u8]) -> Result<Opened<'a>, Failure> {
        let Some(mut members) = top_level_members(body) else {
            return Ok(Opened::Whole);
        };
        let result = members.get("result").map(|raw| member_value(raw));
        let refused = matches!(result, Some(Value::Bool(false)));
        if refused || !status.is_success() {
            let whole: Value = serde_json::from_slice(body).unwrap_or_default();
            let failure = Failure::from_pointers(
                &whole,
                MESSAGE_POINTERS,
                &["/error/code", "/info/code", "/code"],
            );
            if refused || !failure.message.is_empty() {
                return Err(failure);
            }
            return Ok(Opened::Whole);
        }
        if result.is_none() {
            return Ok(Opened::Whole);
        }
        let content = members.remove("content");
        let meta: serde_json::Map<String, Value> = members
            .into_iter()
            .filter(|(name, _)| name != "result")
            .map(|(name, raw)| (name, member_value(raw)))
            .collect();
        if let Some(notice) = info_notice(&meta) {
            tracing::warn!(target: "ziwo", "Ziwo says: {notice}");
        }
        Ok(Opened::Member {
            payload: content,
            meta,
        })
    }
}

/// The text of a successful answer's `info.message` (or `info.warning`), when there is one.
pub fn info_notice(meta: &serde_json::Map<String, Value>) -> Option<&str> {
    let info = meta.get("info")?;
    ["message", "warning"]
        .iter()
        .find_map(|name| info.get(*name)?.as_str())
        .map(str::trim)
        .filter(|text| !text.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn failure(status: u16, body: &str) -> Failure {
        ZiwoEnvelope
            .open(
                StatusCode::from_u16(status).expect("a status"),
                body.as_bytes(),
            )
            .expect_err("a failure")
    }

    #[test]
    fn every_message_placement_is_read() {
        for (body, message) in [
            (
                r#"{"result": false, "error": {"message": "in error", "code": 403}}"#,
                "in error",
            ),
            (
                r#"{"result": false, "info": {"message": "in info"}}"#,
                "in info",
            ),
            (
                r#"{"result": false, "message": "at the top"}"#,
                "at the top",
            ),
            (
                r#"{"result": false, "content": {"message": "in content"}}"#,
                "in content",
            ),
        ] {
            assert_eq!(failure(200, body).message, message, "{body}");
        }
        assert_eq!(
            failure(200, r#"{"result": false, "error": {"code": 7}}"#)
                .code
                .as_deref(),
            Some("7")
        );
        assert_eq!(
            failure(404, r#"{"result": true, "message": "Not found"}"#).message,
            "Not found"
        );
    }

    #[test]
    fn success_opens_content_and_keeps_info() {
        let body = br#"{"result": true, "content": [1], "info": {"total": 3}}"#;
        match ZiwoEnvelope.open(StatusCode::OK, body).expect("a success") {
            Opened::Member { payload, meta } => {
                assert_eq!(payload.map(|raw| raw.get()), Some("[1]"));
                assert_eq!(meta["info"]["total"], 3);
            }
            Opened::Whole => panic!("expected content"),
        }
        assert!(matches!(
            ZiwoEnvelope.open(StatusCode::OK, b"ID3..."),
            Ok(Opened::Whole)
        ));
    }

    #[test]
    fn info_notices_of_successful_answers_are_found() {
        let meta = |info: Value| serde_json::Map::from_iter([("info".to_owned(), info)]);
        assert_eq!(
            info_notice(&meta(
                serde_json::json!({"message": "This route is deprecated"})
            )),
            Some("This route is deprecated")
        );
        assert_eq!(info_notice(&meta(serde_json::json!({"total": 3}))), None);
        assert_eq!(
            info_notice(&meta(serde_json::json!({"message": " "}))),
            None
        );
    }
}
