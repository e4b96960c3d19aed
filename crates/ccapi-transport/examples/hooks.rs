//! Two hooks a production service adds to every request: a correlation id taken from the
//! request it is serving, and a count of requests (and failures) by operation for its metrics.
//!
//! ```sh
//! cargo run -p ccapi-transport --example hooks
//! ```
//!
//! It runs against a local mock API: no network, no account.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

use ccapi_transport::auth::HeaderKeys;
use ccapi_transport::hook::{Answered, Hook, Outgoing};
use ccapi_transport::{BareJson, ClientConfig, Operation, Transport};
use httpmock::MockServer;
use serde_json::Value;

tokio::task_local! {
    /// The id of the incoming request this task serves (set by your web framework's layer).
    static CORRELATION_ID: String;
}

/// Sends the id of the request being served as `x-correlation-id`, so the provider's logs and
/// yours join up.
struct CorrelationId;

impl Hook for CorrelationId {
    fn before_send(&self, request: &mut Outgoing<'_>) {
        if let Ok(id) = CORRELATION_ID.try_with(Clone::clone) {
            request.insert_header("x-correlation-id", &id);
        }
    }
}

/// Requests and failures by operation: what a metrics exporter would read.
#[derive(Clone, Default)]
struct RequestCounter {
    counts: Arc<Mutex<BTreeMap<String, (u64, u64)>>>,
}

impl Hook for RequestCounter {
    fn after_response(&self, answer: &Answered<'_>) {
        let failed = !answer.status.is_some_and(|status| status.is_success());
        if let Ok(mut counts) = self.counts.lock() {
            let entry = counts.entry(answer.operation.to_owned()).or_default();
            entry.0 += 1;
            entry.1 += u64::from(failed);
        }
    }
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let server = MockServer::start_async().await;
    server
        .mock_async(|when, then| {
            when.method("GET")
                .path("/visitors")
                .header("x-correlation-id", "incoming-42");
            then.status(200).body(r#"[{"id": 1}]"#);
        })
        .await;
    server
        .mock_async(|when, then| {
            when.method("GET").path("/visitors/9");
            then.status(404).body(r#"{"message": "no such visitor"}"#);
        })
        .await;

    let counter = RequestCounter::default();
    let config = ClientConfig::new(&server.base_url(), "hooks-example/1.0")?
        .provider("example")
        .hook(CorrelationId)
        .hook(counter.clone());
    let transport = Transport::new(
        config,
        HeaderKeys::new().with("X-API-Key", "example-key".into())?,
        BareJson,
    )?;

    CORRELATION_ID
        .scope("incoming-42".to_owned(), async {
            let visitors: Value = transport
                .execute(Operation::get("/visitors").id("visitor.list"))
                .await?;
            println!("visitors: {visitors}");
            let missing = transport
                .execute::<Value>(
                    Operation::get("/visitors/{id}")
                        .id("visitor.get")
                        .path_param("id", 9),
                )
                .await;
            println!(
                "visitor 9: {}",
                missing.map_or_else(|e| e.to_string(), |v| v.to_string())
            );
            Ok::<_, ccapi_transport::Error>(())
        })
        .await?;

    for (operation, (requests, failures)) in counter.counts.lock().map_err(|_| "poisoned")?.iter() {
        println!("{operation}: {requests} request(s), {failures} failed");
    }
    Ok(())
}
