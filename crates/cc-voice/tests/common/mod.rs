//! Helpers shared by the cc-voice tests.
#![allow(dead_code)]

use cc_voice::{Client, ClientConfig, Credentials};
use ccapi_transport::RetryPolicy;
use httpmock::{HttpMockRequest, MockServer};

pub const TOKEN: &str = "test-access-token";

/// The API under `/t/vbc.prod/telephony/v3` of `server`, no retries.
pub fn config(server: &MockServer) -> ClientConfig {
    ClientConfig::new(&server.url("/t/vbc.prod/telephony/v3"), "cc-voice-tests")
        .expect("a valid base URL")
        .retry(RetryPolicy::disabled())
}

/// A client with a static access token.
pub fn client(server: &MockServer) -> Client {
    Client::with_config(config(server), Credentials::access_token(TOKEN.into())).expect("a client")
}

/// Reads a fixture of this crate.
pub fn fixture(path: &str) -> String {
    let full = format!(
        "{}/../../fixtures/cc-voice/{path}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(&full).unwrap_or_else(|err| panic!("{full}: {err}"))
}

/// The fixture as JSON.
pub fn fixture_json(path: &str) -> serde_json::Value {
    serde_json::from_str(&fixture(path)).expect("a JSON fixture")
}

/// No query string and no body.
pub fn bare(req: &HttpMockRequest) -> bool {
    req.uri().query().is_none() && req.body().is_empty()
}
