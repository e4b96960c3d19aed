//! The Ziwo CTI routes, typed, on [`ccapi_transport`]: drive an agent from your application
//! (log in at their position, change their status, click to call, click to IVR, read the
//! current call, log out), authenticated with the instance's `api_key`.
//!
//! ```no_run
//! use ziwo_cti::{AgentStatus, Client};
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), ziwo_cti::Error> {
//! let client = Client::new("acme", std::env::var("ZIWO_API_KEY").unwrap_or_default().into())?;
//! let agent = client.agent("5555");
//! agent.login().await?;
//! agent.set_status(AgentStatus::Available, Some("back from lunch")).await?;
//! agent.call("00971501234567", Some("order #42")).await?;
//! if let Some(call) = agent.current_call().await?.queue_info {
//!     println!("on call {:?} from {:?}", call.call_id, call.caller_id);
//! }
//! # Ok(()) }
//! ```
//!
//! Every operation, its route, where the route comes from and the method that calls it are
//! stated once, in `fixtures/ziwo-cti/api.toml`, and listed in [`operations`].
//!
//! The seed names the `agents.*` operations without paths; the catalog gives paths that only
//! third-party code shows, and marks the others as assumed. Ziwo's own web client
//! (`ASWATFZLLC/ziwo-core-front`, `src/api.service.ts` endpoint `click2Call`, used in
//! `src/main.ts` `startClick2Call`) calls with the agent's token instead:
//! [`AgentSession::click_to_call`](session::AgentSession::click_to_call). The answers of login,
//! status, call, IVR and logout are not documented: their `content` is returned whole, as JSON.
//! An idle agent's current call may come as `null`, `{}` or `[]`: all three read as no call.
//! Phone numbers are checked to be international digits (`00…`, or `+…`) before sending.

// docs.rs builds with every feature and marks what each item needs.
#![cfg_attr(docsrs, feature(doc_cfg))]

pub mod models;
pub mod operations;
pub mod session;

pub use ccapi_transport::paginate::{Listing, Page, PageCursor};
#[doc(no_inline)]
pub use ccapi_transport::{self, ClientConfig, Error, RetryPolicy, TransportErrorKind};
use ccapi_transport::{Endpoint, Form, Operation, Query, SecretString, Transport};
pub use ziwo_core::client::{instance_config, Connection, Credentials, LoginOptions};

use crate::models::CurrentCall;
use crate::session::AgentSession;

/// An agent's status, as the CTI `number` field encodes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum AgentStatus {
    /// 0: logged out.
    LoggedOut,
    /// 1: available.
    Available,
    /// 2: on break.
    OnBreak,
    /// 3: in a meeting.
    Meeting,
    /// 4: making outgoing calls.
    Outgoing,
}

impl AgentStatus {
    /// The number Ziwo uses.
    pub fn number(self) -> u8 {
        match self {
            Self::LoggedOut => 0,
            Self::Available => 1,
            Self::OnBreak => 2,
            Self::Meeting => 3,
            Self::Outgoing => 4,
        }
    }

    /// The status Ziwo numbers `number`; other numbers are an [`Error::InvalidInput`] for
    /// `number` (an instance may configure more: [`session::AgentSession::set_status`] takes
    /// any number).
    pub fn from_number(number: i64) -> Result<Self, Error> {
        [
            Self::LoggedOut,
            Self::Available,
            Self::OnBreak,
            Self::Meeting,
            Self::Outgoing,
        ]
        .into_iter()
        .find(|status| i64::from(status.number()) == number)
        .ok_or_else(|| {
            Error::invalid_input(
                "number",
                format!("{number}: 0 (logged out) to 4 (outgoing)"),
            )
        })
    }
}

ziwo_core::api_client! {
    /// A Ziwo CTI client. Cloning is cheap and shares connections. CTI routes take
    /// `Credentials::ApiKey`.
    pub struct Client {
        from_env: Credentials::api_key_from_env, "the `api_key` in `ZIWO_API_KEY`"
    }
}

impl Client {
    /// A client for the instance `instance` with its `api_key`.
    pub fn new(instance: &str, api_key: SecretString) -> Result<Self, Error> {
        Self::with_config(instance_config(instance)?, Credentials::ApiKey(api_key))
    }

    /// The agent's own session routes and click to call, with the agent's credentials (see
    /// [`session`]).
    pub fn session(&self) -> AgentSession {
        AgentSession {
            transport: self.connection.transport().clone(),
        }
    }

    /// Checks that the instance answers (`GET /monitor/ping`), without credentials, as Ziwo's
    /// Android SDK checks a call center before its login (`checkCallCenter`, which sends the
    /// call center's name as `callCenter`).
    pub async fn ping(&self, call_center: Option<&str>) -> Result<(), Error> {
        let mut query = Query::new();
        query.push_opt("callCenter", call_center);
        let _: serde_json::Value = self
            .connection
            .transport()
            .execute(
                operations::MONITOR_PING
                    .request()
                    .query(query)
                    .unauthenticated(),
            )
            .await?;
        Ok(())
    }

    /// The connection (its explicit `login`/`login_with`, for the agent's session).
    pub fn connection(&self) -> &Connection {
        &self.connection
    }

    /// The agent whose call-center login is `cc_login`.
    pub fn agent(&self, cc_login: &str) -> Agent {
        Agent {
            transport: self.connection.transport().clone(),
            cc_login: cc_login.to_owned(),
        }
    }
}

/// One agent's CTI operations; from [`Client::agent`].
#[derive(Debug, Clone)]
pub struct Agent {
    transport: Transport,
    cc_login: String,
}

impl Agent {
    fn op(&self, row: &Endpoint) -> Operation {
        row.request().path_param("ccLogin", &self.cc_login)
    }

    /// Logs the agent in at their position `agent-{ccLogin}`.
    pub async fn login(&self) -> Result<serde_json::Value, Error> {
        self.transport
            .execute(self.op(&operations::AGENTS_LOGIN).form(&Form::new()))
            .await
    }

    /// Changes the agent's status, with an optional comment.
    pub async fn set_status(
        &self,
        status: AgentStatus,
        comment: Option<&str>,
    ) -> Result<serde_json::Value, Error> {
        let form = Form::new()
            .field("number", status.number())
            .field_opt("comment", comment);
        self.transport
            .execute(self.op(&operations::AGENTS_STATUS).form(&form))
            .await
    }

    /// Calls `number` (international format) from the agent's phone, with an optional comment.
    pub async fn call(
        &self,
        number: &str,
        comment: Option<&str>,
    ) -> Result<serde_json::Value, Error> {
        check_number("number", number)?;
        let form = Form::new()
            .field("number", number)
            .field_opt("comment", comment);
        self.transport
            .execute(self.op(&operations::AGENTS_CALL).form(&form))
            .await
    }

    /// Calls `number` and connects it to the IVR `ivr`, with an optional comment.
    pub async fn call_to_ivr(
        &self,
        number: &str,
        ivr: &str,
        comment: Option<&str>,
    ) -> Result<serde_json::Value, Error> {
        check_number("number", number)?;
        if ivr.trim().is_empty() {
            return Err(Error::invalid_input("ivr", "required, and empty"));
        }
        let form = Form::new()
            .field("number", number)
            .field("ivr", ivr)
            .field_opt("comment", comment);
        self.transport
            .execute(self.op(&operations::AGENTS_IVR).form(&form))
            .await
    }

    /// The agent's current call (`queueInfo`), if any. An idle agent's `null`, `{}` or `[]`
    /// (as `content` or as `queueInfo`) is no call.
    pub async fn current_call(&self) -> Result<CurrentCall, Error> {
        let IdleOrCall(call) = self
            .transport
            .execute(self.op(&operations::AGENTS_CURRENT_CALL))
            .await?;
        Ok(call)
    }

    /// Logs the agent out.
    pub async fn logout(&self) -> Result<serde_json::Value, Error> {
        self.transport
            .execute(self.op(&operations::AGENTS_LOGOUT).form(&Form::new()))
            .await
    }
}

/// The current call, reading an idle agent's `null`, `{}` or `[]` (as the whole content or as
/// `queueInfo`) as no call.
struct IdleOrCall(CurrentCall);

impl<'de> serde::Deserialize<'de> for IdleOrCall {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        use serde::de::Error as _;
        let mut content = serde_json::Value::deserialize(deserializer)?;
        if is_nothing(&content) {
            return Ok(Self(CurrentCall::default()));
        }
        if let Some(queue_info) = content.get_mut("queueInfo") {
            if is_nothing(queue_info) {
                *queue_info = serde_json::Value::Null;
            }
        }
        serde_path_to_error::deserialize(content)
            .map(Self)
            .map_err(|err| D::Error::custom(format!("at `{}`: {}", err.path(), err.inner())))
    }
}

/// `null`, `{}` or `[]`: what an idle agent's current call comes as.
fn is_nothing(value: &serde_json::Value) -> bool {
    match value {
        serde_json::Value::Null => true,
        serde_json::Value::Object(members) => members.is_empty(),
        serde_json::Value::Array(items) => items.is_empty(),
        _ => false,
    }
}

/// International digits: `00…` or `+…`, then 6 to 18 digits.
fn check_number(field: &'static str, number: &str) -> Result<(), Error> {
    let digits = number.strip_prefix('+').unwrap_or(number);
    let valid = (number.starts_with('+') || number.starts_with("00"))
        && (6..=18).contains(&digits.len())
        && digits.bytes().all(|b| b.is_ascii_digit());
    if valid {
        Ok(())
    } else {
        Err(Error::invalid_input(
            field,
            format!("`{number}` is not an international number (00… or +…, digits only)"),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_are_read_from_their_numbers() {
        for status in [
            AgentStatus::LoggedOut,
            AgentStatus::Available,
            AgentStatus::OnBreak,
            AgentStatus::Meeting,
            AgentStatus::Outgoing,
        ] {
            let number = i64::from(status.number());
            assert_eq!(AgentStatus::from_number(number).expect("known"), status);
        }
        let error = AgentStatus::from_number(5).expect_err("not one of the five");
        assert_eq!(
            error.to_string(),
            "invalid input for `number`: 5: 0 (logged out) to 4 (outgoing)"
        );
    }

    #[test]
    fn numbers_are_international_digits() {
        for good in ["00971501234567", "+971501234567"] {
            assert!(check_number("number", good).is_ok(), "{good}");
        }
        for bad in ["0501234567", "00 971 50", "+97150abc", "", "00"] {
            assert!(check_number("number", bad).is_err(), "{bad}");
        }
    }
}
