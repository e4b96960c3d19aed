//! What the transport reads into memory is bounded: an answer over
//! `ClientConfig::max_response_bytes` fails with a typed error, from its `Content-Length` or while
//! reading a body without one, and is not retried; downloads are streamed and not limited.

mod common;

use ccapi_transport::auth::NoAuth;
use ccapi_transport::{BareJson, Error, Operation, Transport};
use httpmock::prelude::*;
use serde_json::Value;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

fn limited(url: &str, limit: u64) -> Transport {
    let config = ccapi_transport::ClientConfig::new(url, "limits-tests/0")
        .expect("a URL")
        .max_response_bytes(limit);
    Transport::new(config, NoAuth, BareJson).expect("a transport")
}

#[tokio::test]
async fn an_answer_announced_over_the_limit_fails_typed_and_once() {
    let server = MockServer::start_async().await;
    let big = format!("[{}]", vec!["1"; 1500].join(","));
    let mock = server
        .mock_async(|when, then| {
            when.method(GET).path("/big");
            then.status(200).body(big.clone());
        })
        .await;
    let error = limited(&server.base_url(), 1024)
        .execute::<Value>(Operation::get("/big"))
        .await
        .expect_err("too large");
    match &error {
        Error::TooLarge {
            status,
            limit,
            announced,
        } => {
            assert_eq!((status.as_u16(), *limit), (200, 1024));
            assert_eq!(*announced, Some(big.len() as u64));
        }
        other => panic!("expected TooLarge, got {other:?}"),
    }
    let message = error.to_string();
    assert!(
        message.contains("1024-byte limit") && message.contains("ClientConfig::max_response_bytes"),
        "{message}"
    );
    assert!(!error.is_retryable());
    mock.assert_calls_async(1).await;

    // At the limit exactly, and under it, the answer is read.
    let exact: Value = limited(&server.base_url(), big.len() as u64)
        .execute(Operation::get("/big"))
        .await
        .expect("at the limit");
    assert_eq!(exact.as_array().map(Vec::len), Some(1500));
}

/// A server answering with a chunked body of `size` bytes, no `Content-Length`.
async fn chunked_server(size: usize) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("a port");
    let address = listener.local_addr().expect("an address");
    tokio::spawn(async move {
        while let Ok((mut stream, _)) = listener.accept().await {
            tokio::spawn(async move {
                let mut request = [0u8; 4096];
                let _ = stream.read(&mut request).await;
                let head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n";
                if stream.write_all(head.as_bytes()).await.is_err() {
                    return;
                }
                let mut sent = 0;
                // A JSON string of `size` bytes, in chunks of 512.
                let mut body = vec![b'x'; size];
                body[0] = b'"';
                body[size - 1] = b'"';
                while sent < size {
                    let chunk = &body[sent..(sent + 512).min(size)];
                    let frame = format!("{:x}\r\n", chunk.len());
                    if stream.write_all(frame.as_bytes()).await.is_err()
                        || stream.write_all(chunk).await.is_err()
                        || stream.write_all(b"\r\n").await.is_err()
                    {
                        return;
                    }
                    sent += chunk.len();
                }
                let _ = stream.write_all(b"0\r\n\r\n").await;
            });
        }
    });
    format!("http://{address}")
}

#[tokio::test]
async fn a_body_without_length_is_refused_once_it_passes_the_limit() {
    let url = chunked_server(8 * 1024).await;
    let error = limited(&url, 2048)
        .execute::<Value>(Operation::get("/stream"))
        .await
        .expect_err("too large");
    assert!(
        matches!(
            error,
            Error::TooLarge {
                limit: 2048,
                announced: None,
                ..
            }
        ),
        "{error:?}"
    );
    let whole: Value = limited(&url, 8 * 1024)
        .execute(Operation::get("/stream"))
        .await
        .expect("within the limit");
    assert_eq!(whole.as_str().map(str::len), Some(8 * 1024 - 2));
}

#[tokio::test]
async fn downloads_are_streamed_and_not_limited() {
    let url = chunked_server(16 * 1024).await;
    let mut sink = Vec::new();
    let written = limited(&url, 1024)
        .download(Operation::get("/recording.mp3"), &mut sink)
        .await
        .expect("streamed past the buffering limit");
    assert_eq!(written, 16 * 1024);
}

#[tokio::test]
async fn a_token_endpoint_answer_over_the_limit_is_refused_too() {
    let server = MockServer::start_async().await;
    server
        .mock_async(|when, then| {
            when.method(POST).path("/token");
            then.status(200)
                .body(format!(r#"{{"access_token": "{}"}}"#, "t".repeat(4096)));
        })
        .await;
    let session = ccapi_transport::auth::OAuth2::builder(
        server.url("/token").parse().expect("a URL"),
        ccapi_transport::auth::Grant::Password {
            username: "user".into(),
            password: "pw".into(),
        },
    )
    .client_id("id")
    .client_secret("secret".into())
    .build()
    .expect("a session");
    let config = ccapi_transport::ClientConfig::new(&server.base_url(), "limits-tests/0")
        .expect("a URL")
        .max_response_bytes(1024);
    let error = Transport::new(config, session, BareJson)
        .expect("a transport")
        .execute::<Value>(Operation::get("/items"))
        .await
        .expect_err("the token answer is too large");
    assert!(
        matches!(error, Error::TooLarge { limit: 1024, .. }),
        "{error:?}"
    );
}
