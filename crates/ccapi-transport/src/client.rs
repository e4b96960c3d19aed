//! The transport: turns an [`Operation`] into a typed value or a typed [`Error`].
//!
//! One call flows as follows:
//! 1. the path and query are rendered (input errors are returned here, nothing sent);
//! 2. the [`Auth`] adds its credentials to the attempt;
//! 3. the attempt is sent, redirects followed by hand (credentials only to the same origin);
//! 4. a 401/403 goes to [`Auth::rejected`], which may renew the credential for one more try;
//! 5. the [`RetryPolicy`] decides whether a failure is sent again, and after how long;
//! 6. the [`Envelope`] finds the payload or the provider's failure;
//! 7. the payload is decoded, with the JSON path of a failing field.
//!
//! Redirects (step 3) are followed in `client/redirect.rs`; downloads, which stream the body
//! instead of step 7, are in `client/download.rs`.

use std::sync::Arc;
use std::time::{Duration, SystemTime};

use bytes::Bytes;
use reqwest::header::{HeaderMap, HeaderValue};
use reqwest::StatusCode;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};
use tokio::time::Instant;
use tracing::Instrument;
use url::Url;

use crate::auth::{Auth, AuthContext, AuthTarget};
use crate::config::{http_client_builder, ClientConfig};
use crate::envelope::Envelope;
use crate::error::Error;
use crate::paginate::{Listing, Page, PageCursor};
use crate::request::Operation;
use crate::retry::{parse_retry_after, AttemptOutcome, RetryDecision, RetryPolicy};

mod answer;
mod attempt;
mod download;
mod redirect;

use answer::provider_error;
use attempt::{read_bounded, Attempt, AttemptFailure, AttemptLimit, Read, Received};
pub(crate) use attempt::{read_limited, Limited};
use redirect::same_origin;

/// A decoded payload with the response's status, headers and envelope metadata.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Decoded<T> {
    /// The payload.
    pub value: T,
    /// The response status.
    pub status: StatusCode,
    /// The response headers.
    pub headers: HeaderMap,
    /// The envelope's members other than the payload (Ziwo `info`, iAdvize `pagination`).
    pub meta: Map<String, Value>,
}

/// The HTTP client every provider crate is built on. Cloning is cheap and shares the
/// connection pool, credentials and token caches.
#[derive(Clone)]
pub struct Transport {
    inner: Arc<Inner>,
}

struct Inner {
    base_url: Url,
    user_agent: HeaderValue,
    default_headers: HeaderMap,
    http: reqwest::Client,
    retry: RetryPolicy,
    attempt_timeout: Option<Duration>,
    total_timeout: Option<Duration>,
    max_redirects: usize,
    hooks: Vec<Arc<dyn crate::hook::Hook>>,
    provider: Option<&'static str>,
    max_response_bytes: u64,
    page_look_ahead: usize,
    auth: Box<dyn Auth>,
    envelope: Box<dyn Envelope>,
}

impl Transport {
    /// A transport for `config`, authenticating with `auth` and reading responses with
    /// `envelope`.
    pub fn new(
        config: ClientConfig,
        auth: impl Auth,
        envelope: impl Envelope,
    ) -> Result<Self, Error> {
        let user_agent = HeaderValue::from_str(&config.user_agent)
            .map_err(|_| Error::invalid_input("user_agent", "not a valid HTTP header value"))?;
        let http = match config.http {
            Some(http) => http,
            None => http_client_builder()
                .connect_timeout(config.connect_timeout)
                .build()
                .map_err(|err| {
                    Error::invalid_request(format!("the HTTP client cannot be built: {err}"))
                })?,
        };
        Ok(Self {
            inner: Arc::new(Inner {
                base_url: config.base_url,
                user_agent,
                default_headers: config.default_headers,
                http,
                retry: config.retry,
                attempt_timeout: config.attempt_timeout,
                total_timeout: config.total_timeout,
                max_redirects: config.max_redirects,
                hooks: config.hooks,
                provider: config.provider,
                max_response_bytes: config.max_response_bytes,
                page_look_ahead: config.page_look_ahead,
                auth: Box::new(auth),
                envelope: Box::new(envelope),
            }),
        })
    }

    /// The listing starting at `first`, fetching each page with `fetch`, looking ahead as
    /// [`ClientConfig::page_look_ahead`] says.
    pub fn listing<T, F, Fut>(&self, first: PageCursor, fetch: F) -> Listing<T>
    where
        T: Send + 'static,
        F: Fn(PageCursor) -> Fut + Send + Sync + 'static,
        Fut: std::future::Future<Output = Result<Page<T>, Error>> + Send + 'static,
    {
        Listing::new(first, fetch).look_ahead(self.inner.page_look_ahead)
    }

    /// Runs the credential scheme once now, without a request: an OAuth2 grant or a login
    /// happens here instead of before the first operation (a cached, still valid token is
    /// reused). For a service that should fail at start-up on bad credentials, or a tool that
    /// keeps the session (`ccapi auth login`). Static keys and tokens need nothing: `Ok`.
    /// [`ClientConfig::total_timeout`] bounds it as it bounds a call.
    pub async fn sign_in(&self) -> Result<(), Error> {
        let inner = &*self.inner;
        let mut target = AuthTarget::default();
        if inner.auth.authorize_now(&mut target).is_some() {
            return Ok(());
        }
        let ctx = self.auth_context();
        let signing_in = inner.auth.authorize(&ctx, &mut target);
        self.before_deadline(self.deadline(), 0, "signing in", signing_in)
            .await
            .map(drop)
    }

    /// What a credential scheme may use to obtain a token.
    fn auth_context(&self) -> AuthContext<'_> {
        let inner = &*self.inner;
        AuthContext {
            http: &inner.http,
            base_url: &inner.base_url,
            user_agent: &inner.user_agent,
            attempt_timeout: inner.attempt_timeout,
            envelope: &*inner.envelope,
            max_response_bytes: inner.max_response_bytes,
        }
    }

    /// The base URL every operation's path is appended to.
    pub fn base_url(&self) -> &Url {
        &self.inner.base_url
    }

    /// Sends `op` and decodes the payload as `T`.
    pub async fn execute<T: DeserializeOwned>(&self, op: Operation) -> Result<T, Error> {
        Ok(self.decode(op, false).await?.value)
    }

    /// Sends `op` and decodes the payload as `T`, keeping status, headers and envelope members.
    pub async fn execute_with_meta<T: DeserializeOwned>(
        &self,
        op: Operation,
    ) -> Result<Decoded<T>, Error> {
        self.decode(op, true).await
    }

    /// Sends `op` and returns the payload as text, for operations that answer with a bare value
    /// (an id) rather than a JSON document: a JSON string is unquoted, anything else is
    /// returned trimmed, as sent.
    pub async fn execute_text(&self, op: Operation) -> Result<String, Error> {
        let (status, _, body, sent) = self.buffered(&op, false).await?;
        Self::text_payload(&*self.inner.envelope, status, &body)
            .map_err(|error| scrubbed(&sent, &op, error))
    }

    /// Sends `op` for its effect only: any body is checked for a provider failure and
    /// otherwise ignored (`DELETE` answering `204` or an empty `200`).
    pub async fn execute_empty(&self, op: Operation) -> Result<StatusCode, Error> {
        let (status, _, body, sent) = self.buffered(&op, false).await?;
        if !body.iter().all(u8::is_ascii_whitespace) {
            self.inner
                .envelope
                .open(status, &body)
                .map_err(|failure| scrubbed(&sent, &op, provider_error(status, &body, failure)))?;
        }
        Ok(status)
    }

    /// The whole answer to `op`, with the credentials it was sent with (to scrub from errors).
    async fn buffered(
        &self,
        op: &Operation,
        keep_headers: bool,
    ) -> Result<(StatusCode, HeaderMap, Bytes, AuthTarget), Error> {
        let span = request_span(&self.inner, op);
        let read = Read::Buffer { keep_headers };
        match self
            .send(op, read, self.deadline())
            .instrument(span)
            .await?
        {
            (
                Received::Buffered {
                    status,
                    headers,
                    body,
                },
                sent,
            ) => Ok((status, headers, body, sent)),
            (Received::Streaming(_), _) => unreachable!("buffered calls read the body"),
        }
    }

    /// When a call starting now must be over ([`ClientConfig::total_timeout`]).
    fn deadline(&self) -> Option<Instant> {
        self.inner.total_timeout.map(|total| Instant::now() + total)
    }

    /// The error of a call that reached its deadline.
    fn deadline_error(&self, attempts: u32, during: &str) -> Error {
        let total = self.inner.total_timeout.unwrap_or_default();
        Error::timeout(
            attempts,
            format!(
                "the call did not finish within {} (the total deadline, \
                 ClientConfig::total_timeout), {during}",
                crate::error::humantime_secs(total)
            ),
        )
    }

    /// Runs `step` of a call (authorization, a renewal) within what is left until `deadline`.
    async fn before_deadline<T>(
        &self,
        deadline: Option<Instant>,
        attempts: u32,
        during: &str,
        step: impl std::future::Future<Output = Result<T, Error>>,
    ) -> Result<T, Error> {
        match deadline {
            Some(deadline) => tokio::time::timeout_at(deadline, step)
                .await
                .map_err(|_| self.deadline_error(attempts, during))?,
            None => step.await,
        }
    }

    /// Auth, attempts, retries and the final status check, all before `deadline`. Success
    /// only: any non-2xx that is not retried becomes an error here, scrubbed of the
    /// credentials sent. A success comes with the credentials of its attempt, for the caller to
    /// scrub the errors it builds from the answer.
    async fn send(
        &self,
        op: &Operation,
        read: Read,
        deadline: Option<Instant>,
    ) -> Result<(Received, AuthTarget), Error> {
        let inner = &*self.inner;
        let url = op.url(&inner.base_url)?;
        let started = Instant::now();
        let idempotent = op.is_idempotent();
        let ctx = self.auth_context();
        let mut attempt = 0u32;
        let mut renewed_credentials = false;
        // Named only for hooks: without any, no allocation on the hot path.
        let name = if inner.hooks.is_empty() {
            std::borrow::Cow::Borrowed("")
        } else {
            op.name()
        };
        loop {
            attempt += 1;
            let span = tracing::Span::current();
            if attempt > 1 {
                span.record("http.request.resend_count", attempt - 1);
            }
            let mut target = AuthTarget::default();
            let ticket = if op.authenticated {
                match inner.auth.authorize_now(&mut target) {
                    Some(ticket) => ticket,
                    None => {
                        let authorizing = inner.auth.authorize(&ctx, &mut target);
                        self.before_deadline(
                            deadline,
                            attempt - 1,
                            "waiting for credentials",
                            authorizing,
                        )
                        .await?
                    }
                }
            } else {
                Default::default()
            };
            let hook_headers = self.before_send(op, &name, attempt);
            let attempt_started = Instant::now();
            let this_attempt = Attempt {
                number: attempt,
                target: &target,
                hook_headers: &hook_headers,
                limit: AttemptLimit::new(inner.attempt_timeout, deadline),
                read,
            };
            let result = self.attempt(op, &url, &this_attempt).await;
            let latency = attempt_started.elapsed();
            let latency_ms = latency.as_millis() as u64;
            self.after_response(op, &name, attempt, &result, latency);
            let failure = match result {
                Ok(received) => {
                    let status = match &received {
                        Received::Buffered { status, .. } => *status,
                        Received::Streaming(response) => response.status(),
                    };
                    span.record("http.response.status_code", status.as_u16());
                    if !status.is_success() {
                        span.record("error.type", status.as_str());
                    }
                    tracing::debug!(attempt, status = status.as_u16(), latency_ms, "response");
                    if status.is_success() {
                        span.record("latency_ms", started.elapsed().as_millis() as u64);
                        return Ok((received, target));
                    }
                    let (headers, body) = self.refused_parts(received, deadline).await;
                    if matches!(status, StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN)
                        && op.authenticated
                        && !renewed_credentials
                        && self
                            .before_deadline(
                                deadline,
                                attempt,
                                "renewing refused credentials",
                                inner.auth.rejected(&ctx, status, ticket),
                            )
                            .await?
                    {
                        renewed_credentials = true;
                        attempt -= 1;
                        continue;
                    }
                    let retry_after = parse_retry_after(&headers, SystemTime::now());
                    AttemptFailure {
                        outcome: AttemptOutcome::Status {
                            status,
                            retry_after,
                        },
                        error: self.status_error(status, retry_after, body),
                    }
                }
                Err(failure) => {
                    tracing::debug!(attempt, latency_ms, error = %failure.error, "attempt failed");
                    failure
                }
            };
            match self.retry_delay(failure.outcome, attempt, idempotent, deadline) {
                Some(delay) => tokio::time::sleep(delay).await,
                None => {
                    span.record("latency_ms", started.elapsed().as_millis() as u64);
                    if let Error::Transport { kind, .. } = &failure.error {
                        span.record("error.type", tracing::field::display(kind));
                    }
                    return Err(scrubbed(&target, op, with_attempts(failure.error, attempt)));
                }
            }
        }
    }

    /// The headers and body of an answer that is not a success. A download's body is read
    /// within the attempt's limit too: a server announcing a body it never sends must not hold
    /// the call (what came in time is kept).
    async fn refused_parts(
        &self,
        received: Received,
        deadline: Option<Instant>,
    ) -> (HeaderMap, Bytes) {
        match received {
            Received::Buffered { headers, body, .. } => (headers, body),
            Received::Streaming(response) => {
                let headers = response.headers().clone();
                let limit = AttemptLimit::new(self.inner.attempt_timeout, deadline);
                (headers, read_bounded(response, limit.duration()).await)
            }
        }
    }

    /// How long to wait before sending `attempt + 1`, `None` to stop: the retry policy's
    /// decision, cut where the wait would pass the call's deadline.
    fn retry_delay(
        &self,
        outcome: AttemptOutcome,
        attempt: u32,
        idempotent: bool,
        deadline: Option<Instant>,
    ) -> Option<Duration> {
        match self.inner.retry.decide(outcome, attempt, idempotent) {
            RetryDecision::Stop => None,
            RetryDecision::RetryAfter(delay) => match deadline {
                Some(deadline) if Instant::now() + delay >= deadline => None,
                _ => Some(delay),
            },
        }
    }

    /// The headers of an attempt after the hooks: the configuration's and the operation's,
    /// which the hooks read, and what they add (sent to the configured origin only).
    fn before_send(&self, op: &Operation, name: &str, attempt: u32) -> HeaderMap {
        let inner = &*self.inner;
        if inner.hooks.is_empty() {
            return HeaderMap::new();
        }
        let mut headers = inner.default_headers.clone();
        for (name, value) in &op.headers {
            headers.insert(name.clone(), value.clone());
        }
        for hook in &inner.hooks {
            hook.before_send(&mut crate::hook::Outgoing::new(
                inner.provider,
                name,
                &op.method,
                &op.template,
                attempt,
                &mut headers,
            ));
        }
        headers
    }

    fn after_response(
        &self,
        op: &Operation,
        name: &str,
        attempt: u32,
        result: &Result<Received, AttemptFailure>,
        latency: Duration,
    ) {
        let inner = &*self.inner;
        if inner.hooks.is_empty() {
            return;
        }
        let status = match result {
            Ok(Received::Buffered { status, .. }) => Some(*status),
            Ok(Received::Streaming(response)) => Some(response.status()),
            Err(_) => None,
        };
        let answered = crate::hook::Answered {
            provider: inner.provider,
            operation: name,
            method: &op.method,
            url_template: &op.template,
            attempt,
            status,
            latency,
        };
        for hook in &inner.hooks {
            hook.after_response(&answered);
        }
    }
}

impl std::fmt::Debug for Transport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let inner = &*self.inner;
        f.debug_struct("Transport")
            .field("base_url", &inner.base_url.as_str())
            .field("user_agent", &inner.user_agent)
            .field(
                "default_headers",
                &inner.default_headers.keys().collect::<Vec<_>>(),
            )
            .field("retry", &inner.retry)
            .field("attempt_timeout", &inner.attempt_timeout)
            .field("total_timeout", &inner.total_timeout)
            .field("auth", &inner.auth)
            .field("envelope", &inner.envelope)
            .finish()
    }
}

/// One span per call, with OpenTelemetry's HTTP client semantic conventions (the
/// `tracing-opentelemetry` bridge reads `otel.name` and `otel.kind`), plus the provider and the
/// operation. The template, never the rendered path or query: those may hold ids or keys.
fn request_span(inner: &Inner, op: &Operation) -> tracing::Span {
    tracing::info_span!(
        "ccapi.request",
        "otel.name" = %format_args!("{} {}", op.method, op.template),
        "otel.kind" = "client",
        "http.request.method" = %op.method,
        "url.template" = %op.template,
        "server.address" = inner.base_url.host_str().unwrap_or_default(),
        "server.port" = inner.base_url.port_or_known_default().unwrap_or_default(),
        provider = inner.provider.unwrap_or_default(),
        operation = %op.name(),
        "http.response.status_code" = tracing::field::Empty,
        "http.request.resend_count" = tracing::field::Empty,
        "error.type" = tracing::field::Empty,
        latency_ms = tracing::field::Empty,
    )
}

/// `base` followed by `path` (which starts with `/`), checked to stay on `base`'s origin.
pub(crate) fn join_path(base: &Url, path: &str) -> Result<Url, Error> {
    let joined = format!("{}{}", base.as_str().trim_end_matches('/'), path);
    parse_on_origin(base, &joined, path)
}

/// `joined` (the base URL followed by `path` and maybe a query) parsed, and checked to stay on
/// `base`'s origin; errors name `path`.
pub(crate) fn parse_on_origin(base: &Url, joined: &str, path: &str) -> Result<Url, Error> {
    let url = Url::parse(joined)
        .map_err(|err| Error::invalid_request(format!("`{path}` does not form a URL: {err}")))?;
    if !same_origin(&url, base) {
        return Err(Error::invalid_request(format!(
            "`{path}` would leave the configured host"
        )));
    }
    Ok(url)
}

/// `error` without the credentials the attempt carried: its scheme's (`sent`) and those the
/// operation names ([`Operation::sensitive`]).
pub(crate) fn scrubbed(sent: &AuthTarget, op: &Operation, error: Error) -> Error {
    let error = sent.scrub(error);
    if op.sensitive.is_empty() {
        return error;
    }
    use secrecy::ExposeSecret;
    let secrets: Vec<&str> = op
        .sensitive
        .iter()
        .map(|secret| secret.expose_secret())
        .collect();
    error.without_secrets(&secrets)
}

fn with_attempts(error: Error, attempts: u32) -> Error {
    match error {
        Error::Transport {
            kind,
            message,
            source,
            ..
        } => Error::Transport {
            kind,
            message,
            attempts,
            source,
        },
        Error::Http {
            status,
            message,
            code,
            body,
            retry_after,
            ..
        } => Error::Http {
            status,
            message,
            code,
            body,
            retry_after,
            attempts,
        },
        other => other,
    }
}
