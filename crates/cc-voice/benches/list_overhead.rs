//! `calls.list` through the crate against what a user would write instead, interleaved in one
//! run.
//!
//! `cargo bench -p cc-voice --bench list_overhead` serves a 50-call page (each call with one
//! leg, as in the provider's example) from a minimal keep-alive server on 127.0.0.1, in two
//! cases, each side with a connection pool of its own, rotating which side goes first from one
//! sample to the next.
//!
//! **The seed page** (the provider's example: numeric ids, epoch-second integers), four sides:
//! - a bare `reqwest::Client` sending the same header and `.json()` into plain serde structs
//!   typed as the seed's example (`support/plain.rs`): **the baseline the target is against**;
//! - the same `GET`, `serde_json::from_slice::<CallPage>` into cc-voice's own lossless model;
//! - the same, decoding as the transport does (UTF-8 checked once, then `from_str`), so that
//!   the crate's plumbing shows apart from its decoding;
//! - `client.calls(account).list(&ListFilter::new())`: row, path, bearer token, transport,
//!   lossless decoding into [`CallPage`].
//!
//! **The spec page** (the same calls typed as Vonage's OpenAPI file: strings, RFC 3339 times),
//! two sides: `.json()` into plain structs typed from the spec (chrono's `DateTime<Utc>` for
//! times), and the crate.
//!
//! It prints each side's median and the ratios; the line
//! `ratio crate / raw into plain structs   <x.xxx>  (target <= 1.05)` is the one the target
//! in docs/performance.md reads. Set `BENCH_SAMPLES` to change the number of samples per side
//! (default 2000).

use cc_voice::models::CallPage;
use cc_voice::{Client, ClientConfig, Credentials, ListFilter};
use ccapi_transport::reqwest;

#[path = "../../ccapi-transport/benches/support/mod.rs"]
mod support;

#[path = "support/plain.rs"]
mod plain;

const TOKEN: &str = "bench-token";

async fn get(client: &reqwest::Client, url: &str) -> reqwest::Response {
    client
        .get(url)
        .header("Authorization", format!("Bearer {TOKEN}"))
        .send()
        .await
        .expect("raw send")
}

async fn raw_plain_seed(client: &reqwest::Client, url: &str) -> usize {
    let page: plain::seed::CallPage = get(client, url).await.json().await.expect("plain decode");
    page.calls.len()
}

async fn raw_plain_spec(client: &reqwest::Client, url: &str) -> usize {
    let page: plain::spec::CallPage = get(client, url).await.json().await.expect("plain decode");
    page.calls.len()
}

async fn raw_lossless(client: &reqwest::Client, url: &str, as_text: bool) -> usize {
    let bytes = get(client, url).await.bytes().await.expect("raw body");
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

fn raw_client() -> reqwest::Client {
    ccapi_transport::http_client_builder()
        .build()
        .expect("raw client")
}

fn crate_client(base: &str) -> Client {
    Client::with_config(
        ClientConfig::new(base, "bench/0").expect("valid base"),
        Credentials::access_token(TOKEN.into()),
    )
    .expect("client")
}

/// Each side's median over `samples` interleaved samples, after 200 warm-up rounds (connections
/// open, allocator and caches settled) that also check every side lists the 50 calls.
async fn sample_medians<F>(
    samples: usize,
    sides: usize,
    mut run: impl FnMut(usize) -> F,
) -> Vec<std::time::Duration>
where
    F: std::future::Future<Output = usize>,
{
    for _ in 0..200 {
        for side in 0..sides {
            assert_eq!(run(side).await, 50);
        }
    }
    let mut times = support::interleaved(samples, sides, &mut run).await;
    times.iter_mut().map(|t| support::median(t)).collect()
}

fn ratio(medians: &[std::time::Duration], a: usize, b: usize) -> f64 {
    medians[a].as_secs_f64() / medians[b].as_secs_f64()
}

fn main() {
    let samples = support::samples();
    support::runtime().block_on(async move {
        // The seed page.
        let base = support::start(plain::seed_page()).await;
        let url = format!("{base}/cc/accounts/200123/calls");
        let raws = [raw_client(), raw_client(), raw_client()];
        let client = crate_client(&base);
        let side = |side: usize| {
            let (raws, url, client) = (&raws, &url, &client);
            async move {
                match side {
                    0 => raw_plain_seed(&raws[0], url).await,
                    1 => raw_lossless(&raws[1], url, false).await,
                    2 => raw_lossless(&raws[2], url, true).await,
                    _ => crate_list(client).await,
                }
            }
        };
        let medians = sample_medians(samples, 4, side).await;
        println!("calls.list of 50 calls with legs, seed page, {samples} samples per side, interleaved");
        println!("  raw reqwest .json() into plain structs (seed types)  median {:?}", medians[0]);
        println!("  raw reqwest + from_slice into CallPage               median {:?}", medians[1]);
        println!("  raw reqwest + from_utf8 + from_str into CallPage     median {:?}", medians[2]);
        println!("  cc-voice client.calls().list()                       median {:?}", medians[3]);
        println!(
            "ratio crate / raw into plain structs   {:.3}  (target <= 1.05)",
            ratio(&medians, 3, 0)
        );
        println!(
            "  ratio crate / raw into CallPage                      {:.3}",
            ratio(&medians, 3, 1)
        );
        println!(
            "  ratio crate / raw into CallPage, text decoding       {:.3}  (the plumbing alone)",
            ratio(&medians, 3, 2)
        );

        // The spec page.
        let base = support::start(plain::spec_page()).await;
        let url = format!("{base}/cc/accounts/200123/calls");
        let raw = raw_client();
        let client = crate_client(&base);
        let side = |side: usize| {
            let (raw, url, client) = (&raw, &url, &client);
            async move {
                match side {
                    0 => raw_plain_spec(raw, url).await,
                    _ => crate_list(client).await,
                }
            }
        };
        let medians = sample_medians(samples, 2, side).await;
        println!("calls.list of 50 calls with legs, spec page, {samples} samples per side, interleaved");
        println!("  raw reqwest .json() into plain structs (spec types)  median {:?}", medians[0]);
        println!("  cc-voice client.calls().list()                       median {:?}", medians[1]);
        println!(
            "spec page: ratio crate / raw into plain structs typed from the spec   {:.3}  (target <= 0.90)",
            ratio(&medians, 1, 0)
        );
    });
}
