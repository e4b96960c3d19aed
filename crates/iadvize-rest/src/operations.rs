//! Every operation of this crate, stated once ([`ccapi_transport::endpoint`]): its methods
//! build their requests from these rows, and the command line, the sandbox and this table are
//! checked against them.
//!
//! | operation | method and path | paging | body | source |
//! |---|---|---|---|---|
//! | `client.list` | `GET /client` | page number |  | documented |
//! | `client.get` | `GET /client/{id}` |  |  | documented |
//! | `website.list` | `GET /website` | page number |  | documented |
//! | `website.get` | `GET /website/{id}` |  |  | documented |
//! | `website.update` | `PUT /website/{id}` |  | form | documented |
//! | `operator.list` | `GET /operator` | page number |  | documented |
//! | `operator.get` | `GET /operator/{id}` |  |  | documented |
//! | `operator.create` | `POST /operator` |  | form | documented |
//! | `operator.update` | `PUT /operator/{id}` |  | form | documented |
//! | `operator.delete` | `DELETE /operator/{id}` |  |  | documented |
//! | `operator.live_list` | `GET /operator/live` |  |  | documented |
//! | `operator.live_get` | `GET /operator/{id}/live` |  |  | documented |
//! | `operator.live_set` | `PUT /operator/{id}/live` |  | form | documented |
//! | `operator.statistic` | `GET /operator/{id}/statistic` |  |  | documented |
//! | `operator.profile` | `GET /operator/{id}/profile` |  |  | documented |
//! | `group.list` | `GET /group` | page number |  | documented |
//! | `group.get` | `GET /group/{id}` |  |  | documented |
//! | `group.create` | `POST /group` |  | form | documented |
//! | `group.update` | `PUT /group/{id}` |  | form | documented |
//! | `group.delete` | `DELETE /group/{id}` |  |  | documented |
//! | `skill.list` | `GET /skill` | page number |  | documented |
//! | `skill.get` | `GET /skill/{id}` |  |  | documented |
//! | `skill.create` | `POST /skill` |  | form | documented |
//! | `skill.update` | `PUT /skill/{id}` |  | form | documented |
//! | `skill.delete` | `DELETE /skill/{id}` |  |  | documented |
//! | `conversation.list` | `GET /conversation.json-unicode?formatHistory=0` | page number |  | documented |
//! | `conversation.get` | `GET /conversation.json-unicode/{id}?formatHistory=0` |  |  | documented |
//! | `tag.list` | `GET /tag` | page number |  | documented |
//! | `tag.get` | `GET /tag/{id}` |  |  | documented |
//! | `tag.create` | `POST /tag` |  | JSON | documented |
//! | `transaction.list` | `GET /transaction` | page number |  | documented |
//! | `transaction.get` | `GET /transaction/{id}` |  |  | documented |
//! | `satisfaction.list` | `GET /satisfaction` | page number |  | documented |
//! | `satisfaction.get` | `GET /satisfaction/{id}` |  |  | documented |
//! | `statistic.get` | `GET /statistic` |  |  | documented |
//! | `visitor.list` | `GET /visitor` | page number |  | documented |
//! | `visitor.get` | `GET /visitor/{id}` |  |  | documented |
//! | `visitor.create` | `POST /visitor` |  | form | documented |
//! | `visitor.update` | `PUT /visitor/{id}` |  | form | documented |
//! | `visitor.delete` | `DELETE /visitor/{id}` |  |  | documented |
//! | `callmeeting.list` | `GET /callmeeting` | page number |  | documented |
//! | `odigocallback.pickup` | `POST /odigocallback/pickup` |  | form | documented |
//! | `odigocallback.hangup` | `POST /odigocallback/hangup` |  | form | documented |
//!
//! Paths are under the [`Host`](crate::Host)'s base URL (`https://www.iadvize.com/api/2`).

use ccapi_transport::endpoint::{Paging, ParamKind, QueryParam};
use ccapi_transport::Endpoint;

/// Conversations come with their history as typed arrays, not pre-formatted HTML.
const RAW_HISTORY: &[(&str, &str)] = &[("formatHistory", "0")];

/// The parameters of every listing ("Common filters" of seed 003).
const LIST_QUERY: &[QueryParam] = &[
    QueryParam::new("page", ParamKind::Integer, "Page number, from 1."),
    QueryParam::new(
        "limit",
        ParamKind::Integer,
        "Resources per page (at most 100).",
    ),
    QueryParam::new(
        "full",
        ParamKind::Boolean,
        "`1`: every field of each resource.",
    ),
    QueryParam::new(
        "filters",
        ParamKind::Map,
        "`filters[name]=value`, the resource's filters; `*` broadens a text search.",
    ),
];

/// `client.list`.
pub const CLIENT_LIST: Endpoint = Endpoint::get("client.list", "/client")
    .paged(Paging::PageNumber)
    .query(LIST_QUERY);

/// `client.get`.
pub const CLIENT_GET: Endpoint = Endpoint::get("client.get", "/client/{id}");

/// `website.list`.
pub const WEBSITE_LIST: Endpoint = Endpoint::get("website.list", "/website")
    .paged(Paging::PageNumber)
    .query(LIST_QUERY);

/// `website.get`.
pub const WEBSITE_GET: Endpoint = Endpoint::get("website.get", "/website/{id}");

/// `website.update`.
pub const WEBSITE_UPDATE: Endpoint = Endpoint::put("website.update", "/website/{id}").form();

/// `operator.list`.
pub const OPERATOR_LIST: Endpoint = Endpoint::get("operator.list", "/operator")
    .paged(Paging::PageNumber)
    .query(LIST_QUERY);

/// `operator.get`.
pub const OPERATOR_GET: Endpoint = Endpoint::get("operator.get", "/operator/{id}");

/// `operator.create`.
pub const OPERATOR_CREATE: Endpoint = Endpoint::post("operator.create", "/operator").form();

/// `operator.update`.
pub const OPERATOR_UPDATE: Endpoint = Endpoint::put("operator.update", "/operator/{id}").form();

/// `operator.delete`.
pub const OPERATOR_DELETE: Endpoint = Endpoint::delete("operator.delete", "/operator/{id}");

/// `operator.live_list`.
pub const OPERATOR_LIVE_LIST: Endpoint =
    Endpoint::get("operator.live_list", "/operator/live").query(LIST_QUERY);

/// `operator.live_get`.
pub const OPERATOR_LIVE_GET: Endpoint = Endpoint::get("operator.live_get", "/operator/{id}/live");

/// `operator.live_set`.
pub const OPERATOR_LIVE_SET: Endpoint =
    Endpoint::put("operator.live_set", "/operator/{id}/live").form();

/// `operator.statistic`.
pub const OPERATOR_STATISTIC: Endpoint =
    Endpoint::get("operator.statistic", "/operator/{id}/statistic");

/// `operator.profile`.
pub const OPERATOR_PROFILE: Endpoint = Endpoint::get("operator.profile", "/operator/{id}/profile");

/// `group.list`.
pub const GROUP_LIST: Endpoint = Endpoint::get("group.list", "/group")
    .paged(Paging::PageNumber)
    .query(LIST_QUERY);

/// `group.get`.
pub const GROUP_GET: Endpoint = Endpoint::get("group.get", "/group/{id}");

/// `group.create`.
pub const GROUP_CREATE: Endpoint = Endpoint::post("group.create", "/group").form();

/// `group.update`.
pub const GROUP_UPDATE: Endpoint = Endpoint::put("group.update", "/group/{id}").form();

/// `group.delete`.
pub const GROUP_DELETE: Endpoint = Endpoint::delete("group.delete", "/group/{id}");

/// `skill.list`.
pub const SKILL_LIST: Endpoint = Endpoint::get("skill.list", "/skill")
    .paged(Paging::PageNumber)
    .query(LIST_QUERY);

/// `skill.get`.
pub const SKILL_GET: Endpoint = Endpoint::get("skill.get", "/skill/{id}");

/// `skill.create`.
pub const SKILL_CREATE: Endpoint = Endpoint::post("skill.create", "/skill").form();

/// `skill.update`.
pub const SKILL_UPDATE: Endpoint = Endpoint::put("skill.update", "/skill/{id}").form();

/// `skill.delete`.
pub const SKILL_DELETE: Endpoint = Endpoint::delete("skill.delete", "/skill/{id}");

/// `conversation.list`.
pub const CONVERSATION_LIST: Endpoint =
    Endpoint::get("conversation.list", "/conversation.json-unicode")
        .paged(Paging::PageNumber)
        .query(LIST_QUERY)
        .fixed_query(RAW_HISTORY);

/// `conversation.get`.
pub const CONVERSATION_GET: Endpoint =
    Endpoint::get("conversation.get", "/conversation.json-unicode/{id}").fixed_query(RAW_HISTORY);

/// `tag.list`.
pub const TAG_LIST: Endpoint = Endpoint::get("tag.list", "/tag")
    .paged(Paging::PageNumber)
    .query(LIST_QUERY);

/// `tag.get`.
pub const TAG_GET: Endpoint = Endpoint::get("tag.get", "/tag/{id}");

/// `tag.create`.
pub const TAG_CREATE: Endpoint = Endpoint::post("tag.create", "/tag").json();

/// `transaction.list`.
pub const TRANSACTION_LIST: Endpoint = Endpoint::get("transaction.list", "/transaction")
    .paged(Paging::PageNumber)
    .query(LIST_QUERY);

/// `transaction.get`.
pub const TRANSACTION_GET: Endpoint = Endpoint::get("transaction.get", "/transaction/{id}");

/// `satisfaction.list`.
pub const SATISFACTION_LIST: Endpoint = Endpoint::get("satisfaction.list", "/satisfaction")
    .paged(Paging::PageNumber)
    .query(LIST_QUERY);

/// `satisfaction.get`.
pub const SATISFACTION_GET: Endpoint = Endpoint::get("satisfaction.get", "/satisfaction/{id}");

/// `statistic.get`.
pub const STATISTIC_GET: Endpoint = Endpoint::get("statistic.get", "/statistic").query(LIST_QUERY);

/// `visitor.list`.
pub const VISITOR_LIST: Endpoint = Endpoint::get("visitor.list", "/visitor")
    .paged(Paging::PageNumber)
    .query(LIST_QUERY);

/// `visitor.get`.
pub const VISITOR_GET: Endpoint = Endpoint::get("visitor.get", "/visitor/{id}");

/// `visitor.create`.
pub const VISITOR_CREATE: Endpoint = Endpoint::post("visitor.create", "/visitor").form();

/// `visitor.update`.
pub const VISITOR_UPDATE: Endpoint = Endpoint::put("visitor.update", "/visitor/{id}").form();

/// `visitor.delete`.
pub const VISITOR_DELETE: Endpoint = Endpoint::delete("visitor.delete", "/visitor/{id}");

/// `callmeeting.list`.
pub const CALLMEETING_LIST: Endpoint = Endpoint::get("callmeeting.list", "/callmeeting")
    .paged(Paging::PageNumber)
    .query(LIST_QUERY);

/// `odigocallback.pickup`.
pub const ODIGOCALLBACK_PICKUP: Endpoint =
    Endpoint::post("odigocallback.pickup", "/odigocallback/pickup").form();

/// `odigocallback.hangup`.
pub const ODIGOCALLBACK_HANGUP: Endpoint =
    Endpoint::post("odigocallback.hangup", "/odigocallback/hangup").form();

/// Every row, in catalog order.
pub const ALL: &[Endpoint] = &[
    CLIENT_LIST,
    CLIENT_GET,
    WEBSITE_LIST,
    WEBSITE_GET,
    WEBSITE_UPDATE,
    OPERATOR_LIST,
    OPERATOR_GET,
    OPERATOR_CREATE,
    OPERATOR_UPDATE,
    OPERATOR_DELETE,
    OPERATOR_LIVE_LIST,
    OPERATOR_LIVE_GET,
    OPERATOR_LIVE_SET,
    OPERATOR_STATISTIC,
    OPERATOR_PROFILE,
    GROUP_LIST,
    GROUP_GET,
    GROUP_CREATE,
    GROUP_UPDATE,
    GROUP_DELETE,
    SKILL_LIST,
    SKILL_GET,
    SKILL_CREATE,
    SKILL_UPDATE,
    SKILL_DELETE,
    CONVERSATION_LIST,
    CONVERSATION_GET,
    TAG_LIST,
    TAG_GET,
    TAG_CREATE,
    TRANSACTION_LIST,
    TRANSACTION_GET,
    SATISFACTION_LIST,
    SATISFACTION_GET,
    STATISTIC_GET,
    VISITOR_LIST,
    VISITOR_GET,
    VISITOR_CREATE,
    VISITOR_UPDATE,
    VISITOR_DELETE,
    CALLMEETING_LIST,
    ODIGOCALLBACK_PICKUP,
    ODIGOCALLBACK_HANGUP,
];
