//! The transport every ccapi provider crate stands on: HTTP, credentials, retries, timeouts,
//! errors, envelopes, pagination, lenient decoding and tracing, in one place.
//!
//! A provider operation is a few declarative lines: an [`Operation`] (method, path template,
//! parameters, query, body) handed to a [`Transport`] with the response type.
//!
//! ```no_run
//! use ccapi_transport::auth::HeaderKeys;
//! use ccapi_transport::{BareJson, ClientConfig, Operation, Transport};
//! use serde::Deserialize;
//!
//! #[derive(Debug, Deserialize)]
//! struct CallTracking {
//!     id: String,
//!     name: Option<String>,
//! }
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), ccapi_transport::Error> {
//! let config = ClientConfig::new("https://api.agendize.com/api/2.0", "my-service/1.0")?;
//! let auth = HeaderKeys::new()
//!     .with("apiKey", std::env::var("AGENDIZE_API_KEY").unwrap_or_default().into())?
//!     .with("token", std::env::var("AGENDIZE_TOKEN").unwrap_or_default().into())?;
//! let transport = Transport::new(config, auth, BareJson)?;
//!
//! let tracking: CallTracking = transport
//!     .execute(Operation::get("/calls/calltrackings/{callTrackingId}").path_param("callTrackingId", "42"))
//!     .await?;
//! println!("{tracking:?}");
//! # Ok(()) }
//! ```
//!
//! The pieces, one module each:
//! - [`config`]: base URL, timeouts, user agent, default headers, a shared `reqwest::Client`;
//! - [`auth`]: one file per credential scheme, behind the [`auth::Auth`] trait;
//! - [`endpoint`]: each crate's operation table, one row per catalog id;
//! - [`request`], [`path`], [`query`], [`form`]: operations as data, safely encoded;
//! - [`retry`]: the retry policy as a pure function;
//! - [`envelope`]: how a provider wraps payloads and failures;
//! - [`error`]: one error type that keeps the evidence;
//! - [`paginate`]: one page type and one listing stream, fetched lazily and one page ahead;
//! - [`decode`]: lenient decoding helpers;
//! - [`hook`]: what a service adds to every request (headers) and learns from every answer;
//! - [`model`]: lossless models: the members a model does not name are kept and written back;
//! - `fixture` (feature `fixtures`): the round-trip check every recorded fixture passes;
//! - [`validate`]: checks shared by the provider crates before sending;
//! - [`redact`]: the one rule that recognizes credentials by member name (for `Debug` and the
//!   tools that show provider data), and the scrubbing of sent credentials from errors;
//! - [`client`]: the [`Transport`] that runs an operation through all of the above.
//!
//! Every error a call returns is scrubbed of the credential values its request carried (a
//! server may echo them), and [`ClientConfig::total_timeout`] bounds the whole call: signing
//! in, every attempt and wait, and a download's body.
//!
//! Requests are traced with one `ccapi.request` span each, with OpenTelemetry's HTTP client
//! semantic conventions (`otel.kind = "client"`, `http.request.method`, `url.template`,
//! `server.address`, `http.response.status_code`, `http.request.resend_count`, `error.type`),
//! plus `provider` and `operation`, never with a credential, a rendered path or a query string.

// docs.rs builds with every feature and marks what each item needs.
#![cfg_attr(docsrs, feature(doc_cfg))]

pub mod auth;
pub mod client;
pub mod config;
pub mod decode;
pub mod endpoint;
pub mod envelope;
pub mod error;
#[cfg(feature = "fixtures")]
#[cfg_attr(docsrs, doc(cfg(feature = "fixtures")))]
pub mod fixture;
pub mod form;
pub mod hook;
pub mod model;
pub mod paginate;
pub mod path;
pub mod query;
pub mod redact;
pub mod request;
pub mod retry;
pub mod validate;

pub use client::{Decoded, Transport};
pub use config::{env_secret, env_var, http_client_builder, ClientConfig};
pub use endpoint::Endpoint;
pub use envelope::{BareJson, Envelope, Failure, Opened};
pub use error::{Error, RawBody, Result, TransportErrorKind};
pub use form::{BoolStyle, Form};
pub use query::Query;
pub use request::{Body, Operation};
pub use retry::RetryPolicy;

/// The HTTP client the transport is built on (0.12; TLS by this crate's features), re-exported
/// so that a `reqwest::Client` passed to [`ClientConfig::http_client`] is the same version.
/// Hooks ([`hook`]) need none of its types.
pub use reqwest;
pub use reqwest::header::HeaderMap;
pub use reqwest::{Method, StatusCode};
pub use secrecy::{ExposeSecret, SecretString};

// The crates whose types appear in this crate's and the provider crates' public APIs, re-exported
// so that a service names the versions we build with instead of pinning its own.
/// `chrono` 0.4: the times of the provider models.
pub use chrono;
/// `futures` 0.3: listings are its `Stream`s.
pub use futures;
/// `http` 1: the types of headers, methods and statuses ([`HeaderMap`], [`Method`],
/// [`StatusCode`] are its).
pub use http;
/// `secrecy` 0.10: every credential is one of its types ([`SecretString`]).
pub use secrecy;

#[doc(hidden)]
pub mod __private {
    pub use serde;
    pub use serde_json;
}
