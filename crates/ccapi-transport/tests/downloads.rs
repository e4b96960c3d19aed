//! Streamed downloads write every byte without buffering the body, and a JSON refusal is an
//! error rather than the file.

mod common;

use ccapi_transport::auth::HeaderKeys;
use ccapi_transport::{Error, Operation};
use common::transport;
use httpmock::MockServer;

#[tokio::test]
async fn a_download_streams_every_byte_to_the_writer_and_to_a_file() {
    let server = MockServer::start_async().await;
    let audio: Vec<u8> = (0..3_000_000u32).map(|i| (i % 251) as u8).collect();
    let mock = server
        .mock_async(|when, then| {
            when.method("GET")
                .path("/surveillance/recordings/abc-1.mp3")
                .header("access_token", "tok");
            then.status(200)
                .header("content-type", "audio/mpeg")
                .body(audio.clone());
        })
        .await;
    let auth = HeaderKeys::new()
        .with("access_token", "tok".into())
        .expect("valid");
    let client = transport(&server, auth);
    let op =
        || Operation::get("/surveillance/recordings/{callID}.mp3").path_param("callID", "abc-1");
    let mut sink = Vec::new();
    let written = client.download(op(), &mut sink).await.expect("downloaded");
    assert_eq!(written, audio.len() as u64);
    assert_eq!(sink, audio);

    let dir = std::env::temp_dir().join(format!("ccapi-dl-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join("call.mp3");
    let written = client
        .download_to_file(op(), &path)
        .await
        .expect("downloaded");
    assert_eq!(written, audio.len() as u64);
    assert_eq!(std::fs::read(&path).expect("file"), audio);
    std::fs::remove_dir_all(&dir).expect("cleaned");
    mock.assert_calls_async(2).await;
}

#[tokio::test]
async fn a_failed_download_leaves_no_file() {
    let server = MockServer::start_async().await;
    server
        .mock_async(|when, then| {
            when.method("GET").path("/missing.mp3");
            then.status(404).body(r#"{"message":"no recording"}"#);
        })
        .await;
    let dir = std::env::temp_dir().join(format!("ccapi-dl-missing-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join("call.mp3");
    let err = transport(&server, ccapi_transport::auth::NoAuth)
        .download_to_file(Operation::get("/missing.mp3"), &path)
        .await
        .expect_err("404");
    assert!(err.is_not_found());
    assert_eq!(err.provider_message(), Some("no recording"));
    assert!(!path.exists());
    std::fs::remove_dir_all(&dir).expect("cleaned");
}

#[tokio::test]
async fn a_json_refusal_instead_of_the_file_is_an_error() {
    let server = MockServer::start_async().await;
    server
        .mock_async(|when, then| {
            when.method("GET").path("/r.mp3");
            then.status(200)
                .header("content-type", "application/json")
                .body(r#"{"result":false,"message":"Recording not found"}"#);
        })
        .await;
    let client = common::transport_with(
        &server,
        ccapi_transport::auth::NoAuth,
        common::ResultEnvelope,
    );
    let mut sink = Vec::new();
    let err = client
        .download(Operation::get("/r.mp3"), &mut sink)
        .await
        .expect_err("refused");
    assert!(
        matches!(&err, Error::Provider { message, .. } if message == "Recording not found"),
        "{err:?}"
    );
    assert!(sink.is_empty());
}

/// A writer that refuses every write, as a full disk would.
struct FullDisk;

impl tokio::io::AsyncWrite for FullDisk {
    fn poll_write(
        self: std::pin::Pin<&mut Self>,
        _: &mut std::task::Context<'_>,
        _: &[u8],
    ) -> std::task::Poll<std::io::Result<usize>> {
        std::task::Poll::Ready(Err(std::io::Error::new(
            std::io::ErrorKind::StorageFull,
            "no space left on device",
        )))
    }

    fn poll_flush(
        self: std::pin::Pin<&mut Self>,
        _: &mut std::task::Context<'_>,
    ) -> std::task::Poll<std::io::Result<()>> {
        std::task::Poll::Ready(Ok(()))
    }

    fn poll_shutdown(
        self: std::pin::Pin<&mut Self>,
        _: &mut std::task::Context<'_>,
    ) -> std::task::Poll<std::io::Result<()>> {
        std::task::Poll::Ready(Ok(()))
    }
}

#[tokio::test]
async fn a_local_write_failure_is_its_own_kind_and_never_retryable() {
    let server = MockServer::start_async().await;
    let mock = server
        .mock_async(|when, then| {
            when.method("GET").path("/r.mp3");
            then.status(200)
                .header("content-type", "audio/mpeg")
                .body(vec![7u8; 4096]);
        })
        .await;
    let client = transport(&server, ccapi_transport::auth::NoAuth);
    let err = client
        .download(Operation::get("/r.mp3"), &mut FullDisk)
        .await
        .expect_err("the disk is full");
    assert!(
        matches!(&err, Error::LocalIo { context: "writing the download", source }
            if source.kind() == std::io::ErrorKind::StorageFull),
        "{err:?}"
    );
    assert!(!err.is_retryable());
    assert_eq!(err.status(), None);
    assert_eq!(
        err.to_string(),
        "writing the download failed: no space left on device"
    );
    assert!(std::error::Error::source(&err).is_some());
    mock.assert_calls_async(1).await;

    // A file that cannot be created: the same kind, and nothing is requested.
    let missing_dir = std::env::temp_dir()
        .join(format!("ccapi-dl-nodir-{}", std::process::id()))
        .join("call.mp3");
    let err = client
        .download_to_file(Operation::get("/r.mp3"), &missing_dir)
        .await
        .expect_err("no such directory");
    assert!(matches!(&err, Error::LocalIo { .. }), "{err:?}");
    assert!(!err.is_retryable());
    mock.assert_calls_async(1).await;
}
