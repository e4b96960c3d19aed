//! When to send a request again, as a pure function of what happened.
//!
//! [`RetryPolicy::decide`] takes the outcome of one attempt, the attempt number and whether the
//! request is idempotent, and answers [`RetryDecision::RetryAfter`] or [`RetryDecision::Stop`].
//! The rules:
//!
//! - at most [`RetryPolicy::max_attempts`] attempts in all (3 by default; 1 turns retries off);
//! - a request that was never sent (connect failure) may always be sent again, unless TLS
//!   verification failed (a certificate does not mend by itself);
//! - a request that may have reached the server (timeout, broken connection, any HTTP status)
//!   is sent again only when it is idempotent: never a `POST` or `PATCH` unless the operation
//!   says otherwise;
//! - statuses retried: 429, 502, 503, 504 (configurable);
//! - the wait is exponential with full jitter, or the server's `Retry-After` (seconds or an HTTP
//!   date) when it sent one; a `Retry-After` longer than [`RetryPolicy::max_retry_after`] stops
//!   the retries, and the error carries the requested delay.

use std::time::{Duration, SystemTime};

use reqwest::header::{HeaderMap, RETRY_AFTER};
use reqwest::StatusCode;

/// What one attempt came to, as far as retrying is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum AttemptOutcome {
    /// No connection was made: the request was not sent.
    ConnectFailed,
    /// The attempt timed out; the request may have reached the server.
    TimedOut,
    /// The connection broke; the request may have reached the server.
    Interrupted,
    /// The TLS handshake or the server's certificate failed verification: the request was not
    /// sent, and sending it again fails the same way.
    TlsFailed,
    /// The server answered.
    Status {
        /// The status it answered with.
        status: StatusCode,
        /// Its `Retry-After`, parsed.
        retry_after: Option<Duration>,
    },
}

/// The answer of [`RetryPolicy::decide`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RetryDecision {
    /// Send the request again after this delay.
    RetryAfter(Duration),
    /// Do not send it again.
    Stop,
}

/// Retry settings. See the [module docs](self) for the rules.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Attempts in all, first one included. `1` means no retry.
    pub max_attempts: u32,
    /// The delay before the first retry (before jitter).
    pub initial_backoff: Duration,
    /// The longest delay between attempts (before jitter).
    pub max_backoff: Duration,
    /// The longest `Retry-After` the client waits; a longer one stops the retries.
    pub max_retry_after: Duration,
    /// Whether to randomize delays ("full jitter": uniformly between zero and the backoff).
    pub jitter: bool,
    /// The statuses that are retried.
    pub retry_statuses: Vec<StatusCode>,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self {
            max_attempts: 3,
            initial_backoff: Duration::from_millis(200),
            max_backoff: Duration::from_secs(10),
            max_retry_after: Duration::from_secs(60),
            jitter: true,
            retry_statuses: vec![
                StatusCode::TOO_MANY_REQUESTS,
                StatusCode::BAD_GATEWAY,
                StatusCode::SERVICE_UNAVAILABLE,
                StatusCode::GATEWAY_TIMEOUT,
            ],
        }
    }
}

impl RetryPolicy {
    /// No retries at all.
    pub fn disabled() -> Self {
        Self {
            max_attempts: 1,
            ..Self::default()
        }
    }

    /// Decides whether attempt number `attempt` (1-based), which came to `outcome`, is followed
    /// by another one.
    pub fn decide(&self, outcome: AttemptOutcome, attempt: u32, idempotent: bool) -> RetryDecision {
        if attempt >= self.max_attempts {
            return RetryDecision::Stop;
        }
        let retry_after = match outcome {
            AttemptOutcome::ConnectFailed => None,
            AttemptOutcome::TimedOut | AttemptOutcome::Interrupted if idempotent => None,
            AttemptOutcome::Status {
                status,
                retry_after,
            } if idempotent && self.retry_statuses.contains(&status) => retry_after,
            _ => return RetryDecision::Stop,
        };
        match retry_after {
            Some(asked) if asked > self.max_retry_after => RetryDecision::Stop,
            Some(asked) => RetryDecision::RetryAfter(asked),
            None => RetryDecision::RetryAfter(self.backoff(attempt)),
        }
    }

    /// The delay after attempt number `attempt` when the server did not say.
    pub fn backoff(&self, attempt: u32) -> Duration {
        let exponent = attempt.saturating_sub(1).min(16);
        let ceiling = self
            .initial_backoff
            .saturating_mul(1u32 << exponent)
            .min(self.max_backoff);
        if self.jitter {
            ceiling.mul_f64(fastrand::f64())
        } else {
            ceiling
        }
    }
}

/// Whether a status is worth retrying later (for [`Error::is_retryable`](crate::Error::is_retryable)).
pub(crate) fn is_transient_status(status: StatusCode) -> bool {
    matches!(
        status,
        StatusCode::REQUEST_TIMEOUT
            | StatusCode::TOO_MANY_REQUESTS
            | StatusCode::BAD_GATEWAY
            | StatusCode::SERVICE_UNAVAILABLE
            | StatusCode::GATEWAY_TIMEOUT
    )
}

/// Parses `Retry-After` as delay-seconds or an HTTP date (RFC 9110 §10.2.3).
pub fn parse_retry_after(headers: &HeaderMap, now: SystemTime) -> Option<Duration> {
    let text = headers.get(RETRY_AFTER)?.to_str().ok()?.trim();
    if let Ok(seconds) = text.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let date = httpdate::parse_http_date(text).ok()?;
    Some(date.duration_since(now).unwrap_or(Duration::ZERO))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn status(code: u16) -> AttemptOutcome {
        AttemptOutcome::Status {
            status: StatusCode::from_u16(code).expect("valid"),
            retry_after: None,
        }
    }

    fn fixed() -> RetryPolicy {
        RetryPolicy {
            jitter: false,
            ..RetryPolicy::default()
        }
    }

    #[test]
    fn a_failed_tls_verification_is_never_retried() {
        let policy = RetryPolicy {
            jitter: false,
            ..RetryPolicy::default()
        };
        assert_eq!(
            policy.decide(AttemptOutcome::TlsFailed, 1, true),
            RetryDecision::Stop
        );
        // A connection that was never made at all still is.
        assert_eq!(
            policy.decide(AttemptOutcome::ConnectFailed, 1, true),
            RetryDecision::RetryAfter(policy.initial_backoff)
        );
    }

    #[test]
    fn transient_statuses_are_retried_until_the_budget_is_spent() {
        let policy = fixed();
        for code in [429, 502, 503, 504] {
            assert_eq!(
                policy.decide(status(code), 1, true),
                RetryDecision::RetryAfter(Duration::from_millis(200))
            );
            assert_eq!(
                policy.decide(status(code), 2, true),
                RetryDecision::RetryAfter(Duration::from_millis(400))
            );
            assert_eq!(policy.decide(status(code), 3, true), RetryDecision::Stop);
        }
        for code in [400, 401, 404, 500, 501] {
            assert_eq!(policy.decide(status(code), 1, true), RetryDecision::Stop);
        }
    }

    #[test]
    fn non_idempotent_requests_are_resent_only_when_never_sent() {
        let policy = fixed();
        assert_eq!(policy.decide(status(503), 1, false), RetryDecision::Stop);
        assert_eq!(
            policy.decide(AttemptOutcome::TimedOut, 1, false),
            RetryDecision::Stop
        );
        assert_eq!(
            policy.decide(AttemptOutcome::Interrupted, 1, false),
            RetryDecision::Stop
        );
        assert!(matches!(
            policy.decide(AttemptOutcome::ConnectFailed, 1, false),
            RetryDecision::RetryAfter(_)
        ));
    }

    #[test]
    fn retry_after_is_honoured_and_capped() {
        let policy = fixed();
        let asked = |secs| AttemptOutcome::Status {
            status: StatusCode::TOO_MANY_REQUESTS,
            retry_after: Some(Duration::from_secs(secs)),
        };
        assert_eq!(
            policy.decide(asked(7), 1, true),
            RetryDecision::RetryAfter(Duration::from_secs(7))
        );
        assert_eq!(policy.decide(asked(3600), 1, true), RetryDecision::Stop);
    }

    #[test]
    fn backoff_is_capped_and_jitter_stays_below_it() {
        let policy = fixed();
        assert_eq!(policy.backoff(30), Duration::from_secs(10));
        let jittered = RetryPolicy::default();
        for attempt in 1..6 {
            assert!(jittered.backoff(attempt) <= fixed().backoff(attempt));
        }
        assert_eq!(
            RetryPolicy::disabled().decide(AttemptOutcome::ConnectFailed, 1, true),
            RetryDecision::Stop
        );
    }

    #[test]
    fn retry_after_parses_seconds_and_dates() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000);
        let mut headers = HeaderMap::new();
        headers.insert(RETRY_AFTER, "12".parse().expect("valid"));
        assert_eq!(
            parse_retry_after(&headers, now),
            Some(Duration::from_secs(12))
        );
        let later = httpdate::fmt_http_date(now + Duration::from_secs(30));
        headers.insert(RETRY_AFTER, later.parse().expect("valid"));
        assert_eq!(
            parse_retry_after(&headers, now),
            Some(Duration::from_secs(30))
        );
        headers.insert(RETRY_AFTER, "soon".parse().expect("valid"));
        assert_eq!(parse_retry_after(&headers, now), None);
    }
}
