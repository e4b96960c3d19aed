//! Notifications a watch delivers to your service: the watched resource as JSON, with its event
//! in the `X-Agendize-objectEvent` header. No web framework is needed: hand the header and the
//! body to [`Notification::decode`], or an `http::HeaderMap` to [`Notification::from_headers`].
//!
//! ```
//! use agendize_core::notification::{Notification, ObjectEvent};
//! use serde_json::Value;
//!
//! // In your handler for the watch address:
//! let body = br#"{"id": "acc-1", "email": "jane@example.com"}"#;
//! let notification = Notification::<Value>::decode(Some("updated"), body)?;
//! match notification.event {
//!     ObjectEvent::Created | ObjectEvent::Updated => { /* upsert notification.resource */ }
//!     ObjectEvent::Deleted => { /* remove it */ }
//!     other => eprintln!("event {other} not handled"),
//! }
//! # Ok::<(), agendize_core::notification::NotificationError>(())
//! ```

use std::fmt;

use ccapi_transport::HeaderMap;
use serde::de::DeserializeOwned;

/// The header that carries the event.
pub const OBJECT_EVENT_HEADER: &str = "X-Agendize-objectEvent";

ccapi_transport::open_enum! {
    /// What happened to the watched resource.
    pub enum ObjectEvent {
        /// Created (by the API, or in the reseller console for accounts).
        Created = "created",
        /// Modified.
        Updated = "updated",
        /// Deleted (listed by the watchers documentation).
        Deleted = "deleted",
        /// Merged into another resource (listed by the watchers documentation).
        Merged = "merged",
    }
}

/// A delivered notification: the event and the resource, decoded as `T` (the crate's model,
/// or `serde_json::Value` for a watch with a custom `schema`).
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Notification<T> {
    /// The event, from the `X-Agendize-objectEvent` header; unknown values are kept.
    pub event: ObjectEvent,
    /// The resource from the body.
    pub resource: T,
}

/// A request that is not a readable Agendize notification.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum NotificationError {
    /// The `X-Agendize-objectEvent` header is missing or not text.
    MissingEvent,
    /// The body does not decode as the expected resource.
    Body {
        /// Where in the body decoding stopped (`.` for the top level).
        path: String,
        /// What was wrong there.
        message: String,
    },
}

impl fmt::Display for NotificationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::MissingEvent => write!(f, "the {OBJECT_EVENT_HEADER} header is missing"),
            Self::Body { path, message } => {
                write!(
                    f,
                    "the notification body does not decode at `{path}`: {message}"
                )
            }
        }
    }
}

impl std::error::Error for NotificationError {}

impl<T: DeserializeOwned> Notification<T> {
    /// Decodes a notification from the value of its `X-Agendize-objectEvent` header and its
    /// body.
    pub fn decode(event: Option<&str>, body: &[u8]) -> Result<Self, NotificationError> {
        let event = event
            .map(str::trim)
            .filter(|event| !event.is_empty())
            .ok_or(NotificationError::MissingEvent)?;
        let mut deserializer = serde_json::Deserializer::from_slice(body);
        let resource = serde_path_to_error::deserialize(&mut deserializer).map_err(|err| {
            NotificationError::Body {
                path: err.path().to_string(),
                message: err.inner().to_string(),
            }
        })?;
        Ok(Self {
            event: event.parse().unwrap_or_else(|never| match never {}),
            resource,
        })
    }

    /// Decodes a notification from the request's headers (any `http` 1.x server: hyper, axum,
    /// actix's `http` types) and its body.
    pub fn from_headers(headers: &HeaderMap, body: &[u8]) -> Result<Self, NotificationError> {
        let event = headers
            .get(OBJECT_EVENT_HEADER)
            .and_then(|value| value.to_str().ok());
        Self::decode(event, body)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::models::Watch;
    use ccapi_transport::HeaderMap;

    #[test]
    fn events_come_from_the_header_and_unknown_ones_are_kept() {
        let mut headers = HeaderMap::new();
        headers.insert(
            "x-agendize-objectevent",
            "merged".parse().expect("a header value"),
        );
        let body = br#"{"address": "https://hooks.example.com/a"}"#;
        let notification = Notification::<Watch>::from_headers(&headers, body).expect("decodes");
        assert_eq!(notification.event, ObjectEvent::Merged);
        assert_eq!(notification.resource.address, "https://hooks.example.com/a");

        let notification =
            Notification::<serde_json::Value>::decode(Some("archived"), b"{}").expect("decodes");
        assert_eq!(
            notification.event,
            ObjectEvent::Unknown("archived".to_owned())
        );
    }

    #[test]
    fn a_missing_event_or_a_bad_body_is_a_typed_error() {
        assert_eq!(
            Notification::<serde_json::Value>::from_headers(&HeaderMap::new(), b"{}"),
            Err(NotificationError::MissingEvent)
        );
        let error = Notification::<Watch>::decode(Some("created"), br#"{"address": 5}"#)
            .expect_err("address is text");
        assert_eq!(
            error,
            NotificationError::Body {
                path: "address".to_owned(),
                message: "invalid type: integer `5`, expected a string at line 1 column 13"
                    .to_owned()
            }
        );
    }
}
