//! Call tracking numbers: `calltrackings.list`, `get`, `delete` and `watch`.

use ccapi_transport::{Error, Transport};

use crate::models::{CallTracking, Items, Watch};
use crate::operations::{CALLTRACKINGS_LIST, CALLTRACKINGS_WATCH};

/// The call tracking numbers of the account; from [`Client::call_trackings`](crate::Client::call_trackings).
#[derive(Clone, Copy)]
pub struct CallTrackings<'a> {
    pub(crate) transport: &'a Transport,
}

impl<'a> CallTrackings<'a> {
    pub(crate) fn new(transport: &'a Transport) -> Self {
        Self { transport }
    }

    /// Returns every call tracking number (`GET /calls/calltrackings`; not paged).
    pub async fn list(&self) -> Result<Vec<CallTracking>, Error> {
        let list: Items<CallTracking> =
            self.transport.execute(CALLTRACKINGS_LIST.request()).await?;
        Ok(list.items)
    }

    /// Watches for changes to call tracking numbers (`POST /calls/calltrackings/watch`): Agendize
    /// then delivers each changed call tracking number to `watch.address`. Returns the watch.
    pub async fn watch(&self, watch: &Watch) -> Result<Watch, Error> {
        agendize_core::validate::watch(watch)?;
        self.transport
            .execute(CALLTRACKINGS_WATCH.request().json(watch))
            .await
    }
}
