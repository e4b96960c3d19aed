//! The routes of Agendize's official Node client that the seed does not show
//! (`agendize/nodejs-module`, `api/account.js`): call watches, and deleting a watch by its id.

use agendize_calls::models::Watch;
use agendize_calls::{Client, ClientConfig, Credentials};
use ccapi_transport::RetryPolicy;
use httpmock::prelude::*;
use serde_json::{json, Value};

const WATCH_REQUEST: &str =
    include_str!("../../../fixtures/agendize-core/watches/watch.request.json");
const WATCH_RESPONSE: &str =
    include_str!("../../../fixtures/agendize-core/watches/watch.response.json");

fn client(server: &MockServer) -> Client {
    let config = ClientConfig::new(&server.url("/api/2.0"), "agendize-calls-tests")
        .expect("a valid base URL")
        .retry(RetryPolicy::disabled());
    Client::with_config(config, Credentials::access_token("bearer-1".into())).expect("a client")
}

#[tokio::test]
async fn calls_are_watched_and_the_watch_deleted_by_its_id() {
    let server = MockServer::start_async().await;
    let expected: Value = serde_json::from_str(WATCH_REQUEST).expect("JSON");
    let watch_mock = server
        .mock_async(|when, then| {
            when.method(POST)
                .path("/api/2.0/calls/watch")
                .header("authorization", "Bearer bearer-1")
                .json_body(expected.clone());
            then.status(200).body(WATCH_RESPONSE);
        })
        .await;
    let delete_mock = server
        .mock_async(|when, then| {
            when.method(DELETE)
                .path("/api/2.0/watchers/wt-5f2c91")
                .header("authorization", "Bearer bearer-1")
                .body("");
            then.status(200).json_body(json!({}));
        })
        .await;
    let client = client(&server);
    let watch: Watch = serde_json::from_str(WATCH_REQUEST).expect("decodes");
    let answered = client.calls().watch(&watch).await.expect("watched");
    assert_eq!(answered.id.as_deref(), Some("wt-5f2c91"));
    assert_eq!(answered.address, watch.address);
    client
        .watchers()
        .delete(answered.id.as_deref().expect("an id"))
        .await
        .expect("deleted");
    watch_mock.assert_calls_async(1).await;
    delete_mock.assert_calls_async(1).await;
}
