//! Where the CRM routes are. Only `customers.search` is evidenced (by a client that probed a
//! live instance); the seed names the other operations without paths, so their paths are
//! **assumed**: they are the rows of [`operations`](crate::operations) marked assumed, all under
//! [`DEFAULT_PREFIX`], a prefix you can change with [`CrmPaths::prefix`].

use ccapi_transport::{Endpoint, Operation};

/// The default prefix of the assumed routes.
pub const DEFAULT_PREFIX: &str = "/integrations/crm";

/// The evidenced customer search path.
pub const DEFAULT_SEARCH_PATH: &str = crate::operations::CUSTOMERS_SEARCH.path;

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

    /// The request of `row` at this client's paths: an assumed row under the chosen prefix,
    /// the search at the chosen search path.
    pub(crate) fn request(&self, row: &Endpoint) -> Operation {
        if *row == crate::operations::CUSTOMERS_SEARCH {
            return row.request_at(self.search.clone());
        }
        match row.path.strip_prefix(DEFAULT_PREFIX) {
            Some(rest) if self.prefix != DEFAULT_PREFIX => {
                row.request_at(format!("{}{rest}", self.prefix))
            }
            _ => row.request(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::DEFAULT_PREFIX;
    use crate::operations::ALL;

    #[test]
    fn every_assumed_path_starts_with_the_prefix_users_can_change() {
        for row in ALL.iter().filter(|row| row.is_assumed()) {
            assert!(row.path.starts_with(DEFAULT_PREFIX), "{}", row.id);
        }
    }
}
