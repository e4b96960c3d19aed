//! Every admin operation on the wire, the login session's behaviour, envelope failures, the
//! instance check and a 20 MB recording streamed in bounded pieces.

use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};

use chrono::NaiveDate;
use futures::{StreamExt, TryStreamExt};
use httpmock::prelude::*;
use httpmock::HttpMockRequest;
use serde_json::json;
use tokio::io::AsyncWrite;
use ziwo_admin::call_trackers::LogQuery;
use ziwo_admin::calls::CallFilter;
use ziwo_admin::eavesdrop::Whisper;
use ziwo_admin::models::{CallTrackerInput, Record};
use ziwo_admin::pages::ListOptions;
use ziwo_admin::{Client, Credentials, Error};

mod common;
use common::{client, config, fixture, TOKEN};

const FORM: &str = "application/x-www-form-urlencoded";

fn query_is(expected: Option<&'static str>) -> impl Fn(&HttpMockRequest) -> bool + Send + Sync {
    move |req| req.uri().query() == expected
}

const OK_EMPTY: &str = r#"{"result": true, "content": {}, "info": {}}"#;

#[tokio::test]
async fn call_trackers_list_get_and_page_through_every_item() {
    let server = MockServer::start_async().await;
    let list = server
        .mock_async(|when, then| {
            when.method(GET)
                .path("/admin/callTrackers")
                .is_true(query_is(Some("limit=1&skip=0&search=CT&order=%7Ename")))
                .header("access_token", TOKEN);
            then.status(200)
                .body(fixture("calltrackers/list.response.seed.json"));
        })
        .await;
    let get = server
        .mock_async(|when, then| {
            when.method(GET)
                .is_true(|req: &HttpMockRequest| {
                    req.uri().path() == "/admin/callTrackers/calltracker%2001"
                })
                .header("access_token", TOKEN);
            then.status(200)
                .body(fixture("calltrackers/get.response.json"));
        })
        .await;
    let trackers = client(&server).call_trackers();
    let options = ListOptions::new()
        .limit(1)
        .skip(0)
        .search("CT")
        .order_by_descending("name");
    let page = trackers.list(&options).await.expect("a page");
    assert_eq!(
        page.items.len(),
        1,
        "the seed's single-object list is a list of one"
    );
    assert_eq!(page.items[0].id, 1);
    let tracker = trackers.get("calltracker 01").await.expect("a tracker");
    assert_eq!(tracker.name.as_deref(), Some("CT"));
    assert!(tracker.start_request_api_key.is_none());
    list.assert_calls_async(1).await;
    get.assert_calls_async(1).await;

    let paged = MockServer::start_async().await;
    let body = |ids: &[i64]| json!({"result": true, "content": ids.iter().map(|id| json!({"id": id})).collect::<Vec<_>>(), "info": {"total": 5}});
    let mut pages = Vec::new();
    for (skip, ids) in [(0, vec![1, 2]), (2, vec![3, 4]), (4, vec![5])] {
        let query: &'static str = Box::leak(format!("limit=2&skip={skip}").into_boxed_str());
        pages.push(
            paged
                .mock_async(|when, then| {
                    when.method(GET)
                        .path("/admin/callTrackers")
                        .is_true(query_is(Some(query)));
                    then.status(200).json_body(body(&ids));
                })
                .await,
        );
    }
    let all: Vec<i64> = client(&paged)
        .call_trackers()
        .list_all(&ListOptions::new().limit(2))
        .map_ok(|tracker| tracker.id)
        .try_collect()
        .await
        .expect("every page");
    assert_eq!(all, [1, 2, 3, 4, 5]);
    for page in &pages {
        page.assert_calls_async(1).await;
    }
}

#[tokio::test]
async fn call_trackers_are_created_updated_blocked_tested_and_deleted_with_forms() {
    let server = MockServer::start_async().await;
    let create = server
        .mock_async(|when, then| {
            when.method(POST)
                .path("/admin/callTrackers")
                .header("access_token", TOKEN)
                .header("content-type", FORM)
                .body(
                    "name=calltracker-01&startRequestURL=https%3A%2F%2Fct.example.com%2Fstart.php\
                     &startRequestAPIKey=%3Credacted%3Asecret%3E&startRequestTimeout=10000\
                     &endRequestURL=https%3A%2F%2Fct.example.com%2Fend.php&endRequestAPIKey=%3Credacted%3Asecret%3E\
                     &endRequestTimeout=10000&welcomePlayback=a1b2c3&errorPlayback=d4e5f6",
                );
            then.status(200).body(r#"{"result": true, "content": {"id": 2, "name": "calltracker-01"}, "info": {}}"#);
        })
        .await;
    let mut puts = Vec::new();
    for (path, body) in [
        (
            "/admin/callTrackers/2",
            "startRequestURL=https%3A%2F%2Fct.example.com%2Fstart.php&startRequestTimeout=10000",
        ),
        ("/admin/callTrackers/2/block", ""),
        ("/admin/callTrackers/2/unblock", ""),
    ] {
        puts.push(
            server
                .mock_async(|when, then| {
                    when.method(PUT)
                        .path(path)
                        .header("access_token", TOKEN)
                        .body(body);
                    then.status(200).body(OK_EMPTY);
                })
                .await,
        );
    }
    let test = server
        .mock_async(|when, then| {
            when.method(PUT)
                .path("/admin/callTrackers/2/test")
                .header("access_token", TOKEN);
            then.status(200)
                .body(r#"{"result": true, "content": {"start": "ok", "end": "ok"}, "info": {}}"#);
        })
        .await;
    let delete = server
        .mock_async(|when, then| {
            when.method(DELETE)
                .path("/admin/callTrackers/2")
                .header("access_token", TOKEN);
            then.status(200).body(OK_EMPTY);
        })
        .await;
    let logs = server
        .mock_async(|when, then| {
            when.method(GET)
                .path("/admin/callTrackers/logs")
                .is_true(query_is(Some(
                    "fromDate=2015-01-01&toDate=2017-01-01&fetchStart=0&fetchStop=50&callTrackers%5B%5D=1&callTrackers%5B%5D=2",
                )));
            then.status(200).body(r#"{"result": true, "content": [{"id": 9, "callTrackerID": 1, "type": "start"}], "info": {}}"#);
        })
        .await;
    let trackers = client(&server).call_trackers();
    let input: CallTrackerInput =
        serde_json::from_str(&fixture("calltrackers/create.request.json")).expect("decodes");
    let created = trackers.create(&input).await.expect("created");
    assert_eq!(created.id().as_deref(), Some("2"));
    let changes: CallTrackerInput =
        serde_json::from_str(&fixture("calltrackers/update.request.json")).expect("decodes");
    trackers.update("2", &changes).await.expect("updated");
    trackers.block("2").await.expect("blocked");
    trackers.unblock("2").await.expect("unblocked");
    let status = trackers.test("2").await.expect("tested");
    assert_eq!(status.get("start"), Some(&json!("ok")));
    let day = |y| NaiveDate::from_ymd_opt(y, 1, 1).expect("a date");
    let query = LogQuery::new()
        .from_date(day(2015))
        .to_date(day(2017))
        .fetch_start(0)
        .fetch_stop(50)
        .call_tracker(1)
        .call_tracker(2);
    let found = trackers.logs(&query).await.expect("logs");
    assert_eq!(found[0].id().as_deref(), Some("9"));
    trackers.delete("2").await.expect("deleted");
    for mock in puts.iter().chain([&create, &test, &delete, &logs]) {
        mock.assert_calls_async(1).await;
    }
    assert!(
        !format!("{input:?}").contains("<redacted:secret>"),
        "keys are redacted in Debug"
    );
}

#[tokio::test]
async fn eavesdrop_history_and_directory() {
    let server = MockServer::start_async().await;
    let create = server
        .mock_async(|when, then| {
            when.method(POST)
                .path("/live/calls/eavesdrop/5555")
                .header("content-type", FORM)
                .body("positionName=mydesk");
            then.status(200)
                .body(fixture("eavesdrop/create.response.json"));
        })
        .await;
    let update = server
        .mock_async(|when, then| {
            when.method(PUT)
                .path("/live/calls/eavesdrop/3f159fc0-0576-469f-8a16-aa3a69e20db2")
                .body("whisper=agent");
            then.status(200).body(OK_EMPTY);
        })
        .await;
    let history = server
        .mock_async(|when, then| {
            when.method(GET)
                .path("/callHistory")
                .is_true(query_is(Some(
                    "limit=10&skip=0&fromDate=2016-07-01&toDate=2016-07-31&agents%5B%5D=5555&numbers%5B%5D=061234567\
                     &contactNumber=044508146&dataset%5B%5D=default",
                )))
                .header("access_token", TOKEN);
            then.status(200).body(fixture("calls/list.response.json"));
        })
        .await;
    let one = server
        .mock_async(|when, then| {
            when.method(GET)
                .path("/callHistory/46")
                .header("access_token", TOKEN);
            then.status(200).body(fixture("calls/get.response.json"));
        })
        .await;
    let agents = server
        .mock_async(|when, then| {
            when.method(GET).path("/admin/agents").is_true(query_is(Some("limit=5")));
            then.status(200).body(r#"{"result": true, "content": [{"id": 7, "ccLogin": 5555}], "info": {"total": 1}}"#);
        })
        .await;
    let new_agent = server
        .mock_async(|when, then| {
            when.method(POST)
                .path("/admin/agents")
                .header("content-type", FORM)
                .body("firstName=Jane&ccLogin=5556");
            then.status(200)
                .body(r#"{"result": true, "content": {"id": 8}, "info": {}}"#);
        })
        .await;
    let client = client(&server);
    let eavesdrop = client
        .eavesdrop()
        .create("5555", Some("mydesk"))
        .await
        .expect("started");
    assert_eq!(eavesdrop.call_id, "3f159fc0-0576-469f-8a16-aa3a69e20db2");
    client
        .eavesdrop()
        .update(&eavesdrop.call_id, Whisper::Agent)
        .await
        .expect("updated");
    let filter = CallFilter::new()
        .from_date(NaiveDate::from_ymd_opt(2016, 7, 1).expect("a date"))
        .to_date(NaiveDate::from_ymd_opt(2016, 7, 31).expect("a date"))
        .agent("5555")
        .number("061234567")
        .contact_number("044508146")
        .dataset("default");
    let page = client
        .calls()
        .list(&ListOptions::new().limit(10).skip(0), &filter)
        .await
        .expect("CDRs");
    assert_eq!(page.total, Some(2), "info.totalRecords");
    assert_eq!(page.items[1].id.as_ref().map(|id| id.as_str()), Some("47"));
    let cdr = client.calls().get("46").await.expect("a CDR");
    assert_eq!(cdr.id.as_ref().map(|id| id.as_str()), Some("46:5196"));
    assert_eq!(
        cdr.answered_raw_time
            .as_ref()
            .and_then(|t| t.epoch_seconds()),
        Some(1_468_150_607)
    );
    insta::assert_debug_snapshot!(cdr);
    let listed = client
        .agents()
        .list(&ListOptions::new().limit(5))
        .await
        .expect("agents");
    assert_eq!(listed.items[0].id().as_deref(), Some("7"));
    let created = client
        .agents()
        .create(
            &Record::new()
                .with("firstName", "Jane")
                .with("ccLogin", 5556),
        )
        .await
        .expect("created");
    assert_eq!(created.id().as_deref(), Some("8"));
    for mock in [&create, &update, &history, &one, &agents, &new_agent] {
        mock.assert_calls_async(1).await;
    }
}

#[tokio::test]
async fn a_login_session_logs_in_again_once_and_a_second_refusal_is_an_error() {
    let server = MockServer::start_async().await;
    let count = Arc::new(Mutex::new(0));
    let counter = count.clone();
    let login = server
        .mock_async(move |when, then| {
            when.method(POST)
                .path("/auth/login")
                .json_body(json!({"username": "admin@acme.com", "password": "s3cret"}));
            then.respond_with(move |_| {
                let mut n = counter.lock().expect("not poisoned");
                *n += 1;
                httpmock::HttpMockResponse::builder()
                    .status(200)
                    .body(json!({"result": true, "content": {"id": 3, "access_token": format!("T{n}")}, "info": {}}).to_string())
                    .build()
            });
        })
        .await;
    let stale = server
        .mock_async(|when, then| {
            when.method(GET)
                .path("/callHistory/46")
                .header("access_token", "T1");
            then.status(401)
                .body(r#"{"result": false, "info": {"message": "Session expired"}}"#);
        })
        .await;
    let fresh = server
        .mock_async(|when, then| {
            when.method(GET)
                .path("/callHistory/46")
                .header("access_token", "T2");
            then.status(200).body(fixture("calls/get.response.json"));
        })
        .await;
    let forbidden = server
        .mock_async(|when, then| {
            when.method(GET).path("/callHistory/99");
            then.status(403)
                .body(r#"{"result": false, "error": {"message": "Forbidden"}}"#);
        })
        .await;
    let client = Client::with_config(
        config(&server),
        Credentials::login("admin@acme.com", "s3cret".into()),
    )
    .expect("a client");
    client
        .calls()
        .get("46")
        .await
        .expect("a CDR after logging in again");
    login.assert_calls_async(2).await;
    stale.assert_calls_async(1).await;
    fresh.assert_calls_async(1).await;

    let error = client.calls().get("99").await.expect_err("refused twice");
    assert_eq!(error.status().map(|s| s.as_u16()), Some(403), "{error:?}");
    assert_eq!(error.provider_message(), Some("Forbidden"));
    forbidden.assert_calls_async(2).await;
    login.assert_calls_async(3).await;
}

#[tokio::test]
async fn explicit_login_returns_the_user_and_logout_ends_the_session() {
    let server = MockServer::start_async().await;
    let login = server
        .mock_async(|when, then| {
            when.method(POST)
                .path("/auth/login")
                .header_missing("access_token");
            then.status(200).body(
                // The fixture's token is a marker: the session adopts this test's.
                std::fs::read_to_string(format!(
                    "{}/../../fixtures/ziwo-core/auth/login.response.json",
                    env!("CARGO_MANIFEST_DIR")
                ))
                .expect("the fixture")
                .replace("<redacted:secret>", TOKEN),
            );
        })
        .await;
    let api = server
        .mock_async(|when, then| {
            when.method(GET)
                .path("/callHistory/46")
                .header("access_token", TOKEN);
            then.status(200).body(fixture("calls/get.response.json"));
        })
        .await;
    let logout = server
        .mock_async(|when, then| {
            when.method(POST)
                .path("/auth/logout")
                .header("access_token", TOKEN);
            then.status(200).body(OK_EMPTY);
        })
        .await;
    let client = Client::with_config(
        config(&server),
        Credentials::login("jane@acme.com", "pw".into()),
    )
    .expect("a client");
    let user = client.auth().login().await.expect("logged in");
    assert_eq!(
        user.cc_login.as_ref().map(|login| login.as_str()),
        Some("5555")
    );
    assert!(
        !format!("{user:?}").contains(TOKEN),
        "the token is redacted"
    );
    client
        .calls()
        .get("46")
        .await
        .expect("uses the adopted token");
    client.auth().logout().await.expect("logged out");
    login.assert_calls_async(1).await;
    api.assert_calls_async(1).await;
    logout.assert_calls_async(1).await;
}

#[tokio::test]
async fn result_false_is_an_error_with_the_message_wherever_it_is() {
    let server = MockServer::start_async().await;
    for (id, body) in [
        (
            "1",
            r#"{"result": false, "error": {"message": "in error"}}"#,
        ),
        ("2", r#"{"result": false, "info": {"message": "in info"}}"#),
        ("3", r#"{"result": false, "message": "at the top"}"#),
        (
            "4",
            r#"{"result": false, "content": {"message": "in content"}}"#,
        ),
    ] {
        server
            .mock_async(|when, then| {
                when.path(format!("/callHistory/{id}"));
                then.status(200).body(body);
            })
            .await;
    }
    let calls = client(&server).calls();
    for (id, message) in [
        ("1", "in error"),
        ("2", "in info"),
        ("3", "at the top"),
        ("4", "in content"),
    ] {
        let error = calls.get(id).await.expect_err("result false");
        assert!(matches!(error, Error::Provider { .. }), "{error:?}");
        assert_eq!(error.provider_message(), Some(message));
    }
}

#[test]
fn instance_names_that_are_not_dns_labels_are_refused() {
    for bad in ["evil.com/x", "a.b", "acme:8080", ""] {
        let error = Client::new(bad, Credentials::AccessToken("t".into())).expect_err(bad);
        assert!(
            matches!(error, Error::InvalidInput { field: Some(ref f), .. } if f == "instance"),
            "{error:?}"
        );
    }
    assert!(Client::new("acme", Credentials::AccessToken("t".into())).is_ok());
}

/// Counts bytes and remembers the largest single write; stores nothing.
#[derive(Default)]
struct Sink {
    total: u64,
    largest_write: usize,
}

impl AsyncWrite for Sink {
    fn poll_write(
        mut self: Pin<&mut Self>,
        _: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<std::io::Result<usize>> {
        self.total += buf.len() as u64;
        self.largest_write = self.largest_write.max(buf.len());
        Poll::Ready(Ok(buf.len()))
    }
    fn poll_flush(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Poll::Ready(Ok(()))
    }
    fn poll_shutdown(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Poll::Ready(Ok(()))
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_20_mb_recording_streams_in_bounded_pieces() {
    const SIZE: usize = 20 * 1024 * 1024;
    let server = MockServer::start_async().await;
    let mp3 = server
        .mock_async(|when, then| {
            when.method(GET)
                .path("/surveillance/recordings/fdf893f5-ff46-44a9-ac63-7491e7b09dce.mp3")
                .header("access_token", TOKEN);
            then.status(200)
                .header("content-type", "audio/mpeg")
                .body(vec![0x49_u8; SIZE]);
        })
        .await;
    let mut sink = Sink::default();
    let written = client(&server)
        .calls()
        .download_recording("fdf893f5-ff46-44a9-ac63-7491e7b09dce", &mut sink)
        .await
        .expect("downloaded");
    assert_eq!(written, SIZE as u64);
    assert_eq!(sink.total, SIZE as u64);
    assert!(
        sink.largest_write <= 1024 * 1024,
        "written in pieces, largest {}",
        sink.largest_write
    );
    mp3.assert_calls_async(1).await;
}

#[tokio::test]
async fn limits_and_bad_bodies_are_refused_before_sending() {
    let server = MockServer::start_async().await;
    let mock = server
        .mock_async(|_, then| {
            then.status(200).body(OK_EMPTY);
        })
        .await;
    let client = client(&server);
    let error = client
        .call_trackers()
        .list(&ListOptions::new().limit(51))
        .await
        .expect_err("limit 51");
    assert!(matches!(error, Error::InvalidInput { field: Some(ref f), .. } if f == "limit"));
    let streamed: Vec<_> = client
        .calls()
        .list_all(&ListOptions::new().limit(0), &CallFilter::new())
        .collect()
        .await;
    assert!(matches!(
        streamed.as_slice(),
        [Err(Error::InvalidInput { .. })]
    ));
    let error = client
        .call_trackers()
        .create(&CallTrackerInput::default())
        .await
        .expect_err("no name");
    assert!(matches!(error, Error::InvalidInput { field: Some(ref f), .. } if f == "name"));
    let bad_url = CallTrackerInput {
        name: Some("ct".into()),
        start_request_url: Some("ct.example.com/start".into()),
        ..CallTrackerInput::default()
    };
    let error = client
        .call_trackers()
        .create(&bad_url)
        .await
        .expect_err("bad URL");
    assert!(
        matches!(error, Error::InvalidInput { field: Some(ref f), .. } if f == "startRequestURL")
    );
    let error = client
        .agents()
        .create(&Record::new())
        .await
        .expect_err("empty body");
    assert!(matches!(error, Error::InvalidInput { .. }));
    mock.assert_calls_async(0).await;
}
