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
