//! The Vonage Business Communications (VBC) Telephony API v3, typed, on [`ccapi_transport`]:
//! active calls, their legs, and device registrations.
//!
//! ```no_run
//! use cc_voice::models::{CallType, Contact, LegAction, NewCall};
//! use cc_voice::{Client, Credentials, ListFilter};
//! use futures::TryStreamExt;
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), cc_voice::Error> {
//! // The password grant; "@vbc.prod" is added to the user name when missing.
//! let credentials = Credentials::password("client-id", "client-secret".into(), "jane", "pw".into())?;
//! let client = Client::new(credentials)?;
//!
//! let call_id = client
//!     .calls("1234")
//!     .create(&NewCall::new(
//!         Contact::extension("1001"),
//!         Contact::pstn("+15551234567"),
//!         CallType::ClickToDial,
//!     ))
//!     .await?;
//! let call = client.calls("1234").get(&call_id).await?;
//! for leg in call.legs.unwrap_or_default() {
//!     client.legs("1234", &call_id).update(&leg.leg_id, &LegAction::Hold).await?;
//! }
//! let every_call: Vec<_> = client.calls("1234").list_all(&ListFilter::new().page_size(50)).try_collect().await?;
//! println!("{} active calls", every_call.len());
//! # Ok(()) }
//! ```
//!
//! Every operation, its route, where the route comes from and the method that calls it are
//! stated once, in `fixtures/cc-voice/api.toml`, and listed in [`operations`].
//!
//! **Authentication** ([`auth`]): OAuth2 at `https://api.vonage.com/token` (password grant,
//! authorization code with the client's Basic header, refresh token; single-use refresh tokens
//! rotated), or a static access token.
//!
//! **Decoding as the live API behaves.** Ids, numbers, page counters and times arrive as JSON
//! numbers in the provider's examples and as strings in its OpenAPI file: both decode
//! ([`LenientString`](ccapi_transport::decode::LenientString)). Times are epoch seconds in the
//! seed and `format: date-time` in the OpenAPI file; a
//! [`Timestamp`](ccapi_transport::decode::Timestamp) reads both and writes back what it read.
//! Page counters that are not numbers (the OpenAPI file types them as free strings) are kept
//! ([`MaybeNumber`](ccapi_transport::decode::MaybeNumber)) and paging falls back (see [`pages`]).
//! Every model keeps the members it does not name in `extra`
//! ([`WithExtra`](ccapi_transport::model::WithExtra)). `cargo xtask conformance` runs every
//! operation against Prism serving Vonage's own OpenAPI file. JSON labelled `text/plain`
//! decodes. Statuses `busy`, `failed`, `unanswered`, `ringing`, `on-call` and the older
//! `active` are typed; unknown values are kept. Error bodies `{code, message}` with `code` a
//! number or a string become an [`Error`] with the provider's message; a 409 on a leg is
//! [`Error::is_conflict`].
//!
//! **Assumptions**: the page parameter of the listings (see [`pages`]); `calls.create`
//! answers the new call's id as text, quoted or not.

// docs.rs builds with every feature and marks what each item needs.
#![cfg_attr(docsrs, feature(doc_cfg))]

pub mod auth;
pub mod calls;
pub mod devices;
pub mod legs;
pub mod models;
pub mod operations;
pub mod pages;

pub use auth::Credentials;
pub use calls::Calls;
pub use ccapi_transport::paginate::{Listing, Page, PageCursor};
#[doc(no_inline)]
pub use ccapi_transport::{self, ClientConfig, Error, RetryPolicy, TransportErrorKind};
pub use devices::Devices;
pub use legs::Legs;
pub use pages::ListFilter;

use ccapi_transport::{BareJson, Transport};

pub use operations::DEFAULT_BASE_URL;

/// The user agent sent unless the configuration names another.
pub const USER_AGENT: &str = concat!("ccapi-cc-voice/", env!("CARGO_PKG_VERSION"));

/// A VBC Telephony client. Cloning is cheap and shares connections and the token cache.
#[derive(Debug, Clone)]
pub struct Client {
    transport: Transport,
}

impl Client {
    /// A client from the environment: `VBC_BASE_URL` (default: [`DEFAULT_BASE_URL`]) and
    /// [`Credentials::from_env`] (with `VBC_TOKEN_URL` for another token endpoint).
    pub fn from_env() -> Result<Self, Error> {
        let config = ClientConfig::from_env_or("VBC_BASE_URL", DEFAULT_BASE_URL, USER_AGENT)?;
        Self::with_config(config, Credentials::from_env()?)
    }

    /// The transport with this client's credentials, envelope and retries, to call an endpoint
    /// this crate does not cover yet:
    /// `client.transport().execute::<serde_json::Value>(Operation::get("/new/route"))`.
    pub fn transport(&self) -> &ccapi_transport::Transport {
        &self.transport
    }

    /// A client for the documented base URL with the transport's defaults.
    pub fn new(credentials: Credentials) -> Result<Self, Error> {
        let config = ClientConfig::new(DEFAULT_BASE_URL, USER_AGENT)?;
        Self::with_config(config, credentials)
    }

    /// A client with your configuration (base URL, timeouts, retries, user agent).
    pub fn with_config(config: ClientConfig, credentials: Credentials) -> Result<Self, Error> {
        Ok(Self {
            transport: Transport::new(config.provider("vbc"), credentials.into_auth()?, BareJson)?,
        })
    }

    /// The active calls of an account.
    pub fn calls(&self, account_id: &str) -> Calls {
        Calls::new(self.transport.clone(), account_id)
    }

    /// The legs of one call.
    pub fn legs(&self, account_id: &str, call_id: &str) -> Legs {
        Legs::new(self.transport.clone(), account_id, call_id)
    }

    /// The device registrations of an account.
    pub fn devices(&self, account_id: &str) -> Devices {
        Devices::new(self.transport.clone(), account_id)
    }
}
