//! Hooks: what a service adds to every request of a client, and what it learns from every
//! answer, without wrapping the HTTP stack.
//!
//! A [`Hook`] is configured per client ([`ClientConfig::hook`](crate::ClientConfig::hook)) and
//! called for each **attempt** (retries included):
//! - [`Hook::before_send`] reads the request's method, path template, provider and operation,
//!   and reads or adds headers (a correlation id, a W3C `traceparent`). The credentials are
//!   added after the hooks and are never shown to them; a header a hook sets is sent to the
//!   configured origin only, never after a redirect to another one.
//! - [`Hook::after_response`] sees the status (or that no response came), the latency and the
//!   attempt number: enough to count requests by operation, or to time them.
//!
//! ```
//! use std::sync::atomic::{AtomicU64, Ordering};
//! use std::sync::Arc;
//! use ccapi_transport::hook::{Answered, Hook, Outgoing};
//! use ccapi_transport::ClientConfig;
//!
//! #[derive(Default)]
//! struct Correlation(AtomicU64);
//!
//! impl Hook for Correlation {
//!     fn before_send(&self, request: &mut Outgoing<'_>) {
//!         let id = self.0.fetch_add(1, Ordering::Relaxed);
//!         request.insert_header("x-correlation-id", &format!("svc-{id}"));
//!     }
//!     fn after_response(&self, answer: &Answered<'_>) {
//!         println!("{} took {:?} ({:?})", answer.operation, answer.latency, answer.status);
//!     }
//! }
//!
//! let config = ClientConfig::new("https://api.example.com", "my-service/1.0")?
//!     .hook(Correlation::default());
//! # Ok::<(), ccapi_transport::Error>(())
//! ```
//!
//! Why not `reqwest-middleware`: it is built on reqwest 0.13 while this workspace stays on
//! 0.12 (rustls with ring, no aws-lc build), and a hook needs none of reqwest's types: it sees
//! `http` headers, methods and statuses, which [`ccapi_transport`](crate) re-exports.

use std::time::Duration;

use reqwest::header::{HeaderMap, HeaderName, HeaderValue};
use reqwest::{Method, StatusCode};

/// Called around every attempt of every request of a client. Both methods do nothing unless
/// implemented; hooks run in the order they were added, and must not block.
pub trait Hook: Send + Sync + 'static {
    /// Before an attempt is sent: read it, add headers.
    fn before_send(&self, request: &mut Outgoing<'_>) {
        let _ = request;
    }

    /// After an attempt: its status (`None` when no response came), latency and number.
    fn after_response(&self, answer: &Answered<'_>) {
        let _ = answer;
    }
}

/// What a hook sees of a request about to be sent.
#[derive(Debug)]
#[non_exhaustive]
pub struct Outgoing<'a> {
    /// The provider crate's name for its API (`agendize`, `ziwo`, `iadvize`, `vbc`), if set.
    pub provider: Option<&'a str>,
    /// The operation: its catalog id when the crate names it (`calltrackings.get`), otherwise
    /// the method and path template (`GET /calls/calltrackings/{callTrackingId}`).
    pub operation: &'a str,
    /// The HTTP method of the attempt.
    pub method: &'a Method,
    /// The path template, never the rendered path (which may hold ids).
    pub url_template: &'a str,
    /// 1 for the first attempt, 2 for the first retry, ...
    pub attempt: u32,
    headers: &'a mut HeaderMap,
}

impl<'a> Outgoing<'a> {
    pub(crate) fn new(
        provider: Option<&'a str>,
        operation: &'a str,
        method: &'a Method,
        url_template: &'a str,
        attempt: u32,
        headers: &'a mut HeaderMap,
    ) -> Self {
        Self {
            provider,
            operation,
            method,
            url_template,
            attempt,
            headers,
        }
    }

    /// The headers set so far by the operation, the configuration and earlier hooks (never the
    /// credentials, which are added after the hooks).
    pub fn headers(&self) -> &HeaderMap {
        self.headers
    }

    /// Sets a header (replacing one of the same name). A name or value that is not valid in
    /// HTTP is ignored and reported as `false`.
    pub fn insert_header(&mut self, name: &str, value: &str) -> bool {
        match (
            HeaderName::from_bytes(name.as_bytes()),
            HeaderValue::from_str(value),
        ) {
            (Ok(name), Ok(value)) => {
                self.headers.insert(name, value);
                true
            }
            _ => false,
        }
    }
}

/// What a hook sees of an attempt's outcome.
#[derive(Debug, Clone, Copy)]
#[non_exhaustive]
pub struct Answered<'a> {
    /// The provider, if set.
    pub provider: Option<&'a str>,
    /// The operation (see [`Outgoing::operation`]).
    pub operation: &'a str,
    /// The HTTP method of the attempt.
    pub method: &'a Method,
    /// The path template.
    pub url_template: &'a str,
    /// The attempt number.
    pub attempt: u32,
    /// The status, or `None` when no response came (connect failure, timeout).
    pub status: Option<StatusCode>,
    /// How long the attempt took.
    pub latency: Duration,
}

/// A W3C Trace Context hook: sends the `traceparent` (and `tracestate`) your tracing stack
/// reports for the current request, so the provider's side (or a proxy) joins the trace.
///
/// No OpenTelemetry dependency: `current` is yours, reading whatever context you keep (an
/// `opentelemetry` propagator, a task-local, an incoming request's header).
pub struct TraceContext<F> {
    current: F,
}

impl<F> TraceContext<F>
where
    F: Fn() -> Option<(String, Option<String>)> + Send + Sync + 'static,
{
    /// A hook sending what `current` returns: `(traceparent, tracestate)`, or nothing.
    pub fn new(current: F) -> Self {
        Self { current }
    }
}

impl<F> Hook for TraceContext<F>
where
    F: Fn() -> Option<(String, Option<String>)> + Send + Sync + 'static,
{
    fn before_send(&self, request: &mut Outgoing<'_>) {
        if let Some((parent, state)) = (self.current)() {
            if is_traceparent(&parent) {
                request.insert_header("traceparent", &parent);
                if let Some(state) = state {
                    request.insert_header("tracestate", &state);
                }
            }
        }
    }
}

/// `00-<32 hex>-<16 hex>-<2 hex>`, the W3C `traceparent` form.
fn is_traceparent(value: &str) -> bool {
    let parts: Vec<&str> = value.split('-').collect();
    let hex =
        |part: &str, len: usize| part.len() == len && part.bytes().all(|b| b.is_ascii_hexdigit());
    matches!(parts.as_slice(), [version, trace, parent, flags]
        if hex(version, 2) && hex(trace, 32) && hex(parent, 16) && hex(flags, 2))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trace_context_sends_only_well_formed_parents() {
        let mut headers = HeaderMap::new();
        let method = Method::GET;
        let hook = TraceContext::new(|| {
            Some((
                "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01".to_owned(),
                Some("vendor=1".to_owned()),
            ))
        });
        hook.before_send(&mut Outgoing::new(
            None,
            "op",
            &method,
            "/x",
            1,
            &mut headers,
        ));
        assert_eq!(
            headers["traceparent"],
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"
        );
        assert_eq!(headers["tracestate"], "vendor=1");
        let mut headers = HeaderMap::new();
        let broken = TraceContext::new(|| Some(("not-a-parent".to_owned(), None)));
        broken.before_send(&mut Outgoing::new(
            None,
            "op",
            &method,
            "/x",
            1,
            &mut headers,
        ));
        assert!(headers.is_empty());
    }

    #[test]
    fn invalid_header_names_or_values_are_refused() {
        let mut headers = HeaderMap::new();
        let method = Method::GET;
        let mut outgoing = Outgoing::new(None, "op", &method, "/x", 1, &mut headers);
        assert!(outgoing.insert_header("x-ok", "1"));
        assert!(!outgoing.insert_header("bad name", "1"));
        assert!(!outgoing.insert_header("x-bad", "line\nbreak"));
        assert_eq!(outgoing.headers().len(), 1);
    }
}
