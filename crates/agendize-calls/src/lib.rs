//! The Agendize Calls API (call tracking numbers), typed, on [`ccapi_transport`].
//!
//! ```no_run
//! use agendize_calls::{Client, Credentials};
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), agendize_calls::Error> {
//! let client = Client::new(Credentials::api_key(
//!     std::env::var("AGENDIZE_API_KEY").unwrap_or_default().into(),
//!     std::env::var("AGENDIZE_TOKEN").unwrap_or_default().into(),
//! ))?;
//! for tracking in client.call_trackings().list().await? {
//!     println!("{} -> {:?}", tracking.id, tracking.tracking_phone_number);
//! }
//! # Ok(()) }
//! ```
//!
//! Every operation, its route, where the route comes from and the method that calls it are
//! stated once, in `fixtures/agendize-calls/api.toml`, and listed in [`operations`].
//!
//! **Authentication.** An API key and SSO token as `apiKey` / `token` headers (the documented
//! form and the default); as query parameters with [`Credentials::api_key_in_query`]; or OAuth2:
//! a session from [`oauth2`] (password or refresh-token grant, refreshed by the transport), or a
//! static [`Credentials::access_token`].
//!
//! **Nothing the provider says is lost.** Every model keeps the members it does not name, at
//! every nesting level and in the order received, in its `extra` field
//! ([`WithExtra`](ccapi_transport::model::WithExtra)), and writes them back when encoded; add
//! members to a request's `extra` to send what this crate does not model yet. Times read epoch
//! seconds and ISO 8601 text alike ([`Timestamp`](ccapi_transport::decode::Timestamp)).
//!
//! **Errors.** A non-2xx status, or a 2xx body with a top-level `error`, is an [`Error`] with the
//! provider's message ([`Error::provider_message`]); requests that cannot succeed (a watch
//! without an absolute address) fail with [`Error::InvalidInput`] before anything is sent.
//!
//! **Notifications.** What a watch delivers decodes with
//! [`Notification::<CallTracking>::from_headers`](notification::Notification::from_headers);
//! see [`notification`].
//!
//! **Assumptions.** The seed lists a `companyId` path parameter for `watch` but its path has
//! none; this crate sends the documented path. Call trackings have no create or update operation,
//! so the 128-character limit on names is only documented on [`models::CallTracking::name`].

// docs.rs builds with every feature and marks what each item needs.
#![cfg_attr(docsrs, feature(doc_cfg))]

pub mod call_trackings;
pub mod calls;
pub mod models;
pub mod operations;

pub use agendize_core::client::{oauth2, Credentials, KeyPlacement, DEFAULT_BASE_URL};
pub use agendize_core::notification;
pub use agendize_core::watchers::Watchers;
pub use call_trackings::CallTrackings;
pub use calls::Calls;
pub use ccapi_transport::paginate::{Listing, Page, PageCursor};
#[doc(no_inline)]
pub use ccapi_transport::{self, ClientConfig, Error, RetryPolicy, TransportErrorKind};

agendize_core::api_client! {
    /// A client of the Agendize Calls API. Cloning is cheap and shares connections and
    /// credentials.
    pub struct Client;
}

impl Client {
    /// The call tracking numbers of the account.
    pub fn call_trackings(&self) -> CallTrackings<'_> {
        CallTrackings::new(&self.transport)
    }

    /// The account's calls (a watch on them).
    pub fn calls(&self) -> Calls<'_> {
        Calls::new(&self.transport)
    }
}
