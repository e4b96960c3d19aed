//! Decoding alone: the 50-call page into cc-voice's lossless [`CallPage`] against plain serde
//! structs (`support/plain.rs`), with no HTTP in between.
//!
//! `cargo bench -p cc-voice --bench decode_page` times, interleaved, 10 decodes per sample of:
//! - the seed page into the lossless model, as the transport decodes (`from_str`);
//! - the seed page into plain structs typed as the seed, with `from_slice` (what
//!   `reqwest::Response::json` does) and with `from_str` (the same reader as the crate's);
//! - the spec page into the lossless model and into plain structs typed from the spec.
//!
//! For instruction counts, `BENCH_PROFILE=lossless|plain|plain-text|lossless-spec|plain-spec`
//! decodes `BENCH_SAMPLES` times with that side alone; run it under
//! `valgrind --tool=callgrind` at two sample counts and divide the difference of the totals by
//! the difference of the counts (docs/performance.md).

use std::hint::black_box;
use std::time::Instant;

use cc_voice::models::CallPage;

#[path = "../../ccapi-transport/benches/support/mod.rs"]
#[allow(dead_code)]
mod support;

#[path = "support/plain.rs"]
mod plain;

const SIDES: [&str; 5] = [
    "seed page into CallPage, from_str (the crate)",
    "seed page into plain structs, from_slice (.json())",
    "seed page into plain structs, from_str",
    "spec page into CallPage, from_str (the crate)",
    "spec page into plain spec structs, from_slice (.json())",
];

fn decode(side: usize, seed: &str, spec: &str) -> usize {
    match side {
        0 => serde_json::from_str::<CallPage>(seed)
            .expect("lossless")
            .calls
            .map_or(0, |calls| calls.len()),
        1 => serde_json::from_slice::<plain::seed::CallPage>(seed.as_bytes())
            .expect("plain")
            .calls
            .len(),
        2 => serde_json::from_str::<plain::seed::CallPage>(seed)
            .expect("plain")
            .calls
            .len(),
        3 => serde_json::from_str::<CallPage>(spec)
            .expect("lossless")
            .calls
            .map_or(0, |calls| calls.len()),
        _ => serde_json::from_slice::<plain::spec::CallPage>(spec.as_bytes())
            .expect("plain")
            .calls
            .len(),
    }
}

fn main() {
    let samples = support::samples();
    let (seed, spec) = (plain::seed_page(), plain::spec_page());
    for (side, name) in SIDES.iter().enumerate() {
        assert_eq!(decode(side, &seed, &spec), 50, "{name}");
    }

    if let Ok(profiled) = std::env::var("BENCH_PROFILE") {
        let side = match profiled.as_str() {
            "lossless" => 0,
            "plain" => 1,
            "plain-text" => 2,
            "lossless-spec" => 3,
            "plain-spec" => 4,
            other => panic!(
                "BENCH_PROFILE={other}: expected lossless, plain, plain-text, lossless-spec or plain-spec"
            ),
        };
        for _ in 0..samples {
            black_box(decode(side, black_box(&seed), black_box(&spec)));
        }
        return;
    }

    const DECODES: usize = 10;
    let mut times = vec![Vec::with_capacity(samples); SIDES.len()];
    for i in 0..samples {
        for k in 0..SIDES.len() {
            let side = (i + k) % SIDES.len();
            let started = Instant::now();
            for _ in 0..DECODES {
                black_box(decode(side, black_box(&seed), black_box(&spec)));
            }
            times[side].push(started.elapsed() / DECODES as u32);
        }
    }
    let medians: Vec<_> = times.iter_mut().map(|t| support::median(t)).collect();
    println!(
        "decoding a 50-call page, {samples} samples of {DECODES} decodes per side, interleaved"
    );
    for (side, median) in SIDES.iter().zip(&medians) {
        println!("  {side:<56} median {median:?}");
    }
    let ratio = |a: usize, b: usize| medians[a].as_secs_f64() / medians[b].as_secs_f64();
    println!(
        "ratio lossless / plain structs, seed page   {:.3}  (plain with from_slice, as .json())",
        ratio(0, 1)
    );
    println!(
        "  ratio lossless / plain structs, seed page, same reader   {:.3}",
        ratio(0, 2)
    );
    println!(
        "ratio lossless / plain structs, spec page   {:.3}",
        ratio(3, 4)
    );
}
