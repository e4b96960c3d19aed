//! Every call tracking operation against a local server: the exact request sent, the exact
//! value decoded, and the errors.

use agendize_calls::models::{
    BasicAuth, CallTracking, HttpMethod, Owner, Signature, Watch, WatchSchema, WatchStatus,
};
use agendize_calls::{Client, ClientConfig, Credentials, Error};
use ccapi_transport::{ExposeSecret, RetryPolicy};
use httpmock::prelude::*;
use httpmock::HttpMockRequest;
use serde_json::json;

const API_KEY: &str = "test-api-key";
const TOKEN: &str = "test-sso-token";
const GET_RESPONSE: &str =
    include_str!("../../../fixtures/agendize-calls/calltrackings/get.response.json");
const LIST_RESPONSE: &str =
    include_str!("../../../fixtures/agendize-calls/calltrackings/list.response.json");
const WATCH_RESPONSE: &str =
    include_str!("../../../fixtures/agendize-core/watches/watch.response.json");

fn client_with(server: &MockServer, credentials: Credentials) -> Client {
    let config = ClientConfig::new(&server.url("/api/2.0"), "agendize-calls-tests")
        .expect("a valid base URL")
        .retry(RetryPolicy::disabled());
    Client::with_config(config, credentials).expect("a client")
}

fn client(server: &MockServer) -> Client {
    client_with(server, Credentials::api_key(API_KEY.into(), TOKEN.into()))
}

fn no_query(req: &HttpMockRequest) -> bool {
    req.uri().query().is_none()
}

fn no_query_no_body(req: &HttpMockRequest) -> bool {
    req.uri().query().is_none() && req.body().is_empty()
}

/// Built member by member: answer models are `#[non_exhaustive]` (the provider may add
/// members), so outside the crate they have no struct expression.
fn expected_get() -> CallTracking {
    let mut owner = Owner::default();
    owner.id = Some("acc-1029".to_owned());
    owner.user_name = Some("jane.doe@example.com".to_owned());
    let mut tracking = CallTracking::default();
    tracking.id = "ct-8c41f2".to_owned();
    tracking.name = Some("Google Ads - spring campaign".to_owned());
    tracking.phone_number = Some("+33144556677".to_owned());
    tracking.tracking_phone_number = Some("+33977553311".to_owned());
    tracking.owner = Some(owner);
    tracking
}

#[tokio::test]
async fn list_sends_both_keys_and_decodes_every_item() {
    let server = MockServer::start_async().await;
    let mock = server
        .mock_async(|when, then| {
            when.method(GET)
                .path("/api/2.0/calls/calltrackings")
                .is_true(no_query_no_body)
                .header("apiKey", API_KEY)
                .header("token", TOKEN);
            then.status(200)
                .header("content-type", "application/json")
                .body(LIST_RESPONSE);
        })
        .await;
    let trackings = client(&server)
        .call_trackings()
        .list()
        .await
        .expect("a list");
    mock.assert_calls_async(1).await;
    assert_eq!(trackings.len(), 2);
    assert_eq!(trackings[0], expected_get());
    assert_eq!(trackings[1].id, "ct-19aa07");
    insta::assert_debug_snapshot!(trackings);
}

#[tokio::test]
async fn get_decodes_the_resource() {
    let server = MockServer::start_async().await;
    let mock = server
        .mock_async(|when, then| {
            when.method(GET)
                .path("/api/2.0/calls/calltrackings/ct-8c41f2")
                .is_true(no_query_no_body)
                .header("apiKey", API_KEY)
                .header("token", TOKEN);
            then.status(200).body(GET_RESPONSE);
        })
        .await;
    let tracking = client(&server)
        .call_trackings()
        .get("ct-8c41f2")
        .await
        .expect("a call tracking");
    mock.assert_calls_async(1).await;
    assert_eq!(tracking, expected_get());
}

#[tokio::test]
async fn delete_accepts_an_empty_body() {
    let server = MockServer::start_async().await;
    let mock = server
        .mock_async(|when, then| {
            when.method(DELETE)
                .path("/api/2.0/calls/calltrackings/ct-8c41f2")
                .is_true(no_query_no_body)
                .header("apiKey", API_KEY)
                .header("token", TOKEN);
            then.status(200);
        })
        .await;
    client(&server)
        .call_trackings()
        .delete("ct-8c41f2")
        .await
        .expect("deleted");
    mock.assert_calls_async(1).await;
}

#[tokio::test]
async fn watch_sends_the_subscription_with_its_secrets_and_decodes_the_answer() {
    let server = MockServer::start_async().await;
    let mock = server
        .mock_async(|when, then| {
            when.method(POST)
                .path("/api/2.0/calls/calltrackings/watch")
                .is_true(no_query)
                .header("apiKey", API_KEY)
                .header("token", TOKEN)
                .header("content-type", "application/json")
                .json_body(json!({
                    "address": "https://hooks.example.com/agendize/calltrackings",
                    "name": "CRM sync",
                    "basicAuth": {"username": "agendize-hook", "password": "example-basic-password"},
                    "httpRequestHeader": {"X-Tenant": "acme"},
                    "schema": {"my_id_key": "{id}"},
                    "method": "POST",
                    "status": "enabled",
                    "signature": {"enabled": false, "cryptoKeyIds": []}
                }));
            then.status(200).body(WATCH_RESPONSE);
        })
        .await;
    let schema = match json!({"my_id_key": "{id}"}) {
        serde_json::Value::Object(map) => WatchSchema::Object(map),
        _ => unreachable!(),
    };
    let watch = Watch {
        address: "https://hooks.example.com/agendize/calltrackings".to_owned(),
        name: Some("CRM sync".to_owned()),
        basic_auth: Some(BasicAuth {
            username: Some("agendize-hook".to_owned()),
            password: Some("example-basic-password".into()),
            extra: Default::default(),
        }),
        http_request_header: Some([("X-Tenant".to_owned(), "acme".to_owned())].into()),
        schema: Some(schema.clone()),
        method: Some(HttpMethod::Post),
        status: Some(WatchStatus::Enabled),
        signature: Some(Signature {
            enabled: Some(false),
            crypto_key_ids: Some(Vec::new()),
            extra: Default::default(),
        }),
        ..Watch::default()
    };
    let answer = client(&server)
        .call_trackings()
        .watch(&watch)
        .await
        .expect("a watch");
    mock.assert_calls_async(1).await;
    assert_eq!(answer.address, watch.address);
    assert_eq!(answer.schema, Some(schema));
    assert_eq!(answer.status, Some(WatchStatus::Enabled));
    let oauth2 = answer.oauth2_auth.expect("OAuth2 settings");
    assert_eq!(oauth2.client_id.as_deref(), Some("hooks-client"));
    assert!(oauth2.client_secret.is_none());
    assert_eq!(
        answer
            .basic_auth
            .and_then(|auth| auth.password)
            .map(|p| p.expose_secret().to_owned()),
        None
    );
    assert!(!format!("{watch:?}").contains("example-basic-password"));
}

#[tokio::test]
async fn a_watch_without_an_absolute_address_is_refused_before_sending() {
    let server = MockServer::start_async().await;
    let mock = server
        .mock_async(|_, then| {
            then.status(200).body("{}");
        })
        .await;
    let error = client(&server)
        .call_trackings()
        .watch(&Watch::default())
        .await
        .expect_err("no address");
    assert!(
        matches!(&error, Error::InvalidInput { field: Some(field), .. } if field == "address"),
        "{error:?}"
    );
    mock.assert_calls_async(0).await;
}

#[tokio::test]
async fn keys_can_travel_as_query_parameters_and_oauth2_as_a_bearer() {
    let server = MockServer::start_async().await;
    let by_query = server
        .mock_async(|when, then| {
            when.method(GET)
                .path("/api/2.0/calls/calltrackings/ct-1")
                .query_param("apiKey", API_KEY)
                .query_param("token", TOKEN)
                .header_missing("apiKey")
                .header_missing("token");
            then.status(200).body(r#"{"id": "ct-1"}"#);
        })
        .await;
    let tracking = client_with(
        &server,
        Credentials::api_key_in_query(API_KEY.into(), TOKEN.into()),
    )
    .call_trackings()
    .get("ct-1")
    .await
    .expect("a call tracking");
    by_query.assert_calls_async(1).await;
    assert_eq!(tracking.id, "ct-1");

    let by_bearer = server
        .mock_async(|when, then| {
            when.method(GET)
                .path("/api/2.0/calls/calltrackings/ct-2")
                .is_true(no_query)
                .header("authorization", "Bearer oauth-access-token")
                .header_missing("apiKey");
            then.status(200).body(r#"{"id": "ct-2"}"#);
        })
        .await;
    client_with(
        &server,
        Credentials::access_token("oauth-access-token".into()),
    )
    .call_trackings()
    .get("ct-2")
    .await
    .expect("a call tracking");
    by_bearer.assert_calls_async(1).await;
}

#[tokio::test]
async fn ids_with_reserved_characters_stay_one_path_segment() {
    let server = MockServer::start_async().await;
    let mock = server
        .mock_async(|when, then| {
            when.method(GET).is_true(|req: &HttpMockRequest| {
                req.uri().path() == "/api/2.0/calls/calltrackings/a%2Fb%40c%3Fd"
            });
            then.status(200).body(r#"{"id": "a/b@c?d"}"#);
        })
        .await;
    let tracking = client(&server)
        .call_trackings()
        .get("a/b@c?d")
        .await
        .expect("a call tracking");
    mock.assert_calls_async(1).await;
    assert_eq!(tracking.id, "a/b@c?d");
}

#[tokio::test]
async fn provider_errors_keep_the_message_and_the_status() {
    let server = MockServer::start_async().await;
    server
        .mock_async(|when, then| {
            when.path("/api/2.0/calls/calltrackings/unauthorized");
            then.status(401)
                .body(r#"{"error": {"code": 401, "message": "Invalid API key"}}"#);
        })
        .await;
    server
        .mock_async(|when, then| {
            when.path("/api/2.0/calls/calltrackings/missing");
            then.status(404)
                .body(r#"{"error": {"code": 404, "message": "Call tracking not found"}}"#);
        })
        .await;
    server
        .mock_async(|when, then| {
            when.path("/api/2.0/calls/calltrackings/refused");
            then.status(200)
                .body(r#"{"error": {"code": "forbidden", "message": "Not your call tracking"}}"#);
        })
        .await;
    server
        .mock_async(|when, then| {
            when.path("/api/2.0/calls/calltrackings/garbled");
            then.status(200).body(r#"{"id": "ct-1", "name": "#);
        })
        .await;
    let trackings = client(&server);
    let trackings = trackings.call_trackings();

    let error = trackings.get("unauthorized").await.expect_err("401");
    assert!(matches!(error, Error::Auth { .. }), "{error:?}");
    assert_eq!(error.status().map(|s| s.as_u16()), Some(401));

    let error = trackings.get("missing").await.expect_err("404");
    assert!(error.is_not_found(), "{error:?}");
    assert_eq!(error.provider_message(), Some("Call tracking not found"));
    assert_eq!(error.provider_code(), Some("404"));

    let error = trackings
        .get("refused")
        .await
        .expect_err("an error body on 200");
    assert!(matches!(error, Error::Provider { .. }), "{error:?}");
    assert_eq!(error.provider_message(), Some("Not your call tracking"));
    assert_eq!(error.provider_code(), Some("forbidden"));

    let error = trackings.get("garbled").await.expect_err("malformed JSON");
    assert!(matches!(error, Error::Decode { .. }), "{error:?}");
    assert_eq!(
        error.body().map(|body| body.text().into_owned()),
        Some(r#"{"id": "ct-1", "name": "#.to_owned())
    );
}
