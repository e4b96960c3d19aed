//! The price of keeping unknown members: lossless models against the same structs decoded by
//! serde's plain derive, interleaved in one run.
//!
//! `cargo bench -p ccapi --bench lossless_decode` decodes, sample by sample and alternating
//! which side goes first:
//!
//! 1. a 100-call cc-voice `calls.list` page (each call with one leg) into `cc_voice::models::
//!    CallPage`, and into `PlainCallPage` here (same members, same member types, serde's derive,
//!    no `extra`);
//! 2. a 100-visitor iAdvize page into `Vec<iadvize_rest::models::Visitor>` and `Vec<PlainVisitor>`.
//!
//! It reports each side's median time per page and the ratio lossless / plain (target ≤ 1.15),
//! then, for information, the lossless decode of the same pages with three unknown members in
//! every object (the cost of keeping them), and the visitor page through serde's
//! `#[serde(flatten)]` (the mechanism not chosen). `BENCH_SAMPLES` sets the number of samples (default
//! 400; each sample decodes the page 20 times).

use std::time::{Duration, Instant};

use cc_voice::models::{CallPage, CallStatus, Direction, SortOrder};
use ccapi_transport::decode::{LenientString, MaybeNumber, Timestamp};
use iadvize_rest::models::{OneOrMany, Visitor};
use serde::Deserialize;
use serde_json::{json, Value};

#[allow(dead_code)] // Decoded, not read: decoding is what is measured.
#[derive(Deserialize)]
struct PlainCallPage {
    calls: Option<Vec<PlainCall>>,
    current_page: Option<MaybeNumber<i64>>,
    first_page_uri: Option<String>,
    next_page: Option<LenientString>,
    next_page_uri: Option<String>,
    order: Option<SortOrder>,
    page_size: Option<MaybeNumber<i64>>,
    pages: Option<MaybeNumber<i64>>,
    previous_page_uri: Option<String>,
}

#[allow(dead_code)]
#[derive(Deserialize)]
struct PlainCall {
    account_id: Option<LenientString>,
    call_id: String,
    direction: Option<Direction>,
    end_time: Option<Timestamp>,
    from: Option<LenientString>,
    legs: Option<Vec<PlainCallLeg>>,
    start_time: Option<Timestamp>,
    status: Option<CallStatus>,
    to: Option<LenientString>,
}

#[allow(dead_code)]
#[derive(Deserialize)]
struct PlainCallLeg {
    account_id: Option<LenientString>,
    call_id: Option<String>,
    direction: Option<Direction>,
    end_time: Option<Timestamp>,
    from: Option<LenientString>,
    leg_id: String,
    start_time: Option<Timestamp>,
    status: Option<CallStatus>,
    to: Option<LenientString>,
}

#[allow(dead_code)]
#[derive(Deserialize)]
struct PlainVisitor {
    id: i64,
    unique_id: Option<String>,
    external_id: Option<String>,
    lastname: Option<String>,
    firstname: Option<String>,
    address: Option<String>,
    city: Option<String>,
    zip: Option<String>,
    country: Option<String>,
    phone: Option<String>,
    email: Option<String>,
    browser: Option<String>,
    website_id: Option<OneOrMany<i64>>,
    created_at: Option<Timestamp>,
    #[serde(rename = "_link")]
    link: Option<String>,
}

/// The mechanism not chosen: serde's derive with `#[serde(flatten)]` into a map.
#[allow(dead_code)]
#[derive(Deserialize)]
struct FlattenVisitor {
    id: i64,
    unique_id: Option<String>,
    external_id: Option<String>,
    lastname: Option<String>,
    firstname: Option<String>,
    address: Option<String>,
    city: Option<String>,
    zip: Option<String>,
    country: Option<String>,
    phone: Option<String>,
    email: Option<String>,
    browser: Option<String>,
    website_id: Option<OneOrMany<i64>>,
    created_at: Option<Timestamp>,
    #[serde(rename = "_link")]
    link: Option<String>,
    #[serde(flatten)]
    extra: serde_json::Map<String, Value>,
}

fn calls_page(unknown: bool) -> String {
    let calls: Vec<Value> = (0..100)
        .map(|i| {
            let leg = json!({
                "account_id": 1234, "call_id": format!("3fa85f64-5717-4562-b3fc-2c963f66{i:04}"),
                "direction": "inbound", "end_time": 1595959736 + i, "from": 1231112222,
                "leg_id": format!("7d0c2a4e-1b1f-4a55-9c1e-2f7a8b9c{i:04}"),
                "start_time": "2020-07-28T18:08:56Z", "status": "busy", "to": "1234567890"
            });
            json!({
                "account_id": "1234", "call_id": format!("3fa85f64-5717-4562-b3fc-2c963f66{i:04}"),
                "direction": "outbound", "end_time": 1595959736 + i, "from": 1235551111,
                "legs": [with_unknown(leg, unknown)], "start_time": 1595959000 + i,
                "status": "on-call", "to": "+15551234567"
            })
        })
        .map(|call| with_unknown(call, unknown))
        .collect();
    let page = json!({
        "calls": calls, "current_page": "1", "first_page_uri": "/cc/accounts/1234/calls?page_size=100",
        "next_page": 2, "next_page_uri": "/cc/accounts/1234/calls?page_size=100&page=2",
        "order": "desc", "page_size": 100, "pages": "4",
        "previous_page_uri": "/cc/accounts/1234/calls?page_size=100"
    });
    with_unknown(page, unknown).to_string()
}

fn visitors_page(unknown: bool) -> String {
    let visitors: Vec<Value> = (0..100)
        .map(|i| {
            with_unknown(
                json!({
                    "id": 560 + i, "unique_id": format!("0a1572b7cc5027fe443f4203eaf0b98d4cb{i:06}"),
                    "external_id": format!("crm-{i}"), "lastname": "Durand", "firstname": "Alice",
                    "address": "12 rue des Lilas", "city": "Nantes", "zip": "44000",
                    "country": "France", "phone": "+33611223344",
                    "email": format!("alice.{i}@example.org"), "browser": "Firefox",
                    "website_id": [1, 2], "created_at": "2016-02-16 11:20:00",
                    "_link": format!("/visitor/{}", 560 + i)
                }),
                unknown,
            )
        })
        .collect();
    Value::Array(visitors).to_string()
}

fn with_unknown(mut value: Value, unknown: bool) -> Value {
    if let (true, Value::Object(members)) = (unknown, &mut value) {
        members.insert("region".into(), json!("eu-west"));
        members.insert("score".into(), json!(0.75));
        members.insert("labels".into(), json!({"team": "support", "tier": 2}));
    }
    value
}

/// Time for `iterations` decodes of `text` as `T`.
fn time<T: for<'de> Deserialize<'de>>(text: &str, iterations: u32) -> Duration {
    let start = Instant::now();
    for _ in 0..iterations {
        let decoded: T = serde_json::from_str(std::hint::black_box(text)).expect("decodes");
        std::hint::black_box(decoded);
    }
    start.elapsed() / iterations
}

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

struct Pair {
    name: &'static str,
    lossless: Vec<Duration>,
    plain: Vec<Duration>,
    with_unknown: Vec<Duration>,
    flatten: Vec<Duration>,
}

fn main() {
    let samples: usize = std::env::var("BENCH_SAMPLES")
        .ok()
        .and_then(|text| text.parse().ok())
        .unwrap_or(400);
    let iterations = 20;
    let (calls, calls_unknown) = (calls_page(false), calls_page(true));
    let (visitors, visitors_unknown) = (visitors_page(false), visitors_page(true));

    // Both sides read the same members: the lossless one keeps nothing more on these pages and
    // everything more on the pages with unknown members.
    let lossless: CallPage = serde_json::from_str(&calls).expect("calls");
    assert!(lossless.extra.is_empty());
    let kept: CallPage = serde_json::from_str(&calls_unknown).expect("calls");
    assert_eq!(kept.extra.len(), 3);
    assert_eq!(kept.calls.expect("calls")[0].extra.len(), 3);
    let kept: Vec<Visitor> = serde_json::from_str(&visitors_unknown).expect("visitors");
    assert_eq!(kept[99].extra.len(), 3);

    let mut pairs = [
        Pair {
            name: "cc-voice calls page (100 calls + legs)",
            lossless: Vec::new(),
            plain: Vec::new(),
            with_unknown: Vec::new(),
            flatten: Vec::new(),
        },
        Pair {
            name: "iAdvize visitor page (100 visitors)",
            lossless: Vec::new(),
            plain: Vec::new(),
            with_unknown: Vec::new(),
            flatten: Vec::new(),
        },
    ];
    for sample in 0..samples {
        let lossless_first = sample % 2 == 0;
        for _ in 0..2 {
            if lossless_first {
                pairs[0].lossless.push(time::<CallPage>(&calls, iterations));
                pairs[0]
                    .plain
                    .push(time::<PlainCallPage>(&calls, iterations));
                pairs[1]
                    .lossless
                    .push(time::<Vec<Visitor>>(&visitors, iterations));
                pairs[1]
                    .plain
                    .push(time::<Vec<PlainVisitor>>(&visitors, iterations));
            } else {
                pairs[0]
                    .plain
                    .push(time::<PlainCallPage>(&calls, iterations));
                pairs[0].lossless.push(time::<CallPage>(&calls, iterations));
                pairs[1]
                    .plain
                    .push(time::<Vec<PlainVisitor>>(&visitors, iterations));
                pairs[1]
                    .lossless
                    .push(time::<Vec<Visitor>>(&visitors, iterations));
            }
        }
        pairs[0]
            .with_unknown
            .push(time::<CallPage>(&calls_unknown, iterations));
        pairs[1]
            .with_unknown
            .push(time::<Vec<Visitor>>(&visitors_unknown, iterations));
        pairs[1]
            .flatten
            .push(time::<Vec<FlattenVisitor>>(&visitors, iterations));
    }
    println!("{samples} samples × {iterations} decodes per side, interleaved; medians per page\n");
    println!(
        "{:<40} {:>12} {:>12} {:>9}   {:>22}",
        "page", "plain derive", "lossless", "ratio", "lossless, 3 unknown/obj"
    );
    let flatten = std::mem::take(&mut pairs[1].flatten);
    let plain = median(pairs[1].plain.clone());
    let flatten = median(flatten);
    let flatten_line = format!(
        "\n`#[serde(flatten)]` into a map (not chosen), iAdvize visitor page: {:.1}µs, ratio {:.3}",
        flatten.as_secs_f64() * 1e6,
        flatten.as_secs_f64() / plain.as_secs_f64()
    );
    for pair in pairs {
        let plain = median(pair.plain);
        let lossless = median(pair.lossless);
        let unknown = median(pair.with_unknown);
        println!(
            "{:<40} {:>10.1}µs {:>10.1}µs {:>9.3}   {:>20.1}µs",
            pair.name,
            plain.as_secs_f64() * 1e6,
            lossless.as_secs_f64() * 1e6,
            lossless.as_secs_f64() / plain.as_secs_f64(),
            unknown.as_secs_f64() * 1e6,
        );
    }
    println!("{flatten_line}");
    println!("\ntarget: lossless / plain ≤ 1.15");
}
