//! Credentials the transport sent never come back in what it returns: a server that echoes
//! the request it got (headers, query, form) into its error messages and bodies. Each case
//! carries a canary credential and checks the error's `Display`, `Debug` and kept body.

mod common;

use std::time::Duration;

use ccapi_transport::auth::{Grant, HeaderKeys, OAuth2, QueryKeys};
use ccapi_transport::redact::SENT_PLACEHOLDER;
use ccapi_transport::{BareJson, ClientConfig, Error, Operation, RetryPolicy, Transport};
use common::hostile::{answer, Hostile};
use serde_json::Value;
use url::Url;

const CANARY: &str = "canary-Zq81x";
const CANARY_SECRET: &str = "canary secret/7&";

/// A server answering `status` with a JSON body whose message is the whole request it read.
async fn echo(status: &'static str) -> Hostile {
    Hostile::start(move |stream, request| async move {
        let body =
            serde_json::json!({ "message": request, "error_description": request }).to_string();
        answer(stream, status, "", &body).await;
    })
    .await
}

fn config(base: &str) -> ClientConfig {
    ClientConfig::new(base, "ccapi-leak-tests/0")
        .expect("a base URL")
        .attempt_timeout(Duration::from_secs(5))
        .retry(RetryPolicy::disabled())
}

/// Asserts that no form of `canaries` is anywhere in `error`.
fn assert_clean(error: &Error, canaries: &[&str]) {
    let shown = [
        error.to_string(),
        format!("{error:?}"),
        error
            .body()
            .map(|body| body.text().into_owned())
            .unwrap_or_default(),
    ];
    for text in &shown {
        for canary in canaries {
            let encoded: String = url::form_urlencoded::byte_serialize(canary.as_bytes()).collect();
            assert!(!text.contains(canary), "{canary} in {text}");
            assert!(!text.contains(&encoded), "{encoded} in {text}");
        }
    }
    assert!(
        shown.iter().any(|text| text.contains(SENT_PLACEHOLDER)),
        "the echo is there, scrubbed: {shown:?}"
    );
}

#[tokio::test]
async fn an_echoed_api_key_header_is_scrubbed_from_the_error() {
    let server = echo("400 Bad Request").await;
    let auth = HeaderKeys::new()
        .with("X-API-Key", CANARY.into())
        .expect("a header");
    let transport = Transport::new(config(&server.base), auth, BareJson).expect("a transport");
    let error = transport
        .execute::<Value>(Operation::get("/echo"))
        .await
        .expect_err("400");
    assert!(matches!(error, Error::Http { .. }), "{error:?}");
    assert_clean(&error, &[CANARY]);
}

#[tokio::test]
async fn an_echoed_query_key_is_scrubbed_from_the_error() {
    let server = echo("401 Unauthorized").await;
    let auth = QueryKeys::new().with("key", CANARY_SECRET.into());
    let transport = Transport::new(config(&server.base), auth, BareJson).expect("a transport");
    let error = transport
        .execute::<Value>(Operation::get("/echo"))
        .await
        .expect_err("401");
    assert!(matches!(error, Error::Auth { .. }), "{error:?}");
    assert_clean(&error, &[CANARY_SECRET]);
}

#[tokio::test]
async fn an_echoed_token_form_is_scrubbed_from_the_auth_error() {
    let token = echo("400 Bad Request").await;
    let oauth = OAuth2::builder(
        Url::parse(&format!("{}/token", token.base)).expect("a URL"),
        Grant::Password {
            username: "agent".into(),
            password: CANARY.into(),
        },
    )
    .client_id("cid")
    .client_secret(CANARY_SECRET.into())
    .build()
    .expect("an OAuth2 scheme");
    let transport =
        Transport::new(config("http://127.0.0.1:9"), oauth, BareJson).expect("a transport");
    let error = transport
        .execute::<Value>(Operation::get("/x"))
        .await
        .expect_err("the grant is refused");
    assert!(matches!(error, Error::Auth { .. }), "{error:?}");
    assert_clean(&error, &[CANARY, CANARY_SECRET]);
    // The username is no credential: kept, so the message still helps.
    assert!(error.to_string().contains("username=agent"), "{error}");
}

#[tokio::test]
async fn an_answer_echoing_the_key_that_fails_to_decode_is_scrubbed() {
    let server = echo("200 OK").await;
    let auth = HeaderKeys::new()
        .with("api_key", CANARY.into())
        .expect("a header");
    let transport = Transport::new(config(&server.base), auth, BareJson).expect("a transport");
    // The echo is an object; a number was expected.
    let error = transport
        .execute::<u32>(Operation::get("/echo"))
        .await
        .expect_err("not a number");
    assert!(matches!(error, Error::Decode { .. }), "{error:?}");
    assert_clean(&error, &[CANARY]);
}

#[tokio::test]
async fn a_password_sent_in_a_login_body_is_scrubbed_when_named_sensitive() {
    let server = echo("401 Unauthorized").await;
    let transport = Transport::new(
        config(&server.base),
        ccapi_transport::auth::NoAuth,
        BareJson,
    )
    .expect("a transport");
    let password = ccapi_transport::SecretString::from(CANARY_SECRET);
    let login = || {
        Operation::post("/auth/login")
            .json(&serde_json::json!({"username": "agent", "password": CANARY_SECRET}))
            .unauthenticated()
    };
    let error = transport
        .execute::<Value>(login().sensitive(&password))
        .await
        .expect_err("401");
    assert_clean(&error, &[CANARY_SECRET]);
    // Not named: the echo is the server's answer, kept as evidence.
    let error = transport.execute::<Value>(login()).await.expect_err("401");
    assert!(error.to_string().contains(CANARY_SECRET), "{error}");
}
