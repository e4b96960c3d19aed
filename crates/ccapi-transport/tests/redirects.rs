//! A redirect to another origin never carries a credential, whatever the scheme.

mod common;

use ccapi_transport::auth::{Auth, Bearer, HeaderKeys, QueryKeys};
use ccapi_transport::Operation;
use common::{raw_query, transport};
use httpmock::MockServer;
use serde_json::{json, Value};

async fn assert_no_credentials_cross_origins(auth: impl Auth, names: &[&'static str]) {
    let origin = MockServer::start_async().await;
    let elsewhere = MockServer::start_async().await;
    let target = elsewhere.url("/file");
    origin
        .mock_async(|when, then| {
            when.method("GET").path("/recording");
            then.status(302).header("Location", target.as_str());
        })
        .await;
    let clean = elsewhere
        .mock_async(|when, then| {
            let mut when = when.method("GET").path("/file").is_true(raw_query(None));
            for name in names {
                when = when.header_missing(*name);
            }
            then.status(200).json_body(json!({"served": "elsewhere"}));
        })
        .await;
    let value: Value = transport(&origin, auth)
        .execute(Operation::get("/recording"))
        .await
        .expect("followed");
    assert_eq!(value, json!({"served": "elsewhere"}));
    clean.assert_async().await;
}

#[tokio::test]
async fn custom_header_keys_are_not_forwarded() {
    let names = ["apiKey", "token", "access_token", "api_key", "X-API-Key"];
    let mut auth = HeaderKeys::new();
    for name in names {
        auth = auth.with(name, "secret".into()).expect("valid");
    }
    assert_no_credentials_cross_origins(auth, &names).await;
}

#[tokio::test]
async fn bearer_tokens_are_not_forwarded() {
    assert_no_credentials_cross_origins(
        Bearer::new("secret".into()).expect("valid"),
        &["authorization"],
    )
    .await;
}

#[tokio::test]
async fn query_keys_are_not_forwarded() {
    assert_no_credentials_cross_origins(QueryKeys::new().with("key", "secret".into()), &[]).await;
}

#[tokio::test]
async fn same_origin_redirects_keep_credentials() {
    let server = MockServer::start_async().await;
    server
        .mock_async(|when, then| {
            when.method("GET").path("/old");
            then.status(301).header("Location", "/new");
        })
        .await;
    let new = server
        .mock_async(|when, then| {
            when.method("GET").path("/new").header("apiKey", "k");
            then.status(200).json_body(json!({"moved": true}));
        })
        .await;
    let auth = HeaderKeys::new().with("apiKey", "k".into()).expect("valid");
    let value: Value = transport(&server, auth)
        .execute(Operation::get("/old"))
        .await
        .expect("followed");
    assert_eq!(value, json!({"moved": true}));
    new.assert_async().await;
}
