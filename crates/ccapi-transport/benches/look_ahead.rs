//! Listings with and without look-ahead, interleaved in one run.
//!
//! `cargo bench -p ccapi-transport --bench look_ahead` serves 200 pages from a local server that
//! takes 5 ms to answer each, and walks them with a consumer that spends 5 ms on each page:
//! once with [`Listing::look_ahead`] 0 (each page requested when the previous one is used up),
//! once with 1 (the next page fetched while the consumer works). Runs alternate so that machine
//! noise hits both sides alike; it reports each side's median and the ratio (target ≤ 0.6).
//!
//! Set `BENCH_RUNS` to change the number of runs per side (default 3) and `BENCH_PAGES` the
//! number of pages (default 200).

use std::time::{Duration, Instant};

use ccapi_transport::auth::HeaderKeys;
use ccapi_transport::paginate::{numbered_next, Page, PageCursor};
use ccapi_transport::{BareJson, ClientConfig, Operation, Query, Transport};
use futures::TryStreamExt;
use httpmock::prelude::*;

const PAGE_SIZE: usize = 10;
const SERVER_DELAY: Duration = Duration::from_millis(5);
const CONSUMER_WORK: Duration = Duration::from_millis(5);

fn env_number(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|value| value.parse().ok())
        .unwrap_or(default)
}

/// Walks every page with `look_ahead`, spending [`CONSUMER_WORK`] on each; returns the time and
/// the number of items seen.
async fn walk(transport: &Transport, pages: u64, look_ahead: usize) -> (Duration, usize) {
    let owned = transport.clone();
    let listing = transport
        .listing(PageCursor::Number(1), move |cursor| {
            let transport = owned.clone();
            async move {
                let number = cursor.value().unwrap_or(1);
                let mut query = Query::new();
                query.push("page", number);
                let items: Vec<u64> = transport
                    .execute(Operation::get("/items").query(query))
                    .await?;
                let next = numbered_next(number, Some(pages), items.len(), PAGE_SIZE as u64);
                Ok(Page::new(items, next))
            }
        })
        .look_ahead(look_ahead);
    let started = Instant::now();
    let mut seen = 0;
    let mut by_page = listing.by_page();
    while let Some(page) = by_page.try_next().await.expect("every page") {
        seen += page.items.len();
        tokio::time::sleep(CONSUMER_WORK).await;
    }
    (started.elapsed(), seen)
}

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

fn main() {
    let runs = env_number("BENCH_RUNS", 3).max(1);
    let pages = env_number("BENCH_PAGES", 200).max(2) as u64;
    let server = MockServer::start();
    let body: Vec<u64> = (0..PAGE_SIZE as u64).collect();
    server.mock(|when, then| {
        when.method(GET).path("/items");
        then.status(200)
            .json_body(serde_json::json!(body))
            .delay(SERVER_DELAY);
    });
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("a runtime");
    runtime.block_on(async {
        let config = ClientConfig::new(&server.base_url(), "look-ahead-bench/0.1").expect("config");
        let auth = HeaderKeys::new()
            .with("X-Key", "bench".into())
            .expect("auth");
        let transport = Transport::new(config, auth, BareJson).expect("transport");
        // One warm-up walk opens the connections.
        walk(&transport, 3, 1).await;
        let (mut without, mut with) = (Vec::new(), Vec::new());
        for _ in 0..runs {
            let (time, seen) = walk(&transport, pages, 0).await;
            assert_eq!(seen, pages as usize * PAGE_SIZE);
            without.push(time);
            let (time, seen) = walk(&transport, pages, 1).await;
            assert_eq!(seen, pages as usize * PAGE_SIZE);
            with.push(time);
        }
        let (without, with) = (median(without), median(with));
        println!(
            "{pages} pages, server {SERVER_DELAY:?}/page, consumer {CONSUMER_WORK:?}/page, median of {runs} interleaved runs"
        );
        println!("  look-ahead 0: {without:>10.1?}");
        println!("  look-ahead 1: {with:>10.1?}");
        println!(
            "  ratio with/without: {:.3} (target <= 0.6)",
            with.as_secs_f64() / without.as_secs_f64()
        );
    });
}
