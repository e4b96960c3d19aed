//! Helpers shared by the iadvize-rest tests.
#![allow(dead_code)]

use httpmock::MockServer;
use iadvize_rest::{Client, ClientConfig, Credentials};

/// The API key every test client sends.
pub const KEY: &str = "test-iadvize-key";

/// A client of the API under `/api/2` of `server`, no retries.
pub fn client_with(server: &MockServer, credentials: Credentials) -> Client {
    let config = ClientConfig::new(&server.url("/api/2"), "iadvize-tests")
        .expect("a valid base URL")
        .retry(ccapi_transport::RetryPolicy::disabled());
    Client::with_config(config, credentials).expect("a client")
}

/// A client with [`KEY`].
pub fn client(server: &MockServer) -> Client {
    client_with(server, Credentials::api_key(KEY.into()))
}

/// Reads a fixture of this crate.
pub fn fixture(path: &str) -> String {
    let full = format!(
        "{}/../../fixtures/iadvize-rest/{path}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(&full).unwrap_or_else(|err| panic!("{full}: {err}"))
}
