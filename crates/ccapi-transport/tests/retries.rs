//! Retries happen the right number of times, respect `Retry-After`, and never resend a POST
//! that may have reached the server. Timeouts are reported as timeouts.

mod common;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use ccapi_transport::auth::NoAuth;
use ccapi_transport::{
    BareJson, ClientConfig, Error, Operation, RetryPolicy, StatusCode, Transport,
    TransportErrorKind,
};
use common::{config, transport};
use httpmock::{HttpMockResponse, MockServer};
use serde_json::{json, Value};

/// Answers `failures` times with `status` (and `extra` headers), then 200.
fn flaky(
    failures: usize,
    status: u16,
    extra: &'static [(&'static str, &'static str)],
) -> (
    Arc<AtomicUsize>,
    impl Fn(&httpmock::HttpMockRequest) -> HttpMockResponse,
) {
    let calls = Arc::new(AtomicUsize::new(0));
    let seen = calls.clone();
    let responder = move |_: &httpmock::HttpMockRequest| {
        let call = seen.fetch_add(1, Ordering::SeqCst);
        if call < failures {
            let mut response = HttpMockResponse::builder().status(status);
            for (name, value) in extra {
                response = response.header(*name, *value);
            }
            response.body(r#"{"message":"busy"}"#).build()
        } else {
            HttpMockResponse::builder()
                .status(200)
                .body(r#"{"ok":true}"#)
                .build()
        }
    };
    (calls, responder)
}

#[tokio::test]
async fn transient_statuses_are_retried_until_success() {
    for status in [429, 502, 503, 504] {
        let server = MockServer::start_async().await;
        let (calls, responder) = flaky(2, status, &[]);
        server
            .mock_async(|when, then| {
                when.method("GET").path("/x");
                then.respond_with(responder);
            })
            .await;
        let value: Value = transport(&server, NoAuth)
            .execute(Operation::get("/x"))
            .await
            .expect("third attempt succeeds");
        assert_eq!(value, json!({"ok": true}));
        assert_eq!(calls.load(Ordering::SeqCst), 3, "status {status}");
    }
}

#[tokio::test]
async fn three_attempts_then_the_last_error() {
    let server = MockServer::start_async().await;
    let mock = server
        .mock_async(|when, then| {
            when.method("GET").path("/x");
            then.status(503)
                .json_body(json!({"message": "maintenance"}));
        })
        .await;
    let err = transport(&server, NoAuth)
        .execute::<Value>(Operation::get("/x"))
        .await
        .expect_err("always 503");
    assert_eq!(err.status(), Some(StatusCode::SERVICE_UNAVAILABLE));
    assert_eq!(err.provider_message(), Some("maintenance"));
    assert!(err.is_retryable());
    assert_eq!(err.attempts(), Some(3), "the error says how many were made");
    mock.assert_calls_async(3).await;
}

#[tokio::test]
async fn a_post_is_not_retried_after_a_503() {
    let server = MockServer::start_async().await;
    let mock = server
        .mock_async(|when, then| {
            when.method("POST").path("/calls");
            then.status(503);
        })
        .await;
    let err = transport(&server, NoAuth)
        .execute::<Value>(Operation::post("/calls").json(&json!({"type": "click2dial"})))
        .await
        .expect_err("503");
    assert_eq!(err.status(), Some(StatusCode::SERVICE_UNAVAILABLE));
    assert_eq!(err.attempts(), Some(1));
    mock.assert_calls_async(1).await;
}

#[tokio::test]
async fn retry_after_seconds_is_waited() {
    let server = MockServer::start_async().await;
    let (calls, responder) = flaky(1, 429, &[("Retry-After", "1")]);
    server
        .mock_async(|when, then| {
            when.method("GET").path("/x");
            then.respond_with(responder);
        })
        .await;
    let started = Instant::now();
    transport(&server, NoAuth)
        .execute::<Value>(Operation::get("/x"))
        .await
        .expect("second attempt");
    // A lower bound only: the client must not retry before the server said it may.
    assert!(started.elapsed() >= Duration::from_secs(1));
    assert_eq!(calls.load(Ordering::SeqCst), 2);
}

#[tokio::test]
async fn retry_after_beyond_the_cap_stops_and_is_reported() {
    let server = MockServer::start_async().await;
    let mock = server
        .mock_async(|when, then| {
            when.method("GET").path("/x");
            then.status(429).header("Retry-After", "3600");
        })
        .await;
    let err = transport(&server, NoAuth)
        .execute::<Value>(Operation::get("/x"))
        .await
        .expect_err("429");
    match err {
        Error::Http {
            status,
            retry_after,
            ..
        } => {
            assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
            assert_eq!(retry_after, Some(Duration::from_secs(3600)));
        }
        other => panic!("expected HTTP 429, got {other:?}"),
    }
    mock.assert_calls_async(1).await;
}

#[tokio::test]
async fn retries_are_off_with_one_setting() {
    let server = MockServer::start_async().await;
    let mock = server
        .mock_async(|when, then| {
            when.method("GET").path("/x");
            then.status(503);
        })
        .await;
    let client = Transport::new(
        config(&server).retry(RetryPolicy::disabled()),
        NoAuth,
        BareJson,
    )
    .expect("valid");
    client
        .execute::<Value>(Operation::get("/x"))
        .await
        .expect_err("503");
    mock.assert_calls_async(1).await;
}

#[tokio::test]
async fn a_slow_answer_is_reported_as_a_timeout() {
    let server = MockServer::start_async().await;
    let mock = server
        .mock_async(|when, then| {
            when.method("GET").path("/slow");
            then.status(200).delay(Duration::from_secs(2)).body("{}");
        })
        .await;
    let client = Transport::new(
        config(&server)
            .attempt_timeout(Duration::from_millis(200))
            .retry(RetryPolicy {
                max_attempts: 2,
                initial_backoff: Duration::from_millis(1),
                jitter: false,
                ..RetryPolicy::default()
            }),
        NoAuth,
        BareJson,
    )
    .expect("valid");
    let err = client
        .execute::<Value>(Operation::get("/slow"))
        .await
        .expect_err("times out");
    assert!(err.is_timeout(), "{err:?}");
    assert!(
        matches!(err, Error::Transport { attempts: 2, .. }),
        "{err:?}"
    );
    mock.assert_calls_async(2).await;
}

#[tokio::test]
async fn the_total_timeout_bounds_retries_and_waits() {
    let server = MockServer::start_async().await;
    let mock = server
        .mock_async(|when, then| {
            when.method("GET").path("/slow");
            then.status(200).delay(Duration::from_secs(2)).body("{}");
        })
        .await;
    let client = Transport::new(
        config(&server)
            .attempt_timeout(Duration::from_secs(5))
            .total_timeout(Duration::from_millis(300)),
        NoAuth,
        BareJson,
    )
    .expect("valid");
    let err = client
        .execute::<Value>(Operation::get("/slow"))
        .await
        .expect_err("times out");
    assert!(err.is_timeout(), "{err:?}");
    mock.assert_calls_async(1).await;
}

#[tokio::test]
async fn connect_failures_are_retried_even_for_posts_and_typed() {
    // Nothing listens on this port once the listener is dropped.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port();
    let config = ClientConfig::new(&format!("http://127.0.0.1:{port}"), "t/0")
        .expect("valid")
        .retry(RetryPolicy {
            initial_backoff: Duration::from_millis(1),
            jitter: false,
            ..RetryPolicy::default()
        });
    let client = Transport::new(config, NoAuth, BareJson).expect("valid");
    let err = client
        .execute::<Value>(Operation::post("/calls"))
        .await
        .expect_err("refused");
    match err {
        Error::Transport { kind, attempts, .. } => {
            assert_eq!(kind, TransportErrorKind::Connect);
            assert_eq!(attempts, 3);
        }
        other => panic!("expected a connect error, got {other:?}"),
    }
}
