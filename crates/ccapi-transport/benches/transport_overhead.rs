//! Transport overhead against raw reqwest + serde_json, interleaved in one run.
//!
//! `cargo bench -p ccapi-transport --bench transport_overhead` starts a minimal HTTP/1.1
//! keep-alive server on 127.0.0.1 that answers every request with the same 50-item JSON list,
//! then measures, alternating sample by sample so that machine noise hits both sides alike:
//!
//! 1. sequential: one GET + decode at a time; reports each side's median latency and the ratio
//!    transport / raw (target ≤ 1.03);
//! 2. concurrent: batches of 64 simultaneous GET + decode; reports the throughput ratio
//!    transport / raw (target ≥ 0.97).
//!
//! Set `BENCH_SAMPLES` to change the number of samples (default 2000 sequential, 100 batches).

use std::time::{Duration, Instant};

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

async fn raw_call(client: &reqwest::Client, url: &str) -> Vec<Call> {
    let bytes = client
        .get(url)
        .header("apiKey", "bench-key")
        .send()
        .await
        .expect("raw send")
        .bytes()
        .await
        .expect("raw body");
    serde_json::from_slice(&bytes).expect("raw decode")
}

async fn transport_call(transport: &Transport) -> Vec<Call> {
    transport
        .execute(
            Operation::get("/cc/accounts/{account_id}/calls").path_param("account_id", "200123"),
        )
        .await
        .expect("transport call")
}

fn main() {
    let samples = support::samples();
    support::runtime().block_on(async move {
        let base = support::start(fifty_calls()).await;
        let raw_url = format!("{base}/cc/accounts/200123/calls");
        let raw = ccapi_transport::http_client_builder()
            .build()
            .expect("raw client");
        let transport = Transport::new(
            ClientConfig::new(&base, "bench/0").expect("valid base"),
            HeaderKeys::new()
                .with("apiKey", "bench-key".into())
                .expect("valid"),
            BareJson,
        )
        .expect("transport");

        // Warm-up: connections open, allocator and caches settled.
        for _ in 0..200 {
            assert_eq!(raw_call(&raw, &raw_url).await.len(), 50);
            assert_eq!(transport_call(&transport).await.len(), 50);
        }

        let (mut raw_times, mut transport_times) = support::interleaved(
            samples,
            || raw_call(&raw, &raw_url),
            || transport_call(&transport),
        )
        .await;
        let raw_median = support::median(&mut raw_times);
        let transport_median = support::median(&mut transport_times);
        println!("sequential GET + decode of 50 items, {samples} samples per side, interleaved");
        println!("  raw reqwest + serde_json  median {raw_median:?}");
        println!("  ccapi-transport           median {transport_median:?}");
        println!(
            "  ratio transport / raw     {:.3}  (target <= 1.03)",
            transport_median.as_secs_f64() / raw_median.as_secs_f64()
        );

        const CONCURRENCY: usize = 64;
        let batches = (samples / 20).max(10);
        let mut raw_batches = Vec::with_capacity(batches);
        let mut transport_batches = Vec::with_capacity(batches);
        for i in 0..batches {
            for side in [i % 2, 1 - i % 2] {
                let started = Instant::now();
                if side == 0 {
                    let calls = (0..CONCURRENCY).map(|_| {
                        let raw = raw.clone();
                        let url = raw_url.clone();
                        tokio::spawn(async move { raw_call(&raw, &url).await.len() })
                    });
                    for call in futures::future::join_all(calls).await {
                        assert_eq!(call.expect("joined"), 50);
                    }
                    raw_batches.push(started.elapsed());
                } else {
                    let calls = (0..CONCURRENCY).map(|_| {
                        let transport = transport.clone();
                        tokio::spawn(async move { transport_call(&transport).await.len() })
                    });
                    for call in futures::future::join_all(calls).await {
                        assert_eq!(call.expect("joined"), 50);
                    }
                    transport_batches.push(started.elapsed());
                }
            }
        }
        let raw_batch = support::median(&mut raw_batches);
        let transport_batch = support::median(&mut transport_batches);
        let per_second = |batch: Duration| CONCURRENCY as f64 / batch.as_secs_f64();
        println!("concurrent: {batches} batches of {CONCURRENCY} simultaneous requests per side, interleaved");
        println!("  raw reqwest + serde_json  {:.0} requests/s (median batch {raw_batch:?})", per_second(raw_batch));
        println!("  ccapi-transport           {:.0} requests/s (median batch {transport_batch:?})", per_second(transport_batch));
        println!(
            "  throughput ratio transport / raw  {:.3}  (target >= 0.97)",
            per_second(transport_batch) / per_second(raw_batch)
        );
    });
}
