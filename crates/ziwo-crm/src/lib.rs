//! The Ziwo CRM (customer database), typed, on [`ccapi_transport`]: profiles, addresses,
//! numbers and social accounts, linked many to many, and customer search.
//!
//! ```no_run
//! use ziwo_crm::models::Record;
//! use ziwo_crm::{Client, Credentials, CustomerSearch, Entity};
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), ziwo_crm::Error> {
//! let client = Client::new("acme", Credentials::from_env()?)?;
//! let profile = client
//!     .profiles()
//!     .create(&Record::new().with("firstName", "Layla").with("email", "layla@example.com"))
//!     .await?;
//! let number = client.numbers().create(&Record::new().with("number", "00971501234567")).await?;
//! if let (Some(profile_id), Some(number_id)) = (profile.id(), number.id()) {
//!     client.profiles().link(&profile_id, Entity::Number, &number_id).await?;
//! }
//! let found = client.customers().search(&CustomerSearch::new().phone("00971501234567")).await?;
//! println!("{} customer(s)", found.items.len());
//! # Ok(()) }
//! ```
//!
//! **Assumed paths.** Only the customer search (`GET /agent/crm/customers`) is evidenced. The
//! other routes are assumed: they are listed in one table, [`paths::ASSUMED_ROUTES`], under the
//! prefix `/integrations/crm`, which [`Client::with_paths`] can change. Bodies are sent
//! form-encoded, as Ziwo's other routes take them.
//!
//! **Entities** are [`Record`]s: the documentation lists a profile's contents
//! only as "first name, email, gender etc.", and nothing for the others.
//!
//! **Search limit.** The customer search takes `limit` up to [`SEARCH_MAX_LIMIT`] (500): the
//! limit of 50 is documented for the admin lists only, and a client that probed a live
//! instance searches with 500.

pub mod models;
pub mod paths;

#[doc(no_inline)]
pub use ccapi_transport::{self, ClientConfig, Error};
use ccapi_transport::{BoolStyle, Form, Operation, Query, Transport};
pub use paths::CrmPaths;
pub use ziwo_core::client::{instance_config, Connection, Credentials, LoginOptions};
pub use ziwo_core::pages::{ListOptions, Page};

use crate::models::Record;

/// What a profile links to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entity {
    /// An address.
    Address,
    /// A phone number.
    Number,
    /// A social account.
    SocialAccount,
}

impl Entity {
    fn segment(self) -> &'static str {
        match self {
            Self::Address => "addresses",
            Self::Number => "numbers",
            Self::SocialAccount => "socialAccounts",
        }
    }
}

/// A Ziwo CRM client. Cloning is cheap and shares connections.
#[derive(Debug, Clone)]
pub struct Client {
    connection: Connection,
    paths: CrmPaths,
}

impl Client {
    /// A client from the environment: `ZIWO_BASE_URL` (a sandbox or proxy), else the instance
    /// `ZIWO_INSTANCE`; and [`Credentials::from_env`].
    pub fn from_env() -> Result<Self, Error> {
        Self::with_config(
            ziwo_core::client::config_from_env()?,
            Credentials::from_env()?,
        )
    }

    /// The transport with this client's credentials, envelope and retries, to call an endpoint
    /// this crate does not cover yet:
    /// `client.transport().execute::<serde_json::Value>(Operation::get("/new/route"))`.
    pub fn transport(&self) -> &ccapi_transport::Transport {
        self.connection.transport()
    }

    /// A client for the instance `instance`.
    pub fn new(instance: &str, credentials: Credentials) -> Result<Self, Error> {
        Self::with_config(ziwo_core::client::instance_config(instance)?, credentials)
    }

    /// A client with your configuration (any base URL, timeouts, retries).
    pub fn with_config(config: ClientConfig, credentials: Credentials) -> Result<Self, Error> {
        Ok(Self {
            connection: Connection::new(config, credentials)?,
            paths: CrmPaths::default(),
        })
    }

    /// The client with other paths (see [`paths`]). Fails when the prefix or the search path
    /// does not start with `/`.
    pub fn with_paths(mut self, paths: CrmPaths) -> Result<Self, Error> {
        for (field, path) in [("prefix", &paths.prefix), ("search_path", &paths.search)] {
            if !path.starts_with('/') {
                return Err(Error::invalid_input(
                    field,
                    format!("`{path}` must start with `/`"),
                ));
            }
        }
        self.paths = paths;
        Ok(self)
    }

    fn store(&self, collection: &str) -> Store {
        Store {
            transport: self.connection.transport().clone(),
            collection: self.paths.under_prefix(collection),
        }
    }

    /// Addresses.
    pub fn addresses(&self) -> Addresses {
        Addresses(self.store("/addresses"))
    }

    /// Phone numbers.
    pub fn numbers(&self) -> Numbers {
        Numbers(self.store("/numbers"))
    }

    /// Social accounts.
    pub fn social_accounts(&self) -> SocialAccounts {
        SocialAccounts(self.store("/socialAccounts"))
    }

    /// Profiles, and their links to the other entities.
    pub fn profiles(&self) -> Profiles {
        Profiles(self.store("/profiles"))
    }

    /// Customer search.
    pub fn customers(&self) -> Customers {
        Customers {
            transport: self.connection.transport().clone(),
            path: self.paths.search.clone(),
        }
    }
}

/// One collection of entities under the prefix.
#[derive(Debug, Clone)]
struct Store {
    transport: Transport,
    collection: String,
}

impl Store {
    async fn create(&self, record: &Record) -> Result<Record, Error> {
        self.transport
            .execute(Operation::post(self.collection.clone()).form(&form(record)?))
            .await
    }

    async fn update(&self, id: &str, record: &Record) -> Result<Record, Error> {
        self.transport
            .execute(
                self.item(ccapi_transport::Method::PUT, id)
                    .form(&form(record)?),
            )
            .await
    }

    async fn delete(&self, id: &str) -> Result<(), Error> {
        self.transport
            .execute_empty(self.item(ccapi_transport::Method::DELETE, id))
            .await?;
        Ok(())
    }

    fn item(&self, method: ccapi_transport::Method, id: &str) -> Operation {
        Operation::new(method, format!("{}/{{id}}", self.collection)).path_param("id", id)
    }
}

fn form(record: &Record) -> Result<Form, Error> {
    if record.0.is_empty() {
        return Err(Error::invalid_request("the body has no member"));
    }
    Form::from_serialize(record, BoolStyle::Words)
}

/// Generates the documented operations of one entity handle.
macro_rules! entity {
    ($(#[$doc:meta])* $name:ident, $what:literal, update: $update:tt) => {
        $(#[$doc])*
        #[derive(Debug, Clone)]
        pub struct $name(Store);

        impl $name {
            #[doc = concat!("Creates ", $what, " (form-encoded) and returns it.")]
            pub async fn create(&self, record: &Record) -> Result<Record, Error> {
                self.0.create(record).await
            }

            #[doc = concat!("Deletes ", $what, ".")]
            pub async fn delete(&self, id: &str) -> Result<(), Error> {
                self.0.delete(id).await
            }
        }

        entity!(@update $name, $what, $update);
    };
    (@update $name:ident, $what:literal, true) => {
        impl $name {
            #[doc = concat!("Updates ", $what, " (form-encoded) and returns it.")]
            pub async fn update(&self, id: &str, record: &Record) -> Result<Record, Error> {
                self.0.update(id, record).await
            }
        }
    };
    (@update $name:ident, $what:literal, false) => {};
}

entity!(
    /// Addresses; from [`Client::addresses`].
    Addresses, "an address", update: true
);
entity!(
    /// Phone numbers (created and deleted, never updated); from [`Client::numbers`].
    Numbers, "a number", update: false
);
entity!(
    /// Social accounts; from [`Client::social_accounts`].
    SocialAccounts, "a social account", update: true
);
entity!(
    /// Profiles; from [`Client::profiles`].
    Profiles, "a profile", update: true
);

impl Profiles {
    /// Links an address, number or social account to a profile
    /// (`PUT …/profiles/{id}/{addresses|numbers|socialAccounts}/{entityId}`).
    pub async fn link(
        &self,
        profile_id: &str,
        entity: Entity,
        entity_id: &str,
    ) -> Result<(), Error> {
        self.0
            .transport
            .execute_empty(self.link_op(
                ccapi_transport::Method::PUT,
                profile_id,
                entity,
                entity_id,
            ))
            .await?;
        Ok(())
    }

    /// Unlinks an address, number or social account from a profile.
    pub async fn unlink(
        &self,
        profile_id: &str,
        entity: Entity,
        entity_id: &str,
    ) -> Result<(), Error> {
        self.0
            .transport
            .execute_empty(self.link_op(
                ccapi_transport::Method::DELETE,
                profile_id,
                entity,
                entity_id,
            ))
            .await?;
        Ok(())
    }

    fn link_op(
        &self,
        method: ccapi_transport::Method,
        profile_id: &str,
        entity: Entity,
        entity_id: &str,
    ) -> Operation {
        Operation::new(
            method,
            format!(
                "{}/{{id}}/{}/{{entityId}}",
                self.0.collection,
                entity.segment()
            ),
        )
        .path_param("id", profile_id)
        .path_param("entityId", entity_id)
    }
}

/// The largest `limit` the customer search takes: the limit of 50 is documented for the admin
/// lists only, and a client that probed a live instance searches with 500.
pub const SEARCH_MAX_LIMIT: u32 = 500;

/// The filters of `customers.search`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CustomerSearch {
    options: ListOptions,
    phone: Option<String>,
    q: Option<String>,
    dataset: Option<String>,
}

impl CustomerSearch {
    /// No filter.
    pub fn new() -> Self {
        Self::default()
    }

    /// Customers with this phone number.
    pub fn phone(mut self, phone: impl Into<String>) -> Self {
        self.phone = Some(phone.into());
        self
    }

    /// Customers matching a text (`q`).
    pub fn text(mut self, q: impl Into<String>) -> Self {
        self.q = Some(q.into());
        self
    }

    /// Customers of this dataset.
    pub fn dataset(mut self, dataset: impl Into<String>) -> Self {
        self.dataset = Some(dataset.into());
        self
    }

    /// `limit` (up to [`SEARCH_MAX_LIMIT`], not the admin lists' 50), `skip` and `order`.
    pub fn options(mut self, options: ListOptions) -> Self {
        self.options = options;
        self
    }
}

/// Customer search; from [`Client::customers`].
#[derive(Debug, Clone)]
pub struct Customers {
    transport: Transport,
    path: String,
}

impl Customers {
    /// Customers matching `search` (`GET /agent/crm/customers`), each kept whole.
    pub async fn search(&self, search: &CustomerSearch) -> Result<Page<Record>, Error> {
        search.options.check_up_to(SEARCH_MAX_LIMIT)?;
        let mut extra = Query::new();
        extra.push_opt("phone", search.phone.as_ref());
        extra.push_opt("q", search.q.as_ref());
        extra.push_opt("dataset", search.dataset.as_ref());
        ziwo_core::pages::list(
            &self.transport,
            Operation::get(self.path.clone()),
            &search.options,
            &extra,
            None,
        )
        .await
    }
}
