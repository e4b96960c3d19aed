//! Every operation of this crate, stated once ([`ccapi_transport::endpoint`]): its methods
//! build their requests from these rows, and the command line, the sandbox and this table are
//! checked against them.
//!
//! | operation | method and path | paging | body | source |
//! |---|---|---|---|---|
//! | `calls.list` | `GET /cc/accounts/{account_id}/calls` | page number |  | documented |
//! | `calls.create` | `POST /cc/accounts/{account_id}/calls` |  | JSON | documented |
//! | `calls.get` | `GET /cc/accounts/{account_id}/calls/{call_id}` |  |  | documented |
//! | `calls.update` | `PUT /cc/accounts/{account_id}/calls/{call_id}` |  | JSON | documented |
//! | `calls.delete` | `DELETE /cc/accounts/{account_id}/calls/{call_id}` |  |  | documented |
//! | `legs.list` | `GET /cc/accounts/{account_id}/calls/{call_id}/legs` |  |  | documented |
//! | `legs.get` | `GET /cc/accounts/{account_id}/calls/{call_id}/legs/{leg_id}` |  |  | documented |
//! | `legs.update` | `PUT /cc/accounts/{account_id}/calls/{call_id}/legs/{leg_id}` |  | JSON | documented |
//! | `legs.delete` | `DELETE /cc/accounts/{account_id}/calls/{call_id}/legs/{leg_id}` |  |  | documented |
//! | `devices.list` | `GET /registration/accounts/{account_id}/devices` | page number |  | documented |
//! | `devices.get` | `GET /registration/accounts/{account_id}/devices/{device_id}` |  |  | documented |
//!
//! Paths are under [`DEFAULT_BASE_URL`](crate::DEFAULT_BASE_URL). The listings' `page`
//! parameter is an assumption: see [`pages`](crate::pages).

use ccapi_transport::endpoint::{Paging, ParamKind, QueryParam};
use ccapi_transport::Endpoint;

const CALLS: &str = "/cc/accounts/{account_id}/calls";
const CALL: &str = "/cc/accounts/{account_id}/calls/{call_id}";
const LEG: &str = "/cc/accounts/{account_id}/calls/{call_id}/legs/{leg_id}";

/// The listing parameters of Vonage's OpenAPI file, and `page`, which its answers' page links
/// carry (the file does not list it).
const PAGE_QUERY: [QueryParam; 5] = [
    QueryParam::new(
        "page_size",
        ParamKind::Integer,
        "Items per page (default 100).",
    ),
    QueryParam::new("order", ParamKind::Text, "`asc` or `desc`."),
    QueryParam::new(
        "start_time",
        ParamKind::Integer,
        "Only what happened after this time (epoch seconds).",
    ),
    QueryParam::new(
        "end_time",
        ParamKind::Integer,
        "Only what happened before this time (epoch seconds).",
    ),
    QueryParam::new("page", ParamKind::Integer, "Page number, from 1."),
];
const CALLS_QUERY: &[QueryParam] = &[
    QueryParam::new(
        "extension",
        ParamKind::Text,
        "Calls of this extension only.",
    ),
    PAGE_QUERY[0],
    PAGE_QUERY[1],
    PAGE_QUERY[2],
    PAGE_QUERY[3],
    PAGE_QUERY[4],
];

/// `calls.list` ([`Calls::list`](crate::Calls::list), [`Calls::list_all`](crate::Calls::list_all)).
pub const CALLS_LIST: Endpoint = Endpoint::get("calls.list", CALLS)
    .paged(Paging::PageNumber)
    .query(CALLS_QUERY);
/// `calls.create` ([`Calls::create`](crate::Calls::create)).
pub const CALLS_CREATE: Endpoint = Endpoint::post("calls.create", CALLS).json();
/// `calls.get` ([`Calls::get`](crate::Calls::get)).
pub const CALLS_GET: Endpoint = Endpoint::get("calls.get", CALL);
/// `calls.update` ([`Calls::answer`](crate::Calls::answer), [`Calls::transfer`](crate::Calls::transfer),
/// [`Calls::park`](crate::Calls::park), [`Calls::update_body`](crate::Calls::update_body)).
pub const CALLS_UPDATE: Endpoint = Endpoint::put("calls.update", CALL).json();
/// `calls.delete` ([`Calls::delete`](crate::Calls::delete)).
pub const CALLS_DELETE: Endpoint = Endpoint::delete("calls.delete", CALL);
/// `legs.list` ([`Legs::list`](crate::Legs::list)).
pub const LEGS_LIST: Endpoint = Endpoint::get(
    "legs.list",
    "/cc/accounts/{account_id}/calls/{call_id}/legs",
);
/// `legs.get` ([`Legs::get`](crate::Legs::get)).
pub const LEGS_GET: Endpoint = Endpoint::get("legs.get", LEG);
/// `legs.update` ([`Legs::update`](crate::Legs::update), [`Legs::update_body`](crate::Legs::update_body)).
pub const LEGS_UPDATE: Endpoint = Endpoint::put("legs.update", LEG).json();
/// `legs.delete` ([`Legs::delete`](crate::Legs::delete)).
pub const LEGS_DELETE: Endpoint = Endpoint::delete("legs.delete", LEG);
/// `devices.list` ([`Devices::list`](crate::Devices::list), [`Devices::list_all`](crate::Devices::list_all)).
pub const DEVICES_LIST: Endpoint = Endpoint::get(
    "devices.list",
    "/registration/accounts/{account_id}/devices",
)
.paged(Paging::PageNumber)
.query(&PAGE_QUERY);
/// `devices.get` ([`Devices::get`](crate::Devices::get)).
pub const DEVICES_GET: Endpoint = Endpoint::get(
    "devices.get",
    "/registration/accounts/{account_id}/devices/{device_id}",
);

/// Every row, in catalog order.
pub const ALL: &[Endpoint] = &[
    CALLS_LIST,
    CALLS_CREATE,
    CALLS_GET,
    CALLS_UPDATE,
    CALLS_DELETE,
    LEGS_LIST,
    LEGS_GET,
    LEGS_UPDATE,
    LEGS_DELETE,
    DEVICES_LIST,
    DEVICES_GET,
];
