//! Every account operation against a local server: the exact request sent, the exact value
//! decoded, the checks made before sending, and the errors.

use agendize_resellers::accounts::AccountFilter;
use agendize_resellers::models::{
    AccountPatch, AccountStatus, AccountUpdate, Currency, NewAccount, Preferences, ProfileRef,
    TagInput, TagPatch, Tool, Watch, WatchSchema,
};
use agendize_resellers::{Client, ClientConfig, Credentials, Error};
use ccapi_transport::auth::{Grant, OAuth2};
use ccapi_transport::{ExposeSecret, RetryPolicy};
use chrono::{FixedOffset, TimeZone, Utc};
use httpmock::prelude::*;
use httpmock::HttpMockRequest;
use serde_json::{json, Value};

const API_KEY: &str = "test-api-key";
const TOKEN: &str = "test-sso-token";
const GET_RESPONSE: &str =
    include_str!("../../../fixtures/agendize-resellers/accounts/get.response.json");
const LIST_RESPONSE: &str =
    include_str!("../../../fixtures/agendize-resellers/accounts/list.response.json");
const INSERT_REQUEST: &str =
    include_str!("../../../fixtures/agendize-resellers/accounts/insert.request.json");
const INSERT_FULL_REQUEST: &str =
    include_str!("../../../fixtures/agendize-resellers/accounts/insert.request.full.json");
const UPDATE_REQUEST: &str =
    include_str!("../../../fixtures/agendize-resellers/accounts/update.request.json");
const PATCH_REQUEST: &str =
    include_str!("../../../fixtures/agendize-resellers/accounts/patch.request.json");
const WATCH_REQUEST: &str =
    include_str!("../../../fixtures/agendize-core/watches/watch.request.oauth2.json");

fn client_with(server: &MockServer, credentials: Credentials) -> Client {
    let config = ClientConfig::new(&server.url("/api/2.0"), "agendize-resellers-tests")
        .expect("a valid base URL")
        .retry(RetryPolicy::disabled());
    Client::with_config(config, credentials).expect("a client")
}

fn client(server: &MockServer) -> Client {
    client_with(server, Credentials::api_key(API_KEY.into(), TOKEN.into()))
}

fn json_of(text: &str) -> Value {
    serde_json::from_str(text).expect("a JSON fixture")
}

fn no_query(req: &HttpMockRequest) -> bool {
    req.uri().query().is_none()
}

fn no_query_no_body(req: &HttpMockRequest) -> bool {
    req.uri().query().is_none() && req.body().is_empty()
}

/// A server answering every request with `answer`, to prove that nothing reached it.
async fn catch_all(server: &MockServer) -> httpmock::Mock<'_> {
    server
        .mock_async(|_, then| {
            then.status(200).body(GET_RESPONSE);
        })
        .await
}

#[tokio::test]
async fn list_sends_every_documented_filter() {
    let server = MockServer::start_async().await;
    let mock = server
        .mock_async(|when, then| {
            when.method(GET)
                .path("/api/2.0/resellers/accounts")
                .is_true(|req: &HttpMockRequest| {
                    req.uri().query()
                        == Some(
                            "search=jane+d&tools=scheduling%2CcallTracking&status=enabled\
                             &createdStartDate=2024-01-01T00%3A00%3A00Z\
                             &createdEndDate=2024-06-30T23%3A59%3A59%2B02%3A00",
                        )
                        && req.body().is_empty()
                })
                .header("apiKey", API_KEY)
                .header("token", TOKEN);
            then.status(200).body(LIST_RESPONSE);
        })
        .await;
    let paris = FixedOffset::east_opt(2 * 3600).expect("an offset");
    let filter = AccountFilter::new()
        .search("jane d")
        .tool(Tool::Scheduling)
        .tool(Tool::CallTracking)
        .status(AccountStatus::Enabled)
        .created_start_date(
            Utc.with_ymd_and_hms(2024, 1, 1, 0, 0, 0)
                .single()
                .expect("a date"),
        )
        .created_end_date(
            paris
                .with_ymd_and_hms(2024, 6, 30, 23, 59, 59)
                .single()
                .expect("a date"),
        );
    let accounts = client(&server)
        .accounts()
        .list(&filter)
        .await
        .expect("a list");
    mock.assert_calls_async(1).await;
    assert_eq!(accounts.len(), 2);
    assert_eq!(
        serde_json::to_value(&accounts[0]).expect("encodes"),
        json_of(LIST_RESPONSE)["items"][0]
    );
    assert_eq!(accounts[1].id, "acc-2211");
    assert_eq!(
        accounts[1].credit,
        Some(0.0),
        "an integer credit decodes as a float"
    );
    assert_eq!(accounts[1].currency, Some(Currency::Usd));
    assert_eq!(accounts[1].tools, Some(vec![Tool::CallTracking]));
    insta::assert_debug_snapshot!(accounts);
}

#[tokio::test]
async fn list_without_filters_sends_no_query() {
    let server = MockServer::start_async().await;
    let mock = server
        .mock_async(|when, then| {
            when.method(GET)
                .path("/api/2.0/resellers/accounts")
                .is_true(no_query_no_body);
            then.status(200).body(r#"{"items": []}"#);
        })
        .await;
    let accounts = client(&server)
        .accounts()
        .list(&AccountFilter::new())
        .await
        .expect("a list");
    mock.assert_calls_async(1).await;
    assert!(accounts.is_empty());
}

#[tokio::test]
async fn get_by_user_name_encodes_the_e_mail_and_decodes_every_member() {
    let server = MockServer::start_async().await;
    let mock = server
        .mock_async(|when, then| {
            when.method(GET)
                .is_true(|req: &HttpMockRequest| {
                    req.uri().path() == "/api/2.0/resellers/accounts/jane.doe%40example.com"
                        && no_query_no_body(req)
                })
                .header("apiKey", API_KEY)
                .header("token", TOKEN);
            then.status(200).body(GET_RESPONSE);
        })
        .await;
    let account = client(&server)
        .accounts()
        .get("jane.doe@example.com")
        .await
        .expect("an account");
    mock.assert_calls_async(1).await;
    assert_eq!(
        serde_json::to_value(&account).expect("encodes"),
        json_of(GET_RESPONSE)
    );
    assert_eq!(account.id, "acc-1029");
    assert_eq!(account.currency, Some(Currency::Eur));
    assert_eq!(account.status, Some(AccountStatus::Enabled));
    assert_eq!(
        account
            .sso_token
            .as_ref()
            .map(|token| token.expose_secret()),
        Some("<redacted:secret>")
    );
    let created = account.created.expect("created").date_time.expect("a time");
    assert_eq!(
        created.local().expect("a date-time").to_string(),
        "2024-03-18 09:30:00"
    );
    assert!(created.offset().is_none());
    assert_eq!(account.credit, Some(12.5));
    assert_eq!(
        account.tags.expect("tags")[0].color.as_deref(),
        Some("#ff8800")
    );
}

#[tokio::test]
async fn ids_with_a_slash_stay_one_segment() {
    let server = MockServer::start_async().await;
    let mock = server
        .mock_async(|when, then| {
            when.method(DELETE).is_true(|req: &HttpMockRequest| {
                req.uri().path() == "/api/2.0/resellers/accounts/crm%2F42%40acme"
            });
            then.status(204);
        })
        .await;
    client(&server)
        .accounts()
        .delete("crm/42@acme")
        .await
        .expect("deleted");
    mock.assert_calls_async(1).await;
}

#[tokio::test]
async fn insert_sends_the_fixture_body_password_included() {
    let server = MockServer::start_async().await;
    let mock = server
        .mock_async(|when, then| {
            when.method(POST)
                .path("/api/2.0/resellers/accounts")
                .is_true(no_query)
                .header("apiKey", API_KEY)
                .header("token", TOKEN)
                .header("content-type", "application/json")
                .json_body(json_of(INSERT_REQUEST));
            then.status(200).body(GET_RESPONSE);
        })
        .await;
    let account = NewAccount {
        email: "new.client@example.com".to_owned(),
        first_name: Some("Nora".to_owned()),
        last_name: Some("Client".to_owned()),
        password: Some("<redacted:secret>".into()),
        profile: ProfileRef {
            id: "pro".to_owned(),
            extra: Default::default(),
        },
        send_signup_email: Some(true),
        tags: Some(vec![TagInput {
            tag: Some("onboarding".to_owned()),
            color: Some("#3366ff".to_owned()),
            extra: Default::default(),
        }]),
        ..NewAccount::default()
    };
    let created = client(&server)
        .accounts()
        .insert(&account)
        .await
        .expect("created");
    mock.assert_calls_async(1).await;
    assert_eq!(created.id, "acc-1029");
    assert!(!format!("{account:?}").contains("<redacted:secret>"));
}

#[tokio::test]
async fn insert_with_every_writable_member() {
    let server = MockServer::start_async().await;
    let mock = server
        .mock_async(|when, then| {
            when.method(POST)
                .path("/api/2.0/resellers/accounts")
                .json_body(json_of(INSERT_FULL_REQUEST));
            then.status(200).body(GET_RESPONSE);
        })
        .await;
    let account: NewAccount = serde_json::from_str(INSERT_FULL_REQUEST).expect("decodes");
    assert_eq!(account.currency, Some(Currency::Gbp));
    client(&server)
        .accounts()
        .insert(&account)
        .await
        .expect("created");
    mock.assert_calls_async(1).await;
}

#[tokio::test]
async fn update_and_patch_send_only_what_changes() {
    let server = MockServer::start_async().await;
    let update = server
        .mock_async(|when, then| {
            when.method(PUT)
                .path("/api/2.0/resellers/accounts/acc-1029")
                .is_true(no_query)
                .header("apiKey", API_KEY)
                .header("token", TOKEN)
                .json_body(json_of(UPDATE_REQUEST));
            then.status(200).body(GET_RESPONSE);
        })
        .await;
    let patch = server
        .mock_async(|when, then| {
            when.method(PATCH)
                .path("/api/2.0/resellers/accounts/acc-1029")
                .is_true(no_query)
                .header("apiKey", API_KEY)
                .header("token", TOKEN)
                .json_body(json_of(PATCH_REQUEST));
            then.status(200).body(GET_RESPONSE);
        })
        .await;
    let accounts = client(&server);
    let changes = AccountUpdate {
        first_name: Some("Nora".to_owned()),
        last_name: Some("Client-Martin".to_owned()),
        email: Some("nora.martin@example.com".to_owned()),
        tags: Some(vec![TagInput {
            tag: Some("customer".to_owned()),
            color: Some("#22aa22".to_owned()),
            extra: Default::default(),
        }]),
        ..AccountUpdate::default()
    };
    let updated = accounts
        .accounts()
        .update("acc-1029", &changes)
        .await
        .expect("updated");
    assert_eq!(updated.id, "acc-1029");
    let additions = AccountPatch {
        tags: Some(vec![TagPatch {
            id: Some("tag-77".to_owned()),
            color: Some("#ff0000".to_owned()),
            extra: Default::default(),
        }]),
        extra: Default::default(),
    };
    let patched = accounts
        .accounts()
        .patch("acc-1029", &additions)
        .await
        .expect("patched");
    assert_eq!(patched.id, "acc-1029");
    update.assert_calls_async(1).await;
    patch.assert_calls_async(1).await;
}

#[tokio::test]
async fn watch_sends_a_template_schema_and_oauth2_secrets() {
    let server = MockServer::start_async().await;
    let mock = server
        .mock_async(|when, then| {
            when.method(POST)
                .path("/api/2.0/resellers/accounts/watch")
                .is_true(no_query)
                .header("apiKey", API_KEY)
                .header("token", TOKEN)
                .json_body(json_of(WATCH_REQUEST));
            then.status(200).body(WATCH_REQUEST);
        })
        .await;
    let watch: Watch = serde_json::from_str(WATCH_REQUEST).expect("decodes");
    let answer = client(&server)
        .accounts()
        .watch(&watch)
        .await
        .expect("a watch");
    mock.assert_calls_async(1).await;
    assert!(
        matches!(&answer.schema, Some(WatchSchema::Template(text)) if text.contains("${$.firstName}"))
    );
    assert_eq!(answer.add_previous_data, Some(true));
    let oauth2 = answer.oauth2_auth.expect("OAuth2 settings");
    assert_eq!(
        oauth2
            .refresh_token
            .as_ref()
            .map(|token| token.expose_secret()),
        Some("<redacted:secret>")
    );
    let printed = format!("{watch:?}");
    assert!(!printed.contains("<redacted:secret>"));
}

#[tokio::test]
async fn requests_that_cannot_succeed_are_refused_before_sending() {
    let server = MockServer::start_async().await;
    let mock = catch_all(&server).await;
    let accounts = client(&server);
    let accounts = accounts.accounts();
    let valid = || NewAccount {
        email: "a@example.com".to_owned(),
        profile: ProfileRef {
            id: "pro".to_owned(),
            extra: Default::default(),
        },
        ..NewAccount::default()
    };
    let field_of = |error: Error| match error {
        Error::InvalidInput { field, message } => {
            assert!(
                !message.contains("secret-"),
                "a password in a message: {message}"
            );
            field.map(|field| field.into_owned())
        }
        other => panic!("expected an input error, got {other:?}"),
    };
    let cases: Vec<(NewAccount, &str)> = vec![
        (
            NewAccount {
                email: String::new(),
                ..valid()
            },
            "email",
        ),
        (
            NewAccount {
                profile: ProfileRef {
                    id: " ".to_owned(),
                    extra: Default::default(),
                },
                ..valid()
            },
            "profile.id",
        ),
        (
            NewAccount {
                first_name: Some("n".repeat(256)),
                ..valid()
            },
            "firstName",
        ),
        (
            NewAccount {
                last_name: Some("n".repeat(256)),
                ..valid()
            },
            "lastName",
        ),
        (
            NewAccount {
                email: format!("{}@example.com", "e".repeat(250)),
                ..valid()
            },
            "email",
        ),
        (
            NewAccount {
                password: Some(format!("secret-{}", "p".repeat(57)).into()),
                ..valid()
            },
            "password",
        ),
        (
            NewAccount {
                currency: Some(Currency::Unknown("CHF".to_owned())),
                ..valid()
            },
            "currency",
        ),
        (
            NewAccount {
                domain: Some("d".repeat(64)),
                ..valid()
            },
            "domain",
        ),
        (
            NewAccount {
                preferences: Some(Preferences {
                    display_name: Some("d".repeat(64)),
                    ..Preferences::default()
                }),
                ..valid()
            },
            "preferences.displayName",
        ),
        (
            NewAccount {
                tags: Some(vec![TagInput {
                    tag: Some("t".repeat(256)),
                    color: None,
                    extra: Default::default(),
                }]),
                ..valid()
            },
            "tags[0].tag",
        ),
        (
            NewAccount {
                tags: Some(vec![
                    TagInput {
                        tag: Some("ok".to_owned()),
                        color: Some("#00ff00".to_owned()),
                        extra: Default::default(),
                    },
                    TagInput {
                        tag: Some("bad".to_owned()),
                        color: Some("green".to_owned()),
                        extra: Default::default(),
                    },
                ]),
                ..valid()
            },
            "tags[1].color",
        ),
    ];
    for (account, field) in cases {
        let error = accounts.insert(&account).await.expect_err(field);
        assert_eq!(field_of(error).as_deref(), Some(field));
    }
    let error = accounts
        .update(
            "acc-1",
            &AccountUpdate {
                currency: Some(Currency::Unknown("usd".to_owned())),
                ..AccountUpdate::default()
            },
        )
        .await
        .expect_err("an unknown currency");
    assert_eq!(field_of(error).as_deref(), Some("currency"));
    let error = accounts
        .patch(
            "acc-1",
            &AccountPatch {
                tags: Some(vec![TagPatch {
                    id: Some("t1".to_owned()),
                    color: Some("#12345".to_owned()),
                    extra: Default::default(),
                }]),
                extra: Default::default(),
            },
        )
        .await
        .expect_err("a bad colour");
    assert_eq!(field_of(error).as_deref(), Some("tags[0].color"));
    let error = accounts
        .watch(&Watch::default())
        .await
        .expect_err("no address");
    assert_eq!(field_of(error).as_deref(), Some("address"));
    let error = accounts.get("").await.expect_err("an empty id");
    assert!(matches!(error, Error::InvalidInput { .. }), "{error:?}");
    mock.assert_calls_async(0).await;
}

#[tokio::test]
async fn provider_errors_keep_the_message_and_the_status() {
    let server = MockServer::start_async().await;
    server
        .mock_async(|when, then| {
            when.path("/api/2.0/resellers/accounts/expired");
            then.status(401)
                .body(r#"{"error": {"code": 401, "message": "Invalid SSO token"}}"#);
        })
        .await;
    server
        .mock_async(|when, then| {
            when.path("/api/2.0/resellers/accounts/missing");
            then.status(404)
                .body(r#"{"error": {"code": 404, "message": "Account not found"}}"#);
        })
        .await;
    server
        .mock_async(|when, then| {
            when.path("/api/2.0/resellers/accounts/refused");
            then.status(200)
                .body(r#"{"error": "duplicate", "message": "E-mail already used"}"#);
        })
        .await;
    server
        .mock_async(|when, then| {
            when.path("/api/2.0/resellers/accounts/garbled");
            then.status(200).body(r#"{"id": 5"#);
        })
        .await;
    let accounts = client(&server);
    let accounts = accounts.accounts();
    let error = accounts.get("expired").await.expect_err("401");
    assert!(matches!(error, Error::Auth { .. }), "{error:?}");
    let error = accounts.get("missing").await.expect_err("404");
    assert!(error.is_not_found());
    assert_eq!(error.provider_message(), Some("Account not found"));
    let error = accounts
        .get("refused")
        .await
        .expect_err("an error body on 200");
    assert!(matches!(error, Error::Provider { .. }), "{error:?}");
    assert_eq!(error.provider_message(), Some("E-mail already used"));
    assert_eq!(error.provider_code(), Some("duplicate"));
    let error = accounts.get("garbled").await.expect_err("malformed JSON");
    assert!(matches!(error, Error::Decode { .. }), "{error:?}");
}

#[tokio::test]
async fn an_oauth2_session_gets_a_token_then_sends_it_as_a_bearer() {
    let server = MockServer::start_async().await;
    let token = server
        .mock_async(|when, then| {
            when.method(POST)
                .path("/o/oauth2/token")
                .header("content-type", "application/x-www-form-urlencoded")
                .form_urlencoded_tuple("grant_type", "refresh_token")
                .form_urlencoded_tuple("refresh_token", "stored-refresh-token")
                .form_urlencoded_tuple("client_id", "crm-sync")
                .form_urlencoded_tuple("client_secret", "client-secret-value");
            then.status(200).json_body(json!({
                "access_token": "fresh-access-token",
                "token_type": "Bearer",
                "expires_in": 3600,
                "refresh_token": "rotated-refresh-token"
            }));
        })
        .await;
    let api = server
        .mock_async(|when, then| {
            when.method(GET)
                .path("/api/2.0/resellers/accounts/acc-1029")
                .header("authorization", "Bearer fresh-access-token")
                .header_missing("apiKey")
                .header_missing("token");
            then.status(200).body(GET_RESPONSE);
        })
        .await;
    let session = OAuth2::builder(
        server.url("/o/oauth2/token").parse().expect("a URL"),
        Grant::RefreshToken("stored-refresh-token".into()),
    )
    .client_id("crm-sync")
    .client_secret("client-secret-value".into())
    .build()
    .expect("a session");
    let account = client_with(&server, Credentials::oauth2(session))
        .accounts()
        .get("acc-1029")
        .await
        .expect("an account");
    assert_eq!(account.id, "acc-1029");
    token.assert_calls_async(1).await;
    api.assert_calls_async(1).await;
}
