//! Hooks around every attempt: the headers they add reach the server (the configured origin
//! only), they never see the credentials, and every attempt's outcome is reported to them.

mod common;

use std::sync::{Arc, Mutex};

use ccapi_transport::auth::HeaderKeys;
use ccapi_transport::hook::{Answered, Hook, Outgoing};
use ccapi_transport::{BareJson, Operation, StatusCode, Transport};
use httpmock::prelude::*;
use serde_json::Value;

/// What a hook heard of one attempt: operation, attempt number, status.
type Heard = (String, u32, Option<u16>);

/// Adds a correlation id and records what it saw.
#[derive(Clone, Default)]
struct Recorder {
    seen_headers: Arc<Mutex<Vec<String>>>,
    answers: Arc<Mutex<Vec<Heard>>>,
}

impl Hook for Recorder {
    fn before_send(&self, request: &mut Outgoing<'_>) {
        let names = request.headers().keys().map(|name| name.to_string());
        self.seen_headers.lock().expect("lock").extend(names);
        assert!(request.insert_header("x-correlation-id", &format!("req-{}", request.attempt)));
        assert_eq!(request.provider, Some("testapi"));
    }

    fn after_response(&self, answer: &Answered<'_>) {
        self.answers.lock().expect("lock").push((
            answer.operation.to_owned(),
            answer.attempt,
            answer.status.map(|status| status.as_u16()),
        ));
    }
}

fn transport(server: &MockServer, hook: Recorder) -> Transport {
    let auth = HeaderKeys::new()
        .with("apiKey", "SECRET".into())
        .expect("a header name");
    Transport::new(
        common::config(server)
            .provider("testapi")
            .default_header("x-source", "tests")
            .expect("a header")
            .hook(hook),
        auth,
        BareJson,
    )
    .expect("a transport")
}

#[tokio::test]
async fn hook_headers_are_sent_per_attempt_and_every_answer_is_reported() {
    let server = MockServer::start_async().await;
    let unavailable = server
        .mock_async(|when, then| {
            when.method(GET)
                .path("/items")
                .header("x-correlation-id", "req-1")
                .header("apiKey", "SECRET");
            then.status(503);
        })
        .await;
    let served = server
        .mock_async(|when, then| {
            when.method(GET)
                .path("/items")
                .header("x-correlation-id", "req-2")
                .header("x-source", "tests")
                .header("apiKey", "SECRET");
            then.status(200).body("[]");
        })
        .await;
    let recorder = Recorder::default();
    let _: Value = transport(&server, recorder.clone())
        .execute(Operation::get("/items").id("items.list"))
        .await
        .expect("served on the second attempt");
    unavailable.assert_calls_async(1).await;
    served.assert_calls_async(1).await;
    assert_eq!(
        *recorder.answers.lock().expect("lock"),
        [
            ("items.list".to_owned(), 1, Some(503)),
            ("items.list".to_owned(), 2, Some(200)),
        ]
    );
    let seen = recorder.seen_headers.lock().expect("lock").clone();
    assert!(seen.contains(&"x-source".to_owned()), "{seen:?}");
    assert!(
        !seen.iter().any(|name| name.eq_ignore_ascii_case("apikey")),
        "credentials are never shown to hooks: {seen:?}"
    );
}

#[tokio::test]
async fn hook_headers_stay_on_the_configured_origin_and_failures_are_reported() {
    let elsewhere = MockServer::start_async().await;
    let leaked = elsewhere
        .mock_async(|when, then| {
            when.header_exists("x-correlation-id");
            then.status(200).body("{}");
        })
        .await;
    let landed = elsewhere
        .mock_async(|when, then| {
            when.method(GET).path("/landing");
            then.status(200).body("{}");
        })
        .await;
    let server = MockServer::start_async().await;
    server
        .mock_async(|when, then| {
            when.method(GET).path("/moved");
            then.status(302)
                .header("location", elsewhere.url("/landing"));
        })
        .await;
    let recorder = Recorder::default();
    let _: Value = transport(&server, recorder.clone())
        .execute(Operation::get("/moved"))
        .await
        .expect("followed");
    leaked.assert_calls_async(0).await;
    landed.assert_calls_async(1).await;
    assert_eq!(
        recorder.answers.lock().expect("lock")[0],
        ("GET /moved".to_owned(), 1, Some(200)),
        "an operation without an id is named by its method and template"
    );

    // No response at all: reported with no status.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").expect("a port");
    let url = format!("http://{}", closed.local_addr().expect("an address"));
    drop(closed);
    let recorder = Recorder::default();
    let failing = Transport::new(
        ccapi_transport::ClientConfig::new(&url, "tests/0")
            .expect("a URL")
            .retry(ccapi_transport::RetryPolicy::disabled())
            .provider("testapi")
            .hook(recorder.clone()),
        HeaderKeys::new(),
        BareJson,
    )
    .expect("a transport");
    let error = failing
        .execute::<Value>(Operation::get("/x"))
        .await
        .expect_err("nothing listens");
    assert_eq!(error.status(), None::<StatusCode>);
    assert_eq!(
        *recorder.answers.lock().expect("lock"),
        [("GET /x".to_owned(), 1, None)]
    );
}
