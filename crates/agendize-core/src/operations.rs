//! The operations both Agendize crates share, as rows of their operation tables
//! ([`ccapi_transport::endpoint`]).

use ccapi_transport::Endpoint;

/// `watchers.delete`: stops a watch ([`Watchers::delete`](crate::watchers::Watchers::delete)).
pub const WATCHERS_DELETE: Endpoint = Endpoint::delete("watchers.delete", "/watchers/{id}")
    .evidenced("official Node client: agendize/nodejs-module, api/account.js, deleteWebhook");
