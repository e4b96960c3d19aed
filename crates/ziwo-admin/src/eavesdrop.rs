//! Live-call eavesdrop (call whispering): listen to an agent's calls, then speak to the agent,
//! to both sides, or to nobody.

use ccapi_transport::{Error, Form, Operation, Transport};

use crate::models::Eavesdrop;

/// Whom the eavesdropper speaks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Whisper {
    /// The agent only.
    Agent,
    /// The agent and the customer.
    Both,
    /// Nobody: listen only.
    None,
}

impl Whisper {
    fn as_str(self) -> &'static str {
        match self {
            Self::Agent => "agent",
            Self::Both => "both",
            Self::None => "none",
        }
    }
}

/// Eavesdrop calls; from [`Client::eavesdrop`](crate::Client::eavesdrop).
#[derive(Debug, Clone)]
pub struct Eavesdrops {
    transport: Transport,
}

impl Eavesdrops {
    pub(crate) fn new(transport: &Transport) -> Self {
        Self {
            transport: transport.clone(),
        }
    }

    /// Starts listening to the agent `cc_login` (`POST /live/calls/eavesdrop/{ccLogin}`). Ziwo
    /// rings the current user at their default position, or at `position_name`; that position
    /// must be connected, and the call answered by your client.
    pub async fn create(
        &self,
        cc_login: &str,
        position_name: Option<&str>,
    ) -> Result<Eavesdrop, Error> {
        let form = Form::new().field_opt("positionName", position_name);
        self.transport
            .execute(
                Operation::post("/live/calls/eavesdrop/{ccLogin}")
                    .path_param("ccLogin", cc_login)
                    .form(&form),
            )
            .await
    }

    /// Changes whom the eavesdropper speaks to (`PUT /live/calls/eavesdrop/{callID}`).
    pub async fn update(&self, call_id: &str, whisper: Whisper) -> Result<(), Error> {
        let form = Form::new().field("whisper", whisper.as_str());
        self.transport
            .execute_empty(
                Operation::put("/live/calls/eavesdrop/{callID}")
                    .path_param("callID", call_id)
                    .form(&form),
            )
            .await?;
        Ok(())
    }
}
