//! Managing watches once created: `watchers.delete`.
//!
//! The seed documents how to create a watch but not how to stop one. The official Node client
//! deletes one with `DELETE /api/2.0/watchers/{id}` (`agendize/nodejs-module`, `api/account.js`,
//! `deleteWebhook`), the `id` being the member Agendize answers a watch with
//! ([`Watch::id`](crate::models::Watch::id)). Both Agendize crates expose it as
//! `client.watchers()`.

use ccapi_transport::{Error, Transport};

use crate::operations::WATCHERS_DELETE;

/// Existing watches, by identifier.
#[derive(Clone, Copy)]
pub struct Watchers<'a> {
    transport: &'a Transport,
}

impl<'a> Watchers<'a> {
    /// The watches reachable with `transport` (a provider crate's client).
    pub fn new(transport: &'a Transport) -> Self {
        Self { transport }
    }

    /// Stops a watch (`DELETE /watchers/{id}`): Agendize delivers nothing more to its address.
    pub async fn delete(&self, watch_id: &str) -> Result<(), Error> {
        crate::validate::required("id", watch_id)?;
        self.transport
            .execute_empty(WATCHERS_DELETE.request().path_param("id", watch_id))
            .await?;
        Ok(())
    }
}
