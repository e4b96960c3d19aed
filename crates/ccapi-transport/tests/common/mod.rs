//! Helpers shared by the transport's integration tests.
#![allow(dead_code)]

use std::time::Duration;

use ccapi_transport::auth::Auth;
use ccapi_transport::{BareJson, ClientConfig, Envelope, RetryPolicy, Transport};
use httpmock::MockServer;

/// A config pointing at `server`, with fast, jitter-free retries.
pub fn config(server: &MockServer) -> ClientConfig {
    ClientConfig::new(&server.base_url(), "ccapi-transport-tests/0")
        .expect("a valid base URL")
        .retry(RetryPolicy {
            initial_backoff: Duration::from_millis(10),
            jitter: false,
            ..RetryPolicy::default()
        })
}

/// A transport at `server` with `auth` and bare JSON.
pub fn transport(server: &MockServer, auth: impl Auth) -> Transport {
    Transport::new(config(server), auth, BareJson).expect("a transport")
}

/// A transport at `server` with `auth` and `envelope`.
pub fn transport_with(server: &MockServer, auth: impl Auth, envelope: impl Envelope) -> Transport {
    Transport::new(config(server), auth, envelope).expect("a transport")
}

/// A matcher for the raw (still encoded) path.
pub fn raw_path(
    expected: &'static str,
) -> impl Fn(&httpmock::HttpMockRequest) -> bool + Send + Sync {
    move |req| req.uri().path() == expected
}

/// A matcher for the raw query string, in order (`None`: no query at all).
pub fn raw_query(
    expected: Option<&'static str>,
) -> impl Fn(&httpmock::HttpMockRequest) -> bool + Send + Sync {
    move |req| req.uri().query() == expected
}
