//! Calls: `calls.watch`, a watch on the account's calls.
//!
//! The seed documents watches on call tracking numbers only. The official Node client also
//! watches calls, with `POST /api/2.0/calls/watch` and the same watch body
//! (`agendize/nodejs-module`, `api/account.js`, `createWebhookForCalls`).

use ccapi_transport::{Error, Transport};

use crate::models::Watch;
use crate::operations::CALLS_WATCH;

/// The account's calls; from [`Client::calls`](crate::Client::calls).
#[derive(Clone, Copy)]
pub struct Calls<'a> {
    transport: &'a Transport,
}

impl<'a> Calls<'a> {
    pub(crate) fn new(transport: &'a Transport) -> Self {
        Self { transport }
    }

    /// Watches the account's calls (`POST /calls/watch`): Agendize then delivers each call to
    /// `watch.address`. Returns the watch, with its `id` for
    /// [`watchers().delete`](agendize_core::watchers::Watchers::delete).
    pub async fn watch(&self, watch: &Watch) -> Result<Watch, Error> {
        agendize_core::validate::watch(watch)?;
        self.transport
            .execute(CALLS_WATCH.request().json(watch))
            .await
    }
}
