//! Every operation of this crate, stated once ([`ccapi_transport::endpoint`]): its methods
//! build their requests from these rows, and the command line, the sandbox and this table are
//! checked against them.
//!
//! | operation | method and path | paging | body | source |
//! |---|---|---|---|---|
//! | `accounts.list` | `GET /resellers/accounts` |  |  | documented |
//! | `accounts.get` | `GET /resellers/accounts/{accountId}` |  |  | documented |
//! | `accounts.insert` | `POST /resellers/accounts` |  | JSON | documented |
//! | `accounts.update` | `PUT /resellers/accounts/{accountId}` |  | JSON | documented |
//! | `accounts.patch` | `PATCH /resellers/accounts/{accountId}` |  | JSON | documented |
//! | `accounts.delete` | `DELETE /resellers/accounts/{accountId}` |  |  | documented |
//! | `accounts.watch` | `POST /resellers/accounts/watch` |  | JSON | documented |
//! | `accounts.change` | `POST /resellers/accounts/{accountId}` |  | JSON | evidenced: official Node client: agendize/nodejs-module, api/reseller.js |
//! | `accounts.enable` | `POST /resellers/accounts/{accountId}` |  | JSON | evidenced: official Node client: agendize/nodejs-module, api/reseller.js |
//! | `accounts.disable` | `POST /resellers/accounts/{accountId}` |  | JSON | evidenced: official Node client: agendize/nodejs-module, api/reseller.js |
//! | `accounts.change_plan` | `POST /resellers/accounts/{accountId}` |  | JSON | evidenced: official Node client: agendize/nodejs-module, api/reseller.js |
//! | `watchers.delete` | `DELETE /watchers/{id}` |  |  | evidenced: official Node client: agendize/nodejs-module, api/account.js, deleteWebhook |
//!
//! Paths are under [`DEFAULT_BASE_URL`](crate::DEFAULT_BASE_URL). The four `POST
//! /resellers/accounts/{accountId}` rows are one route with four bodies, kept apart because
//! the official client names them apart.

use ccapi_transport::endpoint::{ParamKind, QueryParam};
use ccapi_transport::Endpoint;

pub use agendize_core::operations::WATCHERS_DELETE;

const ACCOUNT: &str = "/resellers/accounts/{accountId}";
const OFFICIAL_CLIENT: &str = "official Node client: agendize/nodejs-module, api/reseller.js";

/// `accounts.list` ([`Accounts::list`](crate::Accounts::list)): seed 001's optional query
/// parameters.
pub const ACCOUNTS_LIST: Endpoint =
    Endpoint::get("accounts.list", "/resellers/accounts").query(&[
        QueryParam::new(
            "search",
            ParamKind::Text,
            "First name, last name, phone number or email address; partial values match.",
        ),
        QueryParam::new(
            "tools",
            ParamKind::List,
            "Accounts with these tools activated, comma-separated: `scheduling`, `call`, `callTracking`.",
        ),
        QueryParam::new("status", ParamKind::Text, "`enabled` or `disabled`."),
        QueryParam::new(
            "createdStartDate",
            ParamKind::DateTime,
            "Accounts created after this time (RFC 3339).",
        ),
        QueryParam::new(
            "createdEndDate",
            ParamKind::DateTime,
            "Accounts created before this time (RFC 3339).",
        ),
    ]);
/// `accounts.get` ([`Accounts::get`](crate::Accounts::get)).
pub const ACCOUNTS_GET: Endpoint = Endpoint::get("accounts.get", ACCOUNT);
/// `accounts.insert` ([`Accounts::insert`](crate::Accounts::insert)).
pub const ACCOUNTS_INSERT: Endpoint =
    Endpoint::post("accounts.insert", "/resellers/accounts").json();
/// `accounts.update` ([`Accounts::update`](crate::Accounts::update)).
pub const ACCOUNTS_UPDATE: Endpoint = Endpoint::put("accounts.update", ACCOUNT).json();
/// `accounts.patch` ([`Accounts::patch`](crate::Accounts::patch)).
pub const ACCOUNTS_PATCH: Endpoint = Endpoint::patch("accounts.patch", ACCOUNT).json();
/// `accounts.delete` ([`Accounts::delete`](crate::Accounts::delete)).
pub const ACCOUNTS_DELETE: Endpoint = Endpoint::delete("accounts.delete", ACCOUNT);
/// `accounts.watch` ([`Accounts::watch`](crate::Accounts::watch)).
pub const ACCOUNTS_WATCH: Endpoint =
    Endpoint::post("accounts.watch", "/resellers/accounts/watch").json();
/// `accounts.change` ([`Accounts::change`](crate::Accounts::change)): `updateAccount`.
pub const ACCOUNTS_CHANGE: Endpoint = Endpoint::post("accounts.change", ACCOUNT)
    .json()
    .evidenced(OFFICIAL_CLIENT);
/// `accounts.enable` ([`Accounts::enable`](crate::Accounts::enable)): `activeAccount`.
pub const ACCOUNTS_ENABLE: Endpoint = Endpoint::post("accounts.enable", ACCOUNT)
    .json()
    .evidenced(OFFICIAL_CLIENT);
/// `accounts.disable` ([`Accounts::disable`](crate::Accounts::disable)): `desactiveAccount`.
pub const ACCOUNTS_DISABLE: Endpoint = Endpoint::post("accounts.disable", ACCOUNT)
    .json()
    .evidenced(OFFICIAL_CLIENT);
/// `accounts.change_plan` ([`Accounts::change_plan`](crate::Accounts::change_plan)):
/// `changePlan`.
pub const ACCOUNTS_CHANGE_PLAN: Endpoint = Endpoint::post("accounts.change_plan", ACCOUNT)
    .json()
    .evidenced(OFFICIAL_CLIENT);

/// Every row, in catalog order.
pub const ALL: &[Endpoint] = &[
    ACCOUNTS_LIST,
    ACCOUNTS_GET,
    ACCOUNTS_INSERT,
    ACCOUNTS_UPDATE,
    ACCOUNTS_PATCH,
    ACCOUNTS_DELETE,
    ACCOUNTS_WATCH,
    ACCOUNTS_CHANGE,
    ACCOUNTS_ENABLE,
    ACCOUNTS_DISABLE,
    ACCOUNTS_CHANGE_PLAN,
    WATCHERS_DELETE,
];
