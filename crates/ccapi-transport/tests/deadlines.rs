//! Deadlines against scripted hostile servers on 127.0.0.1: a token endpoint that hangs or
//! fails, a download that trickles, an answer that never completes, a long `Retry-After`, a
//! server that does not speak TLS. Each case is one the audit of issue 30 measured failing.
//!
//! The bounds are the deadline plus 10 %: what a caller setting `total_timeout` relies on.

mod common;

use std::time::Duration;

use ccapi_transport::auth::{Grant, OAuth2};
use ccapi_transport::{
    BareJson, ClientConfig, Error, Operation, RetryPolicy, StatusCode, Transport,
    TransportErrorKind,
};
use common::hostile::{answer, hang, Hostile};
use serde_json::Value;
use tokio::io::AsyncWriteExt;
use tokio::time::Instant;
use url::Url;

fn config(base: &str, attempt: Duration, total: Duration) -> ClientConfig {
    ClientConfig::new(base, "ccapi-deadline-tests/0")
        .expect("a base URL")
        .attempt_timeout(attempt)
        .total_timeout(total)
        .retry(RetryPolicy {
            initial_backoff: Duration::from_millis(10),
            jitter: false,
            ..RetryPolicy::default()
        })
}

fn oauth(token_base: &str) -> OAuth2 {
    OAuth2::builder(
        Url::parse(&format!("{token_base}/token")).expect("a URL"),
        Grant::Password {
            username: "agent".into(),
            password: "canary-password".into(),
        },
    )
    .client_id("cid")
    .build()
    .expect("an OAuth2 scheme")
}

/// `limit` plus 10 %.
fn within(limit: Duration) -> Duration {
    limit + limit / 10
}

/// That a call took its deadline, within 10 % either way.
fn assert_ended_at(elapsed: Duration, deadline: Duration) {
    assert!(
        elapsed >= deadline - deadline / 10 && elapsed <= within(deadline),
        "{elapsed:?} for a {deadline:?} deadline"
    );
}

/// A transport without credentials at `base`, with these limits.
fn plain(base: &str, attempt: Duration, total: Duration) -> Transport {
    Transport::new(
        config(base, attempt, total),
        ccapi_transport::auth::NoAuth,
        BareJson,
    )
    .expect("a transport")
}

#[tokio::test]
async fn a_hanging_token_endpoint_fails_every_waiter_of_the_round_at_once() {
    let token = Hostile::start(|stream, _| hang(stream)).await;
    let api = Hostile::start(|stream, _| answer(stream, "200 OK", "", "{}")).await;
    let transport = Transport::new(
        config(&api.base, Duration::from_secs(1), Duration::from_secs(3)),
        oauth(&token.base),
        BareJson,
    )
    .expect("a transport");
    let started = Instant::now();
    let calls = (0..12).map(|_| {
        let transport = transport.clone();
        tokio::spawn(async move {
            let result = transport.execute::<Value>(Operation::get("/x")).await;
            (result, started.elapsed())
        })
    });
    for call in futures::future::join_all(calls).await {
        let (result, elapsed) = call.expect("the call task");
        let error = result.expect_err("no token, no call");
        assert!(error.is_timeout(), "{error}");
        assert!(
            error.to_string().contains("ClientConfig::attempt_timeout"),
            "{error}"
        );
        // One renewal timed out after the 1 s attempt timeout and its waiters got its error
        // (one token request, below): well within the 3 s deadline, not one timeout each.
        assert!(elapsed <= within(Duration::from_secs(3)), "{elapsed:?}");
    }
    assert_eq!(token.requests(), 1, "one token request for the round");
    assert_eq!(api.requests(), 0);
}

#[tokio::test]
async fn the_total_deadline_bounds_waiting_for_credentials() {
    let token = Hostile::start(|stream, _| hang(stream)).await;
    let total = Duration::from_secs(2);
    let transport = Transport::new(
        config("http://127.0.0.1:9", Duration::from_secs(20), total),
        oauth(&token.base),
        BareJson,
    )
    .expect("a transport");
    let started = Instant::now();
    let error = transport
        .execute::<Value>(Operation::get("/x"))
        .await
        .expect_err("the token endpoint never answers");
    assert_ended_at(started.elapsed(), total);
    assert!(error.is_timeout());
    assert_eq!(
        error.to_string(),
        "transport error (timeout) after 0 attempt(s): the call did not finish within 2 s \
         (the total deadline, ClientConfig::total_timeout), waiting for credentials"
    );
}

#[tokio::test]
async fn a_failing_token_endpoint_gets_one_request_for_a_hundred_waiters() {
    let token = Hostile::start(|stream, _| {
        answer(
            stream,
            "503 Service Unavailable",
            "",
            r#"{"error":"temporarily_unavailable"}"#,
        )
    })
    .await;
    let api = Hostile::start(|stream, _| answer(stream, "200 OK", "", "{}")).await;
    let transport = Transport::new(
        config(&api.base, Duration::from_secs(5), Duration::from_secs(10)),
        oauth(&token.base),
        BareJson,
    )
    .expect("a transport");
    let calls = (0..100).map(|_| {
        let transport = transport.clone();
        tokio::spawn(async move { transport.execute::<Value>(Operation::get("/x")).await })
    });
    for call in futures::future::join_all(calls).await {
        let error = call.expect("the call task").expect_err("no token");
        assert!(error.is_unauthorized(), "{error}");
        assert_eq!(error.status(), Some(StatusCode::SERVICE_UNAVAILABLE));
    }
    assert_eq!(token.requests(), 1, "one token request for the round");

    // During the backoff a new call gets the same error without a request ...
    let error = transport
        .execute::<Value>(Operation::get("/x"))
        .await
        .expect_err("still backing off");
    assert_eq!(error.status(), Some(StatusCode::SERVICE_UNAVAILABLE));
    assert_eq!(token.requests(), 1);
    // ... and after it, the next round asks again.
    tokio::time::sleep(Duration::from_millis(600)).await;
    let _ = transport.execute::<Value>(Operation::get("/x")).await;
    assert_eq!(token.requests(), 2);
    assert_eq!(api.requests(), 0);
}

#[tokio::test]
async fn a_trickling_download_ends_at_the_total_deadline() {
    // One byte every 200 ms for 8 s.
    let server = Hostile::start(|mut stream, _| async move {
        let head = "HTTP/1.1 200 OK\r\nContent-Type: audio/mpeg\r\nContent-Length: 40\r\n\r\n";
        if stream.write_all(head.as_bytes()).await.is_err() {
            return;
        }
        for _ in 0..40 {
            tokio::time::sleep(Duration::from_millis(200)).await;
            if stream.write_all(b"x").await.is_err() {
                return;
            }
        }
    })
    .await;
    let total = Duration::from_secs(2);
    let transport = plain(&server.base, Duration::from_secs(1), total);
    let started = Instant::now();
    let mut sink = Vec::new();
    let error = transport
        .download(Operation::get("/recording.mp3"), &mut sink)
        .await
        .expect_err("8 s of body against a 2 s deadline");
    assert_ended_at(started.elapsed(), total);
    assert!(error.is_timeout());
    let message = error.to_string();
    assert!(
        message.contains("within 2 s (the total deadline, ClientConfig::total_timeout), after"),
        "{message}"
    );
    assert!(!sink.is_empty() && sink.len() < 40, "{} bytes", sink.len());
}

#[tokio::test]
async fn a_slow_answer_ends_at_the_total_deadline_across_retries() {
    // Headers a byte at a time, every 100 ms: each attempt would take seconds.
    let server = Hostile::start(|mut stream, _| async move {
        for byte in b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}" {
            tokio::time::sleep(Duration::from_millis(100)).await;
            if stream.write_all(&[*byte]).await.is_err() {
                return;
            }
        }
    })
    .await;
    let total = Duration::from_secs(2);
    let transport = plain(&server.base, Duration::from_millis(1500), total);
    let started = Instant::now();
    let error = transport
        .execute::<Value>(Operation::get("/slow"))
        .await
        .expect_err("slower than the deadline");
    assert_ended_at(started.elapsed(), total);
    assert!(error.is_timeout());
    // The first attempt hit the 1.5 s attempt timeout; the second, the deadline.
    assert_eq!(
        error.to_string(),
        "transport error (timeout) after 2 attempt(s): the call did not finish within 2 s (the \
         total deadline, ClientConfig::total_timeout), waiting for the answer"
    );
    assert_eq!(server.requests(), 2);
}

#[tokio::test]
async fn a_retry_after_past_the_deadline_ends_the_call_naming_the_wait() {
    let server = Hostile::start(|stream, _| {
        answer(
            stream,
            "503 Service Unavailable",
            "Retry-After: 60\r\n",
            r#"{"message":"busy"}"#,
        )
    })
    .await;
    let transport = plain(&server.base, Duration::from_secs(1), Duration::from_secs(3));
    let started = Instant::now();
    let error = transport
        .execute::<Value>(Operation::get("/busy"))
        .await
        .expect_err("503");
    assert!(started.elapsed() < Duration::from_secs(1));
    match &error {
        Error::Http {
            status,
            retry_after,
            ..
        } => {
            assert_eq!(*status, StatusCode::SERVICE_UNAVAILABLE);
            assert_eq!(*retry_after, Some(Duration::from_secs(60)));
        }
        other => panic!("expected Error::Http, got {other:?}"),
    }
    assert_eq!(
        error.to_string(),
        "HTTP 503 Service Unavailable: busy (the provider asked to retry after 60 s)"
    );
    assert_eq!(server.requests(), 1);
}

#[tokio::test]
async fn a_failed_tls_handshake_is_not_retried() {
    // A server that answers plain HTTP where TLS was expected.
    let server = Hostile::start(|stream, _| answer(stream, "400 Bad Request", "", "{}")).await;
    let base = server.base.replace("http://", "https://");
    let transport = plain(&base, Duration::from_secs(5), Duration::from_secs(10));
    let error = transport
        .execute::<Value>(Operation::get("/x"))
        .await
        .expect_err("no TLS");
    match &error {
        Error::Transport { kind, attempts, .. } => {
            assert_eq!(*kind, TransportErrorKind::Tls, "{error}");
            assert_eq!(*attempts, 1);
        }
        other => panic!("expected Error::Transport, got {other:?}"),
    }
    assert!(!error.is_retryable());
    assert_eq!(server.requests(), 1);
}

#[tokio::test]
async fn a_reset_connection_says_so_and_is_retried_for_a_get() {
    let server = Hostile::start(|stream, _| async move {
        // SO_LINGER 0: closing sends a reset, as a crashed peer or a middlebox does (the
        // deprecation is about blocking on drop, which a zero linger does not).
        #[allow(deprecated)]
        let _ = stream.set_linger(Some(Duration::ZERO));
        drop(stream)
    })
    .await;
    let transport = Transport::new(
        config(
            &server.base,
            Duration::from_secs(5),
            Duration::from_secs(10),
        ),
        ccapi_transport::auth::NoAuth,
        BareJson,
    )
    .expect("a transport");
    let error = transport
        .execute::<Value>(Operation::get("/x"))
        .await
        .expect_err("reset");
    let message = error.to_string();
    assert!(
        message.starts_with("transport error (io) after 3 attempt(s): ")
            && message.contains("Connection reset by peer"),
        "{message}"
    );
    assert!(error.is_retryable());
    assert_eq!(server.requests(), 3);
}

#[tokio::test]
async fn a_renewal_cut_by_its_callers_deadline_ends_the_round_for_the_others() {
    let token = Hostile::start(|stream, _| hang(stream)).await;
    let transport = Transport::new(
        config(
            "http://127.0.0.1:9",
            Duration::from_secs(20),
            Duration::from_secs(1),
        ),
        oauth(&token.base),
        BareJson,
    )
    .expect("a transport");
    let first = transport
        .execute::<Value>(Operation::get("/x"))
        .await
        .expect_err("the deadline cuts the renewal");
    assert!(
        first.to_string().contains("waiting for credentials"),
        "{first}"
    );
    // The next call does not start a round of its own at once: it gets the abandoned one's
    // error, in the backoff.
    let second = transport
        .execute::<Value>(Operation::get("/x"))
        .await
        .expect_err("backing off");
    assert!(
        second
            .to_string()
            .contains("the credential renewal was abandoned"),
        "{second}"
    );
    assert_eq!(token.requests(), 1);
}

#[tokio::test]
async fn a_download_refused_with_a_body_that_never_comes_ends_at_the_attempt_limit() {
    let server = Hostile::start(|mut stream, _| async move {
        let head = "HTTP/1.1 500 Internal Server Error\r\nContent-Type: text/plain\r\nContent-Length: 100\r\n\r\nbroken";
        let _ = stream.write_all(head.as_bytes()).await;
        tokio::time::sleep(Duration::from_secs(60)).await;
    })
    .await;
    let attempt = Duration::from_secs(1);
    let transport = plain(&server.base, attempt, Duration::from_secs(10));
    let started = Instant::now();
    let mut sink = Vec::new();
    let error = transport
        .download(Operation::get("/recording.mp3"), &mut sink)
        .await
        .expect_err("500");
    assert!(
        started.elapsed() <= within(attempt),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(error.status(), Some(StatusCode::INTERNAL_SERVER_ERROR));
    assert_eq!(
        error.body().map(|body| body.text().into_owned()).as_deref(),
        Some("broken")
    );
    assert!(sink.is_empty());
}
