//! One attempt of a call: what bounds it, what it sends with, and what it leaves (a whole body,
//! or a response still streaming); the bounded body readers every answer goes through.

use std::time::Duration;

use bytes::Bytes;
use reqwest::header::HeaderMap;
use reqwest::StatusCode;
use tokio::time::Instant;
use url::Url;

use super::redirect::ReqwestOrRedirect;
use super::Transport;
use crate::auth::AuthTarget;
use crate::error::{Error, RawBody, TransportErrorKind};
use crate::request::Operation;
use crate::retry::AttemptOutcome;

/// What one successful exchange left: a whole body, or a response still streaming.
pub(super) enum Received {
    Buffered {
        status: StatusCode,
        headers: HeaderMap,
        body: Bytes,
    },
    Streaming(reqwest::Response),
}

/// How an attempt reads its response.
#[derive(Clone, Copy)]
pub(super) enum Read {
    /// Read the whole body; keep the headers of a success only when asked.
    Buffer { keep_headers: bool },
    /// Hand the response over unread (downloads).
    Stream,
}

/// What bounds one attempt: the per-attempt timeout, or the call's deadline when that comes
/// first (each names itself in the timeout's message).
#[derive(Clone, Copy)]
pub(super) enum AttemptLimit {
    Unbounded,
    PerAttempt(Duration),
    Deadline(Duration),
}

impl AttemptLimit {
    pub(super) fn new(per_attempt: Option<Duration>, deadline: Option<Instant>) -> Self {
        let left = deadline.map(|deadline| deadline.saturating_duration_since(Instant::now()));
        match (per_attempt, left) {
            (Some(limit), Some(left)) if left < limit => Self::Deadline(left),
            (Some(limit), _) => Self::PerAttempt(limit),
            (None, Some(left)) => Self::Deadline(left),
            (None, None) => Self::Unbounded,
        }
    }

    pub(super) fn duration(self) -> Option<Duration> {
        match self {
            Self::Unbounded => None,
            Self::PerAttempt(limit) | Self::Deadline(limit) => Some(limit),
        }
    }
}

/// Why an attempt failed before a response could be judged.
pub(super) struct AttemptFailure {
    pub(super) outcome: AttemptOutcome,
    pub(super) error: Error,
}

/// What one attempt sends with and how long it may take: its number (from 1), the credentials
/// added to it, the headers the hooks gave it, its limit, and how it reads the answer.
#[derive(Clone, Copy)]
pub(super) struct Attempt<'a> {
    pub(super) number: u32,
    pub(super) target: &'a AuthTarget,
    pub(super) hook_headers: &'a HeaderMap,
    pub(super) limit: AttemptLimit,
    pub(super) read: Read,
}

impl Transport {
    /// One attempt of `op` at `url`: send, follow redirects, and (unless streaming) read the
    /// body, all within the attempt's limit.
    pub(super) async fn attempt(
        &self,
        op: &Operation,
        url: &Url,
        attempt: &Attempt<'_>,
    ) -> Result<Received, AttemptFailure> {
        let Attempt {
            number,
            target,
            hook_headers,
            limit,
            read,
        } = *attempt;
        let exchange = async {
            let response = self
                .send_following_redirects(op, url, target, hook_headers)
                .await?;
            let Read::Buffer { keep_headers } = read else {
                return Ok(Received::Streaming(response));
            };
            let status = response.status();
            // Cloning headers costs measurably under load: only when someone will read them.
            let headers = if status.is_success() && !keep_headers {
                HeaderMap::new()
            } else {
                response.headers().clone()
            };
            let body = match read_limited(response, self.inner.max_response_bytes).await? {
                Limited::Read(body) => body,
                Limited::TooLarge(announced) => {
                    return Err(ReqwestOrRedirect::TooLarge { status, announced })
                }
            };
            Ok(Received::Buffered {
                status,
                headers,
                body,
            })
        };
        let result: Result<Result<Received, ReqwestOrRedirect>, _> = match limit.duration() {
            Some(duration) => tokio::time::timeout(duration, exchange).await,
            None => Ok(exchange.await),
        };
        match result {
            Err(_elapsed) => Err(AttemptFailure {
                outcome: AttemptOutcome::TimedOut,
                error: match limit {
                    AttemptLimit::Deadline(_) => {
                        self.deadline_error(number, "waiting for the answer")
                    }
                    _ => Error::timeout(
                        number,
                        format!(
                            "no complete answer within {} (the per-attempt timeout, \
                             ClientConfig::attempt_timeout)",
                            crate::error::humantime_secs(limit.duration().unwrap_or_default())
                        ),
                    ),
                },
            }),
            Ok(Err(ReqwestOrRedirect::TooLarge { status, announced })) => Err(AttemptFailure {
                // An answer, not a failure to get one: never worth sending again.
                outcome: AttemptOutcome::Status {
                    status,
                    retry_after: None,
                },
                error: Error::TooLarge {
                    status,
                    limit: self.inner.max_response_bytes,
                    announced,
                },
            }),
            Ok(Ok(received)) => Ok(received),
            Ok(Err(ReqwestOrRedirect::Redirect(message))) => Err(AttemptFailure {
                outcome: AttemptOutcome::Status {
                    status: StatusCode::PERMANENT_REDIRECT,
                    retry_after: None,
                },
                error: Error::Transport {
                    kind: TransportErrorKind::Redirect,
                    message,
                    attempts: number,
                    source: None,
                },
            }),
            Ok(Err(ReqwestOrRedirect::Reqwest(err))) => {
                let outcome = if crate::error::is_tls_failure(&err) {
                    // A certificate that fails verification fails again: never retried.
                    AttemptOutcome::TlsFailed
                } else if err.is_connect() {
                    AttemptOutcome::ConnectFailed
                } else if err.is_timeout() {
                    AttemptOutcome::TimedOut
                } else {
                    AttemptOutcome::Interrupted
                };
                Err(AttemptFailure {
                    outcome,
                    error: Error::from_reqwest(err, number),
                })
            }
        }
    }
}

/// A body read up to a limit.
pub(crate) enum Limited {
    /// The whole body.
    Read(Bytes),
    /// Over the limit: its announced length, if any. Nothing past the limit was read.
    TooLarge(Option<u64>),
}

/// Reads `response`'s body unless it is larger than `limit`: refused from `Content-Length`
/// before reading, or as soon as the bytes read pass the limit. A body in one chunk is not
/// copied.
pub(crate) async fn read_limited(
    mut response: reqwest::Response,
    limit: u64,
) -> Result<Limited, reqwest::Error> {
    let announced = response.content_length();
    if announced.is_some_and(|length| length > limit) {
        return Ok(Limited::TooLarge(announced));
    }
    let Some(first) = response.chunk().await? else {
        return Ok(Limited::Read(Bytes::new()));
    };
    if first.len() as u64 > limit {
        return Ok(Limited::TooLarge(announced));
    }
    let Some(second) = response.chunk().await? else {
        return Ok(Limited::Read(first));
    };
    let capacity = announced.map_or(first.len() + second.len(), |length| length as usize);
    let mut body = Vec::with_capacity(capacity);
    body.extend_from_slice(&first);
    let mut next = Some(second);
    while let Some(chunk) = next {
        if (body.len() + chunk.len()) as u64 > limit {
            return Ok(Limited::TooLarge(announced));
        }
        body.extend_from_slice(&chunk);
        next = response.chunk().await?;
    }
    Ok(Limited::Read(Bytes::from(body)))
}

/// Up to [`RawBody::LIMIT`] bytes of an error answer's body, read for at most `limit`.
pub(super) async fn read_bounded(
    mut response: reqwest::Response,
    limit: Option<Duration>,
) -> Bytes {
    let mut kept = Vec::new();
    let reading = async {
        while let Ok(Some(chunk)) = response.chunk().await {
            let room = RawBody::LIMIT.saturating_sub(kept.len());
            kept.extend_from_slice(&chunk[..chunk.len().min(room)]);
            if room <= chunk.len() {
                break;
            }
        }
    };
    match limit {
        Some(limit) => {
            let _ = tokio::time::timeout(limit, reading).await;
        }
        None => reading.await,
    }
    Bytes::from(kept)
}
