//! The Ziwo admin API, typed, on [`ccapi_transport`]: call trackers, live-call eavesdrop, call
//! history and recordings, agents, queues and numbers, and the call-tracker webhooks your
//! service receives ([`webhooks`]).
//!
//! ```no_run
//! use ziwo_admin::calls::CallFilter;
//! use ziwo_admin::pages::ListOptions;
//! use ziwo_admin::{Client, Credentials};
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), ziwo_admin::Error> {
//! // Logs in on first use, sends `access_token`, logs in again once if Ziwo refuses it.
//! let client = Client::new("acme", Credentials::login("admin@acme.com", "secret".into()))?;
//!
//! let trackers = client.call_trackers().list(&ListOptions::new().limit(50)).await?;
//! println!("{} call trackers (of {:?})", trackers.items.len(), trackers.total);
//!
//! let page = client.calls().list(&ListOptions::new().limit(10), &CallFilter::new()).await?;
//! if let Some(cdr) = page.items.first() {
//!     let call_id = cdr.call_id.clone().unwrap_or_default();
//!     let path = std::path::Path::new("call.mp3");
//!     let bytes = client.calls().download_recording_to_file(&call_id, path).await?;
//!     println!("recording: {bytes} bytes");
//! }
//! client.auth().logout().await?;
//! # Ok(()) }
//! ```
//!
//! Every operation, its route, where the route comes from and the method that calls it are
//! stated once, in `fixtures/ziwo-admin/api.toml`, and listed in [`operations`].
//!
//! **Instance.** `Client::new("acme", ..)` talks to `https://acme-api.aswat.co`; the name is
//! checked as a DNS label first. [`Client::with_config`] takes any base URL (tests, sandboxes).
//!
//! **Nothing the provider says is lost.** Every model keeps the members it does not name, at
//! every nesting level and in the order received, in its `extra` field
//! ([`WithExtra`](ccapi_transport::model::WithExtra)), and writes them back when encoded; add
//! members to a request's `extra` to send what this crate does not model yet. Times read epoch
//! seconds and ISO 8601 text alike ([`Timestamp`](ccapi_transport::decode::Timestamp)).
//!
//! **Errors.** `result: false` (any status) or a non-2xx status is an [`Error`] with the
//! message from `error.message`, `info.message`, `message` or `content.message`.
//!
//! **What Ziwo's official clients and the seed's examples show** (`ASWATFZLLC/ziwo-core-front`,
//! `ASWATFZLLC/android-ziwo-sdk`): a login sends the Android SDK's `vertoSessionId` and
//! `callCenter` on request ([`LoginOptions`], [`Connection::login_with`]) and keeps every member
//! it answers (`ccPassword` as a secret, a number on the web and a string on Android); CDRs
//! decode with `audioQuality` and `extendedInfo.numbers.id` as integers (Android) or strings
//! (seed); call trackers read back `welcomePlayback`, `errorPlayback`, `voicemail` and their
//! blocked `status` ([`CallTracker::is_blocked`](models::CallTracker::is_blocked)); the
//! start-call webhook reads the seed's `curl --form` multipart body as well as URL-encoded
//! forms ([`StartCall::from_body`](webhooks::StartCall)).
//!
//! **Assumptions.** Agents, queues and numbers are routes of the official client that the seed
//! does not document: they exist here with [`Record`](models::Record) entities. The voicemail
//! flag's name (`voicemail`) and the blocked state's `status: "blocked"` are assumed. The call
//! history's list filters are sent as `name[]` like the seed's `callTrackers[]`. The create
//! and test answers of call trackers are kept whole (undocumented).

// docs.rs builds with every feature and marks what each item needs.
#![cfg_attr(docsrs, feature(doc_cfg))]

pub mod call_trackers;
pub mod calls;
pub mod directory;
pub mod eavesdrop;
pub mod models;
pub mod operations;
pub mod webhooks;

pub use ccapi_transport::paginate::{Listing, Page, PageCursor};
#[doc(no_inline)]
pub use ccapi_transport::{self, ClientConfig, Error, RetryPolicy, TransportErrorKind};
pub use ziwo_core::client::{instance_config, Connection, Credentials, LoginOptions};
pub use ziwo_core::pages;

ziwo_core::api_client! {
    /// A Ziwo admin client. Cloning is cheap and shares connections and the session.
    pub struct Client {
        from_env: Credentials::from_env, "the credentials of `Credentials::from_env`"
    }
}

impl Client {
    /// A client for the instance `instance` (`acme` → `https://acme-api.aswat.co`).
    pub fn new(instance: &str, credentials: Credentials) -> Result<Self, Error> {
        Self::with_config(instance_config(instance)?, credentials)
    }

    /// Call trackers.
    pub fn call_trackers(&self) -> call_trackers::CallTrackers {
        call_trackers::CallTrackers::new(self.connection.transport())
    }

    /// Live-call eavesdrop.
    pub fn eavesdrop(&self) -> eavesdrop::Eavesdrops {
        eavesdrop::Eavesdrops::new(self.connection.transport())
    }

    /// Call history and recordings.
    pub fn calls(&self) -> calls::Calls {
        calls::Calls::new(self.connection.transport())
    }

    /// Agents.
    pub fn agents(&self) -> directory::Agents {
        directory::Agents::new(self.connection.transport())
    }

    /// Queues.
    pub fn queues(&self) -> directory::Queues {
        directory::Queues::new(self.connection.transport())
    }

    /// Call-center numbers.
    pub fn numbers(&self) -> directory::Numbers {
        directory::Numbers::new(self.connection.transport())
    }
}
