//! The legs of an active call: `legs.list`, `get`, `update` (typed [`LegAction`]s) and `delete`.

use ccapi_transport::{Endpoint, Error, Operation, Transport};

use crate::models::{CallLeg, LegAction, LegChange, LegUpdate};
use crate::operations::{LEGS_LIST, LEGS_UPDATE};

/// The legs of one call; from [`Client::legs`](crate::Client::legs).
#[derive(Debug, Clone)]
pub struct Legs {
    pub(crate) transport: Transport,
    pub(crate) account_id: String,
    pub(crate) call_id: String,
}

impl Legs {
    pub(crate) fn new(transport: Transport, account_id: &str, call_id: &str) -> Self {
        Self {
            transport,
            account_id: account_id.to_owned(),
            call_id: call_id.to_owned(),
        }
    }

    /// The call's legs (`GET …/calls/{call_id}/legs`).
    pub async fn list(&self) -> Result<Vec<CallLeg>, Error> {
        self.transport
            .execute(
                LEGS_LIST
                    .request()
                    .path_param("account_id", &self.account_id)
                    .path_param("call_id", &self.call_id),
            )
            .await
    }

    /// Performs `action` on a leg (`PUT …/legs/{leg_id}`). A change that conflicts with the
    /// leg's state answers 409: [`Error::is_conflict`] is then true.
    pub async fn update(&self, leg_id: &str, action: &LegAction) -> Result<LegChange, Error> {
        action.check()?;
        self.transport
            .execute(self.leg(&LEGS_UPDATE, leg_id).json(&action.body()))
            .await
    }

    /// Sends a `legs.update` body as given (`PUT …/legs/{leg_id}`), members this crate does not
    /// model included, once [`LegAction::from_body`] recognises the one action it describes and
    /// that action passes its checks.
    pub async fn update_body(&self, leg_id: &str, body: &LegUpdate) -> Result<LegChange, Error> {
        LegAction::from_body(body)?.check()?;
        self.transport
            .execute(self.leg(&LEGS_UPDATE, leg_id).json(body))
            .await
    }

    fn leg(&self, row: &Endpoint, leg_id: &str) -> Operation {
        row.request()
            .path_param("account_id", &self.account_id)
            .path_param("call_id", &self.call_id)
            .path_param("leg_id", leg_id)
    }
}
