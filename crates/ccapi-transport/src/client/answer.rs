//! What an answer becomes: the payload the envelope finds, decoded into the caller's type
//! (with the JSON path of a failing field), or the provider's failure as a typed error.

use std::time::Duration;

use bytes::Bytes;
use reqwest::StatusCode;
use serde::de::DeserializeOwned;
use serde_json::Map;

use super::{scrubbed, Decoded, Transport};
use crate::envelope::{Envelope, Opened};
use crate::error::{Error, RawBody};
use crate::request::Operation;

impl Transport {
    pub(super) async fn decode<T: DeserializeOwned>(
        &self,
        op: Operation,
        keep_headers: bool,
    ) -> Result<Decoded<T>, Error> {
        let (status, headers, body, sent) = self.buffered(&op, keep_headers).await?;
        let decoded = (|| {
            let opened = self
                .inner
                .envelope
                .open(status, &body)
                .map_err(|failure| provider_error(status, &body, failure))?;
            let (payload, meta): (&[u8], _) = match opened {
                Opened::Whole => (&body, Map::new()),
                Opened::Member { payload, meta } => (
                    payload.map_or(b"null".as_slice(), |raw| raw.get().as_bytes()),
                    meta,
                ),
            };
            Ok((decode_json(status, &body, payload)?, meta))
        })();
        let (value, meta) = decoded.map_err(|error| scrubbed(&sent, &op, error))?;
        Ok(Decoded {
            value,
            status,
            headers,
            meta,
        })
    }

    pub(super) fn text_payload(
        envelope: &dyn Envelope,
        status: StatusCode,
        body: &Bytes,
    ) -> Result<String, Error> {
        let opened = envelope
            .open(status, body)
            .map_err(|failure| provider_error(status, body, failure))?;
        let payload: &[u8] = match opened {
            Opened::Whole => body,
            Opened::Member { payload, .. } => {
                payload.map_or(b"".as_slice(), |raw| raw.get().as_bytes())
            }
        };
        let trimmed = payload.trim_ascii();
        if trimmed.starts_with(b"\"") {
            return decode_json(status, body, trimmed);
        }
        String::from_utf8(trimmed.to_vec()).map_err(|err| Error::Decode {
            status,
            path: ".".to_owned(),
            message: format!("the body is not UTF-8 text: {err}"),
            body: RawBody::new(body.clone()),
            source: Some(Box::new(err)),
        })
    }

    pub(super) fn status_error(
        &self,
        status: StatusCode,
        retry_after: Option<Duration>,
        body: Bytes,
    ) -> Error {
        let failure = self.inner.envelope.open(status, &body).err();
        let message = failure
            .as_ref()
            .map(|f| f.message.clone())
            .filter(|m| !m.is_empty());
        let body = RawBody::new(body);
        if status == StatusCode::UNAUTHORIZED {
            return Error::Auth {
                status: Some(status),
                message: message.unwrap_or_else(|| "the credentials were refused".into()),
                body: Some(body),
            };
        }
        Error::Http {
            status,
            message,
            code: failure.and_then(|f| f.code),
            body,
            retry_after,
            // Counted by the attempt loop, which sets the total.
            attempts: 1,
        }
    }
}

pub(super) fn decode_json<T: DeserializeOwned>(
    status: StatusCode,
    body: &Bytes,
    payload: &[u8],
) -> Result<T, Error> {
    // The fast path decodes directly; only a failure pays for locating the field. JSON is
    // UTF-8 (RFC 8259 §8.1): checked once for the whole payload, serde_json then takes every
    // string as it is instead of checking each one again (`from_slice` does, call by call,
    // which on string-heavy pages costs more than the check of the whole body; see
    // docs/performance.md). A payload that is not UTF-8 goes through `from_slice`, which
    // reports where, as before.
    let fast = match std::str::from_utf8(payload) {
        Ok(text) => serde_json::from_str(text),
        Err(_) => serde_json::from_slice(payload),
    };
    match fast {
        Ok(value) => Ok(value),
        Err(fast_error) => {
            let mut deserializer = serde_json::Deserializer::from_slice(payload);
            let (path, inner) = match serde_path_to_error::deserialize::<_, T>(&mut deserializer) {
                Err(err) => (err.path().to_string(), err.into_inner()),
                Ok(_) => (".".to_owned(), fast_error),
            };
            Err(Error::Decode {
                status,
                path,
                message: inner.to_string(),
                body: RawBody::new(body.clone()),
                source: Some(Box::new(inner)),
            })
        }
    }
}

pub(super) fn provider_error(
    status: StatusCode,
    body: &Bytes,
    failure: crate::envelope::Failure,
) -> Error {
    let message = if failure.message.is_empty() {
        "the provider reported a failure without a message".to_owned()
    } else {
        failure.message
    };
    if status.is_success() {
        Error::Provider {
            status,
            message,
            code: failure.code,
            body: RawBody::new(body.clone()),
        }
    } else {
        Error::Http {
            status,
            message: Some(message),
            code: failure.code,
            body: RawBody::new(body.clone()),
            retry_after: None,
            attempts: 1,
        }
    }
}
