//! Where the CRM routes are. Only `customers.search` is evidenced (by the official client);
//! the seed names the other operations without paths, so their paths are **assumed**: they are
//! all in [`ASSUMED_ROUTES`], under a prefix you can change with [`CrmPaths::prefix`].

/// Every assumed route: operation id, method, path under the prefix.
pub const ASSUMED_ROUTES: &[(&str, &str, &str)] = &[
    ("addresses.create", "POST", "/addresses"),
    ("addresses.update", "PUT", "/addresses/{id}"),
    ("addresses.delete", "DELETE", "/addresses/{id}"),
    ("numbers.create", "POST", "/numbers"),
    ("numbers.delete", "DELETE", "/numbers/{id}"),
    ("social_accounts.create", "POST", "/socialAccounts"),
    ("social_accounts.update", "PUT", "/socialAccounts/{id}"),
    ("social_accounts.delete", "DELETE", "/socialAccounts/{id}"),
    ("profiles.create", "POST", "/profiles"),
    ("profiles.update", "PUT", "/profiles/{id}"),
    ("profiles.delete", "DELETE", "/profiles/{id}"),
    (
        "profiles.link",
        "PUT",
        "/profiles/{id}/{addresses|numbers|socialAccounts}/{entityId}",
    ),
    (
        "profiles.unlink",
        "DELETE",
        "/profiles/{id}/{addresses|numbers|socialAccounts}/{entityId}",
    ),
];

/// The default prefix of the assumed routes.
pub const DEFAULT_PREFIX: &str = "/integrations/crm";

/// The evidenced customer search path.
pub const DEFAULT_SEARCH_PATH: &str = "/agent/crm/customers";

/// The CRM paths a client uses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CrmPaths {
    pub(crate) prefix: String,
    pub(crate) search: String,
}

impl Default for CrmPaths {
    fn default() -> Self {
        Self {
            prefix: DEFAULT_PREFIX.to_owned(),
            search: DEFAULT_SEARCH_PATH.to_owned(),
        }
    }
}

impl CrmPaths {
    /// The documented defaults.
    pub fn new() -> Self {
        Self::default()
    }

    /// Another prefix for the assumed routes (`/integrations/crm` by default), if your
    /// instance serves them elsewhere. Must start with `/`; a trailing `/` is removed.
    pub fn prefix(mut self, prefix: &str) -> Self {
        self.prefix = prefix.trim_end_matches('/').to_owned();
        self
    }

    /// Another customer search path (`/agent/crm/customers` by default).
    pub fn search_path(mut self, path: &str) -> Self {
        self.search = path.to_owned();
        self
    }

    pub(crate) fn under_prefix(&self, path: &str) -> String {
        format!("{}{path}", self.prefix)
    }
}
