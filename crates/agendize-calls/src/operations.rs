//! Every operation of this crate, stated once ([`ccapi_transport::endpoint`]): its methods
//! build their requests from these rows, and the command line, the sandbox and this table are
//! checked against them.
//!
//! | operation | method and path | paging | body | source |
//! |---|---|---|---|---|
//! | `calltrackings.list` | `GET /calls/calltrackings` |  |  | documented |
//! | `calltrackings.get` | `GET /calls/calltrackings/{callTrackingId}` |  |  | documented |
//! | `calltrackings.delete` | `DELETE /calls/calltrackings/{callTrackingId}` |  |  | documented |
//! | `calltrackings.watch` | `POST /calls/calltrackings/watch` |  | JSON | documented |
//! | `calls.watch` | `POST /calls/watch` |  | JSON | evidenced: official Node client: agendize/nodejs-module, api/account.js, createWebhookForCalls |
//! | `watchers.delete` | `DELETE /watchers/{id}` |  |  | evidenced: official Node client: agendize/nodejs-module, api/account.js, deleteWebhook |
//!
//! Paths are under [`DEFAULT_BASE_URL`](crate::DEFAULT_BASE_URL).

use ccapi_transport::Endpoint;

pub use agendize_core::operations::WATCHERS_DELETE;

/// `calltrackings.list` ([`CallTrackings::list`](crate::CallTrackings::list)).
pub const CALLTRACKINGS_LIST: Endpoint =
    Endpoint::get("calltrackings.list", "/calls/calltrackings");
/// `calltrackings.get` ([`CallTrackings::get`](crate::CallTrackings::get)).
pub const CALLTRACKINGS_GET: Endpoint =
    Endpoint::get("calltrackings.get", "/calls/calltrackings/{callTrackingId}");
/// `calltrackings.delete` ([`CallTrackings::delete`](crate::CallTrackings::delete)).
pub const CALLTRACKINGS_DELETE: Endpoint = Endpoint::delete(
    "calltrackings.delete",
    "/calls/calltrackings/{callTrackingId}",
);
/// `calltrackings.watch` ([`CallTrackings::watch`](crate::CallTrackings::watch)).
pub const CALLTRACKINGS_WATCH: Endpoint =
    Endpoint::post("calltrackings.watch", "/calls/calltrackings/watch").json();
/// `calls.watch` ([`Calls::watch`](crate::Calls::watch)).
pub const CALLS_WATCH: Endpoint = Endpoint::post("calls.watch", "/calls/watch")
    .json()
    .evidenced(
        "official Node client: agendize/nodejs-module, api/account.js, createWebhookForCalls",
    );

/// Every row, in catalog order.
pub const ALL: &[Endpoint] = &[
    CALLTRACKINGS_LIST,
    CALLTRACKINGS_GET,
    CALLTRACKINGS_DELETE,
    CALLTRACKINGS_WATCH,
    CALLS_WATCH,
    WATCHERS_DELETE,
];
