//! No input makes the sandbox panic or stop answering: every route receives extreme and random
//! path parameters, query values (ids, page, limit, skip, page_size, dates) and bodies, with and
//! without credentials, and every request gets an HTTP answer that is not a 500 (a handler that
//! panics answers 500). The sandbox still serves a normal request afterwards.
//!
//! Deterministic: the random values come from a fixed seed (`SANDBOX_FUZZ_SEED` picks another),
//! and the number of requests is bounded (`SANDBOX_FUZZ_ROUNDS` per route, default 12).

use ccapi_sandbox::{credentials, Sandbox};
use reqwest::{Client, Method};
use serde_json::{json, Value};

/// Values that broke naive arithmetic, parsing or slicing before, and their neighbours.
const EXTREMES: &[&str] = &[
    "18446744073709551615",
    "9223372036854775808",
    "9223372036854775807",
    "-9223372036854775808",
    "-1",
    "0",
    "1e308",
    "NaN",
    "",
    " ",
    "..",
    "%00",
    "%ff%fe",
    "💥",
    "1/2",
    "9999-99-99",
    "0000-00-00T00:00:00",
    "2024-02-30",
];

fn random_text(rng: &mut fastrand::Rng) -> String {
    if rng.bool() {
        return EXTREMES[rng.usize(..EXTREMES.len())].to_owned();
    }
    match rng.u8(0..4) {
        0 => rng.u64(..).to_string(),
        1 => rng.i64(..).to_string(),
        2 => (0..rng.usize(0..40))
            .map(|_| rng.char('\u{20}'..='\u{7e}'))
            .collect(),
        _ => "x".repeat(rng.usize(0..5000)),
    }
}

fn random_json(rng: &mut fastrand::Rng, depth: u8) -> Value {
    match rng.u8(0..8) {
        0 => Value::Null,
        1 => json!(rng.bool()),
        2 => json!(rng.i64(..)),
        3 => json!(rng.f64() * 1e300),
        4 => json!(random_text(rng)),
        5 if depth < 3 => Value::Array(
            (0..rng.usize(0..4))
                .map(|_| random_json(rng, depth + 1))
                .collect(),
        ),
        _ if depth < 3 => {
            let keys = [
                "page", "limit", "number", "id", "state", "to", "tags", "status", "profile", "dtmf",
            ];
            Value::Object(
                (0..rng.usize(0..5))
                    .map(|_| {
                        (
                            keys[rng.usize(..keys.len())].to_owned(),
                            random_json(rng, depth + 1),
                        )
                    })
                    .collect(),
            )
        }
        _ => json!(random_text(rng)),
    }
}

fn encode(segment: &str) -> String {
    url::form_urlencoded::byte_serialize(segment.as_bytes()).collect()
}

/// Headers with every provider's credentials, so requests reach the handlers.
async fn credentials(client: &Client, sandbox: &Sandbox) -> Vec<(&'static str, String)> {
    let login: Value = client
        .post(format!("{}/auth/login", sandbox.ziwo_url()))
        .json(&json!({"username": credentials::ZIWO_USERNAME, "password": credentials::ZIWO_PASSWORD}))
        .send()
        .await
        .expect("a Ziwo login")
        .json()
        .await
        .expect("JSON");
    let token: Value = client
        .post(sandbox.vbc_token_url())
        .form(&credentials::VBC_PASSWORD_GRANT_FORM)
        .send()
        .await
        .expect("a VBC token")
        .json()
        .await
        .expect("JSON");
    vec![
        ("apiKey", credentials::AGENDIZE_API_KEY.to_owned()),
        ("token", credentials::AGENDIZE_TOKEN.to_owned()),
        (
            "access_token",
            login["content"]["access_token"]
                .as_str()
                .unwrap_or_default()
                .to_owned(),
        ),
        ("api_key", credentials::ZIWO_API_KEY.to_owned()),
        ("X-API-Key", credentials::IADVIZE_API_KEY.to_owned()),
        (
            "authorization",
            format!(
                "Bearer {}",
                token["access_token"].as_str().unwrap_or_default()
            ),
        ),
    ]
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_route_answers_every_input_without_panicking() {
    let sandbox = Sandbox::start().await.expect("a sandbox");
    let client = Client::builder()
        .timeout(std::time::Duration::from_secs(10))
        .build()
        .expect("a client");
    let headers = credentials(&client, &sandbox).await;
    let seed = std::env::var("SANDBOX_FUZZ_SEED")
        .ok()
        .and_then(|text| text.parse().ok())
        .unwrap_or(20_261_125);
    let rounds: usize = std::env::var("SANDBOX_FUZZ_ROUNDS")
        .ok()
        .and_then(|text| text.parse().ok())
        .unwrap_or(12);
    let mut rng = fastrand::Rng::with_seed(seed);
    let query_names = [
        "page",
        "limit",
        "skip",
        "page_size",
        "order",
        "start_time",
        "end_time",
        "filters[from]",
        "filters[to]",
        "fromDate",
        "toDate",
        "full",
        "search",
        "directions[]",
        "filters[granularity]",
        "filters[indicators]",
        "createdStartDate",
    ];
    let mut answered = 0;
    assert!(
        sandbox.routes().len() > 100,
        "every API's routes: {}",
        sandbox.routes().len()
    );
    for route in sandbox.routes() {
        for round in 0..rounds {
            let path: String = route
                .path
                .split('/')
                .map(|segment| match (segment.find('{'), segment.find('}')) {
                    (Some(open), Some(close)) => format!(
                        "{}{}{}",
                        &segment[..open],
                        encode(&random_text(&mut rng)),
                        &segment[close + 1..]
                    ),
                    _ => segment.to_owned(),
                })
                .collect::<Vec<_>>()
                .join("/");
            let query: Vec<(String, String)> = (0..rng.usize(0..5))
                .map(|_| {
                    (
                        query_names[rng.usize(..query_names.len())].to_owned(),
                        random_text(&mut rng),
                    )
                })
                .collect();
            let method = Method::from_bytes(route.method.as_str().as_bytes()).expect("a method");
            let mut request = client
                .request(method, format!("{}{path}", sandbox.url()))
                .query(&query);
            // Half the requests carry credentials, so the handlers see the hostile values.
            if round % 2 == 0 {
                for (name, value) in &headers {
                    request = request.header(*name, value);
                }
            }
            request = match rng.u8(0..3) {
                0 => request.json(&random_json(&mut rng, 0)),
                1 => request
                    .header("content-type", "application/x-www-form-urlencoded")
                    .body(
                        (0..rng.usize(0..4))
                            .map(|_| {
                                format!(
                                    "{}={}",
                                    encode(&random_text(&mut rng)),
                                    encode(&random_text(&mut rng))
                                )
                            })
                            .collect::<Vec<_>>()
                            .join("&"),
                    ),
                _ => request.body(
                    (0..rng.usize(0..512))
                        .map(|_| rng.u8(..))
                        .collect::<Vec<u8>>(),
                ),
            };
            let response = request.send().await.unwrap_or_else(|err| {
                panic!("{} {path} (seed {seed}): no answer: {err}", route.method)
            });
            if response.status().as_u16() == 500 {
                let shown: Vec<(String, String)> = query
                    .iter()
                    .map(|(name, value)| (name.clone(), value.chars().take(40).collect()))
                    .collect();
                panic!(
                    "{} {path} {shown:?} (seed {seed}): a handler failed",
                    route.method
                );
            }
            answered += 1;
        }
    }
    assert_eq!(answered, sandbox.routes().len() * rounds);
    let healthy = client
        .get(format!("{}/calls/calltrackings", sandbox.agendize_url()))
        .header("apiKey", credentials::AGENDIZE_API_KEY)
        .header("token", credentials::AGENDIZE_TOKEN)
        .send()
        .await
        .expect("still serving");
    assert_eq!(healthy.status(), 200);
}
