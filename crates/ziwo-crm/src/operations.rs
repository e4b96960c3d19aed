//! Every operation of this crate, stated once ([`ccapi_transport::endpoint`]): its methods
//! build their requests from these rows, and the command line, the sandbox and this table are
//! checked against them.
//!
//! | operation | method and path | paging | body | source |
//! |---|---|---|---|---|
//! | `addresses.create` | `POST /integrations/crm/addresses` |  | form | **assumed**: the seed names the operation without a path; REST paths under /integrations/crm, like the evidenced CTI routes, overridable |
//! | `addresses.update` | `PUT /integrations/crm/addresses/{id}` |  | form | **assumed**: the seed names the operation without a path; REST paths under /integrations/crm, like the evidenced CTI routes, overridable |
//! | `addresses.delete` | `DELETE /integrations/crm/addresses/{id}` |  |  | **assumed**: the seed names the operation without a path; REST paths under /integrations/crm, like the evidenced CTI routes, overridable |
//! | `numbers.create` | `POST /integrations/crm/numbers` |  | form | **assumed**: the seed names the operation without a path; REST paths under /integrations/crm, like the evidenced CTI routes, overridable |
//! | `numbers.delete` | `DELETE /integrations/crm/numbers/{id}` |  |  | **assumed**: the seed names the operation without a path; REST paths under /integrations/crm, like the evidenced CTI routes, overridable |
//! | `social_accounts.create` | `POST /integrations/crm/socialAccounts` |  | form | **assumed**: the seed names the operation without a path; REST paths under /integrations/crm, like the evidenced CTI routes, overridable |
//! | `social_accounts.update` | `PUT /integrations/crm/socialAccounts/{id}` |  | form | **assumed**: the seed names the operation without a path; REST paths under /integrations/crm, like the evidenced CTI routes, overridable |
//! | `social_accounts.delete` | `DELETE /integrations/crm/socialAccounts/{id}` |  |  | **assumed**: the seed names the operation without a path; REST paths under /integrations/crm, like the evidenced CTI routes, overridable |
//! | `profiles.create` | `POST /integrations/crm/profiles` |  | form | **assumed**: the seed names the operation without a path; REST paths under /integrations/crm, like the evidenced CTI routes, overridable |
//! | `profiles.update` | `PUT /integrations/crm/profiles/{id}` |  | form | **assumed**: the seed names the operation without a path; REST paths under /integrations/crm, like the evidenced CTI routes, overridable |
//! | `profiles.delete` | `DELETE /integrations/crm/profiles/{id}` |  |  | **assumed**: the seed names the operation without a path; REST paths under /integrations/crm, like the evidenced CTI routes, overridable |
//! | `profiles.link` | `PUT /integrations/crm/profiles/{id}/{entity}/{entityId}` |  |  | **assumed**: the seed names the operation without a path; REST paths under /integrations/crm, like the evidenced CTI routes, overridable |
//! | `profiles.unlink` | `DELETE /integrations/crm/profiles/{id}/{entity}/{entityId}` |  |  | **assumed**: the seed names the operation without a path; REST paths under /integrations/crm, like the evidenced CTI routes, overridable |
//! | `customers.search` | `GET /agent/crm/customers` | offset |  | evidenced: a client that probed a live instance (the catalog) |
//!
//! Paths are under the instance's base URL (`https://{instance}-api.aswat.co`). Every
//! **assumed** path starts with [`DEFAULT_PREFIX`](crate::paths::DEFAULT_PREFIX), which
//! [`CrmPaths::prefix`](crate::CrmPaths::prefix) replaces; the search path is replaced with
//! [`CrmPaths::search_path`](crate::CrmPaths::search_path). `{entity}` is `addresses`,
//! `numbers` or `socialAccounts` ([`Entity`](crate::Entity)).

use ccapi_transport::endpoint::{Paging, ParamKind, QueryParam};
use ccapi_transport::Endpoint;
use ziwo_core::operations::OFFSET_QUERY;

const UNPUBLISHED: &str = "the seed names the operation without a path; REST paths under \
                           /integrations/crm, like the evidenced CTI routes, overridable";

/// `addresses.create`.
pub const ADDRESSES_CREATE: Endpoint =
    Endpoint::post("addresses.create", "/integrations/crm/addresses")
        .form()
        .assumed(UNPUBLISHED);
/// `addresses.update`.
pub const ADDRESSES_UPDATE: Endpoint =
    Endpoint::put("addresses.update", "/integrations/crm/addresses/{id}")
        .form()
        .assumed(UNPUBLISHED);
/// `addresses.delete`.
pub const ADDRESSES_DELETE: Endpoint =
    Endpoint::delete("addresses.delete", "/integrations/crm/addresses/{id}").assumed(UNPUBLISHED);
/// `numbers.create`.
pub const NUMBERS_CREATE: Endpoint = Endpoint::post("numbers.create", "/integrations/crm/numbers")
    .form()
    .assumed(UNPUBLISHED);
/// `numbers.delete`.
pub const NUMBERS_DELETE: Endpoint =
    Endpoint::delete("numbers.delete", "/integrations/crm/numbers/{id}").assumed(UNPUBLISHED);
/// `social_accounts.create`.
pub const SOCIAL_ACCOUNTS_CREATE: Endpoint =
    Endpoint::post("social_accounts.create", "/integrations/crm/socialAccounts")
        .form()
        .assumed(UNPUBLISHED);
/// `social_accounts.update`.
pub const SOCIAL_ACCOUNTS_UPDATE: Endpoint = Endpoint::put(
    "social_accounts.update",
    "/integrations/crm/socialAccounts/{id}",
)
.form()
.assumed(UNPUBLISHED);
/// `social_accounts.delete`.
pub const SOCIAL_ACCOUNTS_DELETE: Endpoint = Endpoint::delete(
    "social_accounts.delete",
    "/integrations/crm/socialAccounts/{id}",
)
.assumed(UNPUBLISHED);
/// `profiles.create`.
pub const PROFILES_CREATE: Endpoint =
    Endpoint::post("profiles.create", "/integrations/crm/profiles")
        .form()
        .assumed(UNPUBLISHED);
/// `profiles.update`.
pub const PROFILES_UPDATE: Endpoint =
    Endpoint::put("profiles.update", "/integrations/crm/profiles/{id}")
        .form()
        .assumed(UNPUBLISHED);
/// `profiles.delete`.
pub const PROFILES_DELETE: Endpoint =
    Endpoint::delete("profiles.delete", "/integrations/crm/profiles/{id}").assumed(UNPUBLISHED);
/// `profiles.link` ([`Profiles::link`](crate::Profiles::link)).
pub const PROFILES_LINK: Endpoint = Endpoint::put(
    "profiles.link",
    "/integrations/crm/profiles/{id}/{entity}/{entityId}",
)
.assumed(UNPUBLISHED);
/// `profiles.unlink` ([`Profiles::unlink`](crate::Profiles::unlink)).
pub const PROFILES_UNLINK: Endpoint = Endpoint::delete(
    "profiles.unlink",
    "/integrations/crm/profiles/{id}/{entity}/{entityId}",
)
.assumed(UNPUBLISHED);
/// `customers.search` ([`Customers::search`](crate::Customers::search)).
pub const CUSTOMERS_SEARCH: Endpoint = Endpoint::get("customers.search", "/agent/crm/customers")
    .paged(Paging::Offset)
    .query(&[
        OFFSET_QUERY[0],
        OFFSET_QUERY[1],
        OFFSET_QUERY[2],
        OFFSET_QUERY[3],
        QueryParam::new(
            "phone",
            ParamKind::Text,
            "Customers with this phone number.",
        ),
        QueryParam::new("q", ParamKind::Text, "Free-text search over customers."),
        QueryParam::new("dataset", ParamKind::Text, "Customers of this dataset."),
    ])
    .evidenced("a client that probed a live instance (the catalog)");

/// Every row, in catalog order.
pub const ALL: &[Endpoint] = &[
    ADDRESSES_CREATE,
    ADDRESSES_UPDATE,
    ADDRESSES_DELETE,
    NUMBERS_CREATE,
    NUMBERS_DELETE,
    SOCIAL_ACCOUNTS_CREATE,
    SOCIAL_ACCOUNTS_UPDATE,
    SOCIAL_ACCOUNTS_DELETE,
    PROFILES_CREATE,
    PROFILES_UPDATE,
    PROFILES_DELETE,
    PROFILES_LINK,
    PROFILES_UNLINK,
    CUSTOMERS_SEARCH,
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_assumed_path_starts_with_the_prefix_users_can_change() {
        for row in ALL.iter().filter(|row| row.is_assumed()) {
            assert!(
                row.path.starts_with(crate::paths::DEFAULT_PREFIX),
                "{}",
                row.id
            );
        }
    }
}
