//! The limits that keep a long-running sandbox bounded: records per resource, form fields, the
//! body's minimum rate. Each refusal is in the provider's own error shape.

use std::time::Duration;

use ccapi_sandbox::{credentials, Options, Sandbox};
use serde_json::{json, Value};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

fn agendize(http: &reqwest::Client, sandbox: &Sandbox, path: &str) -> reqwest::RequestBuilder {
    http.post(format!("{}{path}", sandbox.agendize_url()))
        .header("apiKey", credentials::AGENDIZE_API_KEY)
        .header("token", credentials::AGENDIZE_TOKEN)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_full_resource_refuses_creates_in_the_providers_shape_and_names_the_limit() {
    let sandbox = Sandbox::start_with(Options {
        max_records: 3,
        ..Options::default()
    })
    .await
    .expect("a sandbox");
    let http = reqwest::Client::new();
    let mut statuses = Vec::new();
    // Two accounts are seeded: one more fits.
    for n in 0..2 {
        let answer = agendize(&http, &sandbox, "/resellers/accounts")
            .json(&json!({"email": format!("new-{n}@example.com"), "profile": {"id": "pro"}}))
            .send()
            .await
            .expect("an answer");
        statuses.push(answer.status().as_u16());
        if n == 1 {
            let body: Value = answer.json().await.expect("JSON");
            assert_eq!(body["error"]["code"], 409, "{body}");
            let message = body["error"]["message"].as_str().unwrap_or_default();
            assert!(
                message.contains("at most 3 records") && message.contains("max_records"),
                "{message}"
            );
        }
    }
    assert_eq!(statuses, [200, 409]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_form_with_too_many_fields_is_refused_before_it_is_parsed() {
    let sandbox = Sandbox::start_with(Options {
        max_form_fields: 10,
        ..Options::default()
    })
    .await
    .expect("a sandbox");
    let http = reqwest::Client::new();
    let form = |fields: usize| {
        (0..fields)
            .map(|n| format!("f{n}=x"))
            .collect::<Vec<_>>()
            .join("&")
    };
    let post = |body: String| {
        http.post(format!("{}/group", sandbox.iadvize_url()))
            .header("X-API-Key", credentials::IADVIZE_API_KEY)
            .header("content-type", "application/x-www-form-urlencoded")
            .body(body)
            .send()
    };
    let refused = post(form(11)).await.expect("an answer");
    assert_eq!(refused.status().as_u16(), 413);
    let body: Value = refused.json().await.expect("JSON");
    assert_eq!(
        body,
        json!({"meta": {"status": "fail", "message": "the form has more than 10 fields"}})
    );
    let allowed = post(form(10)).await.expect("an answer");
    assert_ne!(allowed.status().as_u16(), 413);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_trickled_body_is_refused_and_its_connection_freed() {
    let sandbox = Sandbox::start().await.expect("a sandbox");
    let mut trickler = tokio::net::TcpStream::connect(sandbox.address())
        .await
        .expect("connects");
    let head = format!(
        "POST /iadvize/api/2/group HTTP/1.1\r\nhost: sandbox\r\nx-api-key: {}\r\n\
         content-type: application/x-www-form-urlencoded\r\ncontent-length: 100\r\n\r\nn",
        credentials::IADVIZE_API_KEY
    );
    trickler.write_all(head.as_bytes()).await.expect("sent");
    // One more byte now and then: each resets an idle timer, none keeps up the minimum rate.
    let answer = tokio::time::timeout(Duration::from_secs(20), async {
        let mut answer = Vec::new();
        let mut buffer = [0u8; 1024];
        loop {
            tokio::select! {
                read = trickler.read(&mut buffer) => match read {
                    Ok(0) | Err(_) => return answer,
                    Ok(n) => answer.extend_from_slice(&buffer[..n]),
                },
                () = tokio::time::sleep(Duration::from_millis(200)) => {
                    let _ = trickler.write_all(b"a").await;
                }
            }
        }
    })
    .await
    .expect("the sandbox ends the trickle");
    let text = String::from_utf8_lossy(&answer);
    assert!(text.starts_with("HTTP/1.1 408"), "{text}");
    assert!(text.contains(r#""status":"fail""#), "{text}");
}
