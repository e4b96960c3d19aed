//! Credentials, one scheme per file.
//!
//! | scheme | type | used by |
//! |---|---|---|
//! | one or several API-key headers | [`HeaderKeys`] | Agendize `apiKey` + `token`, Ziwo `api_key` / `access_token`, iAdvize `X-API-Key` |
//! | query-string keys (opt-in: query strings end up in logs) | [`QueryKeys`] | Agendize, iAdvize `key`, Ziwo `api_key` |
//! | HTTP Basic | [`Basic`] | iAdvize |
//! | static bearer token | [`Bearer`] | Agendize OAuth2, cc-voice |
//! | OAuth2 token provider (password, authorization code, refresh token) | [`OAuth2`] | cc-voice, Agendize |
//! | login session (log in, cache the token, log in again once on 401/403) | [`LoginSession`] | Ziwo |
//!
//! Every credential is held as a [`secrecy::SecretString`]; every header it produces is marked
//! sensitive; no `Debug` output of these types shows a secret.
//!
//! The [`Auth`] contract: [`Auth::authorize`] adds credentials to one attempt and returns an
//! [`AuthTicket`] naming the credential it used. When the provider refuses that attempt (401, or
//! what the scheme treats as a refusal), the transport calls [`Auth::rejected`] with the ticket
//! once; if it answers `true` the request is sent again, once, with fresh credentials. Tickets
//! let a scheme refresh once for many concurrent refusals of the same credential.

mod basic;
mod bearer;
mod header_keys;
mod login_session;
mod oauth2;
mod query_keys;
mod token_cache;

use std::fmt;
use std::time::Duration;

use bytes::Bytes;
use reqwest::header::{HeaderMap, HeaderName, HeaderValue, CONTENT_TYPE, USER_AGENT};
use reqwest::{Method, StatusCode};
use secrecy::{ExposeSecret, SecretString};
use url::Url;

pub use basic::Basic;
pub use bearer::Bearer;
pub use header_keys::HeaderKeys;
pub use login_session::{LoginBodyStyle, LoginSession, LoginSessionBuilder};
pub use oauth2::{
    ClientAuthentication, Grant, OAuth2, OAuth2Builder, TokenUpdate, MAX_TOKEN_LIFETIME,
};
pub use query_keys::QueryKeys;

use crate::envelope::Envelope;
use crate::error::{Error, RawBody};

/// How long a token or login request may take when the client sets no per-attempt timeout.
pub const RENEWAL_TIMEOUT: Duration = Duration::from_secs(30);

/// Which credential an attempt used, so that a refusal invalidates that one only.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct AuthTicket(pub u64);

/// The credentials of one attempt: headers and query pairs, both treated as secret.
#[derive(Default)]
pub struct AuthTarget {
    /// A few headers at most: a list costs one allocation where a `HeaderMap` costs two.
    pub(crate) headers: Vec<(HeaderName, HeaderValue)>,
    pub(crate) query: Vec<(String, SecretString)>,
}

impl AuthTarget {
    /// Sets a header, marked sensitive (never logged, not carried across origins).
    pub fn header(&mut self, name: HeaderName, mut value: HeaderValue) {
        value.set_sensitive(true);
        match self
            .headers
            .iter_mut()
            .find(|(existing, _)| *existing == name)
        {
            Some((_, existing)) => *existing = value,
            None => self.headers.push((name, value)),
        }
    }

    /// Adds a query pair holding a credential.
    pub fn query(&mut self, name: impl Into<String>, value: SecretString) {
        self.query.push((name.into(), value));
    }

    /// The credential values this attempt carries, to scrub from what comes back: each header
    /// value whole and without its scheme word (`Bearer `, `Basic `), each query value.
    pub(crate) fn secrets(&self) -> Vec<&str> {
        let mut secrets = Vec::new();
        for (_, value) in &self.headers {
            if let Ok(text) = value.to_str() {
                secrets.push(text);
                if let Some((_, credential)) = text.split_once(' ') {
                    secrets.push(credential);
                }
            }
        }
        for (_, value) in &self.query {
            secrets.push(value.expose_secret());
        }
        // Longest first, so that a value containing another is replaced whole.
        secrets.sort_by_key(|secret| std::cmp::Reverse(secret.len()));
        secrets
    }

    /// `error` with this attempt's credentials scrubbed from it.
    pub(crate) fn scrub(&self, error: Error) -> Error {
        if self.headers.is_empty() && self.query.is_empty() {
            return error;
        }
        error.without_secrets(&self.secrets())
    }
}

impl fmt::Debug for AuthTarget {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AuthTarget")
            .field(
                "headers",
                &self
                    .headers
                    .iter()
                    .map(|(name, _)| name)
                    .collect::<Vec<_>>(),
            )
            .field(
                "query",
                &self.query.iter().map(|(k, _)| k).collect::<Vec<_>>(),
            )
            .finish()
    }
}

/// What an [`Auth`] may use to obtain credentials: the client's HTTP pool, base URL, timeouts
/// and envelope.
pub struct AuthContext<'a> {
    pub(crate) http: &'a reqwest::Client,
    pub(crate) base_url: &'a Url,
    pub(crate) user_agent: &'a HeaderValue,
    pub(crate) attempt_timeout: Option<Duration>,
    pub(crate) envelope: &'a dyn Envelope,
    pub(crate) max_response_bytes: u64,
}

impl fmt::Debug for AuthContext<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AuthContext")
            .field("base_url", &self.base_url.as_str())
            .finish_non_exhaustive()
    }
}

/// The answer of a login or token endpoint, before interpretation.
pub struct CredentialResponse {
    /// Its status.
    pub status: StatusCode,
    /// Its body. It may hold tokens: never put it in an error.
    pub body: Bytes,
}

impl AuthContext<'_> {
    /// The client's base URL.
    pub fn base_url(&self) -> &Url {
        self.base_url
    }

    /// The client's envelope, to read a login endpoint's answer.
    pub fn envelope(&self) -> &dyn Envelope {
        self.envelope
    }

    /// Sends a credential request (token or login endpoint) with the client's pool and user
    /// agent, once, without redirects or retries, within the per-attempt timeout (or
    /// [`RENEWAL_TIMEOUT`] when the client has none: a renewal never waits unbounded, since
    /// every caller needing the credential waits for it).
    pub async fn send_credential_request(
        &self,
        url: Url,
        content_type: &'static str,
        body: String,
        extra_headers: HeaderMap,
    ) -> Result<CredentialResponse, Error> {
        let mut request = self
            .http
            .request(Method::POST, url)
            .header(USER_AGENT, self.user_agent.clone())
            .header(CONTENT_TYPE, content_type)
            .headers(extra_headers)
            .body(body);
        let timeout = self.attempt_timeout.unwrap_or(RENEWAL_TIMEOUT);
        request = request.timeout(timeout);
        let response = request.send().await.map_err(|err| {
            if err.is_timeout() {
                Error::timeout(
                    1,
                    format!(
                        "the credential endpoint gave no complete answer within {} (the \
                         per-attempt timeout, ClientConfig::attempt_timeout)",
                        crate::error::humantime_secs(timeout)
                    ),
                )
            } else {
                Error::from_reqwest(err, 1)
            }
        })?;
        let status = response.status();
        let body = match crate::client::read_limited(response, self.max_response_bytes)
            .await
            .map_err(|err| Error::from_reqwest(err, 1))?
        {
            crate::client::Limited::Read(body) => body,
            crate::client::Limited::TooLarge(announced) => {
                return Err(Error::TooLarge {
                    status,
                    limit: self.max_response_bytes,
                    announced,
                })
            }
        };
        Ok(CredentialResponse { status, body })
    }
}

/// What an [`Auth`] method returns: a boxed, sendable future of its result.
pub type AuthFuture<'a, T> =
    std::pin::Pin<Box<dyn std::future::Future<Output = Result<T, Error>> + Send + 'a>>;

/// A way to authenticate requests. See the [module docs](self) for the contract.
///
/// The methods return boxed futures ([`AuthFuture`]) so that a client can hold any scheme as a
/// `dyn Auth`; write the body as `Box::pin(async move { ... })`.
pub trait Auth: Send + Sync + fmt::Debug + 'static {
    /// Adds this scheme's credentials to one attempt. The default is
    /// [`Auth::authorize_now`]'s answer: a scheme that needs nothing asynchronous (static keys
    /// and tokens) implements that one only; one that fetches or renews a token implements this.
    fn authorize<'a>(
        &'a self,
        ctx: &'a AuthContext<'_>,
        target: &'a mut AuthTarget,
    ) -> AuthFuture<'a, AuthTicket> {
        let _ = ctx;
        let ticket = self.authorize_now(target).ok_or_else(|| {
            Error::invalid_request(
                "this credential scheme implements neither authorize nor authorize_now",
            )
        });
        Box::pin(async move { ticket })
    }

    /// Adds this scheme's credentials at once when it needs nothing asynchronous, so the
    /// transport skips [`Auth::authorize`] and its boxed future on every request. `None`, the
    /// default, means: call `authorize`.
    fn authorize_now(&self, target: &mut AuthTarget) -> Option<AuthTicket> {
        let _ = target;
        None
    }

    /// Called once when the provider answered `status` to an attempt authorized with `ticket`.
    /// Returns whether to send the request again with fresh credentials. The default: never.
    fn rejected<'a>(
        &'a self,
        _ctx: &'a AuthContext<'_>,
        _status: StatusCode,
        _ticket: AuthTicket,
    ) -> AuthFuture<'a, bool> {
        Box::pin(async move { Ok(false) })
    }
}

/// No credentials (public endpoints, tests).
#[derive(Debug, Clone, Copy, Default)]
pub struct NoAuth;

impl Auth for NoAuth {
    fn authorize_now(&self, _target: &mut AuthTarget) -> Option<AuthTicket> {
        Some(AuthTicket::default())
    }
}

impl<A: Auth + ?Sized> Auth for std::sync::Arc<A> {
    fn authorize<'a>(
        &'a self,
        ctx: &'a AuthContext<'_>,
        target: &'a mut AuthTarget,
    ) -> AuthFuture<'a, AuthTicket> {
        // The inner future as it is: boxing it again would cost an allocation per request.
        (**self).authorize(ctx, target)
    }

    fn authorize_now(&self, target: &mut AuthTarget) -> Option<AuthTicket> {
        (**self).authorize_now(target)
    }

    fn rejected<'a>(
        &'a self,
        ctx: &'a AuthContext<'_>,
        status: StatusCode,
        ticket: AuthTicket,
    ) -> AuthFuture<'a, bool> {
        (**self).rejected(ctx, status, ticket)
    }
}

/// A header name, or an input error naming it.
pub(crate) fn header_name(name: &str) -> Result<HeaderName, Error> {
    HeaderName::from_bytes(name.as_bytes())
        .map_err(|_| Error::invalid_input(name.to_owned(), "not a valid HTTP header name"))
}

/// A sensitive header value from a secret, or an input error that does not echo the secret.
pub(crate) fn secret_header_value(
    what: &'static str,
    prefix: &str,
    secret: &SecretString,
) -> Result<HeaderValue, Error> {
    let mut value =
        HeaderValue::from_str(&format!("{prefix}{}", secret.expose_secret())).map_err(|_| {
            Error::invalid_input(
                what,
                "contains characters that cannot be sent in an HTTP header",
            )
        })?;
    value.set_sensitive(true);
    Ok(value)
}

/// An [`Error::Auth`] from a credential endpoint's answer. The body is kept only when it cannot
/// hold a credential (a failure status).
///
/// `sent` are the credential values the request carried (a password, a client secret, a
/// refresh token): an endpoint that echoes its form in `error_description` must not put them
/// into the error.
pub(crate) fn credential_error(
    status: StatusCode,
    body: &Bytes,
    envelope: &dyn Envelope,
    fallback: &str,
    sent: &[&str],
) -> Error {
    let message = if status.is_redirection() {
        // Credential requests never follow redirects: a redirect is not a refusal.
        "the credential endpoint redirected instead of answering (credential requests are never \
         redirected): configure the address it redirects to"
            .to_owned()
    } else {
        envelope
            .open(status, body)
            .err()
            .map(|failure| failure.message)
            .filter(|message| !message.is_empty())
            .unwrap_or_else(|| fallback.to_owned())
    };
    Error::Auth {
        status: Some(status),
        message,
        body: (!status.is_success()).then(|| RawBody::new(body.clone())),
    }
    .without_secrets(sent)
}
