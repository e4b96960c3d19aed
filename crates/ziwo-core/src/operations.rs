//! The operations the three Ziwo crates share, as rows of their operation tables
//! ([`ccapi_transport::endpoint`]).

use ccapi_transport::Endpoint;

/// `auth.login` ([`Connection::login`](crate::client::Connection::login)); the transport's
/// login session posts to the same path.
pub const AUTH_LOGIN: Endpoint = Endpoint::post("auth.login", "/auth/login").json();
/// `auth.logout` ([`Connection::logout`](crate::client::Connection::logout)).
pub const AUTH_LOGOUT: Endpoint = Endpoint::post("auth.logout", "/auth/logout");
