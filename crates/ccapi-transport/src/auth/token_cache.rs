//! The credential cache shared by the renewing schemes (OAuth2, login sessions).
//!
//! It holds one credential with the ticket that names it, renews it through one request at a
//! time however many callers wait, and drops it on a refusal only if the refused ticket is still
//! the current one, so fifty concurrent refusals of one token cause one renewal.

use std::future::Future;
use std::sync::{Mutex, MutexGuard};

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

pub(crate) struct TokenCache<T> {
    slot: Mutex<Option<Cached<T>>>,
    /// Serializes renewals; counts them to number tickets.
    renewals: tokio::sync::Mutex<u64>,
}

impl<T: Clone> TokenCache<T> {
    pub(crate) fn new() -> Self {
        Self {
            slot: Mutex::new(None),
            renewals: tokio::sync::Mutex::new(0),
        }
    }

    fn slot(&self) -> MutexGuard<'_, Option<Cached<T>>> {
        // Writes replace the whole value, so a poisoned lock never holds half an update.
        self.slot
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
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
        let mut renewals = self.renewals.lock().await;
        // Another caller may have renewed it while this one waited.
        if let Some(fresh) = self.fresh() {
            return Ok(fresh);
        }
        let renewed = renew().await?;
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
