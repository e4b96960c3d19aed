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
//! other routes are assumed: they are the rows of [`operations`] (with the method, path and
//! reason of each), under the prefix `/integrations/crm`, which [`Client::with_paths`] can
//! change. Bodies are sent form-encoded, as Ziwo's other routes take them.
//!
//! **Entities** are [`Record`]s: the documentation lists a profile's contents
//! only as "first name, email, gender etc.", and nothing for the others.
//!
//! **Search limit.** The customer search takes `limit` up to [`SEARCH_MAX_LIMIT`] (500): the
//! limit of 50 is documented for the admin lists only, and a client that probed a live
//! instance searches with 500.

// docs.rs builds with every feature and marks what each item needs.
#![cfg_attr(docsrs, feature(doc_cfg))]

pub mod models;
pub mod operations;
pub mod paths;

pub use ccapi_transport::paginate::{Listing, PageCursor};
#[doc(no_inline)]
pub use ccapi_transport::{self, ClientConfig, Error, RetryPolicy, TransportErrorKind};
use ccapi_transport::{BoolStyle, Endpoint, Form, Query, Transport};
pub use paths::CrmPaths;
pub use ziwo_core::client::{instance_config, Connection, Credentials, LoginOptions};
pub use ziwo_core::pages::{ListOptions, Page};

use crate::models::Record;
use crate::operations::*;

/// What a profile links to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Entity {
    /// An address.
    Address,
    /// A phone number.
    Number,
    /// A social account.
    SocialAccount,
}

impl Entity {
    /// The path segment of its collection (`{entity}` in the link rows).
    pub fn segment(self) -> &'static str {
        match self {
            Self::Address => "addresses",
            Self::Number => "numbers",
            Self::SocialAccount => "socialAccounts",
        }
    }
}

impl std::str::FromStr for Entity {
    type Err = Error;

    /// The path segment (`addresses`, `numbers`, `socialAccounts`), a singular (`address`) or
    /// snake or kebab case (`social_accounts`, `social-accounts`); anything else is an
    /// [`Error::InvalidInput`] for `entity`.
    fn from_str(text: &str) -> Result<Self, Error> {
        match text {
            "addresses" | "address" => Ok(Self::Address),
            "numbers" | "number" => Ok(Self::Number),
            "socialAccounts" | "social_accounts" | "social-accounts" => Ok(Self::SocialAccount),
            other => Err(Error::invalid_input(
                "entity",
                format!("`{other}` is not addresses, numbers or socialAccounts"),
            )),
        }
    }
}

ziwo_core::api_client! {
    /// A Ziwo CRM client. Cloning is cheap and shares connections.
    pub struct Client {
        from_env: Credentials::from_env, "the credentials of `Credentials::from_env`",
        extra { paths: CrmPaths = CrmPaths::default() }
    }
}

impl Client {
    /// A client for the instance `instance`.
    pub fn new(instance: &str, credentials: Credentials) -> Result<Self, Error> {
        Self::with_config(instance_config(instance)?, credentials)
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

    fn store(&self) -> Store {
        Store {
            transport: self.connection.transport().clone(),
            paths: self.paths.clone(),
        }
    }

    /// Addresses.
    pub fn addresses(&self) -> Addresses {
        Addresses::new(self.store())
    }

    /// Phone numbers.
    pub fn numbers(&self) -> Numbers {
        Numbers::new(self.store())
    }

    /// Social accounts.
    pub fn social_accounts(&self) -> SocialAccounts {
        SocialAccounts::new(self.store())
    }

    /// Profiles, and their links to the other entities.
    pub fn profiles(&self) -> Profiles {
        Profiles::new(self.store())
    }

    /// The handle of any collection by its marker (`client.records::<kind::Address>()` is
    /// `client.addresses()`), for code written once for every collection.
    pub fn records<K: Kind>(&self) -> Records<K> {
        Records::new(self.store())
    }

    /// Customer search.
    pub fn customers(&self) -> Customers {
        Customers(self.store())
    }
}

/// The transport and the paths the entity handles send their rows with.
#[derive(Debug, Clone)]
struct Store {
    transport: Transport,
    paths: CrmPaths,
}

impl Store {
    async fn create(&self, row: &Endpoint, record: &Record) -> Result<Record, Error> {
        self.transport
            .execute(self.paths.request(row).form(&form(record)?))
            .await
    }

    async fn update(&self, row: &Endpoint, id: &str, record: &Record) -> Result<Record, Error> {
        self.transport
            .execute(
                self.paths
                    .request(row)
                    .path_param("id", id)
                    .form(&form(record)?),
            )
            .await
    }

    async fn delete(&self, row: &Endpoint, id: &str) -> Result<(), Error> {
        self.transport
            .execute_empty(self.paths.request(row).path_param("id", id))
            .await?;
        Ok(())
    }
}

fn form(record: &Record) -> Result<Form, Error> {
    if record.0.is_empty() {
        return Err(Error::invalid_request("the body has no member"));
    }
    Form::from_serialize(record, BoolStyle::Words)
}

/// A CRM collection that is created and deleted; implemented by the markers of [`kind`].
pub trait Kind: Send + Sync + 'static {
    /// Its `create` row.
    const CREATE: &'static Endpoint;
    /// Its `delete` row.
    const DELETE: &'static Endpoint;
}

/// A CRM collection that is also updated.
pub trait Updatable: Kind {
    /// Its `update` row.
    const UPDATE: &'static Endpoint;
}

/// The marker types of the CRM collections.
pub mod kind {
    use super::{Endpoint, Kind, Updatable};
    use crate::operations::*;

    /// Addresses.
    #[derive(Debug)]
    pub enum Address {}
    /// Phone numbers (created and deleted, never updated).
    #[derive(Debug)]
    pub enum Number {}
    /// Social accounts.
    #[derive(Debug)]
    pub enum SocialAccount {}
    /// Profiles.
    #[derive(Debug)]
    pub enum Profile {}

    impl Kind for Address {
        const CREATE: &'static Endpoint = &ADDRESSES_CREATE;
        const DELETE: &'static Endpoint = &ADDRESSES_DELETE;
    }
    impl Updatable for Address {
        const UPDATE: &'static Endpoint = &ADDRESSES_UPDATE;
    }
    impl Kind for Number {
        const CREATE: &'static Endpoint = &NUMBERS_CREATE;
        const DELETE: &'static Endpoint = &NUMBERS_DELETE;
    }
    impl Kind for SocialAccount {
        const CREATE: &'static Endpoint = &SOCIAL_ACCOUNTS_CREATE;
        const DELETE: &'static Endpoint = &SOCIAL_ACCOUNTS_DELETE;
    }
    impl Updatable for SocialAccount {
        const UPDATE: &'static Endpoint = &SOCIAL_ACCOUNTS_UPDATE;
    }
    impl Kind for Profile {
        const CREATE: &'static Endpoint = &PROFILES_CREATE;
        const DELETE: &'static Endpoint = &PROFILES_DELETE;
    }
    impl Updatable for Profile {
        const UPDATE: &'static Endpoint = &PROFILES_UPDATE;
    }
}

/// The handle of one CRM collection (`Addresses` is `Records<kind::Address>`), sending its
/// rows at this client's paths.
pub struct Records<K> {
    store: Store,
    kind: std::marker::PhantomData<fn() -> K>,
}

impl<K> Records<K> {
    fn new(store: Store) -> Self {
        Self {
            store,
            kind: std::marker::PhantomData,
        }
    }
}

impl<K> Clone for Records<K> {
    fn clone(&self) -> Self {
        Self::new(self.store.clone())
    }
}

impl<K> std::fmt::Debug for Records<K> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Records")
            .field("kind", &std::any::type_name::<K>())
            .field("paths", &self.store.paths)
            .finish()
    }
}

impl<K: Kind> Records<K> {
    /// Creates one (the collection's `create` row, form-encoded) and returns it.
    pub async fn create(&self, record: &Record) -> Result<Record, Error> {
        self.store.create(K::CREATE, record).await
    }

    /// Deletes one (the collection's `delete` row).
    pub async fn delete(&self, id: &str) -> Result<(), Error> {
        self.store.delete(K::DELETE, id).await
    }
}

impl<K: Updatable> Records<K> {
    /// Updates one (the collection's `update` row, form-encoded) and returns it.
    pub async fn update(&self, id: &str, record: &Record) -> Result<Record, Error> {
        self.store.update(K::UPDATE, id, record).await
    }
}

/// Addresses; from [`Client::addresses`].
pub type Addresses = Records<kind::Address>;
/// Phone numbers (created and deleted, never updated); from [`Client::numbers`].
pub type Numbers = Records<kind::Number>;
/// Social accounts; from [`Client::social_accounts`].
pub type SocialAccounts = Records<kind::SocialAccount>;
/// Profiles, and their links to the other entities; from [`Client::profiles`].
pub type Profiles = Records<kind::Profile>;

impl Records<kind::Profile> {
    /// Links an address, number or social account to a profile
    /// (`PUT …/profiles/{id}/{addresses|numbers|socialAccounts}/{entityId}`).
    pub async fn link(
        &self,
        profile_id: &str,
        entity: Entity,
        entity_id: &str,
    ) -> Result<(), Error> {
        self.store
            .transport
            .execute_empty(self.link_op(&PROFILES_LINK, profile_id, entity, entity_id))
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
        self.store
            .transport
            .execute_empty(self.link_op(&PROFILES_UNLINK, profile_id, entity, entity_id))
            .await?;
        Ok(())
    }

    fn link_op(
        &self,
        row: &Endpoint,
        profile_id: &str,
        entity: Entity,
        entity_id: &str,
    ) -> ccapi_transport::Operation {
        self.store
            .paths
            .request(row)
            .path_param("id", profile_id)
            .path_param("entity", entity.segment())
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
pub struct Customers(Store);

impl Customers {
    /// Customers matching `search` (`customers.search`), each kept whole.
    pub async fn search(&self, search: &CustomerSearch) -> Result<Page<Record>, Error> {
        search.options.check_up_to(SEARCH_MAX_LIMIT)?;
        let mut extra = Query::new();
        extra.push_opt("phone", search.phone.as_ref());
        extra.push_opt("q", search.q.as_ref());
        extra.push_opt("dataset", search.dataset.as_ref());
        ziwo_core::pages::list(
            &self.0.transport,
            self.0.paths.request(&CUSTOMERS_SEARCH),
            &search.options,
            &extra,
            None,
        )
        .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entities_read_their_segment_and_its_spellings() {
        for (text, entity) in [
            ("addresses", Entity::Address),
            ("address", Entity::Address),
            ("numbers", Entity::Number),
            ("socialAccounts", Entity::SocialAccount),
            ("social-accounts", Entity::SocialAccount),
        ] {
            assert_eq!(text.parse::<Entity>().expect(text), entity);
        }
        for entity in [Entity::Address, Entity::Number, Entity::SocialAccount] {
            assert_eq!(
                entity.segment().parse::<Entity>().expect("its segment"),
                entity
            );
        }
        let error = "emails".parse::<Entity>().expect_err("no such entity");
        assert_eq!(
            error.to_string(),
            "invalid input for `entity`: `emails` is not addresses, numbers or socialAccounts"
        );
    }
}
