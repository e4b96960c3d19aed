//! A tour of the transport against a local server: no network, no account.
//!
//! ```sh
//! cargo run -p ccapi-transport --example local_tour
//! ```
//!
//! It starts a local mock of a cc-voice-like API, then: obtains an OAuth2 token with the
//! password grant, streams a paged call list lazily, survives a 503 with a retry, and shows the
//! typed errors a caller gets for bad input, a missing resource and a malformed answer.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use ccapi_transport::auth::{Grant, OAuth2};
use ccapi_transport::decode::{LenientString, Timestamp};
use ccapi_transport::paginate::{numbered_next, Page, PageCursor};
use ccapi_transport::{BareJson, ClientConfig, Error, Operation, Query, RetryPolicy, Transport};
use futures::TryStreamExt;
use httpmock::{HttpMockResponse, MockServer};
use serde::Deserialize;
use serde_json::json;

#[derive(Debug, Deserialize)]
struct Call {
    id: LenientString,
    status: String,
    start_time: Timestamp,
}

#[derive(Debug, Deserialize)]
struct CallPage {
    current_page: ccapi_transport::decode::Lenient<u64>,
    pages: ccapi_transport::decode::Lenient<u64>,
    items: Vec<Call>,
}

fn start_local_api() -> MockServer {
    let server = MockServer::start();
    server.mock(|when, then| {
        when.method("POST")
            .path("/token")
            .body_includes("grant_type=password");
        then.status(200).json_body(
            json!({"access_token": "local-token", "refresh_token": "r1", "expires_in": 86400}),
        );
    });
    for page in 1..=3u64 {
        // The live API sends numbers as strings in some answers: both decode alike.
        let items: Vec<_> = (0..2)
            .map(|i| {
                let n = (page - 1) * 2 + i;
                if n % 2 == 0 {
                    json!({"id": n, "status": "on-call", "start_time": 1_700_000_000 + n})
                } else {
                    json!({"id": n.to_string(), "status": "ringing", "start_time": (1_700_000_000 + n).to_string()})
                }
            })
            .collect();
        server.mock(move |when, then| {
            when.method("GET")
                .path("/cc/accounts/200123/calls")
                .query_param("page", page.to_string())
                .header("authorization", "Bearer local-token");
            then.status(200)
                .header("content-type", "text/plain")
                .json_body(json!({"current_page": page, "pages": "3", "items": items}));
        });
    }
    let calls = Arc::new(AtomicUsize::new(0));
    server.mock(move |when, then| {
        when.method("GET").path("/cc/accounts/200123/calls/flaky");
        then.respond_with(move |_| {
            if calls.fetch_add(1, Ordering::SeqCst) == 0 {
                HttpMockResponse::builder().status(503).build()
            } else {
                HttpMockResponse::builder()
                    .status(200)
                    .body(r#"{"id":"flaky","status":"busy","start_time":1700000000}"#)
                    .build()
            }
        });
    });
    server.mock(|when, then| {
        when.method("GET").path("/cc/accounts/200123/calls/missing");
        then.status(404)
            .json_body(json!({"code": 404, "message": "Call not found"}));
    });
    server.mock(|when, then| {
        when.method("GET").path("/cc/accounts/200123/calls/garbled");
        then.status(200)
            .body(r#"{"id":{"not":"an id"},"status":"busy","start_time":1700000000}"#);
    });
    server
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let server = start_local_api();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async {
        let config = ClientConfig::new(&server.base_url(), "local-tour/0.1")?.retry(RetryPolicy {
            initial_backoff: Duration::from_millis(50),
            ..RetryPolicy::default()
        });
        let oauth = OAuth2::builder(
            url::Url::parse(&server.url("/token"))?,
            Grant::Password {
                username: "agent@vbc.prod".into(),
                password: "local-password".into(),
            },
        )
        .client_id("local-client")
        .client_secret("local-secret".into())
        .scope("openid")
        .build()?;
        let transport = Transport::new(config, oauth, BareJson)?;
        println!("client: {transport:?}\n");

        println!("1. every call of every page, fetched lazily (OAuth2 password grant first):");
        let owned = transport.clone();
        let pages = transport.listing(PageCursor::Number(1), move |cursor| {
            let transport = owned.clone();
            async move {
                let number = cursor.value().unwrap_or(1);
                let mut query = Query::new();
                query.push("page", number).push("page_size", 2);
                let page: CallPage = transport
                    .execute(
                        Operation::get("/cc/accounts/{account_id}/calls")
                            .path_param("account_id", "200123")
                            .query(query),
                    )
                    .await?;
                let next =
                    numbered_next(page.current_page.0, Some(page.pages.0), page.items.len(), 2);
                Ok(Page::new(page.items, next))
            }
        });
        let calls: Vec<Call> = pages.try_collect().await?;
        for call in &calls {
            println!(
                "   call {:>2}  {:<8} started {}",
                call.id, call.status, call.start_time
            );
        }

        println!("\n2. a 503 is retried with backoff:");
        let call: Call = transport
            .execute(Operation::get("/cc/accounts/200123/calls/flaky"))
            .await?;
        println!("   got {} ({}) after one retry", call.id, call.status);

        println!("\n3. typed errors:");
        let bad: Result<Call, Error> = transport
            .execute(
                Operation::get("/cc/accounts/{account_id}/calls/{call_id}")
                    .path_param("account_id", "200123")
                    .path_param("call_id", ".."),
            )
            .await;
        println!(
            "   bad input:  {}",
            bad.expect_err("refused before sending")
        );
        let missing: Result<Call, Error> = transport
            .execute(Operation::get("/cc/accounts/200123/calls/missing"))
            .await;
        println!("   not found:  {}", missing.expect_err("404"));
        let garbled: Result<Call, Error> = transport
            .execute(Operation::get("/cc/accounts/200123/calls/garbled"))
            .await;
        println!("   malformed:  {}", garbled.expect_err("decode error"));
        Ok::<(), Box<dyn std::error::Error>>(())
    })
}
