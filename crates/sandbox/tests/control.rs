//! The control surface, through its HTTP routes and the Rust API: the journal, fault rules and
//! seeding (`ccapi_sandbox::control`).

use std::time::Duration;

use ccapi_sandbox::control::faults::Fault;
use ccapi_sandbox::{credentials, Options, Sandbox};
use serde_json::{json, Value};

fn visitors(http: &reqwest::Client, sandbox: &Sandbox) -> reqwest::RequestBuilder {
    http.get(format!("{}/visitor", sandbox.iadvize_url()))
        .header("X-API-Key", credentials::IADVIZE_API_KEY)
}

async fn control(
    http: &reqwest::Client,
    sandbox: &Sandbox,
    method: reqwest::Method,
    route: &str,
    body: Option<Value>,
) -> (u16, Value) {
    let mut request = http.request(method, format!("{}/_sandbox/{route}", sandbox.url()));
    if let Some(body) = body {
        request = request.json(&body);
    }
    let answer = request.send().await.expect("an answer");
    let status = answer.status().as_u16();
    let text = answer.text().await.expect("a body");
    (status, serde_json::from_str(&text).unwrap_or(Value::Null))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_journal_is_read_and_emptied_over_http_and_appended_to_a_file() {
    let file = std::env::temp_dir().join(format!("ccapi-journal-{}.ndjson", std::process::id()));
    let _ = std::fs::remove_file(&file);
    let sandbox = Sandbox::start_with(Options {
        journal_file: Some(file.clone()),
        ..Options::default()
    })
    .await
    .expect("a sandbox");
    let http = reqwest::Client::new();
    let listed = visitors(&http, &sandbox)
        .query(&[("limit", "2"), ("bc", "1")])
        .send()
        .await
        .expect("an answer");
    assert_eq!(listed.status().as_u16(), 200);
    let (status, journal) = control(&http, &sandbox, reqwest::Method::GET, "requests", None).await;
    assert_eq!(status, 200);
    assert_eq!(
        journal,
        json!({"requests": [{
            "method": "GET", "path": "/iadvize/api/2/visitor",
            "query": [["limit", "2"], ["bc", "1"]],
            "headers": {"x-api-key": "** redacted **"},
            "body": "", "status": 200, "ignored_parameters": ["bc"]
        }], "dropped": 0})
    );
    let (status, _) = control(&http, &sandbox, reqwest::Method::DELETE, "requests", None).await;
    assert_eq!(status, 204);
    assert!(sandbox.requests().is_empty());
    // The control routes are not journaled; the file has the one request, redacted.
    let lines: Vec<Value> = std::fs::read_to_string(&file)
        .expect("the journal file")
        .lines()
        .map(|line| serde_json::from_str(line).expect("a JSON line"))
        .collect();
    assert_eq!(lines, [journal["requests"][0].clone()]);
    assert!(!std::fs::read_to_string(&file)
        .unwrap_or_default()
        .contains(credentials::IADVIZE_API_KEY));
    let _ = std::fs::remove_file(&file);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_fault_rule_over_http_fails_its_count_in_the_providers_shape_then_goes() {
    let sandbox = Sandbox::start().await.expect("a sandbox");
    let http = reqwest::Client::new();
    let rule = json!({"operation": "visitor.list", "count": 2, "status": 503, "retry_after": 1});
    let (status, added) = control(
        &http,
        &sandbox,
        reqwest::Method::POST,
        "faults",
        Some(rule.clone()),
    )
    .await;
    assert_eq!((status, added), (201, json!({"faults": [rule]})));
    for _ in 0..2 {
        let failed = visitors(&http, &sandbox).send().await.expect("an answer");
        assert_eq!(failed.status().as_u16(), 503);
        assert_eq!(
            failed
                .headers()
                .get("retry-after")
                .and_then(|v| v.to_str().ok()),
            Some("1")
        );
        let body: Value = failed.json().await.expect("JSON");
        assert_eq!(body["meta"]["status"], "fail");
    }
    let served = visitors(&http, &sandbox).send().await.expect("an answer");
    assert_eq!(served.status().as_u16(), 200);
    let (_, left) = control(&http, &sandbox, reqwest::Method::GET, "faults", None).await;
    assert_eq!(left, json!({"faults": []}));
    // Refused, whole: a list with one bad rule adds nothing.
    let (status, refusal) = control(
        &http,
        &sandbox,
        reqwest::Method::POST,
        "faults",
        Some(json!([{"operation": "visitor.list"}, {"operation": "visitor.lst"}])),
    )
    .await;
    assert_eq!(status, 400);
    assert!(
        refusal["message"]
            .as_str()
            .is_some_and(|m| m.contains("fault 1") && m.contains("visitor.lst")),
        "{refusal}"
    );
    assert!(sandbox.faults().is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn faults_from_the_rust_api_reset_truncate_and_delay() {
    let sandbox = Sandbox::start().await.expect("a sandbox");
    let http = reqwest::Client::new();
    sandbox
        .inject(Fault::on_path(Some("GET"), "/iadvize/api/2/visitor").reset())
        .expect("a rule");
    assert!(visitors(&http, &sandbox).send().await.is_err(), "reset");
    sandbox
        .inject(Fault::on_operation("visitor.list").truncate())
        .expect("a rule");
    let cut = visitors(&http, &sandbox)
        .send()
        .await
        .expect("the head arrives");
    assert_eq!(cut.status().as_u16(), 200);
    assert!(cut.bytes().await.is_err(), "the body is cut");
    sandbox
        .inject(Fault::on_operation("visitor.list").delay(Duration::from_millis(300)))
        .expect("a rule");
    let started = std::time::Instant::now();
    let late = visitors(&http, &sandbox).send().await.expect("an answer");
    assert_eq!(late.status().as_u16(), 200);
    assert!(started.elapsed() >= Duration::from_millis(300));
    // Checked before they are kept.
    assert!(sandbox.inject(Fault::on_operation("visitor.lst")).is_err());
    assert!(sandbox
        .inject(Fault::on_operation("visitor.list").status(200))
        .is_err());
    // The reset and the two answers are journaled: the reset with status 0.
    let statuses: Vec<u16> = sandbox
        .requests()
        .iter()
        .map(|entry| entry.status)
        .collect();
    assert_eq!(statuses, [0, 200, 200]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn seeding_loads_records_over_http_and_from_rust_and_refuses_bad_documents() {
    let sandbox = Sandbox::start_with(Options {
        max_records: 5,
        ..Options::default()
    })
    .await
    .expect("a sandbox");
    let http = reqwest::Client::new();
    let document = json!({"iadvize": {"visitor": [
        {"id": 9001, "firstname": "Seeded"},
        {"firstname": "Without an id"}
    ]}});
    let (status, report) = control(
        &http,
        &sandbox,
        reqwest::Method::POST,
        "seed",
        Some(document),
    )
    .await;
    assert_eq!(
        (status, report),
        (200, json!({"seeded": {"iadvize": {"visitor": 2}}}))
    );
    let seeded: Value = http
        .get(format!("{}/visitor/9001", sandbox.iadvize_url()))
        .header("X-API-Key", credentials::IADVIZE_API_KEY)
        .send()
        .await
        .expect("an answer")
        .json()
        .await
        .expect("JSON");
    assert_eq!(seeded["data"], json!({"id": 9001, "firstname": "Seeded"}));
    assert_eq!(
        sandbox.seed(&json!({"vbc": {"devices": [{"mac_address": "AA-BB-CC-DD-EE-FF"}]}})),
        Ok(json!({"vbc": {"devices": 1}}))
    );
    for (document, status, why) in [
        (json!({"iadvise": {}}), 400, "no API `iadvise`"),
        (
            json!({"iadvize": {"visitors": []}}),
            400,
            "no resource `visitors`",
        ),
        (
            json!({"iadvize": {"visitor": [1]}}),
            400,
            "`iadvize.visitor[0]` is not a JSON object",
        ),
        (
            json!({"iadvize": {"visitor": [{}, {}, {}, {}, {}, {}]}}),
            409,
            "at most 5 records",
        ),
    ] {
        let error = sandbox.seed(&document).expect_err("refused");
        assert_eq!(error.status, status, "{document}");
        assert!(error.message.contains(why), "{document}: {error}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_control_routes_are_described_by_their_document() {
    let sandbox = Sandbox::start().await.expect("a sandbox");
    let http = reqwest::Client::new();
    let (status, document) =
        control(&http, &sandbox, reqwest::Method::GET, "openapi.json", None).await;
    assert_eq!(status, 200);
    let mut described: Vec<String> = document["paths"]
        .as_object()
        .expect("paths")
        .iter()
        .flat_map(|(path, item)| {
            item.as_object()
                .expect("operations")
                .keys()
                .map(move |method| format!("{} {path}", method.to_uppercase()))
        })
        .collect();
    described.sort();
    assert_eq!(
        described,
        [
            "DELETE /_sandbox/faults",
            "DELETE /_sandbox/requests",
            "GET /_sandbox/faults",
            "GET /_sandbox/openapi.json",
            "GET /_sandbox/requests",
            "POST /_sandbox/faults",
            "POST /_sandbox/seed",
        ]
    );
    let (status, unknown) = control(&http, &sandbox, reqwest::Method::GET, "nothing", None).await;
    assert_eq!(status, 404);
    assert!(unknown["message"]
        .as_str()
        .is_some_and(|m| m.contains("openapi.json")));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_web_page_cannot_drive_the_control_routes() {
    let sandbox = Sandbox::start().await.expect("a sandbox");
    let http = reqwest::Client::new();
    // A cross-site form or text POST needs no preflight: refused, as is a rebound host name.
    let text = http
        .post(format!("{}/_sandbox/faults", sandbox.url()))
        .header("content-type", "text/plain")
        .body(r#"{"operation": "visitor.list"}"#)
        .send()
        .await
        .expect("an answer");
    assert_eq!(text.status().as_u16(), 415);
    let rebound = http
        .get(format!("{}/_sandbox/requests", sandbox.url()))
        .header("host", "attacker.example:8787")
        .send()
        .await
        .expect("an answer");
    assert_eq!(rebound.status().as_u16(), 404);
    assert!(sandbox.faults().is_empty());
    // A path rule must name one of the sandbox's routes.
    let error = sandbox
        .inject(Fault::on_path(Some("GET"), "/iadvize/api/2/visitorz"))
        .expect_err("no such route");
    assert!(error.to_string().contains("no route"), "{error}");
    sandbox
        .inject(Fault::on_path(Some("GET"), "/iadvize/api/2/visitor/7"))
        .expect("a path of a route");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn vbc_records_are_replaced_by_id_and_get_fresh_ids() {
    let sandbox = Sandbox::start().await.expect("a sandbox");
    let http = reqwest::Client::new();
    let grant: Value = http
        .post(sandbox.vbc_token_url())
        .form(&credentials::VBC_PASSWORD_GRANT_FORM)
        .send()
        .await
        .expect("a token")
        .json()
        .await
        .expect("JSON");
    let bearer = format!(
        "Bearer {}",
        grant["access_token"].as_str().unwrap_or_default()
    );
    let devices = || async {
        let text = http
            .get(format!(
                "{}/registration/accounts/1234/devices",
                sandbox.vbc_url()
            ))
            .header("authorization", &bearer)
            .send()
            .await
            .expect("an answer")
            .text()
            .await
            .expect("a body");
        serde_json::from_str::<Value>(&text).expect("JSON")["devices"]
            .as_array()
            .cloned()
            .unwrap_or_default()
    };
    let before = devices().await.len();
    sandbox
        .seed(&json!({"vbc": {"devices": [
            {"mac_address": "79-5c-7d-28-1b-b3", "name": "replaced"},
            {"name": "fresh"}
        ]}}))
        .expect("seeded");
    let after = devices().await;
    assert_eq!(after.len(), before + 1);
    assert!(
        after
            .iter()
            .any(|device| device["mac_address"] == "79-5c-7d-28-1b-b3"
                && device["name"] == "replaced")
    );
    let fresh = after
        .iter()
        .find(|device| device["name"] == "fresh")
        .expect("the new device");
    assert!(fresh["mac_address"]
        .as_str()
        .is_some_and(|id| !id.is_empty()));
}
