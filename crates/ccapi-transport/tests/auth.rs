//! Each auth scheme sends exactly what the catalog says, and renews credentials exactly once.

mod common;

use std::sync::{Arc, Mutex};

use ccapi_transport::auth::{
    Basic, Bearer, ClientAuthentication, Grant, HeaderKeys, LoginBodyStyle, LoginSession, OAuth2,
    QueryKeys,
};
use ccapi_transport::{Error, ExposeSecret, Operation, SecretString, StatusCode};
use common::{raw_query, transport};
use httpmock::MockServer;
use serde_json::{json, Value};
use url::Url;

async fn ok_mock<'a>(
    server: &'a MockServer,
    configure: impl FnOnce(httpmock::When) -> httpmock::When,
) -> httpmock::Mock<'a> {
    server
        .mock_async(|when, then| {
            configure(when.method("GET").path("/ping"));
            then.status(200).json_body(json!({"ok": true}));
        })
        .await
}

async fn ping(client: &ccapi_transport::Transport) -> Result<Value, Error> {
    client.execute(Operation::get("/ping")).await
}

#[tokio::test]
async fn header_keys_send_every_header_and_no_query() {
    let server = MockServer::start_async().await;
    let mock = ok_mock(&server, |when| {
        when.header("apiKey", "k-1")
            .header("token", "t-1")
            .header_missing("authorization")
            .is_true(raw_query(None))
    })
    .await;
    let auth = HeaderKeys::new()
        .with("apiKey", "k-1".into())
        .and_then(|a| a.with("token", "t-1".into()))
        .expect("valid headers");
    ping(&transport(&server, auth)).await.expect("ok");
    mock.assert_async().await;
}

#[tokio::test]
async fn query_keys_send_parameters_and_no_header() {
    let server = MockServer::start_async().await;
    let mock = ok_mock(&server, |when| {
        when.is_true(raw_query(Some("apiKey=k+1&token=t%261")))
            .header_missing("apiKey")
            .header_missing("token")
    })
    .await;
    let auth = QueryKeys::new()
        .with("apiKey", "k 1".into())
        .with("token", "t&1".into());
    ping(&transport(&server, auth)).await.expect("ok");
    mock.assert_async().await;
}

#[tokio::test]
async fn basic_and_bearer_send_authorization() {
    let server = MockServer::start_async().await;
    // base64("the-key:") = dGhlLWtleTo=
    let basic = ok_mock(&server, |when| {
        when.header("authorization", "Basic dGhlLWtleTo=")
    })
    .await;
    ping(&transport(
        &server,
        Basic::new("the-key".into(), None).expect("valid"),
    ))
    .await
    .expect("ok");
    basic.assert_async().await;

    let server = MockServer::start_async().await;
    let bearer = ok_mock(&server, |when| {
        when.header("authorization", "Bearer abc.def")
    })
    .await;
    ping(&transport(
        &server,
        Bearer::new("abc.def".into()).expect("valid"),
    ))
    .await
    .expect("ok");
    bearer.assert_async().await;
}

#[test]
fn credentials_that_cannot_be_headers_are_refused_without_echo() {
    let err = HeaderKeys::new()
        .with("apiKey", "line\nbreak-secret".into())
        .expect_err("refused");
    assert!(matches!(err, Error::InvalidInput { .. }));
    assert!(!err.to_string().contains("break-secret"), "{err}");
    assert!(HeaderKeys::new().with("bad name", "x".into()).is_err());
}

fn token_url(server: &MockServer) -> Url {
    Url::parse(&server.url("/token")).expect("valid")
}

fn password_oauth(server: &MockServer) -> ccapi_transport::auth::OAuth2Builder {
    OAuth2::builder(
        token_url(server),
        Grant::Password {
            username: "agent@vbc.prod".into(),
            password: "pw secret".into(),
        },
    )
    .client_id("cid")
    .client_secret("csecret".into())
    .scope("openid")
}

#[tokio::test]
async fn oauth2_password_grant_sends_the_form_and_caches_the_token() {
    let server = MockServer::start_async().await;
    let token = server
        .mock_async(|when, then| {
            when.method("POST")
                .path("/token")
                .header("content-type", "application/x-www-form-urlencoded")
                .body(
                    "grant_type=password&username=agent%40vbc.prod&password=pw+secret\
                     &scope=openid&client_id=cid&client_secret=csecret",
                );
            then.status(200).json_body(json!({
                "access_token": "A1", "refresh_token": "R1", "expires_in": "86400",
                "token_type": "Bearer"
            }));
        })
        .await;
    let api = ok_mock(&server, |when| when.header("authorization", "Bearer A1")).await;
    let oauth = password_oauth(&server).build().expect("valid");
    let client = transport(&server, oauth.clone());
    ping(&client).await.expect("first");
    ping(&client).await.expect("second, cached");
    token.assert_calls_async(1).await;
    api.assert_calls_async(2).await;
    assert_eq!(
        oauth
            .refresh_token()
            .await
            .map(|t| t.expose_secret().to_owned()),
        Some("R1".to_owned())
    );
}

#[tokio::test]
async fn a_401_triggers_one_refresh_with_the_rotated_token_and_one_retry() {
    let server = MockServer::start_async().await;
    let password = server
        .mock_async(|when, then| {
            when.method("POST")
                .path("/token")
                .body_includes("grant_type=password");
            then.status(200).json_body(
                json!({"access_token": "A1", "refresh_token": "R1", "expires_in": 86400}),
            );
        })
        .await;
    let refresh = server
        .mock_async(|when, then| {
            when.method("POST").path("/token").body(
                "grant_type=refresh_token&refresh_token=R1&client_id=cid&client_secret=csecret",
            );
            then.status(200).json_body(
                json!({"access_token": "A2", "refresh_token": "R2", "expires_in": 86400}),
            );
        })
        .await;
    let stale = server
        .mock_async(|when, then| {
            when.method("GET")
                .path("/ping")
                .header("authorization", "Bearer A1");
            then.status(401)
                .json_body(json!({"code": 401, "message": "token expired"}));
        })
        .await;
    let fresh = ok_mock(&server, |when| when.header("authorization", "Bearer A2")).await;
    let updates = Arc::new(Mutex::new(Vec::new()));
    let seen = updates.clone();
    let oauth = password_oauth(&server)
        .on_token_update(move |update| {
            seen.lock().expect("not poisoned").push(
                update
                    .refresh_token
                    .map(|t| t.expose_secret().to_owned())
                    .unwrap_or_default(),
            );
        })
        .build()
        .expect("valid");
    let client = transport(&server, oauth.clone());
    let value = ping(&client).await.expect("retried with the new token");
    assert_eq!(value, json!({"ok": true}));
    password.assert_calls_async(1).await;
    refresh.assert_calls_async(1).await;
    stale.assert_calls_async(1).await;
    fresh.assert_calls_async(1).await;
    assert_eq!(
        oauth
            .refresh_token()
            .await
            .map(|t| t.expose_secret().to_owned()),
        Some("R2".to_owned())
    );
    assert_eq!(*updates.lock().expect("not poisoned"), vec!["R1", "R2"]);
}

#[tokio::test]
async fn a_401_after_the_refresh_is_an_error_not_a_loop() {
    let server = MockServer::start_async().await;
    let token = server
        .mock_async(|when, then| {
            when.method("POST").path("/token");
            then.status(200)
                .json_body(json!({"access_token": "A", "refresh_token": "R", "expires_in": 86400}));
        })
        .await;
    let api = server
        .mock_async(|when, then| {
            when.method("GET").path("/ping");
            then.status(401)
                .json_body(json!({"code": "401", "message": "revoked"}));
        })
        .await;
    let client = transport(&server, password_oauth(&server).build().expect("valid"));
    let err = ping(&client).await.expect_err("refused twice");
    match &err {
        Error::Auth {
            status, message, ..
        } => {
            assert_eq!(*status, Some(StatusCode::UNAUTHORIZED));
            assert_eq!(message, "revoked");
        }
        other => panic!("expected an auth error, got {other:?}"),
    }
    token.assert_calls_async(2).await;
    api.assert_calls_async(2).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fifty_concurrent_requests_with_no_fresh_token_make_one_token_request() {
    let server = MockServer::start_async().await;
    let token = server
        .mock_async(|when, then| {
            when.method("POST").path("/token");
            then.status(200)
                .delay(std::time::Duration::from_millis(100))
                .json_body(json!({"access_token": "A", "expires_in": 3600}));
        })
        .await;
    let api = ok_mock(&server, |when| when.header("authorization", "Bearer A")).await;
    let client = transport(&server, password_oauth(&server).build().expect("valid"));
    let calls = (0..50).map(|_| {
        let client = client.clone();
        tokio::spawn(async move { ping(&client).await })
    });
    for call in futures::future::join_all(calls).await {
        call.expect("joined").expect("ok");
    }
    token.assert_calls_async(1).await;
    api.assert_calls_async(50).await;
}

#[tokio::test]
async fn an_expired_token_is_renewed_before_use() {
    let server = MockServer::start_async().await;
    let token = server
        .mock_async(|when, then| {
            when.method("POST")
                .path("/token")
                .body_includes("grant_type=password");
            // Expires at once: every use must renew it first.
            then.status(200)
                .json_body(json!({"access_token": "A", "expires_in": 0}));
        })
        .await;
    let api = ok_mock(&server, |when| when.header("authorization", "Bearer A")).await;
    let client = transport(&server, password_oauth(&server).build().expect("valid"));
    ping(&client).await.expect("first");
    ping(&client).await.expect("second");
    token.assert_calls_async(2).await;
    api.assert_calls_async(2).await;
}

#[tokio::test]
async fn a_kept_access_token_is_used_until_it_expires_then_renewed_from_the_kept_refresh_token() {
    let server = MockServer::start_async().await;
    let refresh = server
        .mock_async(|when, then| {
            when.method("POST").path("/token").body(
                "grant_type=refresh_token&refresh_token=R-kept&client_id=cid&client_secret=csecret",
            );
            then.status(200).json_body(
                json!({"access_token": "A-new", "refresh_token": "R-rotated", "expires_in": 3600}),
            );
        })
        .await;
    let kept = ok_mock(&server, |when| {
        when.header("authorization", "Bearer A-kept")
    })
    .await;
    let renewed = ok_mock(&server, |when| when.header("authorization", "Bearer A-new")).await;
    let seen = Arc::new(Mutex::new(Vec::new()));
    let builder = |valid_for| {
        let seen = Arc::clone(&seen);
        OAuth2::builder(token_url(&server), Grant::RefreshToken("R-kept".into()))
            .client_id("cid")
            .client_secret("csecret".into())
            .access_token("A-kept".into(), valid_for)
            .on_token_update(move |update| {
                seen.lock().expect("lock").push(
                    update
                        .refresh_token
                        .map(|token| token.expose_secret().to_owned()),
                );
            })
            .build()
            .expect("valid")
    };
    // Still valid: no token call at all, not even for `sign_in`.
    let client = transport(&server, builder(Some(std::time::Duration::from_secs(3600))));
    client.sign_in().await.expect("nothing to do");
    ping(&client).await.expect("with the kept token");
    refresh.assert_calls_async(0).await;
    kept.assert_calls_async(1).await;
    // Expired: `sign_in` renews it from the kept refresh token, and the rotation is reported.
    let client = transport(&server, builder(Some(std::time::Duration::ZERO)));
    client.sign_in().await.expect("renewed");
    ping(&client).await.expect("with the renewed token");
    refresh.assert_calls_async(1).await;
    renewed.assert_calls_async(1).await;
    kept.assert_calls_async(1).await;
    assert_eq!(*seen.lock().expect("lock"), [Some("R-rotated".to_owned())]);
}

#[tokio::test]
async fn sign_in_obtains_the_token_before_any_request_and_reports_a_refusal() {
    let server = MockServer::start_async().await;
    let token = server
        .mock_async(|when, then| {
            when.method("POST")
                .path("/token")
                .body_includes("grant_type=password");
            then.status(200)
                .json_body(json!({"access_token": "A", "expires_in": 3600}));
        })
        .await;
    let client = transport(&server, password_oauth(&server).build().expect("valid"));
    client.sign_in().await.expect("signed in");
    client.sign_in().await.expect("the cached token");
    token.assert_calls_async(1).await;

    let refusing = MockServer::start_async().await;
    refusing
        .mock_async(|when, then| {
            when.method("POST").path("/token");
            then.status(400)
                .json_body(json!({"error": "invalid_grant"}));
        })
        .await;
    let client = transport(&refusing, password_oauth(&refusing).build().expect("valid"));
    let err = client.sign_in().await.expect_err("refused");
    assert!(matches!(err, Error::Auth { .. }), "{err:?}");
    // Static credentials need nothing.
    let keys = transport(&refusing, Bearer::new("static".into()).expect("valid"));
    keys.sign_in().await.expect("nothing to do");
}

#[tokio::test]
async fn authorization_code_uses_the_basic_client_header_and_is_used_once() {
    let server = MockServer::start_async().await;
    // base64("cid:csecret") = Y2lkOmNzZWNyZXQ=
    let code = server
        .mock_async(|when, then| {
            when.method("POST")
                .path("/token")
                .header("authorization", "Basic Y2lkOmNzZWNyZXQ=")
                .body(
                    "grant_type=authorization_code&code=C0DE&redirect_uri=https%3A%2F%2Fapp%2Fcb",
                );
            then.status(200)
                .json_body(json!({"access_token": "A", "expires_in": 0}));
        })
        .await;
    ok_mock(&server, |when| when.header("authorization", "Bearer A")).await;
    let oauth = OAuth2::builder(
        token_url(&server),
        Grant::AuthorizationCode {
            code: "C0DE".into(),
            redirect_uri: Some("https://app/cb".into()),
        },
    )
    .client_id("cid")
    .client_secret("csecret".into())
    .client_authentication(ClientAuthentication::BasicHeader)
    .build()
    .expect("valid");
    let client = transport(&server, oauth);
    ping(&client).await.expect("first");
    // No refresh token was issued and the code is spent: a clear auth error, no second use.
    let err = ping(&client).await.expect_err("no grant left");
    assert!(matches!(err, Error::Auth { status: None, .. }), "{err}");
    code.assert_calls_async(1).await;
}

#[tokio::test]
async fn a_refused_grant_is_an_auth_error_with_the_providers_message() {
    let server = MockServer::start_async().await;
    server
        .mock_async(|when, then| {
            when.method("POST").path("/token");
            then.status(400).json_body(
                json!({"error": "invalid_grant", "error_description": "Invalid user credentials"}),
            );
        })
        .await;
    let api = ok_mock(&server, |when| when).await;
    let err = ping(&transport(
        &server,
        password_oauth(&server).build().expect("valid"),
    ))
    .await
    .expect_err("refused");
    assert!(
        matches!(&err, Error::Auth { status: Some(StatusCode::BAD_REQUEST), message, .. } if message == "Invalid user credentials"),
        "{err:?}"
    );
    api.assert_calls_async(0).await;
}

fn ziwo_session(style: LoginBodyStyle) -> LoginSession {
    LoginSession::builder("agent@acme.com", "s3cret".into())
        .body_style(style)
        .build()
        .expect("valid")
}

#[tokio::test]
async fn login_session_logs_in_once_and_sends_the_access_token_header() {
    let server = MockServer::start_async().await;
    let login = server
        .mock_async(|when, then| {
            when.method("POST")
                .path("/auth/login")
                .header("content-type", "application/x-www-form-urlencoded")
                .body("username=agent%40acme.com&password=s3cret");
            then.status(200)
                .json_body(json!({"result": true, "content": {"access_token": "Z1"}}));
        })
        .await;
    let api = ok_mock(&server, |when| {
        when.header("access_token", "Z1")
            .header_missing("authorization")
    })
    .await;
    let session = ziwo_session(LoginBodyStyle::Form);
    let client = transport(&server, session.clone());
    ping(&client).await.expect("first");
    ping(&client).await.expect("second");
    login.assert_calls_async(1).await;
    api.assert_calls_async(2).await;
    assert_eq!(
        session.token().map(|t| t.expose_secret().to_owned()),
        Some("Z1".into())
    );
}

#[tokio::test]
async fn an_adopted_token_is_used_without_logging_in() {
    let server = MockServer::start_async().await;
    let login = server
        .mock_async(|when, then| {
            when.method("POST").path("/auth/login");
            then.status(200)
                .json_body(json!({"result": true, "content": {"access_token": "fresh"}}));
        })
        .await;
    let api = ok_mock(&server, |when| when.header("access_token", "adopted")).await;
    let session = ziwo_session(LoginBodyStyle::Json);
    session.adopt("adopted".into()).await.expect("adopted");
    ping(&transport(&server, session.clone()))
        .await
        .expect("sent");
    login.assert_calls_async(0).await;
    api.assert_calls_async(1).await;
}

#[tokio::test]
async fn login_session_logs_in_again_once_on_401_then_succeeds() {
    let server = MockServer::start_async().await;
    let logins = Arc::new(Mutex::new(0));
    let counter = logins.clone();
    let login = server
        .mock_async(move |when, then| {
            when.method("POST")
                .path("/auth/login")
                .json_body(json!({"username": "agent@acme.com", "password": "s3cret"}));
            then.respond_with(move |_| {
                let mut count = counter.lock().expect("not poisoned");
                *count += 1;
                httpmock::HttpMockResponse::builder()
                    .status(200)
                    .body(
                        json!({"result": true, "content": {"access_token": format!("Z{count}")}})
                            .to_string(),
                    )
                    .build()
            });
        })
        .await;
    let stale = server
        .mock_async(|when, then| {
            when.method("GET")
                .path("/ping")
                .header("access_token", "Z1");
            then.status(401)
                .json_body(json!({"result": false, "message": "expired"}));
        })
        .await;
    let fresh = ok_mock(&server, |when| when.header("access_token", "Z2")).await;
    ping(&transport(&server, ziwo_session(LoginBodyStyle::Json)))
        .await
        .expect("re-logged in");
    login.assert_calls_async(2).await;
    stale.assert_calls_async(1).await;
    fresh.assert_calls_async(1).await;
}

#[tokio::test]
async fn login_session_stops_after_a_second_403() {
    let server = MockServer::start_async().await;
    let login = server
        .mock_async(|when, then| {
            when.method("POST").path("/auth/login");
            then.status(200)
                .json_body(json!({"result": true, "content": {"access_token": "Z"}}));
        })
        .await;
    let api = server
        .mock_async(|when, then| {
            when.method("GET").path("/ping");
            then.status(403).json_body(json!({"message": "forbidden"}));
        })
        .await;
    let err = ping(&transport(&server, ziwo_session(LoginBodyStyle::Json)))
        .await
        .expect_err("forbidden twice");
    assert_eq!(err.status(), Some(StatusCode::FORBIDDEN));
    login.assert_calls_async(2).await;
    api.assert_calls_async(2).await;
}

#[tokio::test]
async fn a_login_refused_in_the_envelope_is_an_auth_error_with_its_message() {
    let server = MockServer::start_async().await;
    let login = server
        .mock_async(|when, then| {
            when.method("POST").path("/auth/login");
            then.status(200)
                .json_body(json!({"result": false, "error": {"message": "bad password"}}));
        })
        .await;
    let api = ok_mock(&server, |when| when).await;
    let client = common::transport_with(
        &server,
        ziwo_session(LoginBodyStyle::Json),
        common::ResultEnvelope,
    );
    let err = ping(&client).await.expect_err("refused");
    assert!(
        matches!(&err, Error::Auth { status: Some(StatusCode::OK), message, body: None } if message == "bad password"),
        "{err:?}"
    );
    login.assert_calls_async(1).await;
    api.assert_calls_async(0).await;
}

#[tokio::test]
async fn a_login_answer_without_a_token_is_an_auth_error_that_keeps_no_body() {
    let server = MockServer::start_async().await;
    server
        .mock_async(|when, then| {
            when.method("POST").path("/auth/login");
            then.status(200)
                .json_body(json!({"result": true, "content": {"user": "x"}}));
        })
        .await;
    let api = ok_mock(&server, |when| when).await;
    let err = ping(&transport(&server, ziwo_session(LoginBodyStyle::Json)))
        .await
        .expect_err("no token");
    assert!(
        matches!(&err, Error::Auth { body: None, message, .. } if message.contains("/content/access_token")),
        "{err:?}"
    );
    api.assert_calls_async(0).await;
}

#[test]
fn debug_output_never_shows_a_secret() {
    let secrets = [
        "k-SECRET",
        "t-SECRET",
        "pw-SECRET",
        "cs-SECRET",
        "tok-SECRET",
    ];
    let base = "http://127.0.0.1:9";
    let config = ccapi_transport::ClientConfig::new(base, "t/0").expect("valid");
    let keys = HeaderKeys::new()
        .with("apiKey", SecretString::from(secrets[0]))
        .and_then(|k| k.with("token", SecretString::from(secrets[1])))
        .expect("valid");
    let oauth = OAuth2::builder(
        Url::parse("http://127.0.0.1:9/token").expect("valid"),
        Grant::Password {
            username: "u".into(),
            password: secrets[2].into(),
        },
    )
    .client_secret(secrets[3].into())
    .build()
    .expect("valid");
    let code = Grant::AuthorizationCode {
        code: secrets[4].into(),
        redirect_uri: None,
    };
    let formatted = [
        format!("{config:?}"),
        format!("{keys:?}"),
        format!("{:?}", QueryKeys::new().with("key", secrets[0].into())),
        format!(
            "{:?}",
            Basic::new("u".into(), Some(secrets[2].into())).expect("valid")
        ),
        format!("{:?}", Bearer::new(secrets[4].into()).expect("valid")),
        format!("{oauth:?}"),
        format!("{code:?}"),
        format!("{:?}", Grant::RefreshToken(secrets[4].into())),
        format!("{:?}", ziwo_session(LoginBodyStyle::Json)),
        format!("{:?}", LoginSession::builder("u", secrets[2].into())),
        format!(
            "{:?}",
            ccapi_transport::Transport::new(
                config.clone(),
                keys.clone(),
                ccapi_transport::BareJson
            )
            .expect("valid")
        ),
        format!(
            "{:?}",
            Operation::post("/auth/login")
                .form(&ccapi_transport::Form::new().field("password", secrets[2]))
        ),
    ];
    for text in &formatted {
        for secret in secrets {
            assert!(!text.contains(secret), "{text} shows {secret}");
        }
    }
    // The exact form of a redacted credential is pinned.
    assert_eq!(
        format!("{:?}", Bearer::new("x".into()).expect("valid")),
        "Bearer(** redacted **)"
    );
}

#[tokio::test]
async fn a_token_lifetime_past_a_year_is_a_year_and_never_a_panic() {
    use ccapi_transport::auth::MAX_TOKEN_LIFETIME;
    // Each used to panic: `Duration::from_secs_f64` past u64 seconds, or `Instant + lifetime`.
    for announced in [
        json!(1e300),
        json!("18446744073709551616"),
        json!(18_446_744_073_709_551_615_u64),
        json!(9.3e18),
        json!(40_000_000),
    ] {
        let server = MockServer::start_async().await;
        let token = server
            .mock_async(|when, then| {
                when.method("POST").path("/token");
                then.status(200)
                    .json_body(json!({"access_token": "A", "expires_in": announced}));
            })
            .await;
        let api = ok_mock(&server, |when| when.header("authorization", "Bearer A")).await;
        let seen = Arc::new(Mutex::new(Vec::new()));
        let recorded = Arc::clone(&seen);
        let auth = password_oauth(&server)
            .on_token_update(move |update| recorded.lock().expect("lock").push(update.expires_in))
            .build()
            .expect("valid");
        let client = transport(&server, auth);
        assert_eq!(ping(&client).await.expect("first"), json!({"ok": true}));
        assert_eq!(ping(&client).await.expect("second"), json!({"ok": true}));
        token.assert_calls_async(1).await;
        api.assert_calls_async(2).await;
        assert_eq!(
            *seen.lock().expect("lock"),
            [Some(MAX_TOKEN_LIFETIME)],
            "{announced}"
        );
    }
    // A kept token said to be valid for ever is kept a year too.
    let server = MockServer::start_async().await;
    let api = ok_mock(&server, |when| when.header("authorization", "Bearer kept")).await;
    let auth = password_oauth(&server)
        .access_token("kept".into(), Some(std::time::Duration::MAX))
        .build()
        .expect("valid");
    let client = transport(&server, auth);
    ping(&client).await.expect("with the kept token");
    api.assert_calls_async(1).await;
}

#[tokio::test]
async fn a_redirected_login_says_it_was_redirected_not_refused() {
    let server = MockServer::start_async().await;
    let login = server
        .mock_async(|when, then| {
            when.method("POST").path("/auth/login");
            then.status(307)
                .header("location", "https://elsewhere.example/auth/login");
        })
        .await;
    let err = ping(&transport(&server, ziwo_session(LoginBodyStyle::Json)))
        .await
        .expect_err("not followed");
    assert!(err.is_unauthorized());
    assert_eq!(
        err.to_string(),
        "authentication failed (HTTP 307 Temporary Redirect): the credential endpoint \
         redirected instead of answering (credential requests are never redirected): configure \
         the address it redirects to"
    );
    login.assert_calls_async(1).await;
}
