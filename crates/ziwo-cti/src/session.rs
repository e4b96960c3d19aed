//! The agent's own session, as Ziwo's official clients drive it with the **agent's**
//! `access_token` (a [`Credentials::login`](crate::Credentials::login) of the agent, or their
//! [`Credentials::AccessToken`](crate::Credentials::AccessToken)), not the instance's `api_key`.
//!
//! | operation | method and path | evidence |
//! |---|---|---|
//! | `session.autologin` | `PUT /agents/autologin` | web client `src/authentication.service.ts` (`autoLogin`); Android `ZiwoApiService.kt` |
//! | `session.logout` | `PUT /agents/logout` | web client `src/authentication.service.ts` (`logout`) |
//! | `session.autologout` | `PUT /agents/autologout` | Android `ZiwoApiService.kt` (`autoLogout`) |
//! | `session.status` | `PUT /agents/status`, form `number` | Android `ZiwoApiService.kt` (`updateAgentStatus`) |
//! | `session.profile` | `GET /profile` | web client `src/api.service.ts` (`endpoints.profile`) |
//! | `session.queues` | `GET /agents/channels/calls/listQueues` | web client and Android |
//! | `session.numbers` | `GET /agents/channels/calls/listNumbers` | web client |
//! | `session.calls` | `GET /agents/channels/calls/` | Android `ZiwoApiService.kt` (`getAgentCalls`) |
//! | `session.webrtc_config` | `GET /fs/webrtc/config` | web client `src/authentication.service.ts` (`fetchWebRTCConfig`); Android (`getProfile`) |
//! | `session.agents` | `GET /agent/agents?skip=` | Android `ZiwoApiService.kt` (`getAgents`) |
//! | `session.update` | `PUT /agents`, JSON | Android `ZiwoApiService.kt` (`updateAgent`) |
//! | `session.register_device` | `PUT /auth/device?deviceToken=` | Android `ZiwoApiService.kt` (`registerToken`) |
//! | `static.countries` | `GET /static/countries` | Android `ZiwoApiService.kt` (`getCountries`) |
//!
//! The web client is `ASWATFZLLC/ziwo-core-front`; the Android SDK is
//! `ASWATFZLLC/android-ziwo-sdk` (`ZiwoSDK/src/main/java/com/ziwo/ziwosdk/httpApi/`). A status
//! is a number, not a closed set: the Android SDK knows -1 to 4, and statuses are configurable
//! per instance. The answers of the session routes are not documented: they are returned whole.

use ccapi_transport::{Endpoint, Error, Form, Query, Transport};
use chrono::NaiveDate;
use ziwo_core::models::{LoginUser, Record};
use ziwo_core::pages::Page;

use crate::models::{AgentUpdate, ClickToCall, DirectoryAgent};
use crate::operations;
use crate::AgentStatus;

/// The agent's own session; from [`Client::session`](crate::Client::session).
#[derive(Debug, Clone)]
pub struct AgentSession {
    pub(crate) transport: Transport,
}

impl AgentSession {
    /// Calls `number` from the agent's phone, as Ziwo's web client does
    /// (`POST /integrations/cti/agents/call/{number}` with JSON `{"roamingOnly": …}`); returns
    /// the new call's `callID`. `roaming_only` rings only the agent's roaming number.
    pub async fn click_to_call(
        &self,
        number: &str,
        roaming_only: bool,
    ) -> Result<ClickToCall, Error> {
        crate::check_number("number", number)?;
        self.transport
            .execute(
                operations::AGENTS_CLICK_TO_CALL
                    .request()
                    .path_param("number", number)
                    .json(&serde_json::json!({ "roamingOnly": roaming_only })),
            )
            .await
    }

    async fn put(&self, row: &Endpoint) -> Result<serde_json::Value, Error> {
        self.transport
            .execute(row.request().json(&serde_json::json!({})))
            .await
    }

    /// Connects the agent's position (`PUT /agents/autologin`), as the official clients do
    /// right after logging in.
    pub async fn autologin(&self) -> Result<serde_json::Value, Error> {
        self.put(&operations::SESSION_AUTOLOGIN).await
    }

    /// Logs the agent out of the call center (`PUT /agents/logout`).
    pub async fn logout(&self) -> Result<serde_json::Value, Error> {
        self.put(&operations::SESSION_LOGOUT).await
    }

    /// Disconnects the agent's position (`PUT /agents/autologout`).
    pub async fn autologout(&self) -> Result<serde_json::Value, Error> {
        self.put(&operations::SESSION_AUTOLOGOUT).await
    }

    /// Sets the agent's status (`PUT /agents/status`, form `number`): any status id of the
    /// instance; [`AgentStatus::number`] gives the usual ones.
    pub async fn set_status(&self, number: i64) -> Result<serde_json::Value, Error> {
        self.transport
            .execute(
                operations::SESSION_STATUS
                    .request()
                    .form(&Form::new().field("number", number)),
            )
            .await
    }

    /// [`AgentSession::set_status`] with one of the usual statuses.
    pub async fn set_usual_status(&self, status: AgentStatus) -> Result<serde_json::Value, Error> {
        self.set_status(i64::from(status.number())).await
    }

    /// The agent, as `GET /profile` answers (the login user's members plus `liveInfo`,
    /// `liveCalls` and more, all kept).
    pub async fn profile(&self) -> Result<LoginUser, Error> {
        self.transport
            .execute(operations::SESSION_PROFILE.request())
            .await
    }

    /// The queues the agent serves (`GET /agents/channels/calls/listQueues`).
    pub async fn queues(&self) -> Result<Vec<Record>, Error> {
        let listed: ziwo_core::models::Listed<Record> = self
            .transport
            .execute(operations::SESSION_QUEUES.request())
            .await?;
        Ok(listed.0)
    }

    /// The numbers (DIDs) of the agent's queues (`GET /agents/channels/calls/listNumbers`).
    pub async fn numbers(&self) -> Result<Vec<Record>, Error> {
        let listed: ziwo_core::models::Listed<Record> = self
            .transport
            .execute(operations::SESSION_NUMBERS.request())
            .await?;
        Ok(listed.0)
    }

    /// The instance's agents with their live state and status (`GET /agent/agents`), from the
    /// `skip`-th on, as the Android SDK lists them (`getAgents`).
    pub async fn agents(&self, skip: u64) -> Result<Vec<DirectoryAgent>, Error> {
        let mut query = Query::new();
        query.push("skip", skip);
        let listed: ziwo_core::models::Listed<DirectoryAgent> = self
            .transport
            .execute(operations::SESSION_AGENTS.request().query(query))
            .await?;
        Ok(listed.0)
    }

    /// Changes the agent's own profile (`PUT /agents`, JSON): names, photo, country, language,
    /// or the password, which needs [`AgentUpdate::current_password`] too. Returns the answer's
    /// `content` whole (the Android SDK reads nothing of it).
    pub async fn update(&self, changes: &AgentUpdate) -> Result<serde_json::Value, Error> {
        if changes.password.is_some() && changes.current_password.is_none() {
            return Err(Error::invalid_input(
                "currentPassword",
                "a new password needs the current one",
            ));
        }
        self.transport
            .execute(operations::SESSION_UPDATE.request().json(changes))
            .await
    }

    /// Registers the device's push-notification token for the agent's calls
    /// (`PUT /auth/device?deviceToken=…`, as the Android SDK's `registerToken`).
    pub async fn register_device(&self, device_token: &str) -> Result<serde_json::Value, Error> {
        if device_token.trim().is_empty() {
            return Err(Error::invalid_input("deviceToken", "must not be empty"));
        }
        let mut query = Query::new();
        query.push("deviceToken", device_token);
        self.transport
            .execute(operations::SESSION_REGISTER_DEVICE.request().query(query))
            .await
    }

    /// One page of the agent's own call history (`GET /agents/channels/calls/`), with
    /// `info.totalRecords`. Each call is a CDR, kept whole.
    pub async fn calls(&self, query: &AgentCallQuery) -> Result<Page<Record>, Error> {
        query.check()?;
        let decoded = self
            .transport
            .execute_with_meta::<ziwo_core::models::Listed<Record>>(
                operations::SESSION_CALLS.request().query(query.to_query()),
            )
            .await?;
        let paging = decoded.meta.get("info").cloned().unwrap_or_default();
        Ok(Page::new(decoded.value.0, None)
            .with_total(ziwo_core::pages::total(&decoded.meta))
            .with_paging(paging))
    }
}

/// A call direction filter of [`AgentSession::calls`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum CallDirection {
    /// `inbound`.
    Inbound,
    /// `outbound`.
    Outbound,
    /// `internal`.
    Internal,
}

impl CallDirection {
    /// The value Ziwo uses.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Inbound => "inbound",
            Self::Outbound => "outbound",
            Self::Internal => "internal",
        }
    }
}

impl std::str::FromStr for CallDirection {
    type Err = Error;
    fn from_str(text: &str) -> Result<Self, Error> {
        match text {
            "inbound" => Ok(Self::Inbound),
            "outbound" => Ok(Self::Outbound),
            "internal" => Ok(Self::Internal),
            other => Err(Error::invalid_input(
                "directions",
                format!("`{other}`: inbound, outbound or internal"),
            )),
        }
    }
}

/// The filters of the agent's call history, as the Android SDK sends them: `skip`, `limit`,
/// `directions[]`, `abandoned`, `fromDate`, `toDate`. Every one is optional.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AgentCallQuery {
    skip: Option<u64>,
    limit: Option<u32>,
    directions: Vec<CallDirection>,
    abandoned: Option<bool>,
    from_date: Option<NaiveDate>,
    to_date: Option<NaiveDate>,
}

impl AgentCallQuery {
    /// No filter.
    pub fn new() -> Self {
        Self::default()
    }

    /// Skip the first `skip` calls.
    pub fn skip(mut self, skip: u64) -> Self {
        self.skip = Some(skip);
        self
    }

    /// At most `limit` calls (at least 1).
    pub fn limit(mut self, limit: u32) -> Self {
        self.limit = Some(limit);
        self
    }

    /// Calls in this direction; call again for several (`directions[]` repeated).
    pub fn direction(mut self, direction: CallDirection) -> Self {
        self.directions.push(direction);
        self
    }

    /// Abandoned calls only (`true`) or answered ones only (`false`).
    pub fn abandoned(mut self, abandoned: bool) -> Self {
        self.abandoned = Some(abandoned);
        self
    }

    /// Calls from this day.
    pub fn from_date(mut self, day: NaiveDate) -> Self {
        self.from_date = Some(day);
        self
    }

    /// Calls up to this day.
    pub fn to_date(mut self, day: NaiveDate) -> Self {
        self.to_date = Some(day);
        self
    }

    fn check(&self) -> Result<(), Error> {
        if self.limit == Some(0) {
            return Err(Error::invalid_input("limit", "must be at least 1"));
        }
        ziwo_core::days::check(self.from_date, self.to_date)
    }

    fn to_query(&self) -> Query {
        let mut query = Query::new();
        query.push_opt("skip", self.skip);
        query.push_opt("limit", self.limit);
        for direction in &self.directions {
            query.push("directions[]", direction.as_str());
        }
        query.push_opt("abandoned", self.abandoned);
        ziwo_core::days::push(&mut query, self.from_date, self.to_date);
        query
    }
}
