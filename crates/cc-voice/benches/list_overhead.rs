//! `calls.list` through the crate against raw reqwest + serde_json decoding into the same
//! structs, interleaved in one run.
//!
//! `cargo bench -p cc-voice --bench list_overhead` serves a 50-call page (each call with one
//! leg, as in the provider's example) from a minimal keep-alive server on 127.0.0.1 and
//! measures three sides, rotating which goes first from one sample to the next:
//! - the same `GET` with the same header through a bare `reqwest::Client`, and
//!   `serde_json::from_slice::<CallPage>` (what `reqwest::Response::json` does): the baseline;
//! - the same, decoding as the transport does (UTF-8 checked once, then `from_str`), so that
//!   the crate's plumbing shows apart from its faster decoding;
//! - `client.calls(account).list(&ListFilter::new())`: row, path, bearer token, transport,
//!   lossless decoding into [`CallPage`].
//!
//! It reports each side's median and the ratios crate / raw (target ≤ 1.05) and crate / raw
//! with text decoding. Set `BENCH_SAMPLES` to change the number of samples per side (default
//! 2000).

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

async fn raw_list(client: &ccapi_transport::reqwest::Client, url: &str, as_text: bool) -> usize {
    let bytes = client
        .get(url)
        .header("Authorization", format!("Bearer {TOKEN}"))
        .send()
        .await
        .expect("raw send")
        .bytes()
        .await
        .expect("raw body");
    let page: CallPage = if as_text {
        serde_json::from_str(std::str::from_utf8(&bytes).expect("UTF-8")).expect("raw decode")
    } else {
        serde_json::from_slice(&bytes).expect("raw decode")
    };
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
        // Each side has a client (a connection pool) of its own.
        let raw = ccapi_transport::http_client_builder()
            .build()
            .expect("raw client");
        let raw_text = ccapi_transport::http_client_builder()
            .build()
            .expect("raw client");
        let client = Client::with_config(
            ClientConfig::new(&base, "bench/0").expect("valid base"),
            Credentials::access_token(TOKEN.into()),
        )
        .expect("client");
        let side = |side: usize| {
            let (raw, raw_text, raw_url, client) = (&raw, &raw_text, &raw_url, &client);
            async move {
                match side {
                    0 => raw_list(raw, raw_url, false).await,
                    1 => raw_list(raw_text, raw_url, true).await,
                    _ => crate_list(client).await,
                }
            }
        };

        for _ in 0..200 {
            for s in 0..3 {
                assert_eq!(side(s).await, 50);
            }
        }
        let mut times = support::interleaved(samples, 3, side).await;
        let medians: Vec<_> = times.iter_mut().map(|t| support::median(t)).collect();
        let ratio = |a: usize, b: usize| medians[a].as_secs_f64() / medians[b].as_secs_f64();
        println!("calls.list of 50 calls with legs, {samples} samples per side, interleaved");
        println!(
            "  raw reqwest + from_slice into CallPage         median {:?}",
            medians[0]
        );
        println!(
            "  raw reqwest + from_utf8 + from_str into CallPage median {:?}",
            medians[1]
        );
        println!(
            "  cc-voice client.calls().list()                 median {:?}",
            medians[2]
        );
        println!(
            "  ratio crate / raw                              {:.3}  (target <= 1.05)",
            ratio(2, 0)
        );
        println!(
            "  ratio crate / raw, text decoding               {:.3}  (the plumbing alone)",
            ratio(2, 1)
        );
    });
}
