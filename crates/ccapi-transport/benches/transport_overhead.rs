//! Transport overhead against raw reqwest + serde_json, interleaved in one run.
//!
//! `cargo bench -p ccapi-transport --bench transport_overhead` starts a minimal HTTP/1.1
//! keep-alive server on 127.0.0.1 that answers every request with the same 50-item JSON list,
//! then measures three sides, rotating which goes first so that machine noise hits all alike:
//!
//! - **raw**: a bare `reqwest::Client`, the same header, `bytes()` and
//!   `serde_json::from_slice` (what `reqwest::Response::json` does): the baseline of the
//!   targets;
//! - **raw, text decoding**: the same, decoding as the transport does (the body's UTF-8
//!   checked once, then `serde_json::from_str`), so that the transport's plumbing alone is
//!   visible apart from its faster decoding;
//! - **ccapi-transport**: `Transport::execute` with the default configuration.
//!
//! 1. sequential: one GET + decode at a time; each side's median latency and the ratios
//!    transport / raw (target ≤ 1.03) and transport / raw with text decoding;
//! 2. concurrent: batches of 64 simultaneous GET + decode; the throughput ratios
//!    transport / raw (target ≥ 0.97) and transport / raw with text decoding.
//!
//! Set `BENCH_SAMPLES` to change the number of samples (default 2000 sequential, 100 batches).
//! For a profiler, `BENCH_PROFILE=raw|raw-text|transport` makes `BENCH_SAMPLES` sequential
//! calls of that side only, after the warm-up, and prints nothing else: under
//! `valgrind --tool=callgrind`, the difference between two sample counts is the instructions
//! of that many calls (see docs/performance.md).

use std::time::Duration;

use ccapi_transport::auth::HeaderKeys;
use ccapi_transport::{BareJson, ClientConfig, Operation, Transport};
use serde::Deserialize;

mod support;

#[allow(dead_code)] // Fields are decoded, not read: decoding is what is measured.
#[derive(Debug, Deserialize)]
struct Contact {
    destination: String,
    #[serde(rename = "type")]
    kind: String,
}

#[allow(dead_code)]
#[derive(Debug, Deserialize)]
struct Call {
    id: String,
    account_id: String,
    direction: String,
    status: String,
    start_time: u64,
    duration: u32,
    from: Contact,
    to: Contact,
    tags: Vec<String>,
}

fn fifty_calls() -> String {
    let calls: Vec<serde_json::Value> = (0..50)
        .map(|i| {
            serde_json::json!({
                "id": format!("c6a2f1d0-{i:04}-4a8e-9c77-0d3b5e1f2a{i:02}"),
                "account_id": "200123",
                "direction": if i % 2 == 0 { "inbound" } else { "outbound" },
                "status": "on-call",
                "start_time": 1_700_000_000u64 + i,
                "duration": 30 + i,
                "from": {"destination": format!("+3315555{i:04}"), "type": "pstn"},
                "to": {"destination": "1001", "type": "extension"},
                "tags": ["support", "fr"],
            })
        })
        .collect();
    serde_json::to_string(&calls).expect("serializable")
}

/// How the raw sides decode the body.
#[derive(Clone, Copy)]
enum RawDecoding {
    /// `serde_json::from_slice`, as `reqwest::Response::json` does.
    Bytes,
    /// UTF-8 checked once, then `serde_json::from_str`, as the transport does.
    Text,
}

async fn raw_call(client: &reqwest::Client, url: &str, decoding: RawDecoding) -> Vec<Call> {
    let bytes = client
        .get(url)
        .header("apiKey", "bench-key")
        .send()
        .await
        .expect("raw send")
        .bytes()
        .await
        .expect("raw body");
    match decoding {
        RawDecoding::Bytes => serde_json::from_slice(&bytes).expect("raw decode"),
        RawDecoding::Text => {
            serde_json::from_str(std::str::from_utf8(&bytes).expect("UTF-8")).expect("raw decode")
        }
    }
}

async fn transport_call(transport: &Transport) -> Vec<Call> {
    transport
        .execute(
            Operation::get("/cc/accounts/{account_id}/calls").path_param("account_id", "200123"),
        )
        .await
        .expect("transport call")
}

/// The sides, in the order of their timings.
const SIDES: [&str; 3] = [
    "raw reqwest + serde_json::from_slice",
    "raw reqwest + from_utf8 + from_str",
    "ccapi-transport",
];
const RAW: usize = 0;
const RAW_TEXT: usize = 1;
const TRANSPORT: usize = 2;

/// One GET + decode by `side`; the number of items decoded.
async fn call(side: usize, raw: &reqwest::Client, raw_url: &str, transport: &Transport) -> usize {
    match side {
        RAW => raw_call(raw, raw_url, RawDecoding::Bytes).await.len(),
        RAW_TEXT => raw_call(raw, raw_url, RawDecoding::Text).await.len(),
        _ => transport_call(transport).await.len(),
    }
}

fn main() {
    let samples = support::samples();
    support::runtime().block_on(async move {
        let base = support::start(fifty_calls()).await;
        let raw_url = format!("{base}/cc/accounts/200123/calls");
        // Each side has a client (a connection pool) of its own.
        let raw_clients: Vec<reqwest::Client> = (0..2)
            .map(|_| {
                ccapi_transport::http_client_builder()
                    .build()
                    .expect("raw client")
            })
            .collect();
        let transport = Transport::new(
            ClientConfig::new(&base, "bench/0").expect("valid base"),
            HeaderKeys::new()
                .with("apiKey", "bench-key".into())
                .expect("valid"),
            BareJson,
        )
        .expect("transport");
        let raw_for = |side: usize| raw_clients[side.min(RAW_TEXT)].clone();

        // Warm-up: connections open, allocator and caches settled.
        for _ in 0..200 {
            for side in 0..SIDES.len() {
                assert_eq!(call(side, &raw_for(side), &raw_url, &transport).await, 50);
            }
        }

        if let Ok(profiled) = std::env::var("BENCH_PROFILE") {
            let side = match profiled.as_str() {
                "raw" => RAW,
                "raw-text" => RAW_TEXT,
                "transport" => TRANSPORT,
                other => panic!("BENCH_PROFILE={other}: expected raw, raw-text or transport"),
            };
            for _ in 0..samples {
                assert_eq!(call(side, &raw_for(side), &raw_url, &transport).await, 50);
            }
            return;
        }

        let mut times = support::interleaved(samples, SIDES.len(), |side| {
            let raw = raw_for(side);
            let (raw_url, transport) = (&raw_url, &transport);
            async move { call(side, &raw, raw_url, transport).await }
        })
        .await;
        let medians: Vec<Duration> = times.iter_mut().map(|t| support::median(t)).collect();
        println!("sequential GET + decode of 50 items, {samples} samples per side, interleaved");
        for (side, median) in SIDES.iter().zip(&medians) {
            println!("  {side:<38} median {median:?}");
        }
        let latency_ratio = |a: usize, b: usize| medians[a].as_secs_f64() / medians[b].as_secs_f64();
        println!(
            "  ratio transport / raw                  {:.3}  (target <= 1.03)",
            latency_ratio(TRANSPORT, RAW)
        );
        println!(
            "  ratio transport / raw, text decoding   {:.3}  (the plumbing alone)",
            latency_ratio(TRANSPORT, RAW_TEXT)
        );

        const CONCURRENCY: usize = 64;
        let batches = (samples / 20).max(10);
        let mut batch_times = support::interleaved(batches, SIDES.len(), |side| {
            let calls: Vec<_> = (0..CONCURRENCY)
                .map(|_| {
                    let raw = raw_for(side);
                    let raw_url = raw_url.clone();
                    let transport = transport.clone();
                    tokio::spawn(async move { call(side, &raw, &raw_url, &transport).await })
                })
                .collect();
            async move {
                for call in futures::future::join_all(calls).await {
                    assert_eq!(call.expect("joined"), 50);
                }
            }
        })
        .await;
        let per_second: Vec<f64> = batch_times
            .iter_mut()
            .map(|t| CONCURRENCY as f64 / support::median(t).as_secs_f64())
            .collect();
        println!(
            "concurrent: {batches} batches of {CONCURRENCY} simultaneous requests per side, interleaved"
        );
        for (side, rate) in SIDES.iter().zip(&per_second) {
            println!("  {side:<38} {rate:.0} requests/s");
        }
        println!(
            "  throughput ratio transport / raw                 {:.3}  (target >= 0.97)",
            per_second[TRANSPORT] / per_second[RAW]
        );
        println!(
            "  throughput ratio transport / raw, text decoding  {:.3}  (the plumbing alone)",
            per_second[TRANSPORT] / per_second[RAW_TEXT]
        );
    });
}
