//! `{meta: {status, message}, data, pagination}`: `fail` and `error` are failures whatever the
//! HTTP status; on success the payload is `data` and `pagination` travels as metadata.

use ccapi_transport::envelope::{member_value, top_level_members};
use ccapi_transport::{Envelope, Failure, Opened, StatusCode};
use serde_json::Value;

/// The iAdvize REST envelope.
#[derive(Debug, Clone, Copy, Default)]
pub struct IadvizeEnvelope;

impl Envelope for IadvizeEnvelope {
    fn open<'a>(&self, _status: StatusCode, body: &'a [u8]) -> Result<Opened<'a>, Failure> {
        let Some(mut members) = top_level_members(body) else {
            return Ok(Opened::Whole);
        };
        let meta = members.get("meta").map(|raw| member_value(raw));
        let status = meta
            .as_ref()
            .and_then(|meta| meta.get("status"))
            .and_then(Value::as_str);
        if let Some(status @ ("fail" | "error")) = status {
            let message = meta
                .as_ref()
                .and_then(|meta| meta.get("message"))
                .and_then(ccapi_transport::envelope::scalar_text)
                .unwrap_or_default();
            return Err(Failure {
                message,
                code: Some(status.to_owned()),
            });
        }
        if meta.is_none() {
            return Ok(Opened::Whole);
        }
        let payload = members.remove("data");
        let meta = members
            .into_iter()
            .filter(|(name, _)| name != "data")
            .map(|(name, raw)| (name, member_value(raw)))
            .collect();
        Ok(Opened::Member { payload, meta })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fail_and_error_are_failures_on_any_status() {
        for (status, body, message, code) in [
            (
                200,
                r#"{"meta": {"status": "fail", "message": "Field 'name' is missing."}}"#,
                "Field 'name' is missing.",
                "fail",
            ),
            (
                403,
                r#"{"meta": {"status": "error", "message": "Forbidden"}}"#,
                "Forbidden",
                "error",
            ),
        ] {
            let failure = IadvizeEnvelope
                .open(
                    StatusCode::from_u16(status).expect("a status"),
                    body.as_bytes(),
                )
                .expect_err("a failure");
            assert_eq!(failure.message, message);
            assert_eq!(failure.code.as_deref(), Some(code));
        }
    }

    #[test]
    fn success_opens_data_and_keeps_pagination() {
        let body = br#"{"meta": {"status": "success"}, "data": [1], "pagination": {"page": 1, "pages": 2}}"#;
        match IadvizeEnvelope
            .open(StatusCode::OK, body)
            .expect("a success")
        {
            Opened::Member { payload, meta } => {
                assert_eq!(payload.map(|raw| raw.get()), Some("[1]"));
                assert_eq!(meta["pagination"]["pages"], 2);
                assert_eq!(meta["meta"]["status"], "success");
            }
            Opened::Whole => panic!("expected the data member"),
        }
    }
}
