//! OAuth2 through the transport as VBC expects it: the grants' exact token requests, rotation
//! of single-use refresh tokens, one token request for many calls, and no refresh loop.

mod common;

use std::sync::{Arc, Mutex};

use cc_voice::auth::oauth2_at;
use cc_voice::{Client, Credentials, Error};
use ccapi_transport::auth::Grant;
use ccapi_transport::ExposeSecret;
use common::{config, fixture};
use httpmock::prelude::*;
use serde_json::json;

const CALL: &str = "/t/vbc.prod/telephony/v3/cc/accounts/1234/calls/call-1";

fn token_answer(access: &str, refresh: &str) -> serde_json::Value {
    json!({"access_token": access, "refresh_token": refresh, "token_type": "Bearer", "expires_in": 86400, "scope": "openid"})
}

fn client_with(
    server: &MockServer,
    grant: Grant,
    on_refresh: Option<Arc<Mutex<Vec<String>>>>,
) -> Client {
    let mut builder = oauth2_at(
        server.url("/token").parse().expect("a URL"),
        grant,
        "vbc-client",
        "vbc-secret".into(),
    );
    if let Some(seen) = on_refresh {
        builder = builder.on_token_update(move |update| {
            if let Some(refresh) = update.refresh_token {
                seen.lock()
                    .expect("not poisoned")
                    .push(refresh.expose_secret().to_owned());
            }
        });
    }
    let session = builder.build().expect("a session");
    Client::with_config(config(server), Credentials::oauth2(session)).expect("a client")
}

#[tokio::test]
async fn the_password_grant_adds_the_vbc_suffix_and_asks_for_openid() {
    let server = MockServer::start_async().await;
    let token = server
        .mock_async(|when, then| {
            when.method(POST)
                .path("/token")
                .header("content-type", "application/x-www-form-urlencoded")
                .form_urlencoded_tuple("grant_type", "password")
                .form_urlencoded_tuple("username", "jane@vbc.prod")
                .form_urlencoded_tuple("password", "jane-password")
                .form_urlencoded_tuple("scope", "openid")
                .form_urlencoded_tuple("client_id", "vbc-client")
                .form_urlencoded_tuple("client_secret", "vbc-secret")
                .header_missing("authorization");
            then.status(200)
                .json_body(token_answer("access-1", "refresh-1"));
        })
        .await;
    let api = server
        .mock_async(|when, then| {
            when.method(GET)
                .path(CALL)
                .header("authorization", "Bearer access-1");
            then.status(200).body(fixture("calls/get.response.json"));
        })
        .await;
    let grant = Grant::Password {
        username: "jane".to_owned(),
        password: "jane-password".into(),
    };
    let call = client_with(&server, grant, None)
        .calls("1234")
        .get("call-1")
        .await
        .expect("a call");
    assert_eq!(call.call_id, "3fa85f64-5717-4562-b3fc-2c963f66afa6");
    token.assert_calls_async(1).await;
    api.assert_calls_async(1).await;
}

#[tokio::test]
async fn the_authorization_code_is_exchanged_with_the_basic_client_header() {
    let server = MockServer::start_async().await;
    let token = server
        .mock_async(|when, then| {
            when.method(POST)
                .path("/token")
                // base64("vbc-client:vbc-secret")
                .header("authorization", "Basic dmJjLWNsaWVudDp2YmMtc2VjcmV0")
                .form_urlencoded_tuple("grant_type", "authorization_code")
                .form_urlencoded_tuple("code", "one-time-code")
                .form_urlencoded_tuple("redirect_uri", "https://crm.example.com/vbc/callback");
            then.status(200)
                .json_body(token_answer("access-1", "refresh-1"));
        })
        .await;
    let api = server
        .mock_async(|when, then| {
            when.method(GET)
                .path(CALL)
                .header("authorization", "Bearer access-1");
            then.status(200)
                .body(fixture("calls/get.response.openapi.json"));
        })
        .await;
    let grant = Grant::AuthorizationCode {
        code: "one-time-code".into(),
        redirect_uri: Some("https://crm.example.com/vbc/callback".to_owned()),
    };
    client_with(&server, grant, None)
        .calls("1234")
        .get("call-1")
        .await
        .expect("a call");
    token.assert_calls_async(1).await;
    api.assert_calls_async(1).await;
}

#[tokio::test]
async fn an_expired_token_is_refreshed_once_with_the_rotated_refresh_token() {
    let server = MockServer::start_async().await;
    let first = server
        .mock_async(|when, then| {
            when.method(POST)
                .path("/token")
                .form_urlencoded_tuple("refresh_token", "refresh-0");
            then.status(200)
                .json_body(token_answer("access-1", "refresh-1"));
        })
        .await;
    let rotated = server
        .mock_async(|when, then| {
            when.method(POST)
                .path("/token")
                .form_urlencoded_tuple("grant_type", "refresh_token")
                .form_urlencoded_tuple("refresh_token", "refresh-1");
            then.status(200)
                .json_body(token_answer("access-2", "refresh-2"));
        })
        .await;
    let expired = server
        .mock_async(|when, then| {
            when.method(GET)
                .path(CALL)
                .header("authorization", "Bearer access-1");
            then.status(401)
                .json_body(json!({"code": 401, "message": "Token expired"}));
        })
        .await;
    let fresh = server
        .mock_async(|when, then| {
            when.method(GET)
                .path(CALL)
                .header("authorization", "Bearer access-2");
            then.status(200).body(fixture("calls/get.response.json"));
        })
        .await;
    let seen = Arc::new(Mutex::new(Vec::new()));
    let client = client_with(
        &server,
        Grant::RefreshToken("refresh-0".into()),
        Some(seen.clone()),
    );
    client
        .calls("1234")
        .get("call-1")
        .await
        .expect("a call after one refresh");
    first.assert_calls_async(1).await;
    rotated.assert_calls_async(1).await;
    expired.assert_calls_async(1).await;
    fresh.assert_calls_async(1).await;
    assert_eq!(
        *seen.lock().expect("not poisoned"),
        ["refresh-1", "refresh-2"]
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fifty_concurrent_calls_make_one_token_request() {
    let server = MockServer::start_async().await;
    let token = server
        .mock_async(|when, then| {
            when.method(POST).path("/token");
            then.status(200)
                .delay(std::time::Duration::from_millis(50))
                .json_body(token_answer("access-1", "refresh-1"));
        })
        .await;
    let api = server
        .mock_async(|when, then| {
            when.method(GET)
                .path(CALL)
                .header("authorization", "Bearer access-1");
            then.status(200).body(fixture("calls/get.response.json"));
        })
        .await;
    let client = client_with(&server, Grant::RefreshToken("refresh-0".into()), None);
    let calls = (0..50).map(|_| {
        let client = client.clone();
        tokio::spawn(async move { client.calls("1234").get("call-1").await })
    });
    for result in futures::future::join_all(calls).await {
        result.expect("joined").expect("a call");
    }
    token.assert_calls_async(1).await;
    api.assert_calls_async(50).await;
}

#[tokio::test]
async fn a_401_after_a_refresh_is_an_error_not_a_loop() {
    let server = MockServer::start_async().await;
    let token = server
        .mock_async(|when, then| {
            when.method(POST).path("/token");
            then.status(200)
                .json_body(token_answer("access-n", "refresh-n"));
        })
        .await;
    let api = server
        .mock_async(|when, then| {
            when.method(GET).path(CALL);
            then.status(401)
                .json_body(json!({"code": 401, "message": "User is not permitted"}));
        })
        .await;
    let error = client_with(&server, Grant::RefreshToken("refresh-0".into()), None)
        .calls("1234")
        .get("call-1")
        .await
        .expect_err("refused twice");
    assert!(matches!(error, Error::Auth { .. }), "{error:?}");
    token.assert_calls_async(2).await;
    api.assert_calls_async(2).await;
}
