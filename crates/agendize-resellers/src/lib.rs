//! The Agendize Resellers API (the reseller's client accounts), typed, on [`ccapi_transport`].
//!
//! ```no_run
//! use agendize_resellers::accounts::AccountFilter;
//! use agendize_resellers::models::{AccountStatus, NewAccount, ProfileRef};
//! use agendize_resellers::{Client, Credentials};
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), agendize_resellers::Error> {
//! let client = Client::new(Credentials::from_env()?)?; // AGENDIZE_API_KEY + AGENDIZE_TOKEN
//!
//! let created = client
//!     .accounts()
//!     .insert(&NewAccount {
//!         email: "new.client@example.com".to_owned(),
//!         profile: ProfileRef::new("pro"),
//!         first_name: Some("Nora".to_owned()),
//!         send_signup_email: Some(true),
//!         ..NewAccount::default()
//!     })
//!     .await?;
//! let same = client.accounts().get("new.client@example.com").await?; // id, resellerId or userName
//! assert_eq!(created.id, same.id);
//!
//! let enabled = AccountFilter::new().search("nora").status(AccountStatus::Enabled);
//! for account in client.accounts().list(&enabled).await? {
//!     println!("{} {:?}", account.id, account.email);
//! }
//! # Ok(()) }
//! ```
//!
//! Every operation, its route, where the route comes from and the method that calls it are
//! stated once, in `fixtures/agendize-resellers/api.toml`, and listed in [`operations`].
//!
//! **Two routes change an account.** The seed documents `PUT /resellers/accounts/{accountId}`
//! ([`Accounts::update`]); the official Node client changes accounts with `POST` on the same path
//! (`agendize/nodejs-module`, `api/reseller.js`: `updateAccount`, `desactiveAccount`,
//! `activeAccount`, `changePlan`). Both are here and take the same [`AccountUpdate`](models::AccountUpdate),
//! with every writable member typed (status, profile, resellerId, domain, whiteLabel, tools,
//! tags, ...); members it does not name go in its `extra` and are sent too.
//!
//! **Authentication.** An API key and SSO token as `apiKey` / `token` headers (the documented
//! form and the default); as query parameters with [`Credentials::api_key_in_query`]; or OAuth2:
//! a session from [`oauth2`] (refreshed by the transport), or a static
//! [`Credentials::access_token`].
//!
//! **Checked before sending** (an [`Error::InvalidInput`] naming the field, nothing sent): an
//! insert without e-mail or profile id; names, e-mail, tags and white-label texts over 255
//! characters; passwords, display names and domains over 63; a currency other than USD, CAD,
//! EUR, GBP or JPY; a tag colour that is not `#xxxxxx`; a watch without an absolute address.
//!
//! **Nothing the provider says is lost.** Every model keeps the members it does not name, at
//! every nesting level and in the order received, in its `extra` field
//! ([`WithExtra`](ccapi_transport::model::WithExtra)), and writes them back when encoded; add
//! members to a request's `extra` to send what this crate does not model yet. Times read epoch
//! seconds and ISO 8601 text alike ([`Timestamp`](ccapi_transport::decode::Timestamp)).
//!
//! **Errors.** A non-2xx status, or a 2xx body with a top-level `error`, is an [`Error`] with the
//! provider's message ([`Error::provider_message`]).
//!
//! **Notifications.** What a watch delivers decodes with
//! [`Notification::<Account>::from_headers`](notification::Notification::from_headers).
//!
//! **Assumptions** (the seed is silent or inconsistent):
//! - insert and update accept the resource's writable members (password, currency,
//!   preferences, ...) beyond the few the seed lists for them;
//! - the `tools` filter takes several tools comma-separated;
//! - the seed describes `createdStartDate` as an upper bound and `createdEndDate` as a lower
//!   bound, which reads as swapped: this crate sends the values under the names you call.

// docs.rs builds with every feature and marks what each item needs.
#![cfg_attr(docsrs, feature(doc_cfg))]

pub mod accounts;
pub mod models;
pub mod operations;

pub use accounts::Accounts;
pub use agendize_core::client::{oauth2, Credentials, KeyPlacement, DEFAULT_BASE_URL};
pub use agendize_core::notification;
pub use ccapi_transport::paginate::{Listing, Page, PageCursor};
#[doc(no_inline)]
pub use ccapi_transport::{self, ClientConfig, Error, RetryPolicy, TransportErrorKind};

agendize_core::api_client! {
    /// A client of the Agendize Resellers API. Cloning is cheap and shares connections and
    /// credentials.
    pub struct Client;
}

impl Client {
    /// The reseller's client accounts.
    pub fn accounts(&self) -> Accounts<'_> {
        Accounts::new(&self.transport)
    }
}
