//! The credential cache shared by the renewing schemes (OAuth2, login sessions).
//!
//! It holds one credential with the ticket that names it, renews it through one request at a
//! time however many callers wait, and drops it on a refusal only if the refused ticket is still
//! the current one, so fifty concurrent refusals of one token cause one renewal.
//!
//! A failed renewal is shared too: every caller that waited for that round gets a copy of its
//! error instead of trying again in turn (with a hanging token endpoint, twelve callers in a
//! queue would otherwise wait twelve timeouts). After a failure, new rounds are refused with
//! the same error for a backoff that doubles from [`FIRST_BACKOFF`] up to [`MAX_BACKOFF`]
//! while failures repeat, and resets on a success.

use std::future::Future;
use std::sync::{Mutex, MutexGuard};
use std::time::Duration;

use reqwest::header::HeaderValue;
use tokio::time::Instant;

use super::AuthTicket;
use crate::error::Error;

/// A renewed credential: the value kept (a token, or nothing), the header to send, and when to
/// renew it again (`None`: when refused).
pub(crate) struct Renewed<T> {
    pub(crate) value: T,
    pub(crate) header: HeaderValue,
    pub(crate) renew_at: Option<Instant>,
}

struct Cached<T> {
    value: T,
    header: HeaderValue,
    renew_at: Option<Instant>,
    ticket: u64,
}

/// The backoff after the first failed renewal.
pub(crate) const FIRST_BACKOFF: Duration = Duration::from_millis(500);
/// The longest backoff between renewal rounds.
pub(crate) const MAX_BACKOFF: Duration = Duration::from_secs(30);

/// The last renewal round, when it failed.
struct Failed {
    /// The round it was (see [`Rounds::started`]).
    round: u64,
    /// A copy of its error, for the callers that waited for it.
    error: Error,
    /// No new round before this.
    retry_at: Instant,
    /// Failed rounds in a row.
    streak: u32,
}

#[derive(Default)]
struct Rounds {
    /// Renewal rounds started, successful or not.
    started: u64,
    /// The last round, if it failed.
    failed: Option<Failed>,
}

pub(crate) struct TokenCache<T> {
    slot: Mutex<Option<Cached<T>>>,
    rounds: Mutex<Rounds>,
    /// Serializes renewals; counts the successful ones to number tickets.
    renewals: tokio::sync::Mutex<u64>,
}

impl<T: Clone> TokenCache<T> {
    pub(crate) fn new() -> Self {
        Self {
            slot: Mutex::new(None),
            rounds: Mutex::new(Rounds::default()),
            renewals: tokio::sync::Mutex::new(0),
        }
    }

    fn slot(&self) -> MutexGuard<'_, Option<Cached<T>>> {
        // Writes replace the whole value, so a poisoned lock never holds half an update.
        self.slot
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn rounds(&self) -> MutexGuard<'_, Rounds> {
        self.rounds
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// The shared error when a new round may not start yet: a round failed after `seen` (this
    /// caller waited for it), or the last failure's backoff has not passed.
    fn shared_failure(&self, seen: u64) -> Option<Error> {
        let rounds = self.rounds();
        let failed = rounds.failed.as_ref()?;
        (failed.round > seen || Instant::now() < failed.retry_at)
            .then(|| failed.error.shared_copy())
    }

    /// Records that round `round` failed with `error`: its waiters get a copy, and new rounds
    /// wait out a backoff that doubles while failures repeat.
    fn record_failure(&self, round: u64, error: &Error) {
        let mut rounds = self.rounds();
        let streak = rounds.failed.as_ref().map_or(1, |failed| failed.streak + 1);
        let backoff = FIRST_BACKOFF
            .saturating_mul(1u32 << (streak - 1).min(16))
            .min(MAX_BACKOFF);
        rounds.failed = Some(Failed {
            round,
            error: error.shared_copy(),
            retry_at: Instant::now() + backoff,
            streak,
        });
    }

    /// A cache holding `renewed` from the start (a token kept from an earlier run).
    pub(crate) fn holding(renewed: Renewed<T>) -> Self {
        let cache = Self::new();
        *cache.slot() = Some(Cached {
            value: renewed.value,
            header: renewed.header,
            renew_at: renewed.renew_at,
            ticket: 0,
        });
        cache
    }

    /// The cached header and ticket, unless absent or due for renewal.
    pub(crate) fn fresh(&self) -> Option<(HeaderValue, AuthTicket)> {
        let slot = self.slot();
        let cached = slot.as_ref()?;
        match cached.renew_at {
            Some(at) if Instant::now() >= at => None,
            _ => Some((cached.header.clone(), AuthTicket(cached.ticket))),
        }
    }

    /// The cached value, fresh or not.
    pub(crate) fn value(&self) -> Option<T> {
        self.slot().as_ref().map(|cached| cached.value.clone())
    }

    /// Forgets the credential.
    pub(crate) fn clear(&self) {
        *self.slot() = None;
    }

    /// Forgets the credential if `ticket` still names it.
    pub(crate) fn invalidate(&self, ticket: AuthTicket) {
        let mut slot = self.slot();
        if slot
            .as_ref()
            .is_some_and(|cached| cached.ticket == ticket.0)
        {
            *slot = None;
        }
    }

    /// Replaces the credential with one obtained elsewhere (an explicit login).
    pub(crate) async fn store(&self, renewed: Renewed<T>) {
        let mut renewals = self.renewals.lock().await;
        *renewals += 1;
        self.rounds().failed = None;
        *self.slot() = Some(Cached {
            value: renewed.value,
            header: renewed.header,
            renew_at: renewed.renew_at,
            ticket: *renewals,
        });
    }

    /// The fresh credential, renewed with `renew` if needed, one renewal at a time.
    pub(crate) async fn get_or_renew<F, Fut>(
        &self,
        renew: F,
    ) -> Result<(HeaderValue, AuthTicket), Error>
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = Result<Renewed<T>, Error>>,
    {
        if let Some(fresh) = self.fresh() {
            return Ok(fresh);
        }
        let seen = self.rounds().started;
        if let Some(error) = self.shared_failure(seen) {
            return Err(error);
        }
        let mut renewals = self.renewals.lock().await;
        // Another caller may have renewed it, or failed to, while this one waited.
        if let Some(fresh) = self.fresh() {
            return Ok(fresh);
        }
        if let Some(error) = self.shared_failure(seen) {
            return Err(error);
        }
        let round = {
            let mut rounds = self.rounds();
            rounds.started += 1;
            rounds.started
        };
        // The renewal runs in the caller that won the lock; when that caller is dropped (its
        // deadline passed), the round still ends for the others, as a failure they share.
        let mut abandoned = Abandoned {
            cache: self,
            round,
            armed: true,
        };
        let outcome = renew().await;
        abandoned.armed = false;
        let renewed = match outcome {
            Ok(renewed) => renewed,
            Err(error) => {
                self.record_failure(round, &error);
                return Err(error);
            }
        };
        self.rounds().failed = None;
        *renewals += 1;
        let ticket = *renewals;
        *self.slot() = Some(Cached {
            value: renewed.value,
            header: renewed.header.clone(),
            renew_at: renewed.renew_at,
            ticket,
        });
        Ok((renewed.header, AuthTicket(ticket)))
    }
}

/// Marks a renewal round failed if the future running it is dropped before it ends.
struct Abandoned<'a, T: Clone> {
    cache: &'a TokenCache<T>,
    round: u64,
    armed: bool,
}

impl<T: Clone> Drop for Abandoned<'_, T> {
    fn drop(&mut self) {
        if self.armed {
            self.cache.record_failure(
                self.round,
                &Error::timeout(
                    0,
                    "the credential renewal was abandoned: the call running it reached its \
                     deadline (ClientConfig::total_timeout)",
                ),
            );
        }
    }
}
