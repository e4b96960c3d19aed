//! One error type for every provider crate.
//!
//! The variants answer the question a caller asks first: *whose fault, and is it worth trying
//! again?* Every variant that came from a response keeps its evidence: the HTTP status, the
//! provider's own message and code where the provider gave one, and the raw body (bounded to
//! [`RawBody::LIMIT`] bytes so an error never holds a whole download).
//!
//! Nothing here ever holds a credential: bodies of authentication endpoints are dropped before
//! an error is built, and transport errors are stripped of their URL (which may carry a query
//! key).
//!
//! [`Error`] is here; the bounded body it keeps is [`RawBody`] (`raw_body.rs`), and what went
//! wrong below HTTP, [`TransportErrorKind`], with how a `reqwest` failure is read
//! (`transport.rs`).

use std::borrow::Cow;
use std::fmt;
use std::time::Duration;

use reqwest::StatusCode;

mod raw_body;
mod transport;

pub use raw_body::RawBody;
pub use transport::TransportErrorKind;
use transport::{classify_reqwest, describe_chain};
pub(crate) use transport::{humantime_secs, is_tls_failure};

/// The error of every operation in the workspace.
///
/// `Display` and `source` are written out below rather than derived: the derive's proc macro
/// was one of the costs a downstream build paid for this crate (`cargo xtask build-weight`).
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// The request could not succeed as given, so nothing was sent.
    InvalidInput {
        /// The parameter or field at fault, in the provider's naming.
        field: Option<Cow<'static, str>>,
        /// What is wrong with it.
        message: String,
    },

    /// The call was stopped after requests had been sent, because something the caller gave
    /// turned out unusable only then: a listing whose next page lies beyond what a page number
    /// can say. What was fetched before it succeeded; sending the same call again fails the
    /// same way. ([`Error::InvalidInput`] is raised only before anything is sent.)
    InvalidAfterSend {
        /// The parameter or field at fault, in the provider's naming.
        field: Option<Cow<'static, str>>,
        /// What is wrong with it.
        message: String,
    },

    /// A local write failed: the file or writer a download goes to (a full disk, a closed
    /// pipe, a missing directory). Nothing the provider did, and never retryable.
    LocalIo {
        /// What was being done (`writing the download`).
        context: &'static str,
        /// The I/O error.
        source: std::io::Error,
    },

    /// The request did not get an HTTP response: connect failure, timeout, TLS, broken stream.
    Transport {
        /// What failed.
        kind: TransportErrorKind,
        /// The underlying error's description, without any URL.
        message: String,
        /// How many attempts were made.
        attempts: u32,
        /// The underlying error, stripped of its URL.
        source: Option<Box<dyn std::error::Error + Send + Sync>>,
    },

    /// The provider answered with a non-success HTTP status.
    Http {
        /// The response status.
        status: StatusCode,
        /// The provider's message, from wherever its error body puts it.
        message: Option<String>,
        /// The provider's error code, as text (some providers send numbers, some strings).
        code: Option<String>,
        /// The response body, bounded.
        body: RawBody,
        /// The delay the provider asked for in `Retry-After`, if any.
        retry_after: Option<Duration>,
        /// How many attempts were made, this answer's included (retries of a `503`, ...); a
        /// request sent again once refused credentials were renewed is not counted.
        attempts: u32,
    },

    /// The provider answered with a success status but its envelope says the call failed
    /// (Ziwo `result: false`, iAdvize `meta.status: fail`, Agendize `error`).
    Provider {
        /// The response status (2xx).
        status: StatusCode,
        /// The provider's message.
        message: String,
        /// The provider's error code, as text.
        code: Option<String>,
        /// The response body, bounded.
        body: RawBody,
    },

    /// The response could not be decoded into the expected type.
    Decode {
        /// The response status.
        status: StatusCode,
        /// The JSON path of the field that failed (`.` for the document itself).
        path: String,
        /// What serde said.
        message: String,
        /// The response body, bounded.
        body: RawBody,
        /// The decoder's own error (a `serde_json::Error`, or the UTF-8 error of a text
        /// answer), for callers that inspect it (`category()`, line and column).
        source: Option<Box<dyn std::error::Error + Send + Sync>>,
    },

    /// The answer is larger than the client reads into memory
    /// ([`ClientConfig::max_response_bytes`](crate::ClientConfig::max_response_bytes)); nothing
    /// past the limit was read.
    TooLarge {
        /// The response status.
        status: StatusCode,
        /// The limit in force.
        limit: u64,
        /// The `Content-Length` the provider announced, if it did.
        announced: Option<u64>,
    },

    /// A listing stopped because the provider's next page is one it had already fetched, or
    /// lies behind it (next-page links that go round in a cycle, a page number that goes
    /// back): going on would loop for ever. Every page before was delivered; a next page that
    /// is the page itself only ends the listing, as providers mark their last page so.
    PageCycle {
        /// How many pages the listing fetched.
        pages: u64,
        /// The next page the provider announced.
        next: crate::paginate::PageCursor,
    },

    /// Credentials were refused (HTTP 401) or could not be obtained (token or login endpoint).
    Auth {
        /// The status of the refusing response, if there was one.
        status: Option<StatusCode>,
        /// The provider's message, or what the client found wrong.
        message: String,
        /// The response body, bounded. Always `None` for responses that may carry a token.
        body: Option<RawBody>,
    },
}

/// Shorthand for results in this workspace.
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::InvalidInput { field, message } => match field {
                Some(field) => write!(f, "invalid input for `{field}`: {message}"),
                None => write!(f, "invalid input: {message}"),
            },
            Self::InvalidAfterSend { field, message } => match field {
                Some(field) => write!(f, "`{field}` became unusable after sending: {message}"),
                None => write!(f, "stopped after sending: {message}"),
            },
            Self::LocalIo { context, source } => write!(f, "{context} failed: {source}"),
            Self::Transport {
                kind,
                message,
                attempts,
                ..
            } => write!(
                f,
                "transport error ({kind}) after {attempts} attempt(s): {message}"
            ),
            Self::Http {
                status,
                message,
                retry_after,
                ..
            } => {
                match message {
                    Some(message) => write!(f, "HTTP {status}: {message}")?,
                    None => write!(f, "HTTP {status}")?,
                }
                match retry_after {
                    // The wait is named: the caller decides whether to come back then (the
                    // transport does not wait past RetryPolicy::max_retry_after or the deadline).
                    Some(wait) => write!(
                        f,
                        " (the provider asked to retry after {})",
                        humantime_secs(*wait)
                    ),
                    None => Ok(()),
                }
            }
            Self::Provider {
                status, message, ..
            } => write!(
                f,
                "the provider refused the request (HTTP {status}): {message}"
            ),
            Self::Decode {
                status,
                path,
                message,
                body,
                ..
            } => write!(
                f,
                "could not decode the response (HTTP {status}) at `{path}`: {message}; body starts: {}",
                body.excerpt()
            ),
            Self::TooLarge {
                status,
                limit,
                announced,
            } => write!(
                f,
                "the answer (HTTP {status}) is larger than the {limit}-byte limit{}; raise it with \
                 ClientConfig::max_response_bytes, or use a streamed download",
                announced
                    .map(|length| format!(" (Content-Length {length})"))
                    .unwrap_or_default()
            ),
            Self::PageCycle { pages, next } => write!(
                f,
                "the listing stopped after {pages} page(s): the provider's next page ({}) was \
                 fetched already or lies behind, so going on would loop",
                next.describe()
            ),
            Self::Auth {
                status, message, ..
            } => match status {
                Some(status) => write!(f, "authentication failed (HTTP {status}): {message}"),
                None => write!(f, "authentication failed: {message}"),
            },
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Transport { source, .. } | Self::Decode { source, .. } => source
                .as_deref()
                .map(|source| source as &(dyn std::error::Error + 'static)),
            Self::LocalIo { source, .. } => Some(source),
            _ => None,
        }
    }
}

impl Error {
    /// An [`Error::InvalidInput`] about one named field.
    pub fn invalid_input(field: impl Into<Cow<'static, str>>, message: impl Into<String>) -> Self {
        Self::InvalidInput {
            field: Some(field.into()),
            message: message.into(),
        }
    }

    /// An [`Error::InvalidInput`] not tied to one field.
    pub fn invalid_request(message: impl Into<String>) -> Self {
        Self::InvalidInput {
            field: None,
            message: message.into(),
        }
    }

    /// An [`Error::InvalidAfterSend`] about one named field.
    pub fn invalid_after_send(
        field: impl Into<Cow<'static, str>>,
        message: impl Into<String>,
    ) -> Self {
        Self::InvalidAfterSend {
            field: Some(field.into()),
            message: message.into(),
        }
    }

    /// An [`Error::LocalIo`]: `context` says what was being done.
    pub fn local_io(context: &'static str, source: std::io::Error) -> Self {
        Self::LocalIo { context, source }
    }

    /// The HTTP status of the response behind this error, if there was one.
    pub fn status(&self) -> Option<StatusCode> {
        match self {
            Self::Http { status, .. }
            | Self::Provider { status, .. }
            | Self::Decode { status, .. }
            | Self::TooLarge { status, .. } => Some(*status),
            Self::Auth { status, .. } => *status,
            Self::InvalidInput { .. }
            | Self::InvalidAfterSend { .. }
            | Self::LocalIo { .. }
            | Self::Transport { .. }
            | Self::PageCycle { .. } => None,
        }
    }

    /// How many attempts the call made before this error, when it came from the network or a
    /// status (`None` for a refusal before anything was sent, a decode error, ...).
    pub fn attempts(&self) -> Option<u32> {
        match self {
            Self::Transport { attempts, .. } | Self::Http { attempts, .. } => Some(*attempts),
            _ => None,
        }
    }

    /// The provider's own message, if it gave one.
    pub fn provider_message(&self) -> Option<&str> {
        match self {
            Self::Http { message, .. } => message.as_deref(),
            Self::Provider { message, .. } => Some(message),
            Self::Auth {
                status: Some(_),
                message,
                ..
            } => Some(message),
            _ => None,
        }
    }

    /// The provider's error code, if it gave one.
    pub fn provider_code(&self) -> Option<&str> {
        match self {
            Self::Http { code, .. } | Self::Provider { code, .. } => code.as_deref(),
            _ => None,
        }
    }

    /// The raw response body (bounded), if the error came from a response.
    pub fn body(&self) -> Option<&RawBody> {
        match self {
            Self::Http { body, .. } | Self::Provider { body, .. } | Self::Decode { body, .. } => {
                Some(body)
            }
            Self::Auth { body, .. } => body.as_ref(),
            Self::InvalidInput { .. }
            | Self::InvalidAfterSend { .. }
            | Self::LocalIo { .. }
            | Self::Transport { .. }
            | Self::TooLarge { .. }
            | Self::PageCycle { .. } => None,
        }
    }

    /// Whether the same request may succeed if sent again later, unchanged.
    ///
    /// True for connect errors, timeouts, broken connections, and HTTP 408, 429, 502, 503, 504;
    /// never for a local write failure ([`Error::LocalIo`]).
    /// The transport has already retried what its [`RetryPolicy`](crate::RetryPolicy) allows;
    /// this tells a caller whether a later, higher-level retry makes sense.
    pub fn is_retryable(&self) -> bool {
        match self {
            Self::Transport { kind, .. } => matches!(
                kind,
                TransportErrorKind::Connect | TransportErrorKind::Timeout | TransportErrorKind::Io
            ),
            Self::Http { status, .. } => crate::retry::is_transient_status(*status),
            _ => false,
        }
    }

    /// Whether this is a timeout (per attempt or total).
    pub fn is_timeout(&self) -> bool {
        matches!(
            self,
            Self::Transport {
                kind: TransportErrorKind::Timeout,
                ..
            }
        )
    }

    /// Whether the provider said the resource does not exist (HTTP 404).
    pub fn is_not_found(&self) -> bool {
        self.status() == Some(StatusCode::NOT_FOUND)
    }

    /// Whether the credentials were refused: HTTP 401, or a token or login endpoint that would
    /// not issue one ([`Error::Auth`]).
    pub fn is_unauthorized(&self) -> bool {
        matches!(self, Self::Auth { .. }) || self.status() == Some(StatusCode::UNAUTHORIZED)
    }

    /// Whether the provider refused the request to these credentials (HTTP 403): a wrong
    /// iAdvize key, or a Ziwo user without the right.
    pub fn is_forbidden(&self) -> bool {
        self.status() == Some(StatusCode::FORBIDDEN)
    }

    /// Whether the provider refused a change that conflicts with the resource's current state
    /// (HTTP 409: a call leg already held, already transferred).
    pub fn is_conflict(&self) -> bool {
        self.status() == Some(StatusCode::CONFLICT)
    }

    /// This error with every occurrence of `secrets` (credential values that were sent)
    /// replaced in its messages, codes and kept body, with
    /// [`SENT_PLACEHOLDER`](crate::redact::SENT_PLACEHOLDER). The transport does this to every
    /// error it returns, with the credentials of the request that failed: a server that echoes
    /// what it received must not carry them into a service's logs.
    pub fn without_secrets(self, secrets: &[&str]) -> Self {
        let text = |text: String| match crate::redact::scrub(&text, secrets) {
            Cow::Borrowed(_) => text,
            Cow::Owned(clean) => clean,
        };
        let optional = |value: Option<String>| value.map(text);
        // An underlying error whose text holds a secret is dropped: it cannot be edited.
        let clean_source = |source: Option<Box<dyn std::error::Error + Send + Sync>>| {
            source.filter(|source| {
                matches!(
                    crate::redact::scrub(&source.to_string(), secrets),
                    Cow::Borrowed(_)
                )
            })
        };
        match self {
            Self::Transport {
                kind,
                message,
                attempts,
                source,
            } => Self::Transport {
                kind,
                message: text(message),
                attempts,
                source: clean_source(source),
            },
            Self::Http {
                status,
                message,
                code,
                body,
                retry_after,
                attempts,
            } => Self::Http {
                status,
                message: optional(message),
                code: optional(code),
                body: body.scrubbed(secrets),
                retry_after,
                attempts,
            },
            Self::Provider {
                status,
                message,
                code,
                body,
            } => Self::Provider {
                status,
                message: text(message),
                code: optional(code),
                body: body.scrubbed(secrets),
            },
            Self::Decode {
                status,
                path,
                message,
                body,
                source,
            } => Self::Decode {
                status,
                path: text(path),
                message: text(message),
                body: body.scrubbed(secrets),
                source: clean_source(source),
            },
            Self::Auth {
                status,
                message,
                body,
            } => Self::Auth {
                status,
                message: text(message),
                body: body.map(|body| body.scrubbed(secrets)),
            },
            other => other,
        }
    }

    /// A copy for another caller: the same variant and evidence; an underlying error is kept
    /// as its message only (reqwest's and serde's errors cannot be cloned). Used to hand one
    /// failed token renewal to every caller that waited for it.
    pub(crate) fn shared_copy(&self) -> Self {
        match self {
            Self::InvalidInput { field, message } => Self::InvalidInput {
                field: field.clone(),
                message: message.clone(),
            },
            Self::InvalidAfterSend { field, message } => Self::InvalidAfterSend {
                field: field.clone(),
                message: message.clone(),
            },
            Self::LocalIo { context, source } => Self::LocalIo {
                context,
                source: std::io::Error::new(source.kind(), source.to_string()),
            },
            Self::Transport {
                kind,
                message,
                attempts,
                ..
            } => Self::Transport {
                kind: *kind,
                message: message.clone(),
                attempts: *attempts,
                source: None,
            },
            Self::Http {
                status,
                message,
                code,
                body,
                retry_after,
                attempts,
            } => Self::Http {
                status: *status,
                message: message.clone(),
                code: code.clone(),
                body: body.clone(),
                retry_after: *retry_after,
                attempts: *attempts,
            },
            Self::Provider {
                status,
                message,
                code,
                body,
            } => Self::Provider {
                status: *status,
                message: message.clone(),
                code: code.clone(),
                body: body.clone(),
            },
            Self::Decode {
                status,
                path,
                message,
                body,
                ..
            } => Self::Decode {
                status: *status,
                path: path.clone(),
                message: message.clone(),
                body: body.clone(),
                source: None,
            },
            Self::TooLarge {
                status,
                limit,
                announced,
            } => Self::TooLarge {
                status: *status,
                limit: *limit,
                announced: *announced,
            },
            Self::PageCycle { pages, next } => Self::PageCycle {
                pages: *pages,
                next: next.clone(),
            },
            Self::Auth {
                status,
                message,
                body,
            } => Self::Auth {
                status: *status,
                message: message.clone(),
                body: body.clone(),
            },
        }
    }

    pub(crate) fn from_reqwest(err: reqwest::Error, attempts: u32) -> Self {
        // The URL may hold a query-string credential: never keep it.
        let err = err.without_url();
        let kind = classify_reqwest(&err);
        Self::Transport {
            kind,
            message: describe_chain(&err),
            attempts,
            source: Some(Box::new(err)),
        }
    }

    pub(crate) fn timeout(attempts: u32, message: impl Into<String>) -> Self {
        Self::Transport {
            kind: TransportErrorKind::Timeout,
            message: message.into(),
            attempts,
            source: None,
        }
    }
}

#[cfg(test)]
mod tests;
