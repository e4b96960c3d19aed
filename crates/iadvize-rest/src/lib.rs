//! The iAdvize REST API v2, typed, on [`ccapi_transport`]: every resource of the API, typed
//! filters, lists as lazy page streams, conversation histories as typed messages.
//!
//! ```no_run
//! use futures::TryStreamExt;
//! use iadvize_rest::models::{Channel, HistoryMessage};
//! use iadvize_rest::query::{ConversationQuery, OperatorQuery};
//! use iadvize_rest::{Client, Credentials};
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), iadvize_rest::Error> {
//! let client = Client::new(Credentials::from_env()?)?; // IADVIZE_API_KEY, sent as X-API-Key
//!
//! let online = client.operators().list(&OperatorQuery::new().connected(true).limit(50)).await?;
//! println!("{} operators online", online.items.len());
//!
//! let chats = ConversationQuery::new()
//!     .channel(Channel::Chat)
//!     .from(chrono::NaiveDate::from_ymd_opt(2024, 5, 1).expect("a date"));
//! let conversations: Vec<_> = client.conversations().list_all(&chats).try_collect().await?;
//! for conversation in conversations {
//!     for message in conversation.history.unwrap_or_default() {
//!         if let HistoryMessage::VisitorText { text, .. } = message {
//!             println!("visitor: {text}");
//!         }
//!     }
//! }
//! # Ok(()) }
//! ```
//!
//! Every operation, its route, where the route comes from and the method that calls it are
//! stated once, in `fixtures/iadvize-rest/api.toml`, and listed in [`operations`].
//!
//! **Nothing the provider says is lost.** Every model keeps the members it does not name, at
//! every nesting level and in the order received, in its `extra` field
//! ([`WithExtra`](ccapi_transport::model::WithExtra)), and writes them back when encoded; add
//! members to a request's `extra` to send what this crate does not model yet. Times read epoch
//! seconds and ISO 8601 text alike ([`Timestamp`](ccapi_transport::decode::Timestamp)).
//!
//! **Lists are short unless asked in full.** Without `full=1` iAdvize answers each list item as
//! `{id, _link}` only (the seed's "Read" example); the other members are then `None`. This crate
//! keeps the choice explicit: call [`ListQuery::full`](query::ListQuery::full) to get every
//! member. (The `ccapi` command line asks for `full=1` unless given `--no-full`.)
//!
//! **Hosts.** [`Host::Standard`] (`www.iadvize.com`, the seed's), [`Host::HighAvailability`]
//! (`ha.`) and [`Host::Sd`] (`sd.`, the official PHP client's default since its commit "Switch
//! from www.iadvize.com to sd.iadvize.com").
//!
//! **Envelope and errors.** Responses are `{meta, data, pagination}`; `meta.status` `fail` or
//! `error` is an [`Error`] with iAdvize's message (its `provider_code` is the status), whatever
//! the HTTP status. A `limit` over 100, a page 0, a conversation range over 3 months, a
//! granularity with several indicators, `connected: true` on `live_set` or an empty tag list are
//! refused before sending.
//!
//! **Bodies** are form-encoded as the API expects (`chat[available]=1`, booleans as `1`/`0`,
//! lists as `name[]`); tag creation sends a JSON array.
//!
//! **Assumptions.** The response of `GET /statistic` is undocumented: rows are read as objects
//! of indicator values (see [`StatisticRow`](models::StatisticRow)). List members of form bodies
//! are sent as repeated `name[]` fields.

// docs.rs builds with every feature and marks what each item needs.
#![cfg_attr(docsrs, feature(doc_cfg))]

pub mod call_meetings;
pub mod clients;
mod collection;
pub mod conversations;
mod envelope;
pub mod groups;
pub mod models;
pub mod odigo;
pub mod operations;
pub mod operators;
pub mod query;
pub mod satisfactions;
pub mod skills;
pub mod statistics;
pub mod tags;
pub mod transactions;
pub mod visitors;
pub mod websites;

use std::fmt;
use std::sync::Arc;

use ccapi_transport::auth::{Auth, Basic, HeaderKeys, QueryKeys};
#[doc(no_inline)]
pub use ccapi_transport::{self, ClientConfig, Error, RetryPolicy, TransportErrorKind};
use ccapi_transport::{SecretString, Transport};

pub use ccapi_transport::paginate::{Listing, Page, PageCursor};
pub use collection::{Pagination, Resource, Resources, Writable};
pub use envelope::IadvizeEnvelope;

/// The iAdvize platform to talk to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum Host {
    /// `https://www.iadvize.com/api/2`, the seed's base URL.
    #[default]
    Standard,
    /// `https://ha.iadvize.com/api/2`, the high-availability platform.
    HighAvailability,
    /// `https://sd.iadvize.com/api/2`: the official PHP client's default since its commit
    /// "Switch from www.iadvize.com to sd.iadvize.com" (`iadvize/api-rest-client`,
    /// `src/Iadvize/ApiRestClient/Client.php`, `DEFAULT_BASE_URI`).
    Sd,
}

impl Host {
    /// The base URL of this platform ([`operations::HOSTS`], from the manifest).
    pub fn base_url(self) -> &'static str {
        match self {
            Self::Standard => operations::HOSTS[0],
            Self::HighAvailability => operations::HOSTS[1],
            Self::Sd => operations::HOSTS[2],
        }
    }
}

/// Where the API key travels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum KeyPlacement {
    /// The `X-API-Key` header (the default).
    #[default]
    Header,
    /// The `key` query parameter. Query strings end up in logs: use only where headers
    /// cannot be sent.
    Query,
    /// HTTP Basic, the key as user name with an empty password.
    Basic,
}

/// An iAdvize API key and where it travels.
#[derive(Clone)]
pub struct Credentials {
    api_key: SecretString,
    placement: KeyPlacement,
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials")
            .field("api_key", &"** redacted **")
            .field("placement", &self.placement)
            .finish()
    }
}

impl Credentials {
    /// The API key in the `X-API-Key` header.
    pub fn api_key(api_key: SecretString) -> Self {
        Self {
            api_key,
            placement: KeyPlacement::Header,
        }
    }

    /// The API key sent as `placement` says.
    pub fn api_key_in(api_key: SecretString, placement: KeyPlacement) -> Self {
        Self { api_key, placement }
    }

    /// `IADVIZE_API_KEY`, in the header.
    pub fn from_env() -> Result<Self, Error> {
        ccapi_transport::env_secret("IADVIZE_API_KEY")
            .map(Self::api_key)
            .ok_or_else(|| Error::invalid_input("credentials", "set IADVIZE_API_KEY"))
    }

    fn into_auth(self) -> Result<Arc<dyn Auth>, Error> {
        Ok(match self.placement {
            KeyPlacement::Header => Arc::new(HeaderKeys::new().with("X-API-Key", self.api_key)?),
            KeyPlacement::Query => Arc::new(QueryKeys::new().with("key", self.api_key)),
            KeyPlacement::Basic => Arc::new(Basic::new(self.api_key, None)?),
        })
    }
}

/// The user agent sent unless the configuration names another.
pub const USER_AGENT: &str = concat!("ccapi-iadvize/", env!("CARGO_PKG_VERSION"));

/// An iAdvize REST client. Cloning is cheap and shares connections.
#[derive(Debug, Clone)]
pub struct Client {
    transport: Transport,
}

impl Client {
    /// A client from the environment: `IADVIZE_BASE_URL` (default: [`Host::Standard`]; a
    /// sandbox or proxy otherwise) and [`Credentials::from_env`].
    pub fn from_env() -> Result<Self, Error> {
        let config =
            ClientConfig::from_env_or("IADVIZE_BASE_URL", Host::Standard.base_url(), USER_AGENT)?;
        Self::with_config(config, Credentials::from_env()?)
    }

    /// The transport with this client's credentials, envelope and retries, to call an endpoint
    /// this crate does not cover yet:
    /// `client.transport().execute::<serde_json::Value>(Operation::get("/new/route"))`.
    pub fn transport(&self) -> &ccapi_transport::Transport {
        &self.transport
    }

    /// A client for the standard platform with the transport's defaults.
    pub fn new(credentials: Credentials) -> Result<Self, Error> {
        Self::on(Host::Standard, credentials)
    }

    /// A client for `host` with the transport's defaults.
    pub fn on(host: Host, credentials: Credentials) -> Result<Self, Error> {
        let config = ClientConfig::new(host.base_url(), USER_AGENT)?;
        Self::with_config(config, credentials)
    }

    /// A client with your configuration (base URL, timeouts, retries, user agent).
    pub fn with_config(config: ClientConfig, credentials: Credentials) -> Result<Self, Error> {
        Ok(Self {
            transport: Transport::new(
                config.provider("iadvize"),
                credentials.into_auth()?,
                IadvizeEnvelope,
            )?,
        })
    }

    /// Client accounts.
    pub fn clients(&self) -> clients::Clients {
        clients::Clients::new(&self.transport)
    }

    /// Websites.
    pub fn websites(&self) -> websites::Websites {
        websites::Websites::new(&self.transport)
    }

    /// Operators, their live availability, statistics and profiles.
    pub fn operators(&self) -> operators::Operators {
        operators::Operators::new(&self.transport)
    }

    /// Operator groups.
    pub fn groups(&self) -> groups::Groups {
        groups::Groups::new(&self.transport)
    }

    /// Skills.
    pub fn skills(&self) -> skills::Skills {
        skills::Skills::new(&self.transport)
    }

    /// Conversations, with typed histories.
    pub fn conversations(&self) -> conversations::Conversations {
        conversations::Conversations::new(&self.transport)
    }

    /// Conversation tags.
    pub fn tags(&self) -> tags::Tags {
        tags::Tags::new(&self.transport)
    }

    /// Transactions.
    pub fn transactions(&self) -> transactions::Transactions {
        transactions::Transactions::new(&self.transport)
    }

    /// Satisfaction survey answers.
    pub fn satisfactions(&self) -> satisfactions::Satisfactions {
        satisfactions::Satisfactions::new(&self.transport)
    }

    /// Statistics.
    pub fn statistics(&self) -> statistics::Statistics {
        statistics::Statistics::new(&self.transport)
    }

    /// Visitors.
    pub fn visitors(&self) -> visitors::Visitors {
        visitors::Visitors::new(&self.transport)
    }

    /// The handle of any resource by its marker (`client.resources::<resource::Visitor>()` is
    /// `client.visitors()`), for code written once for every resource.
    pub fn resources<R: collection::Resource>(&self) -> collection::Resources<R> {
        collection::Resources::new(&self.transport)
    }

    /// Call meetings.
    pub fn call_meetings(&self) -> call_meetings::CallMeetings {
        call_meetings::CallMeetings::new(&self.transport)
    }

    /// Odigo telephony callbacks.
    pub fn odigo_callbacks(&self) -> odigo::OdigoCallbacks {
        odigo::OdigoCallbacks::new(&self.transport)
    }
}
