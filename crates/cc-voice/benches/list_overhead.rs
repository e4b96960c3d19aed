//! `calls.list` through the crate against raw reqwest + serde_json decoding into the same
//! structs, interleaved in one run.
//!
//! `cargo bench -p cc-voice --bench list_overhead` serves a 50-call page (each call with one
//! leg, as in the provider's example) from a minimal keep-alive server on 127.0.0.1 and
//! measures, sample by sample alternating which side goes first:
//! - `client.calls(account).list(&ListFilter::new())`: row, path, bearer token, transport,
//!   lossless decoding into [`CallPage`];
//! - the same `GET` with the same header through a bare `reqwest::Client`, and
//!   `serde_json::from_slice::<CallPage>`.
//!
//! It reports each side's median and the ratio crate / raw (target ≤ 1.05). Set
//! `BENCH_SAMPLES` to change the number of samples per side (default 2000).

use cc_voice::models::CallPage;
use cc_voice::{Client, ClientConfig, Credentials, ListFilter};

#[path = "../../ccapi-transport/benches/support/mod.rs"]
mod support;

const TOKEN: &str = "bench-token";

/// The provider's example page, its call repeated 50 times with distinct ids.
fn fifty_calls() -> String {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../fixtures/cc-voice/calls/list.response.json"
    );
    let mut page: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).expect("the fixture")).expect("JSON");
    let call = page["calls"][0].clone();
    page["calls"] = (0..50)
        .map(|i| {
            let mut call = call.clone();
            call["call_id"] = format!("3fa85f64-5717-4562-b3fc-2c963f66{i:04}").into();
            call
        })
        .collect();
    page.to_string()
}

async fn raw_list(client: &ccapi_transport::reqwest::Client, url: &str) -> usize {
    let bytes = client
        .get(url)
        .header("Authorization", format!("Bearer {TOKEN}"))
        .send()
        .await
        .expect("raw send")
        .bytes()
        .await
        .expect("raw body");
    let page: CallPage = serde_json::from_slice(&bytes).expect("raw decode");
    page.calls.map_or(0, |calls| calls.len())
}

async fn crate_list(client: &Client) -> usize {
    let page = client
        .calls("200123")
        .list(&ListFilter::new())
        .await
        .expect("crate call");
    page.calls.map_or(0, |calls| calls.len())
}

fn main() {
    let samples = support::samples();
    support::runtime().block_on(async move {
        let base = support::start(fifty_calls()).await;
        let raw_url = format!("{base}/cc/accounts/200123/calls");
        let raw = ccapi_transport::http_client_builder()
            .build()
            .expect("raw client");
        let client = Client::with_config(
            ClientConfig::new(&base, "bench/0").expect("valid base"),
            Credentials::access_token(TOKEN.into()),
        )
        .expect("client");

        for _ in 0..200 {
            assert_eq!(raw_list(&raw, &raw_url).await, 50);
            assert_eq!(crate_list(&client).await, 50);
        }
        let (mut raw_times, mut crate_times) =
            support::interleaved(samples, || raw_list(&raw, &raw_url), || crate_list(&client))
                .await;
        let raw_median = support::median(&mut raw_times);
        let crate_median = support::median(&mut crate_times);
        println!("calls.list of 50 calls with legs, {samples} samples per side, interleaved");
        println!("  raw reqwest + serde_json into CallPage  median {raw_median:?}");
        println!("  cc-voice client.calls().list()          median {crate_median:?}");
        println!(
            "  ratio crate / raw                       {:.3}  (target <= 1.05)",
            crate_median.as_secs_f64() / raw_median.as_secs_f64()
        );
    });
}
