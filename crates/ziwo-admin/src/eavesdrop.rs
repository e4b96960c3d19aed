//! Live-call eavesdrop (call whispering): listen to an agent's calls, then speak to the agent,
//! to both sides, or to nobody.

use ccapi_transport::{Error, Form, Transport};

use crate::models::Eavesdrop;
use crate::operations::{EAVESDROP_CREATE, EAVESDROP_UPDATE};

/// Whom the eavesdropper speaks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Whisper {
    /// The agent only.
    Agent,
    /// The agent and the customer.
    Both,
    /// Nobody: listen only.
    None,
}

impl Whisper {
    /// The value Ziwo takes: `agent`, `both` or `none`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Agent => "agent",
            Self::Both => "both",
            Self::None => "none",
        }
    }
}

impl std::str::FromStr for Whisper {
    type Err = Error;

    /// `agent`, `both` or `none`; anything else is an [`Error::InvalidInput`] for `whisper`.
    fn from_str(text: &str) -> Result<Self, Error> {
        [Self::Agent, Self::Both, Self::None]
            .into_iter()
            .find(|whisper| whisper.as_str() == text)
            .ok_or_else(|| {
                Error::invalid_input("whisper", format!("`{text}`: agent, both or none"))
            })
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
                EAVESDROP_CREATE
                    .request()
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
                EAVESDROP_UPDATE
                    .request()
                    .path_param("callID", call_id)
                    .form(&form),
            )
            .await?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whispers_read_back_what_they_send() {
        for whisper in [Whisper::Agent, Whisper::Both, Whisper::None] {
            assert_eq!(whisper.as_str().parse::<Whisper>().expect("known"), whisper);
        }
        let error = "customer".parse::<Whisper>().expect_err("not a whisper");
        assert!(matches!(&error, Error::InvalidInput { field: Some(f), .. } if f == "whisper"));
    }
}
