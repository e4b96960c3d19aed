//! One span per request with OpenTelemetry's HTTP client field names, the provider and the
//! operation, status and latency; never a credential, a rendered path or a query string.

mod common;

use std::io::Write;
use std::sync::{Arc, Mutex};

use ccapi_transport::auth::QueryKeys;
use ccapi_transport::{BareJson, Operation, Transport};
use httpmock::MockServer;
use serde_json::Value;

#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().expect("not poisoned").extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[test]
fn the_request_span_has_the_template_and_no_secret() {
    let captured = Captured::default();
    let writer = captured.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::DEBUG)
        .with_writer(move || writer.clone())
        .with_ansi(false)
        .with_span_events(tracing_subscriber::fmt::format::FmtSpan::CLOSE)
        .finish();
    let server = MockServer::start();
    server.mock(|when, then| {
        when.method("GET").path("/accounts/private-id");
        then.status(200).body("{}");
    });
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    tracing::subscriber::with_default(subscriber, || {
        runtime.block_on(async {
            let config = common::config(&server).provider("testapi");
            let client = Transport::new(
                config,
                QueryKeys::new().with("key", "SECRET-KEY".into()),
                BareJson,
            )
            .expect("a transport");
            let mut query = ccapi_transport::Query::new();
            query.push("search", "private-search");
            let _: Value = client
                .execute(
                    Operation::get("/accounts/{accountId}")
                        .id("accounts.get")
                        .path_param("accountId", "private-id")
                        .query(query),
                )
                .await
                .expect("ok");
        });
    });
    let text = String::from_utf8(captured.0.lock().expect("not poisoned").clone()).expect("utf-8");
    assert!(text.contains("ccapi.request"), "{text}");
    for field in [
        "otel.name=GET /accounts/{accountId}",
        "otel.kind=\"client\"",
        "http.request.method=GET",
        "url.template=/accounts/{accountId}",
        "server.address=\"127.0.0.1\"",
        "provider=\"testapi\"",
        "operation=accounts.get",
        "http.response.status_code=200",
        "latency_ms=",
    ] {
        assert!(text.contains(field), "{field} missing in {text}");
    }
    assert!(
        !text.contains("resend_count"),
        "a first attempt is no resend: {text}"
    );
    for secret in ["SECRET-KEY", "private-id", "private-search"] {
        assert!(!text.contains(secret), "{secret} in {text}");
    }
}
