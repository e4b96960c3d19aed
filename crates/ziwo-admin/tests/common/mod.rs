//! Helpers shared by the ziwo-admin tests.
#![allow(dead_code)]

use httpmock::MockServer;
use ziwo_admin::{Client, ClientConfig, Credentials};

/// The access token every test client sends.
pub const TOKEN: &str = "b10c6840-a9e7-11e8-8476-8d2a2f09b159";

/// The API at the root of `server`, no retries.
pub fn config(server: &MockServer) -> ClientConfig {
    ClientConfig::new(&server.base_url(), "ziwo-admin-tests")
        .expect("a valid base URL")
        .retry(ccapi_transport::RetryPolicy::disabled())
}

/// A client with [`TOKEN`].
pub fn client(server: &MockServer) -> Client {
    Client::with_config(config(server), Credentials::AccessToken(TOKEN.into())).expect("a client")
}

/// Reads a fixture of this crate.
pub fn fixture(path: &str) -> String {
    let full = format!(
        "{}/../../fixtures/ziwo-admin/{path}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(&full).unwrap_or_else(|err| panic!("{full}: {err}"))
}
