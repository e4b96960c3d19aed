//! Every operation of this crate, stated once ([`ccapi_transport::endpoint`]): its methods
//! build their requests from these rows, and the command line, the sandbox and this table are
//! checked against them.
//!
//! | operation | method and path | paging | body | source |
//! |---|---|---|---|---|
//! | `auth.login` | `POST /auth/login` |  | JSON | documented |
//! | `auth.logout` | `POST /auth/logout` |  |  | documented |
//! | `calltrackers.list` | `GET /admin/callTrackers` | offset |  | documented |
//! | `calltrackers.get` | `GET /admin/callTrackers/{idOrName}` |  |  | documented |
//! | `calltrackers.create` | `POST /admin/callTrackers` |  | form | documented |
//! | `calltrackers.update` | `PUT /admin/callTrackers/{idOrName}` |  | form | documented |
//! | `calltrackers.block` | `PUT /admin/callTrackers/{idOrName}/block` |  | form | documented |
//! | `calltrackers.unblock` | `PUT /admin/callTrackers/{idOrName}/unblock` |  | form | documented |
//! | `calltrackers.delete` | `DELETE /admin/callTrackers/{idOrName}` |  |  | documented |
//! | `calltrackers.logs` | `GET /admin/callTrackers/logs` |  |  | documented |
//! | `calltrackers.test` | `PUT /admin/callTrackers/{id}/test` |  | form | documented |
//! | `eavesdrop.create` | `POST /live/calls/eavesdrop/{ccLogin}` |  | form | documented |
//! | `eavesdrop.update` | `PUT /live/calls/eavesdrop/{callID}` |  | form | documented |
//! | `calls.list` | `GET /callHistory` | offset |  | documented |
//! | `calls.get` | `GET /callHistory/{id}` |  |  | documented |
//! | `recordings.download` | `GET /surveillance/recordings/{callID}.mp3` |  |  | documented |
//! | `agents.list` | `GET /admin/agents` | offset |  | evidenced: client code (the catalog: not in the seed) |
//! | `agents.get` | `GET /admin/agents/{id}` |  |  | evidenced: client code (the catalog: not in the seed) |
//! | `agents.create` | `POST /admin/agents` |  | form | evidenced: client code (the catalog: not in the seed) |
//! | `agents.update` | `PUT /admin/agents/{id}` |  | form | evidenced: client code (the catalog: not in the seed) |
//! | `queues.list` | `GET /admin/queues` | offset |  | evidenced: client code (the catalog: not in the seed) |
//! | `queues.create` | `POST /admin/queues` |  | form | evidenced: client code (the catalog: not in the seed) |
//! | `numbers.list` | `GET /admin/numbers` | offset |  | evidenced: client code (the catalog: not in the seed) |
//!
//! Paths are under the instance's base URL (`https://{instance}-api.aswat.co`).

use ccapi_transport::endpoint::{Paging, ParamKind, QueryParam};
use ccapi_transport::Endpoint;
use ziwo_core::operations::{DAYS_QUERY, OFFSET_QUERY};

pub use ziwo_core::operations::{AUTH_LOGIN, AUTH_LOGOUT};

const CALLS_QUERY: &[QueryParam] = &[
    OFFSET_QUERY[0],
    OFFSET_QUERY[1],
    OFFSET_QUERY[2],
    OFFSET_QUERY[3],
    DAYS_QUERY[0],
    DAYS_QUERY[1],
    QueryParam::new(
        "agents[]",
        ParamKind::List,
        "Calls of these agents (repeated).",
    ),
    QueryParam::new(
        "numbers[]",
        ParamKind::List,
        "Calls of these numbers (repeated).",
    ),
    QueryParam::new(
        "contactNumber",
        ParamKind::Text,
        "Calls with this contact number.",
    ),
    QueryParam::new(
        "dataset[]",
        ParamKind::List,
        "Calls of these datasets (repeated).",
    ),
];

const LOGS_QUERY: &[QueryParam] = &[
    DAYS_QUERY[0],
    DAYS_QUERY[1],
    QueryParam::new("fetchStart", ParamKind::Integer, "The first log to return."),
    QueryParam::new("fetchStop", ParamKind::Integer, "The log to stop at."),
    QueryParam::new(
        "callTrackers[]",
        ParamKind::List,
        "Logs of these call trackers (repeated).",
    ),
];

const TRACKER: &str = "/admin/callTrackers/{idOrName}";
const CLIENT_CODE: &str = "client code (the catalog: not in the seed)";

/// `calltrackers.list` ([`CallTrackers::list`](crate::call_trackers::CallTrackers::list)).
pub const CALLTRACKERS_LIST: Endpoint = Endpoint::get("calltrackers.list", "/admin/callTrackers")
    .paged(Paging::Offset)
    .query(&OFFSET_QUERY);
/// `calltrackers.get` ([`CallTrackers::get`](crate::call_trackers::CallTrackers::get)).
pub const CALLTRACKERS_GET: Endpoint = Endpoint::get("calltrackers.get", TRACKER);
/// `calltrackers.create` ([`CallTrackers::create`](crate::call_trackers::CallTrackers::create)).
pub const CALLTRACKERS_CREATE: Endpoint =
    Endpoint::post("calltrackers.create", "/admin/callTrackers").form();
/// `calltrackers.update` ([`CallTrackers::update`](crate::call_trackers::CallTrackers::update)).
pub const CALLTRACKERS_UPDATE: Endpoint = Endpoint::put("calltrackers.update", TRACKER).form();
/// `calltrackers.block` ([`CallTrackers::block`](crate::call_trackers::CallTrackers::block)).
pub const CALLTRACKERS_BLOCK: Endpoint =
    Endpoint::put("calltrackers.block", "/admin/callTrackers/{idOrName}/block").form();
/// `calltrackers.unblock`
/// ([`CallTrackers::unblock`](crate::call_trackers::CallTrackers::unblock)).
pub const CALLTRACKERS_UNBLOCK: Endpoint = Endpoint::put(
    "calltrackers.unblock",
    "/admin/callTrackers/{idOrName}/unblock",
)
.form();
/// `calltrackers.delete` ([`CallTrackers::delete`](crate::call_trackers::CallTrackers::delete)).
pub const CALLTRACKERS_DELETE: Endpoint = Endpoint::delete("calltrackers.delete", TRACKER);
/// `calltrackers.logs` ([`CallTrackers::logs`](crate::call_trackers::CallTrackers::logs)).
pub const CALLTRACKERS_LOGS: Endpoint =
    Endpoint::get("calltrackers.logs", "/admin/callTrackers/logs").query(LOGS_QUERY);
/// `calltrackers.test` ([`CallTrackers::test`](crate::call_trackers::CallTrackers::test)).
pub const CALLTRACKERS_TEST: Endpoint =
    Endpoint::put("calltrackers.test", "/admin/callTrackers/{id}/test").form();
/// `eavesdrop.create` ([`Eavesdrops::create`](crate::eavesdrop::Eavesdrops::create)).
pub const EAVESDROP_CREATE: Endpoint =
    Endpoint::post("eavesdrop.create", "/live/calls/eavesdrop/{ccLogin}").form();
/// `eavesdrop.update` ([`Eavesdrops::update`](crate::eavesdrop::Eavesdrops::update)).
pub const EAVESDROP_UPDATE: Endpoint =
    Endpoint::put("eavesdrop.update", "/live/calls/eavesdrop/{callID}").form();
/// `calls.list` ([`Calls::list`](crate::calls::Calls::list)).
pub const CALLS_LIST: Endpoint = Endpoint::get("calls.list", "/callHistory")
    .paged(Paging::Offset)
    .query(CALLS_QUERY);
/// `calls.get` ([`Calls::get`](crate::calls::Calls::get)).
pub const CALLS_GET: Endpoint = Endpoint::get("calls.get", "/callHistory/{id}");
/// `recordings.download`
/// ([`Calls::download_recording`](crate::calls::Calls::download_recording)).
pub const RECORDINGS_DOWNLOAD: Endpoint = Endpoint::get(
    "recordings.download",
    "/surveillance/recordings/{callID}.mp3",
);
/// `agents.list` ([`Agents::list`](crate::directory::Agents::list)).
pub const AGENTS_LIST: Endpoint = Endpoint::get("agents.list", "/admin/agents")
    .paged(Paging::Offset)
    .query(&OFFSET_QUERY)
    .evidenced(CLIENT_CODE);
/// `agents.get` ([`Agents::get`](crate::directory::Agents::get)).
pub const AGENTS_GET: Endpoint =
    Endpoint::get("agents.get", "/admin/agents/{id}").evidenced(CLIENT_CODE);
/// `agents.create` ([`Agents::create`](crate::directory::Agents::create)).
pub const AGENTS_CREATE: Endpoint = Endpoint::post("agents.create", "/admin/agents")
    .form()
    .evidenced(CLIENT_CODE);
/// `agents.update` ([`Agents::update`](crate::directory::Agents::update)).
pub const AGENTS_UPDATE: Endpoint = Endpoint::put("agents.update", "/admin/agents/{id}")
    .form()
    .evidenced(CLIENT_CODE);
/// `queues.list` ([`Queues::list`](crate::directory::Queues::list)).
pub const QUEUES_LIST: Endpoint = Endpoint::get("queues.list", "/admin/queues")
    .paged(Paging::Offset)
    .query(&OFFSET_QUERY)
    .evidenced(CLIENT_CODE);
/// `queues.create` ([`Queues::create`](crate::directory::Queues::create)).
pub const QUEUES_CREATE: Endpoint = Endpoint::post("queues.create", "/admin/queues")
    .form()
    .evidenced(CLIENT_CODE);
/// `numbers.list` ([`Numbers::list`](crate::directory::Numbers::list)).
pub const NUMBERS_LIST: Endpoint = Endpoint::get("numbers.list", "/admin/numbers")
    .paged(Paging::Offset)
    .query(&OFFSET_QUERY)
    .evidenced(CLIENT_CODE);

/// Every row, in catalog order.
pub const ALL: &[Endpoint] = &[
    AUTH_LOGIN,
    AUTH_LOGOUT,
    CALLTRACKERS_LIST,
    CALLTRACKERS_GET,
    CALLTRACKERS_CREATE,
    CALLTRACKERS_UPDATE,
    CALLTRACKERS_BLOCK,
    CALLTRACKERS_UNBLOCK,
    CALLTRACKERS_DELETE,
    CALLTRACKERS_LOGS,
    CALLTRACKERS_TEST,
    EAVESDROP_CREATE,
    EAVESDROP_UPDATE,
    CALLS_LIST,
    CALLS_GET,
    RECORDINGS_DOWNLOAD,
    AGENTS_LIST,
    AGENTS_GET,
    AGENTS_CREATE,
    AGENTS_UPDATE,
    QUEUES_LIST,
    QUEUES_CREATE,
    NUMBERS_LIST,
];
