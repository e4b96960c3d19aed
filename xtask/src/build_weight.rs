//! `cargo xtask build-weight`: what depending on `cc-voice` costs a downstream crate at build
//! time, against a crate using only what any HTTP client needs (reqwest with rustls, serde,
//! serde_json, tokio).
//!
//! Two scratch crates are written under `target/build-weight/`, in one scratch workspace whose
//! lock starts from this workspace's `Cargo.lock` (so both resolve the versions we ship with).
//! Each run builds both from clean with the default `dev` profile a downstream user gets, the
//! two sides alternating which goes first; the report gives each side's median wall time and
//! the ratio.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

/// The result of a measurement.
#[derive(Debug)]
pub struct Weight {
    /// Clean build times of the crate depending on cc-voice.
    pub with_cc_voice: Vec<Duration>,
    /// Clean build times of the baseline crate.
    pub baseline: Vec<Duration>,
}

impl Weight {
    /// Median of each side and the ratio cc-voice / baseline.
    pub fn render(&self) -> String {
        let with = median(&self.with_cc_voice);
        let base = median(&self.baseline);
        format!(
            "clean debug build, {} runs each, interleaved\n\
             baseline (reqwest rustls + serde + serde_json + tokio): {:.1} s (median; {:?})\n\
             with cc-voice:                                          {:.1} s (median; {:?})\n\
             ratio: {:.3} (target <= 1.15)\n",
            self.baseline.len(),
            base.as_secs_f64(),
            self.baseline
                .iter()
                .map(|d| d.as_secs())
                .collect::<Vec<_>>(),
            with.as_secs_f64(),
            self.with_cc_voice
                .iter()
                .map(|d| d.as_secs())
                .collect::<Vec<_>>(),
            with.as_secs_f64() / base.as_secs_f64(),
        )
    }
}

fn median(samples: &[Duration]) -> Duration {
    let mut sorted = samples.to_vec();
    sorted.sort();
    sorted.get(sorted.len() / 2).copied().unwrap_or_default()
}

const BASELINE_MAIN: &str = r#"use serde::Deserialize;

#[allow(dead_code)] // Decoded and printed through Debug.
#[derive(Debug, Deserialize)]
struct Call {
    call_id: String,
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let calls: Vec<Call> = reqwest::Client::new()
        .get("http://127.0.0.1:9/calls")
        .send()
        .await?
        .json()
        .await?;
    println!("{calls:?} {}", serde_json::json!({"n": calls.len()}));
    Ok(())
}
"#;

const CC_VOICE_MAIN: &str = r#"#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let client = cc_voice::Client::new(cc_voice::Credentials::access_token("t".to_owned().into()))?;
    let page = client.calls("1").list(&cc_voice::ListFilter::new()).await?;
    println!("{:?}", page.calls.map(|calls| calls.len()));
    Ok(())
}
"#;

/// Writes the scratch workspace and returns the paths of the two crates.
fn scratch(root: &Path) -> Result<(PathBuf, PathBuf), String> {
    let dir = root.join("target/build-weight");
    let write = |path: PathBuf, text: &str| -> Result<(), String> {
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|err| format!("{}: {err}", parent.display()))?;
        }
        std::fs::write(&path, text).map_err(|err| format!("{}: {err}", path.display()))
    };
    let cc_voice = root.join("crates/cc-voice");
    let versions = workspace_versions(root)?;
    write(
        dir.join("Cargo.toml"),
        "[workspace]\nmembers = [\"baseline\", \"with-cc-voice\"]\nresolver = \"2\"\n",
    )?;
    write(
        dir.join("baseline/Cargo.toml"),
        &format!(
            "[package]\nname = \"baseline\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n\
             [dependencies]\n\
             reqwest = {{ version = \"{reqwest}\", default-features = false, features = [\"rustls-tls\", \"json\"] }}\n\
             serde = {{ version = \"{serde}\", features = [\"derive\"] }}\n\
             serde_json = \"{serde_json}\"\n\
             tokio = {{ version = \"{tokio}\", features = [\"rt\", \"macros\"] }}\n",
            reqwest = versions.0,
            serde = versions.1,
            serde_json = versions.2,
            tokio = versions.3,
        ),
    )?;
    write(dir.join("baseline/src/main.rs"), BASELINE_MAIN)?;
    write(
        dir.join("with-cc-voice/Cargo.toml"),
        &format!(
            "[package]\nname = \"with-cc-voice\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n\
             [dependencies]\n\
             cc-voice = {{ path = \"{}\" }}\n\
             tokio = {{ version = \"{}\", features = [\"rt\", \"macros\"] }}\n",
            cc_voice.display(),
            versions.3,
        ),
    )?;
    write(dir.join("with-cc-voice/src/main.rs"), CC_VOICE_MAIN)?;
    // Start from our lock: both sides resolve the versions this workspace ships with.
    std::fs::copy(root.join("Cargo.lock"), dir.join("Cargo.lock"))
        .map_err(|err| format!("Cargo.lock: {err}"))?;
    Ok((dir.join("baseline"), dir.join("with-cc-voice")))
}

/// The requirement strings of reqwest, serde, serde_json and tokio in the workspace manifest.
fn workspace_versions(root: &Path) -> Result<(String, String, String, String), String> {
    let manifest = std::fs::read_to_string(root.join("Cargo.toml"))
        .map_err(|err| format!("Cargo.toml: {err}"))?;
    let table: toml::Table = manifest
        .parse()
        .map_err(|err| format!("Cargo.toml: {err}"))?;
    let version = |name: &str| -> Result<String, String> {
        let entry = table
            .get("workspace")
            .and_then(|w| w.get("dependencies"))
            .and_then(|d| d.get(name))
            .ok_or_else(|| format!("no workspace dependency {name}"))?;
        entry
            .as_str()
            .or_else(|| entry.get("version").and_then(|v| v.as_str()))
            .map(str::to_owned)
            .ok_or_else(|| format!("no version for {name}"))
    };
    Ok((
        version("reqwest")?,
        version("serde")?,
        version("serde_json")?,
        version("tokio")?,
    ))
}

fn clean_build(cargo: &str, krate: &Path) -> Result<Duration, String> {
    let target = krate.join("target");
    let _ = std::fs::remove_dir_all(&target);
    let started = Instant::now();
    let status = Command::new(cargo)
        .current_dir(krate)
        .env("CARGO_TARGET_DIR", &target)
        .args(["build", "--quiet"])
        .status()
        .map_err(|err| format!("cannot run cargo: {err}"))?;
    let elapsed = started.elapsed();
    if !status.success() {
        return Err(format!("building {} failed", krate.display()));
    }
    Ok(elapsed)
}

/// Builds both crates `runs` times each from clean, alternating which goes first.
pub fn measure(root: &Path, runs: usize) -> Result<Weight, String> {
    let (baseline, with_cc_voice) = scratch(root)?;
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    // Fetch once, so no build includes a download.
    let fetched = Command::new(&cargo)
        .current_dir(baseline.parent().unwrap_or(root))
        .args(["fetch", "--quiet"])
        .status()
        .map_err(|err| format!("cannot run cargo: {err}"))?;
    if !fetched.success() {
        return Err("cargo fetch failed".to_owned());
    }
    let mut weight = Weight {
        with_cc_voice: Vec::new(),
        baseline: Vec::new(),
    };
    for run in 0..runs {
        if run % 2 == 0 {
            weight.baseline.push(clean_build(&cargo, &baseline)?);
            weight
                .with_cc_voice
                .push(clean_build(&cargo, &with_cc_voice)?);
        } else {
            weight
                .with_cc_voice
                .push(clean_build(&cargo, &with_cc_voice)?);
            weight.baseline.push(clean_build(&cargo, &baseline)?);
        }
        eprintln!("run {} of {runs} done", run + 1);
    }
    Ok(weight)
}
