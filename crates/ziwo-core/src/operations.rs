//! The operations the three Ziwo crates share, as rows of their operation tables
//! ([`ccapi_transport::endpoint`]).

use ccapi_transport::endpoint::{ParamKind, QueryParam};
use ccapi_transport::Endpoint;

/// The parameters of every offset listing ([`ListOptions`](crate::pages::ListOptions)).
pub const OFFSET_QUERY: [QueryParam; 4] = [
    QueryParam::new("limit", ParamKind::Integer, "Items per page (at most 50)."),
    QueryParam::new("skip", ParamKind::Integer, "Items to skip before the page."),
    QueryParam::new("search", ParamKind::Text, "Free-text search."),
    QueryParam::new(
        "order",
        ParamKind::Text,
        "Sort order, as the listing accepts it.",
    ),
];

/// A day range ([`crate::days`]).
pub const DAYS_QUERY: [QueryParam; 2] = [
    QueryParam::new("fromDate", ParamKind::Date, "From this day (`YYYY-MM-DD`)."),
    QueryParam::new("toDate", ParamKind::Date, "Up to this day (`YYYY-MM-DD`)."),
];

/// `auth.login` ([`Connection::login`](crate::client::Connection::login)); the transport's
/// login session posts to the same path.
pub const AUTH_LOGIN: Endpoint =
    Endpoint::post("auth.login", "/auth/login")
        .json()
        .query(&[QueryParam::new(
            "callCenter",
            ParamKind::Text,
            "The call center to log in to (the Android SDK sends it).",
        )]);
/// `auth.logout` ([`Connection::logout`](crate::client::Connection::logout)).
pub const AUTH_LOGOUT: Endpoint = Endpoint::post("auth.logout", "/auth/logout");
