//! `cargo xtask record` against a local server: the request carries the credentials, the file
//! written carries none of them.

use httpmock::prelude::*;
use xtask::record::{record, Credentials, Recording, CREDENTIAL_PLACEHOLDER, SECRET_PLACEHOLDER};

const CONFIG: &str = r#"
[types.Account]
doc = "An account."
from = ["accounts/get.response*.json"]

[types.Account.fields.ssoToken]
secret = true

[types.Account.fields."vault.pin"]
secret = true

[types.Account.fields.owner]
model = "Owner"

[types.Owner]
doc = "An owner."

[types.Owner.fields.badge]
secret = true
"#;

fn env(name: &str) -> Option<String> {
    match name {
        "TEST_API_KEY" => Some("key-0123456789".to_owned()),
        "TEST_TOKEN" => Some("tok-abcdef".to_owned()),
        _ => None,
    }
}

#[tokio::test(flavor = "current_thread")]
async fn a_recorded_response_keeps_no_credential_and_no_secret_field() {
    let server = MockServer::start_async().await;
    let mock = server
        .mock_async(|when, then| {
            when.method(GET)
                .path("/api/2.0/resellers/accounts/jane%40example.com")
                .query_param("fields", "all")
                .header("apiKey", "key-0123456789")
                .header("token", "tok-abcdef");
            then.status(200)
                .header("content-type", "application/json")
                .body(
                    r#"{"id": "acc-1", "ssoToken": "sso-live-value", "vault": {"pin": 1234, "label": "x"},
                        "note": "signed with tok-abcdef today", "password": "hunter2",
                        "owner": {"id": "o1", "badge": "b-77"},
                        "integrations": [{"name": "crm", "clientSecret": "cs-1", "apiKey": "k"}]}"#,
                );
        })
        .await;
    let root = tempfile::tempdir().expect("a temp dir");
    std::fs::create_dir_all(root.path().join("fixtures/agendize-resellers")).expect("mkdir");
    std::fs::write(
        root.path().join("fixtures/agendize-resellers/api.toml"),
        CONFIG,
    )
    .expect("write");
    let recording = Recording {
        crate_name: "agendize-resellers".to_owned(),
        fixture: "accounts/get.response.recorded.json".to_owned(),
        method: ccapi_transport::Method::GET,
        url: server.url("/api/2.0/resellers/accounts/jane%40example.com?fields=all"),
        credentials: Credentials {
            headers: vec![
                ("apiKey".to_owned(), "TEST_API_KEY".to_owned()),
                ("token".to_owned(), "TEST_TOKEN".to_owned()),
            ],
            ..Credentials::default()
        },
        body: None,
        force: false,
    };

    // `record` runs its own runtime: call it off this test's runtime thread.
    let root_path = root.path().to_path_buf();
    let task_recording = recording.clone();
    let recorded = tokio::task::spawn_blocking(move || record(&root_path, &task_recording, env))
        .await
        .expect("joins")
        .expect("records");
    mock.assert_calls_async(1).await;

    let written = std::fs::read_to_string(
        root.path()
            .join("fixtures/agendize-resellers/accounts/get.response.recorded.json"),
    )
    .expect("the fixture");
    let value: serde_json::Value = serde_json::from_str(&written).expect("JSON");
    assert_eq!(
        value,
        serde_json::json!({
            "id": "acc-1",
            "ssoToken": SECRET_PLACEHOLDER,
            "vault": {"pin": SECRET_PLACEHOLDER, "label": "x"},
            "note": format!("signed with {CREDENTIAL_PLACEHOLDER} today"),
            "password": SECRET_PLACEHOLDER,
            "owner": {"id": "o1", "badge": SECRET_PLACEHOLDER},
            "integrations": [{"name": "crm", "clientSecret": SECRET_PLACEHOLDER, "apiKey": SECRET_PLACEHOLDER}]
        })
    );
    for secret in [
        "key-0123456789",
        "tok-abcdef",
        "sso-live-value",
        "1234",
        "hunter2",
        "b-77",
        "cs-1",
    ] {
        assert!(!written.contains(secret), "{secret} leaked into {written}");
    }
    assert_eq!(recorded.used_by, vec!["Account".to_owned()]);
    assert_eq!(
        recorded.redacted,
        vec![
            "/integrations/0/apiKey",
            "/integrations/0/clientSecret",
            "/note",
            "/owner/badge",
            "/password",
            "/ssoToken",
            "/vault/pin",
        ]
    );

    // An existing fixture is never replaced silently.
    let root_path = root.path().to_path_buf();
    let again = tokio::task::spawn_blocking(move || record(&root_path, &recording, env))
        .await
        .expect("joins")
        .expect_err("the file exists");
    assert!(
        again.ends_with("exists; pass --force to replace it"),
        "{again}"
    );
}

#[test]
fn nothing_is_sent_or_written_without_the_credential_or_with_a_bad_path() {
    let root = tempfile::tempdir().expect("a temp dir");
    let mut recording = Recording {
        crate_name: "agendize-calls".to_owned(),
        fixture: "calltrackings/get.response.json".to_owned(),
        method: ccapi_transport::Method::GET,
        // Nothing listens here: reaching the network would fail differently.
        url: "http://127.0.0.1:9/calls/calltrackings".to_owned(),
        credentials: Credentials {
            bearer: Some("MISSING_VARIABLE".to_owned()),
            ..Credentials::default()
        },
        body: None,
        force: false,
    };
    let message = record(root.path(), &recording, env).expect_err("no credential");
    assert_eq!(message, "environment variable MISSING_VARIABLE is not set");

    recording.fixture = "../escape.response.json".to_owned();
    let message = record(root.path(), &recording, env).expect_err("bad path");
    assert!(
        message.starts_with("`../escape.response.json`: a fixture path is"),
        "{message}"
    );
    assert!(!root.path().join("fixtures").exists(), "nothing written");
}
