//! What Ziwo's official clients and the seed's own examples send and read, which the first
//! version dropped or refused: CDRs with integer members (Android SDK), call trackers read back
//! whole, the voicemail flag and unknown members sent, and the start-call webhook as the seed's
//! `curl --form` example sends it (multipart).

use httpmock::prelude::*;
use serde_json::json;
use ziwo_admin::models::{CallTrackerInput, CallTrackerStatus};
use ziwo_admin::webhooks::{self, StartCall, WebhookError};

mod common;
use common::{client, fixture, TOKEN};

#[tokio::test]
async fn a_cdr_with_the_android_sdks_integers_decodes_from_the_history_and_the_webhook() {
    let server = MockServer::start_async().await;
    let body = fixture("calls/get.response.android.json");
    server
        .mock_async(|when, then| {
            when.method(GET)
                .path("/callHistory/5196")
                .header("access_token", TOKEN);
            then.status(200).body(body.clone());
        })
        .await;
    let cdr = client(&server).calls().get("5196").await.expect("a CDR");
    assert_eq!(cdr.audio_quality.as_ref().map(|q| q.as_str()), Some("92"));
    let numbers = cdr
        .extended_info
        .as_ref()
        .and_then(|info| info.numbers.as_ref())
        .expect("numbers");
    assert_eq!(numbers.id.as_ref().map(|id| id.as_str()), Some("19"));
    assert_eq!(cdr.extra.get("queueName"), None, "typed, not extra");
    // The end-call webhook receives the same CDR as JSON.
    let content =
        serde_json::from_str::<serde_json::Value>(&body).expect("JSON")["content"].to_string();
    let posted = webhooks::end_call(content.as_bytes()).expect("the webhook decodes it");
    assert_eq!(posted.audio_quality, cdr.audio_quality);
}

#[tokio::test]
async fn call_trackers_read_back_playbacks_voicemail_and_the_blocked_state() {
    let server = MockServer::start_async().await;
    server
        .mock_async(|when, then| {
            when.method(GET).path("/admin/callTrackers/3");
            then.status(200)
                .body(fixture("calltrackers/get.response.full.json"));
        })
        .await;
    let tracker = client(&server)
        .call_trackers()
        .get("3")
        .await
        .expect("a call tracker");
    assert_eq!(tracker.welcome_playback.as_deref(), Some("a1b2c3"));
    assert_eq!(tracker.error_playback.as_deref(), Some("d4e5f6"));
    assert_eq!(tracker.voicemail.map(|flag| flag.0), Some(true));
    assert_eq!(tracker.status, Some(CallTrackerStatus::Blocked));
    assert!(tracker.is_blocked());
}

#[tokio::test]
async fn create_sends_voicemail_and_members_no_model_names_in_the_form() {
    let server = MockServer::start_async().await;
    let mock = server
        .mock_async(|when, then| {
            when.method(POST)
                .path("/admin/callTrackers")
                .header("content-type", "application/x-www-form-urlencoded")
                .body(
                    "name=calltracker-01&startRequestURL=https%3A%2F%2Fct.example.com%2Fstart.php\
                     &voicemail=true&recordCalls=false",
                );
            then.status(200)
                .json_body(json!({"result": true, "content": {"id": 4}, "info": {}}));
        })
        .await;
    let mut input = CallTrackerInput {
        name: Some("calltracker-01".into()),
        start_request_url: Some("https://ct.example.com/start.php".into()),
        voicemail: Some(true),
        ..CallTrackerInput::default()
    };
    input.extra.insert("recordCalls", false);
    let created = client(&server)
        .call_trackers()
        .create(&input)
        .await
        .expect("created");
    assert_eq!(created.id().as_deref(), Some("4"));
    mock.assert_calls_async(1).await;
}

#[test]
fn the_start_call_request_reads_the_seeds_multipart_form_and_url_encoded_forms() {
    // What `curl --form "didCalled=061234567"` sends, plus a field this crate does not name.
    let multipart = "--------------------------d74496d66958873e\r\n\
        Content-Disposition: form-data; name=\"didCalled\"\r\n\r\n\
        061234567\r\n\
        --------------------------d74496d66958873e\r\n\
        Content-Disposition: form-data; name=\"callerIDNumber\"\r\n\r\n\
        +971501234567\r\n\
        --------------------------d74496d66958873e--\r\n";
    let start = StartCall::from_body(
        Some("multipart/form-data; boundary=------------------------d74496d66958873e"),
        multipart.as_bytes(),
    )
    .expect("decodes");
    assert_eq!(start.did_called, "061234567");
    assert_eq!(
        start.extra.get("callerIDNumber"),
        Some(&json!("+971501234567"))
    );

    let form = StartCall::from_body(
        Some("application/x-www-form-urlencoded"),
        b"didCalled=061234567&x=1",
    )
    .expect("decodes");
    assert_eq!(form.did_called, "061234567");
    assert_eq!(form.extra.get("x"), Some(&json!("1")));
    assert_eq!(
        StartCall::from_body(None, b"didCalled=1").map(|s| s.did_called),
        Ok("1".to_owned())
    );

    for (content_type, body) in [
        ("multipart/form-data", multipart),
        (
            "multipart/form-data; boundary=b",
            "--b\r\nno blank line\r\n--b--",
        ),
        (
            "multipart/form-data; boundary=b",
            "--b\r\nContent-Disposition: form-data; name=\"didCalled\"\r\n\r\n1\r\n",
        ),
    ] {
        assert!(
            matches!(
                StartCall::from_body(Some(content_type), body.as_bytes()),
                Err(WebhookError::Body { .. })
            ),
            "{content_type}: {body:?}"
        );
    }
    assert_eq!(
        StartCall::from_body(
            Some("multipart/form-data; boundary=b"),
            b"--b\r\nContent-Disposition: form-data; name=\"other\"\r\n\r\n1\r\n--b--\r\n",
        )
        .map(|s| s.did_called),
        Err(WebhookError::MissingField("didCalled"))
    );
}
