//! Every operation of this crate, stated once ([`ccapi_transport::endpoint`]): its methods
//! build their requests from these rows, and the command line, the sandbox and this table are
//! checked against them.
//!
//! | operation | method and path | paging | body | source |
//! |---|---|---|---|---|
//! | `agents.login` | `POST /integrations/cti/agents/{ccLogin}/login/agent-{ccLogin}` |  | form | evidenced: third-party code that calls live instances (the catalog) |
//! | `agents.call` | `POST /integrations/cti/agents/{ccLogin}/call` |  | form | evidenced: third-party code that calls live instances (the catalog) |
//! | `agents.current_call` | `GET /integrations/cti/agents/{ccLogin}/call` |  |  | evidenced: third-party code that calls live instances (the catalog) |
//! | `agents.status` | `PUT /integrations/cti/agents/{ccLogin}/status` |  | form | **assumed**: the seed names the operation without a path; the path follows the evidenced `agents.call` under the same agent |
//! | `agents.ivr` | `POST /integrations/cti/agents/{ccLogin}/ivr` |  | form | **assumed**: the seed names the operation without a path; the path follows the evidenced `agents.call` under the same agent |
//! | `agents.logout` | `POST /integrations/cti/agents/{ccLogin}/logout` |  | form | **assumed**: the seed names the operation without a path; the path follows the evidenced `agents.call` under the same agent |
//! | `agents.click_to_call` | `POST /integrations/cti/agents/call/{number}` |  | JSON | evidenced: official web client ASWATFZLLC/ziwo-core-front, src/api.service.ts (click2Call) |
//! | `session.autologin` | `PUT /agents/autologin` |  | JSON | evidenced: official web client ASWATFZLLC/ziwo-core-front |
//! | `session.logout` | `PUT /agents/logout` |  | JSON | evidenced: official web client ASWATFZLLC/ziwo-core-front |
//! | `session.autologout` | `PUT /agents/autologout` |  | JSON | evidenced: official Android SDK ASWATFZLLC/android-ziwo-sdk, ZiwoApiService.kt |
//! | `session.status` | `PUT /agents/status` |  | form | evidenced: official Android SDK ASWATFZLLC/android-ziwo-sdk, ZiwoApiService.kt |
//! | `session.profile` | `GET /profile` |  |  | evidenced: official web client ASWATFZLLC/ziwo-core-front |
//! | `session.queues` | `GET /agents/channels/calls/listQueues` |  |  | evidenced: official web client ASWATFZLLC/ziwo-core-front |
//! | `session.numbers` | `GET /agents/channels/calls/listNumbers` |  |  | evidenced: official web client ASWATFZLLC/ziwo-core-front |
//! | `session.calls` | `GET /agents/channels/calls/` | offset |  | evidenced: official Android SDK ASWATFZLLC/android-ziwo-sdk, ZiwoApiService.kt |
//!
//! Paths are under the instance's base URL (`https://{instance}-api.aswat.co`). The `agents.*`
//! rows take the CTI `api_key`; `agents.click_to_call` and the `session.*` rows take the agent's
//! own `access_token`, as Ziwo's clients send them.

use ccapi_transport::endpoint::{Paging, ParamKind, QueryParam};
use ccapi_transport::Endpoint;

const THIRD_PARTY: &str = "third-party code that calls live instances (the catalog)";
const LIKE_CALL: &str = "the seed names the operation without a path; the path follows the \
                         evidenced `agents.call` under the same agent";
const WEB: &str = "official web client ASWATFZLLC/ziwo-core-front";
const ANDROID: &str = "official Android SDK ASWATFZLLC/android-ziwo-sdk, ZiwoApiService.kt";

/// `agents.login` ([`Agent::login`](crate::Agent::login)).
pub const AGENTS_LOGIN: Endpoint = Endpoint::post(
    "agents.login",
    "/integrations/cti/agents/{ccLogin}/login/agent-{ccLogin}",
)
.form()
.evidenced(THIRD_PARTY);
/// `agents.call` ([`Agent::call`](crate::Agent::call)).
pub const AGENTS_CALL: Endpoint =
    Endpoint::post("agents.call", "/integrations/cti/agents/{ccLogin}/call")
        .form()
        .evidenced(THIRD_PARTY);
/// `agents.current_call` ([`Agent::current_call`](crate::Agent::current_call)).
pub const AGENTS_CURRENT_CALL: Endpoint = Endpoint::get(
    "agents.current_call",
    "/integrations/cti/agents/{ccLogin}/call",
)
.evidenced(THIRD_PARTY);
/// `agents.status` ([`Agent::set_status`](crate::Agent::set_status)).
pub const AGENTS_STATUS: Endpoint =
    Endpoint::put("agents.status", "/integrations/cti/agents/{ccLogin}/status")
        .form()
        .assumed(LIKE_CALL);
/// `agents.ivr` ([`Agent::call_to_ivr`](crate::Agent::call_to_ivr)).
pub const AGENTS_IVR: Endpoint =
    Endpoint::post("agents.ivr", "/integrations/cti/agents/{ccLogin}/ivr")
        .form()
        .assumed(LIKE_CALL);
/// `agents.logout` ([`Agent::logout`](crate::Agent::logout)).
pub const AGENTS_LOGOUT: Endpoint =
    Endpoint::post("agents.logout", "/integrations/cti/agents/{ccLogin}/logout")
        .form()
        .assumed(LIKE_CALL);
/// `agents.click_to_call`
/// ([`AgentSession::click_to_call`](crate::session::AgentSession::click_to_call)).
pub const AGENTS_CLICK_TO_CALL: Endpoint = Endpoint::post(
    "agents.click_to_call",
    "/integrations/cti/agents/call/{number}",
)
.json()
.evidenced("official web client ASWATFZLLC/ziwo-core-front, src/api.service.ts (click2Call)");
/// `session.autologin` ([`AgentSession::autologin`](crate::session::AgentSession::autologin)).
pub const SESSION_AUTOLOGIN: Endpoint = Endpoint::put("session.autologin", "/agents/autologin")
    .json()
    .evidenced(WEB);
/// `session.logout` ([`AgentSession::logout`](crate::session::AgentSession::logout)).
pub const SESSION_LOGOUT: Endpoint = Endpoint::put("session.logout", "/agents/logout")
    .json()
    .evidenced(WEB);
/// `session.autologout`
/// ([`AgentSession::autologout`](crate::session::AgentSession::autologout)).
pub const SESSION_AUTOLOGOUT: Endpoint = Endpoint::put("session.autologout", "/agents/autologout")
    .json()
    .evidenced(ANDROID);
/// `session.status` ([`AgentSession::set_status`](crate::session::AgentSession::set_status)).
pub const SESSION_STATUS: Endpoint = Endpoint::put("session.status", "/agents/status")
    .form()
    .evidenced(ANDROID);
/// `session.profile` ([`AgentSession::profile`](crate::session::AgentSession::profile)).
pub const SESSION_PROFILE: Endpoint = Endpoint::get("session.profile", "/profile").evidenced(WEB);
/// `session.queues` ([`AgentSession::queues`](crate::session::AgentSession::queues)).
pub const SESSION_QUEUES: Endpoint =
    Endpoint::get("session.queues", "/agents/channels/calls/listQueues").evidenced(WEB);
/// `session.numbers` ([`AgentSession::numbers`](crate::session::AgentSession::numbers)).
pub const SESSION_NUMBERS: Endpoint =
    Endpoint::get("session.numbers", "/agents/channels/calls/listNumbers").evidenced(WEB);
/// `session.calls` ([`AgentSession::calls`](crate::session::AgentSession::calls)).
pub const SESSION_CALLS: Endpoint = Endpoint::get("session.calls", "/agents/channels/calls/")
    .paged(Paging::Offset)
    .query(&[
        ziwo_core::operations::OFFSET_QUERY[1],
        ziwo_core::operations::OFFSET_QUERY[0],
        QueryParam::new(
            "directions[]",
            ParamKind::List,
            "Calls in these directions (repeated): `inbound`, `outbound`, `internal`.",
        ),
        QueryParam::new(
            "abandoned",
            ParamKind::Boolean,
            "Only abandoned calls, or none.",
        ),
        ziwo_core::operations::DAYS_QUERY[0],
        ziwo_core::operations::DAYS_QUERY[1],
    ])
    .evidenced(ANDROID);

/// Every row, in catalog order.
pub const ALL: &[Endpoint] = &[
    AGENTS_LOGIN,
    AGENTS_CALL,
    AGENTS_CURRENT_CALL,
    AGENTS_STATUS,
    AGENTS_IVR,
    AGENTS_LOGOUT,
    AGENTS_CLICK_TO_CALL,
    SESSION_AUTOLOGIN,
    SESSION_LOGOUT,
    SESSION_AUTOLOGOUT,
    SESSION_STATUS,
    SESSION_PROFILE,
    SESSION_QUEUES,
    SESSION_NUMBERS,
    SESSION_CALLS,
];
