//! The routes and members of Agendize's official Node client (`agendize/nodejs-module`,
//! `api/reseller.js` and `api/account.js`), on the wire: the exact request and the decoded value.

use agendize_resellers::models::{AccountStatus, AccountUpdate, NewAccount, Tool};
use agendize_resellers::{Client, ClientConfig, Credentials, Error};
use ccapi_transport::model::WithExtra;
use ccapi_transport::RetryPolicy;
use httpmock::prelude::*;
use httpmock::HttpMockRequest;
use serde_json::{json, Value};

const API_KEY: &str = "test-api-key";
const TOKEN: &str = "test-sso-token";
const GET_RESPONSE: &str =
    include_str!("../../../fixtures/agendize-resellers/accounts/get.response.json");
const UPDATE_CLIENT: &str =
    include_str!("../../../fixtures/agendize-resellers/accounts/update.request.client.json");
const INSERT_CLIENT: &str =
    include_str!("../../../fixtures/agendize-resellers/accounts/insert.request.client.json");

fn client(server: &MockServer) -> Client {
    let config = ClientConfig::new(&server.url("/api/2.0"), "agendize-resellers-tests")
        .expect("a valid base URL")
        .retry(RetryPolicy::disabled());
    Client::with_config(config, Credentials::api_key(API_KEY.into(), TOKEN.into()))
        .expect("a client")
}

fn no_query(req: &HttpMockRequest) -> bool {
    req.uri().query().is_none()
}

/// A mock of `POST /api/2.0/resellers/accounts/acc-1029` expecting exactly `body`.
async fn post_change<'a>(server: &'a MockServer, body: Value) -> httpmock::Mock<'a> {
    server
        .mock_async(|when, then| {
            when.method(POST)
                .path("/api/2.0/resellers/accounts/acc-1029")
                .is_true(no_query)
                .header("apiKey", API_KEY)
                .header("token", TOKEN)
                .header("content-type", "application/json")
                .json_body(body);
            then.status(200).body(GET_RESPONSE);
        })
        .await
}

#[tokio::test]
async fn enable_disable_and_change_plan_post_what_the_official_client_posts() {
    let server = MockServer::start_async().await;
    let enable = post_change(&server, json!({"status": "enabled"})).await;
    let disable = post_change(&server, json!({"status": "disabled"})).await;
    let plan = post_change(
        &server,
        json!({"profile": {"nativePlan": true, "id": "p2"}}),
    )
    .await;
    let accounts = client(&server);
    let enabled = accounts
        .accounts()
        .enable("acc-1029")
        .await
        .expect("enabled");
    assert_eq!(enabled.id, "acc-1029");
    assert_eq!(enabled.status, Some(AccountStatus::Enabled));
    assert_eq!(
        enabled.send_signup_email,
        Some(false),
        "sendSignupEmail is read"
    );
    accounts
        .accounts()
        .disable("acc-1029")
        .await
        .expect("disabled");
    accounts
        .accounts()
        .change_plan("acc-1029", "p2")
        .await
        .expect("moved");
    enable.assert_calls_async(1).await;
    disable.assert_calls_async(1).await;
    plan.assert_calls_async(1).await;
}

#[tokio::test]
async fn every_writable_member_is_typed_and_sent_by_put_and_post() {
    let server = MockServer::start_async().await;
    // The official client's members, plus one this crate does not name (`hostname`, which the
    // Node client adds to every body): kept in `extra` and sent as given.
    let mut expected: Value = serde_json::from_str(UPDATE_CLIENT).expect("JSON");
    expected["hostname"] = json!("app.example-reseller.com");
    let changes: AccountUpdate = serde_json::from_value(expected.clone()).expect("decodes");
    assert_eq!(changes.status, Some(AccountStatus::Disabled));
    let profile = changes.profile.as_ref().expect("profile");
    assert_eq!(
        (profile.id.as_str(), profile.native_plan),
        ("p2", Some(true))
    );
    assert_eq!(changes.reseller_id.as_deref(), Some("crm-00077"));
    assert_eq!(changes.domain.as_deref(), Some("app.example-reseller.com"));
    assert_eq!(changes.tools, Some(vec![Tool::Scheduling, Tool::Call]));
    let white_label = changes.white_label.as_ref().expect("whiteLabel");
    assert_eq!(
        white_label.header_background_color.as_deref(),
        Some("#1d2b3a")
    );
    assert_eq!(
        changes.extra().get("hostname"),
        Some(&json!("app.example-reseller.com"))
    );
    let put = server
        .mock_async(|when, then| {
            when.method(PUT)
                .path("/api/2.0/resellers/accounts/acc-1029")
                .json_body(expected.clone());
            then.status(200).body(GET_RESPONSE);
        })
        .await;
    let post = post_change(&server, expected.clone()).await;
    let accounts = client(&server);
    accounts
        .accounts()
        .update("acc-1029", &changes)
        .await
        .expect("PUT");
    accounts
        .accounts()
        .change("acc-1029", &changes)
        .await
        .expect("POST");
    put.assert_calls_async(1).await;
    post.assert_calls_async(1).await;
}

#[tokio::test]
async fn insert_sends_tools_white_label_and_status() {
    let server = MockServer::start_async().await;
    let expected: Value = serde_json::from_str(INSERT_CLIENT).expect("JSON");
    let mock = server
        .mock_async(|when, then| {
            when.method(POST)
                .path("/api/2.0/resellers/accounts")
                .json_body(expected.clone());
            then.status(200).body(GET_RESPONSE);
        })
        .await;
    let account: NewAccount = serde_json::from_str(INSERT_CLIENT).expect("decodes");
    assert_eq!(account.status, Some(AccountStatus::Enabled));
    assert_eq!(account.tools, Some(vec![Tool::Scheduling, Tool::Call]));
    assert!(account.white_label.is_some());
    assert!(account.extra.is_empty(), "every member is typed");
    client(&server)
        .accounts()
        .insert(&account)
        .await
        .expect("created");
    mock.assert_calls_async(1).await;
}

#[tokio::test]
async fn a_watch_is_deleted_by_the_id_it_was_answered_with() {
    let server = MockServer::start_async().await;
    let mock = server
        .mock_async(|when, then| {
            when.method(DELETE)
                .path("/api/2.0/watchers/wt-5f2c91")
                .is_true(no_query)
                .header("apiKey", API_KEY)
                .header("token", TOKEN)
                .body("");
            then.status(204);
        })
        .await;
    client(&server)
        .watchers()
        .delete("wt-5f2c91")
        .await
        .expect("deleted");
    mock.assert_calls_async(1).await;
}

#[tokio::test]
async fn changes_that_cannot_succeed_are_refused_before_sending() {
    let server = MockServer::start_async().await;
    let anything = server
        .mock_async(|_, then| {
            then.status(500);
        })
        .await;
    let accounts = client(&server);
    let refused = [
        accounts
            .accounts()
            .change_plan("acc-1029", " ")
            .await
            .map(|_| ()),
        accounts.watchers().delete("").await,
        accounts
            .accounts()
            .change(
                "acc-1029",
                &AccountUpdate {
                    domain: Some("d".repeat(64)),
                    ..AccountUpdate::default()
                },
            )
            .await
            .map(|_| ()),
    ];
    let fields: Vec<String> = refused
        .into_iter()
        .map(|outcome| match outcome {
            Err(Error::InvalidInput {
                field: Some(field), ..
            }) => field.into_owned(),
            other => panic!("expected InvalidInput, got {other:?}"),
        })
        .collect();
    assert_eq!(fields, ["profile.id", "id", "domain"]);
    anything.assert_calls_async(0).await;
}

/// `checkIfAccountExist` asks `GET /resellers/accounts?userName=…&hostname=…` and reads a `404`
/// error as "no such account".
#[tokio::test]
async fn a_user_name_lookup_sends_user_name_and_hostname_and_a_404_is_a_typed_error() {
    let server = MockServer::start_async().await;
    let missing = server
        .mock_async(|when, then| {
            when.method(GET)
                .path("/api/2.0/resellers/accounts")
                .is_true(|req: &HttpMockRequest| {
                    req.uri().query()
                        == Some("userName=nobody%40example.com&hostname=resellers.example.com")
                        && req.body().is_empty()
                })
                .header("apiKey", API_KEY)
                .header("token", TOKEN);
            then.status(404)
                .body(r#"{"error": {"code": 404, "message": "Account not found"}}"#);
        })
        .await;
    let filter = agendize_resellers::accounts::AccountFilter::new()
        .user_name("nobody@example.com")
        .hostname("resellers.example.com");
    let error = client(&server)
        .accounts()
        .list(&filter)
        .await
        .expect_err("no such account");
    missing.assert_calls_async(1).await;
    assert_eq!(error.status().map(|status| status.as_u16()), Some(404));
    assert!(error.to_string().contains("Account not found"), "{error}");
}

/// `checkIfAccountExist`'s three answers, typed: the account, no account (404), another
/// reseller's (403, read from the body's `code` as the module does); anything else an error.
#[tokio::test]
async fn a_lookup_by_user_name_is_found_absent_or_another_resellers() {
    let server = MockServer::start_async().await;
    let lookup = |name: &'static str, status: u16, body: &'static str| {
        let server = &server;
        async move {
            server
                .mock_async(move |when, then| {
                    when.method(GET)
                        .path("/api/2.0/resellers/accounts")
                        .query_param("userName", name)
                        .header("apiKey", API_KEY)
                        .header("token", TOKEN);
                    then.status(status).body(body);
                })
                .await
        }
    };
    let list = include_str!("../../../fixtures/agendize-resellers/accounts/list.response.json");
    let found = lookup("jane.doe@example.com", 200, list).await;
    let absent = lookup(
        "nobody@example.com",
        404,
        r#"{"error": {"code": 404, "message": "Account not found"}}"#,
    )
    .await;
    let taken = lookup(
        "taken@example.com",
        403,
        r#"{"error": {"code": 403, "message": "Forbidden"}}"#,
    )
    .await;
    let broken = lookup(
        "broken@example.com",
        500,
        r#"{"error": {"code": 500, "message": "Oops"}}"#,
    )
    .await;
    // The module reads the body's code whatever the status.
    let coded = lookup(
        "coded@example.com",
        200,
        r#"{"error": {"code": 404, "message": "Account not found"}}"#,
    )
    .await;
    let with_host = server
        .mock_async(|when, then| {
            when.method(GET)
                .path("/api/2.0/resellers/accounts")
                .is_true(|req: &HttpMockRequest| {
                    req.uri().query()
                        == Some("userName=host%40example.com&hostname=resellers.example.com")
                });
            then.status(404)
                .body(r#"{"error": {"code": 404, "message": "Account not found"}}"#);
        })
        .await;
    let accounts = client(&server);
    let accounts = accounts.accounts();
    match accounts
        .lookup("jane.doe@example.com", None)
        .await
        .expect("a lookup")
    {
        agendize_resellers::accounts::AccountLookup::Found(account) => {
            assert_eq!(account.id, "acc-1029");
        }
        other => panic!("found, not {other:?}"),
    }
    assert!(matches!(
        accounts.lookup("nobody@example.com", None).await,
        Ok(agendize_resellers::accounts::AccountLookup::Absent)
    ));
    assert!(matches!(
        accounts.lookup("taken@example.com", None).await,
        Ok(agendize_resellers::accounts::AccountLookup::OtherReseller)
    ));
    let error = accounts
        .lookup("broken@example.com", None)
        .await
        .expect_err("a failure stays an error");
    assert_eq!(error.status().map(|status| status.as_u16()), Some(500));
    assert!(matches!(
        accounts.lookup(" ", None).await,
        Err(Error::InvalidInput { .. })
    ));
    assert!(matches!(
        accounts.lookup("coded@example.com", None).await,
        Ok(agendize_resellers::accounts::AccountLookup::Absent)
    ));
    assert!(matches!(
        accounts
            .lookup("host@example.com", Some("resellers.example.com"))
            .await,
        Ok(agendize_resellers::accounts::AccountLookup::Absent)
    ));
    for mock in [&found, &absent, &taken, &broken, &coded, &with_host] {
        mock.assert_calls_async(1).await;
    }
}
