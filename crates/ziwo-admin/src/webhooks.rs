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
//! let start = StartCall::from_form(b"didCalled=061234567")?;
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
    /// Decodes the start-call form (`didCalled=...`, URL-encoded or as multipart fields
    /// already extracted by your server into that form).
    ///
    /// Every other field of the form is kept in `extra`, as text, in the order received.
    pub fn from_form(body: &[u8]) -> Result<Self, WebhookError> {
        let mut did_called = None;
        let mut extra = ccapi_transport::model::Extra::new();
        for (name, value) in url::form_urlencoded::parse(body) {
            if name == "didCalled" && did_called.is_none() {
                did_called = Some(value.into_owned());
            } else {
                extra.append(name.into_owned(), value.into_owned().into());
            }
        }
        Ok(Self {
            did_called: did_called.ok_or(WebhookError::MissingField("didCalled"))?,
            extra,
        })
    }
}

/// The full response body of the start-call webhook: `{"result": true, "content": answer}`.
pub fn answer_body(answer: &StartCallAnswer) -> String {
    serde_json::json!({"result": true, "content": answer}).to_string()
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
