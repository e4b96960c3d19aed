//! Legs (typed actions, 409 conflicts) and device registrations (MAC addresses, pages).

mod common;

use cc_voice::models::{CallStatus, Contact, LegAction, LegUpdate, RecordingService};
use cc_voice::{Error, ListFilter};
use common::{bare, client, fixture, fixture_json, TOKEN};
use futures::TryStreamExt;
use httpmock::prelude::*;
use httpmock::HttpMockRequest;

const LEGS: &str = "/t/vbc.prod/telephony/v3/cc/accounts/1234/calls/call-1/legs";

#[tokio::test]
async fn list_get_and_delete_legs() {
    let server = MockServer::start_async().await;
    let list = server
        .mock_async(|when, then| {
            when.method(GET)
                .path(LEGS)
                .is_true(bare)
                .header("authorization", format!("Bearer {TOKEN}"));
            then.status(200).body(fixture("legs/list.response.json"));
        })
        .await;
    let get = server
        .mock_async(|when, then| {
            when.method(GET).path(format!("{LEGS}/leg-1")).is_true(bare);
            then.status(200)
                .header("content-type", "text/plain")
                .body(fixture("legs/get.response.openapi.json"));
        })
        .await;
    let delete = server
        .mock_async(|when, then| {
            when.method(DELETE)
                .path(format!("{LEGS}/leg-1"))
                .is_true(bare)
                .header("authorization", format!("Bearer {TOKEN}"));
            then.status(204);
        })
        .await;
    let legs = client(&server).legs("1234", "call-1");
    let all = legs.list().await.expect("legs");
    assert_eq!(all.len(), 1);
    assert_eq!(all[0].status, Some(CallStatus::Busy));
    insta::assert_debug_snapshot!(all);
    let leg = legs.get("leg-1").await.expect("a leg");
    assert_eq!(leg.status, Some(CallStatus::OnCall));
    assert_eq!(
        leg.start_time.as_ref().and_then(|t| t.epoch_seconds()),
        Some(1_595_959_736)
    );
    assert_eq!(leg.account_id.map(String::from), Some("1234".to_owned()));
    legs.delete("leg-1").await.expect("deleted");
    list.assert_calls_async(1).await;
    get.assert_calls_async(1).await;
    delete.assert_calls_async(1).await;
}

#[tokio::test]
async fn every_leg_action_sends_its_documented_body() {
    let server = MockServer::start_async().await;
    let actions = [
        ("hold", LegAction::Hold),
        ("unhold", LegAction::Unhold),
        ("dtmf", LegAction::SendDtmf("*123#".to_owned())),
        (
            "stream-start",
            LegAction::StartStream {
                url: "https://example.com/recorded_message.wav".to_owned(),
            },
        ),
        ("stream-stop", LegAction::StopStream),
        (
            "blind-transfer",
            LegAction::BlindTransfer(Contact::pstn("1234567890")),
        ),
        (
            "attended-transfer",
            LegAction::AttendedTransfer {
                leg_id: "9d2c1b8e-0c55-4b7e-9a43-5d1f0c1e2a77".to_owned(),
            },
        ),
        (
            "attended-transfer-spec",
            LegAction::AttendedTransferToLeg {
                leg_id: "9d2c1b8e-0c55-4b7e-9a43-5d1f0c1e2a77".to_owned(),
            },
        ),
        (
            "record-start",
            LegAction::StartRecording(RecordingService::Ccr),
        ),
        (
            "record-stop",
            LegAction::StopRecording(RecordingService::Ocr),
        ),
    ];
    let legs = client(&server).legs("1234", "call-1");
    for (variant, action) in actions {
        let expected = fixture_json(&format!("legs/update.request.{variant}.json"));
        let mock = server
            .mock_async(|when, then| {
                when.method(PUT)
                    .path(format!("{LEGS}/leg-1"))
                    .is_true(|req: &HttpMockRequest| req.uri().query().is_none())
                    .header("authorization", format!("Bearer {TOKEN}"))
                    .header("content-type", "application/json")
                    .json_body(expected.clone());
                then.status(200).body(fixture("legs/update.response.json"));
            })
            .await;
        let change = legs
            .update("leg-1", &action)
            .await
            .unwrap_or_else(|err| panic!("{variant}: {err}"));
        assert_eq!(
            change.leg_id.as_deref(),
            Some("3fa85f64-5717-4562-b3fc-2c963f66afa6")
        );
        // The same body, given as a body: recognised as the same action and sent as given.
        let body: LegUpdate = serde_json::from_value(expected.clone()).expect("a leg update");
        assert_eq!(LegAction::from_body(&body).expect(variant), action);
        legs.update_body("leg-1", &body)
            .await
            .unwrap_or_else(|err| panic!("{variant} as a body: {err}"));
        mock.assert_calls_async(2).await;
        mock.delete_async().await;
    }
}

#[tokio::test]
async fn a_leg_update_body_keeps_members_no_model_names_and_refuses_no_action() {
    let server = MockServer::start_async().await;
    let mock = server
        .mock_async(|when, then| {
            when.method(PUT)
                .path(format!("{LEGS}/leg-1"))
                .json_body(serde_json::json!({"state": "held", "announce": false}));
            then.status(200).body(fixture("legs/update.response.json"));
        })
        .await;
    let legs = client(&server).legs("1234", "call-1");
    let body: LegUpdate =
        serde_json::from_str(r#"{"state": "held", "announce": false}"#).expect("decodes");
    legs.update_body("leg-1", &body).await.expect("sent");
    mock.assert_calls_async(1).await;
    for refused in [
        r#"{}"#,
        r#"{"state": "held", "dtmf": "1"}"#,
        r#"{"dtmf": "12x"}"#,
        r#"{"recording": "start"}"#,
        r#"{"to": ""}"#,
    ] {
        let body: LegUpdate = serde_json::from_str(refused).expect("decodes");
        assert!(
            matches!(
                legs.update_body("leg-1", &body).await,
                Err(Error::InvalidInput { .. })
            ),
            "{refused}"
        );
    }
    mock.assert_calls_async(1).await;
}

#[tokio::test]
async fn a_conflict_on_a_leg_is_a_typed_error() {
    let server = MockServer::start_async().await;
    server
        .mock_async(|when, then| {
            when.method(PUT).path(format!("{LEGS}/leg-1"));
            then.status(409)
                .body(r#"{"code": "409", "message": "Leg is already held"}"#);
        })
        .await;
    let error = client(&server)
        .legs("1234", "call-1")
        .update("leg-1", &LegAction::Hold)
        .await
        .expect_err("a conflict");
    assert!(error.is_conflict(), "{error:?}");
    assert!(!error.is_retryable());
    assert_eq!(error.provider_message(), Some("Leg is already held"));
}

#[tokio::test]
async fn malformed_actions_are_refused_before_sending() {
    let server = MockServer::start_async().await;
    let mock = server
        .mock_async(|_, then| {
            then.status(200).body("{}");
        })
        .await;
    let legs = client(&server).legs("1234", "call-1");
    for (action, field) in [
        (LegAction::SendDtmf("12x".to_owned()), "dtmf"),
        (LegAction::SendDtmf(String::new()), "dtmf"),
        (
            LegAction::StartStream {
                url: "recorded_message.wav".to_owned(),
            },
            "stream_url",
        ),
    ] {
        let error = legs.update("leg-1", &action).await.expect_err(field);
        assert!(
            matches!(&error, Error::InvalidInput { field: Some(f), .. } if f == field),
            "{error:?}"
        );
    }
    mock.assert_calls_async(0).await;
}

#[tokio::test]
async fn devices_by_mac_address_and_by_page() {
    let server = MockServer::start_async().await;
    let devices_path = "/t/vbc.prod/telephony/v3/registration/accounts/1234/devices";
    let get = server
        .mock_async(|when, then| {
            when.method(GET)
                .path(format!("{devices_path}/79-5C-7D-28-1B-B3"))
                .is_true(bare)
                .header("authorization", format!("Bearer {TOKEN}"));
            then.status(200).body(fixture("devices/get.response.json"));
        })
        .await;
    let first = server
        .mock_async(|when, then| {
            when.method(GET)
                .path(devices_path)
                .is_true(|req: &HttpMockRequest| req.uri().query() == Some("order=desc"));
            then.status(200).body(fixture("devices/list.response.json"));
        })
        .await;
    let second = server
        .mock_async(|when, then| {
            when.method(GET)
                .path(devices_path)
                .is_true(|req: &HttpMockRequest| req.uri().query() == Some("order=desc&page=2"));
            then.status(200).body(
                r#"{"current_page": "2", "pages": "2", "devices": [{"mac_address": "38-99-62-93-E2-A9", "last_success": "1595937421"}]}"#,
            );
        })
        .await;
    let devices = client(&server).devices("1234");
    let device = devices.get("79-5C-7D-28-1B-B3").await.expect("a device");
    assert_eq!(device.device_ip.as_deref(), Some("150.24.83.17"));
    assert_eq!(
        device
            .provisioned
            .and_then(|p| p.last_request)
            .as_ref()
            .and_then(|t| t.epoch_seconds()),
        Some(1_595_937_421)
    );
    let filter = ListFilter::new().order(cc_voice::models::SortOrder::Descending);
    let all: Vec<_> = devices
        .list_all(&filter)
        .try_collect()
        .await
        .expect("every page");
    let macs: Vec<_> = all
        .iter()
        .filter_map(|d| d.mac_address.as_deref())
        .collect();
    assert_eq!(macs, ["79-5C-7D-28-1B-B3", "38-99-62-93-E2-A9"]);
    assert_eq!(
        all[1].last_success.as_ref().and_then(|t| t.epoch_seconds()),
        Some(1_595_937_421)
    );
    get.assert_calls_async(1).await;
    first.assert_calls_async(1).await;
    second.assert_calls_async(1).await;
}

#[tokio::test]
async fn a_malformed_mac_address_or_filter_is_refused_before_sending() {
    let server = MockServer::start_async().await;
    let mock = server
        .mock_async(|_, then| {
            then.status(200).body("{}");
        })
        .await;
    let devices = client(&server).devices("1234");
    for bad in ["79:5C:7D:28:1B:B3", "79-5C-7D-28-1B", "../devices"] {
        let error = devices.get(bad).await.expect_err(bad);
        assert!(
            matches!(&error, Error::InvalidInput { field: Some(f), .. } if f == "device_id"),
            "{error:?}"
        );
    }
    let error = devices
        .list(&ListFilter::new().extension("1001"))
        .await
        .expect_err("no extension filter on devices");
    assert!(matches!(&error, Error::InvalidInput { field: Some(f), .. } if f == "extension"));
    mock.assert_calls_async(0).await;
}
