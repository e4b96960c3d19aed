//! Workspace automation, run as `cargo xtask <command>`:
//!
//! - `cargo xtask codegen [--check]`: everything generated from the manifests and fixtures
//!   (operation rows, models, sandbox examples, OpenAPI documents; see `docs/codegen.md`);
//! - `cargo xtask record <crate> <fixture> --url URL [...]`: a real response into `fixtures/`,
//!   credentials removed;
//! - `cargo xtask conformance`: cc-voice against Vonage's OpenAPI file served by Prism;
//! - `cargo xtask build-weight`: the clean build time a downstream crate pays for cc-voice;
//! - `cargo xtask mem`: peak memory of the release command line and sandbox;
//! - `cargo xtask schemathesis [--max-examples N]`: the sandbox against the OpenAPI documents,
//!   by Schemathesis;
//! - `cargo xtask package [--allow-dirty]`: the library crates package, verify, and serve a
//!   consumer outside the workspace.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use xtask::record::{self, Credentials, Recording};

const USAGE: &str = "\
usage:
  cargo xtask codegen [--check]
      Regenerate everything that follows from fixtures/<crate>/api.toml and the fixtures: each
      crate's src/operations.rs, src/models/generated.rs and tests/fixture_round_trip.rs, the
      sandbox's examples, docs/openapi/<api>.json (see docs/codegen.md); with --check, write
      nothing and fail with a diff when any differs.

  cargo xtask record <crate> <fixture> --url URL [--method GET] [--body FILE]
                     [--header NAME=ENV_VAR]... | [--query-key NAME=ENV_VAR]... | [--bearer ENV_VAR]
                     [--force]
      Send one request and write the JSON response to fixtures/<crate>/<fixture>
      (e.g. accounts/get.response.recorded.json). Credentials are read from the named
      environment variables; they and every secret field are replaced before writing.

  cargo xtask build-weight [--runs N]
      Build, from clean and interleaved, a scratch crate depending on cc-voice and one using
      only reqwest (rustls), serde, serde_json and tokio; print the median times and the ratio.

  cargo xtask mem [--seconds N] [--largest N]
      Build the release ccapi and measure peak RSS: `--all --ndjson` over 1,000, 100,000 and
      N (default 1,000,000) visitors; 400 MB answers with and without Content-Length; the
      sandbox under a 300 MB upload and 64 keep-alive clients for N seconds (default 30).

  cargo xtask schemathesis [--max-examples N]
      Install Schemathesis from PyPI (into target/schemathesis/venv), start the sandbox and run
      Schemathesis against it with each of the seven documents (N cases per operation and
      phase, default 25): no server error, every answer as documented, invalid input refused.

  cargo xtask package [--allow-dirty]
      `cargo package` (with verification) for every library crate, in dependency order; then
      build and run, outside the workspace, a crate that depends on the packaged cc-voice and
      ccapi-sandbox through [patch.crates-io] (see xtask/src/package.rs).

  cargo xtask conformance [--spec FILE] [--prism-dir DIR] [--rounds N]
      Install Prism from npm (into target/conformance/prism unless --prism-dir), serve Vonage's
      OpenAPI file (../shared/specs/vbc-telephony.yml) with random valid answers, and run every
      cc-voice read operation N times (default 20) and every write once through the crate:
      every answer must decode and every request pass Prism's validator.
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let root = workspace_root();
    let outcome = match args.first().map(String::as_str) {
        Some("codegen") => codegen(&root, &args[1..]),
        Some("record") => record_command(&root, &args[1..]),
        Some("conformance") => conformance(&root, &args[1..]),
        Some("build-weight") => build_weight(&root, &args[1..]),
        Some("mem") => mem(&root, &args[1..]),
        Some("package") => package(&root, &args[1..]),
        Some("schemathesis") => schemathesis(&root, &args[1..]),
        Some("help" | "--help" | "-h") => {
            print!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        _ => Err(Failure::Usage(format!(
            "unknown command `{}`",
            args.first().map(String::as_str).unwrap_or("")
        ))),
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Usage(message)) => {
            eprintln!("cargo xtask: {message}\n\n{USAGE}");
            ExitCode::from(2)
        }
        Err(Failure::Failed(message)) => {
            eprintln!("cargo xtask: {message}");
            ExitCode::FAILURE
        }
    }
}

enum Failure {
    Usage(String),
    Failed(String),
}

/// The workspace root: xtask lives one level below it.
fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."))
}

fn codegen(root: &Path, args: &[String]) -> Result<(), Failure> {
    let check = match args {
        [] => false,
        [flag] if flag == "--check" => true,
        _ => return Err(Failure::Usage(format!("codegen: unexpected {args:?}"))),
    };
    let report = xtask::codegen::run(root, check).map_err(Failure::Failed)?;
    if check {
        if report.diffs.is_empty() {
            return Ok(());
        }
        for diff in &report.diffs {
            eprintln!("{diff}");
        }
        return Err(Failure::Failed(format!(
            "{} generated file(s) differ from fixtures/: run `cargo xtask codegen` and commit the result \
             (generated files are never edited by hand)",
            report.changed.len()
        )));
    }
    for path in &report.changed {
        eprintln!("wrote {}", path.display());
    }
    Ok(())
}

fn mem(root: &Path, args: &[String]) -> Result<(), Failure> {
    let (mut seconds, mut largest) = (30, 1_000_000);
    let mut rest = args.iter();
    while let Some(flag) = rest.next() {
        let value = rest
            .next()
            .and_then(|value| value.parse::<u64>().ok())
            .filter(|value| *value > 0)
            .ok_or_else(|| Failure::Usage(format!("{flag} needs a count from 1")))?;
        match flag.as_str() {
            "--seconds" => seconds = value,
            "--largest" => largest = value,
            _ => return Err(Failure::Usage(format!("mem: unexpected {flag}"))),
        }
    }
    let report = xtask::mem::measure(root, seconds, largest).map_err(Failure::Failed)?;
    let mib = |kib: u64| kib as f64 / 1024.0;
    println!("ccapi iadvize-rest visitor list --limit 100 --all --ndjson (release):");
    for listed in &report.listings {
        println!(
            "  {:>9} items: {} lines, peak RSS {:.1} MiB, {:.1} s",
            listed.items,
            listed.lines,
            mib(listed.peak_kib),
            listed.seconds
        );
    }
    println!("ccapi iadvize-rest visitor get, a 400 MB answer:");
    for answer in &report.big_answers {
        println!(
            "  {:<14} exit {}, peak RSS {:.1} MiB: {}",
            answer.how,
            answer.code,
            mib(answer.peak_kib),
            answer.message
        );
    }
    let sandbox = &report.sandbox;
    println!(
        "ccapi sandbox, a 300 MB form upload: {}; peak RSS {:.1} MiB",
        sandbox.upload,
        mib(sandbox.after_upload_kib)
    );
    println!(
        "ccapi sandbox, 64 keep-alive clients for {seconds} s: {} answers; peak RSS {:.1} MiB",
        sandbox.answered,
        mib(sandbox.after_clients_kib)
    );
    let verdict = |met: bool| if met { "met" } else { "NOT met" };
    println!(
        "ccapi sandbox, 300 PUTs of 1 MB: peak RSS {:.1} MiB before, {:.1} MiB after (target < 64 MiB: {})",
        mib(sandbox.puts_kib.0),
        mib(sandbox.puts_kib.1),
        verdict(mib(sandbox.puts_kib.1) < 64.0)
    );
    println!(
        "ccapi sandbox, 20,000 creates: peak RSS {:.1} MiB; a get by id of the last {:.2} ms (median of 100)",
        mib(sandbox.creates_kib),
        sandbox.get_after_creates.as_secs_f64() * 1000.0
    );
    println!(
        "ccapi sandbox, 300 clients trickling their bodies: a GET answered in {:.0} ms ({} tricklers closed by then; target < 1 s: {})",
        sandbox.get_behind_tricklers.as_secs_f64() * 1000.0,
        sandbox.tricklers_closed,
        verdict(sandbox.get_behind_tricklers < std::time::Duration::from_secs(1))
    );
    Ok(())
}

fn build_weight(root: &Path, args: &[String]) -> Result<(), Failure> {
    let runs = match args {
        [] => 3,
        [flag, value] if flag == "--runs" => value
            .parse()
            .ok()
            .filter(|runs| *runs > 0)
            .ok_or_else(|| Failure::Usage(format!("--runs `{value}`: a count from 1")))?,
        _ => return Err(Failure::Usage(format!("build-weight: unexpected {args:?}"))),
    };
    let weight = xtask::build_weight::measure(root, runs).map_err(Failure::Failed)?;
    print!("{}", weight.render());
    Ok(())
}

fn package(root: &Path, args: &[String]) -> Result<(), Failure> {
    let allow_dirty = match args {
        [] => false,
        [flag] if flag == "--allow-dirty" => true,
        _ => return Err(Failure::Usage(format!("package: unexpected {args:?}"))),
    };
    let printed = xtask::package::run(root, allow_dirty).map_err(Failure::Failed)?;
    print!("the consumer of the packaged crates ran: {printed}");
    Ok(())
}

/// `cargo xtask schemathesis [--max-examples N]`.
fn schemathesis(root: &Path, args: &[String]) -> Result<(), Failure> {
    let max_examples = match args {
        [] => 25,
        [flag, value] if flag == "--max-examples" => value
            .parse::<u32>()
            .ok()
            .filter(|n| *n > 0)
            .ok_or_else(|| {
            Failure::Usage(format!("--max-examples `{value}`: a count from 1"))
        })?,
        _ => return Err(Failure::Usage(format!("schemathesis: unexpected {args:?}"))),
    };
    xtask::schemathesis::run(root, max_examples).map_err(Failure::Failed)
}

/// Runs the `conformance` package (`xtask/conformance`), which depends on cc-voice: kept out
/// of xtask so that `cargo xtask codegen` builds even while a provider crate does not.
fn conformance(root: &Path, args: &[String]) -> Result<(), Failure> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let status = std::process::Command::new(cargo)
        .current_dir(root)
        .args(["run", "--quiet", "--package", "conformance", "--"])
        .args(args)
        .status()
        .map_err(|err| Failure::Failed(format!("cannot run cargo: {err}")))?;
    match status.code() {
        Some(0) => Ok(()),
        Some(2) => Err(Failure::Usage("conformance: see above".to_owned())),
        _ => Err(Failure::Failed(
            "cc-voice does not conform to Vonage's OpenAPI file (see above)".to_owned(),
        )),
    }
}

fn record_command(root: &Path, args: &[String]) -> Result<(), Failure> {
    let mut positional = Vec::new();
    let mut method = ccapi_transport::Method::GET;
    let mut url = None;
    let mut body = None;
    let mut force = false;
    let mut credentials = Credentials::default();
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        let mut value = |flag: &str| {
            rest.next()
                .cloned()
                .ok_or_else(|| Failure::Usage(format!("{flag} needs a value")))
        };
        match arg.as_str() {
            "--url" => url = Some(value("--url")?),
            "--method" => {
                let text = value("--method")?.to_ascii_uppercase();
                method = text
                    .parse()
                    .map_err(|_| Failure::Usage(format!("--method: `{text}` is not a method")))?;
            }
            "--body" => {
                let path = value("--body")?;
                let text = std::fs::read_to_string(&path)
                    .map_err(|err| Failure::Usage(format!("--body {path}: {err}")))?;
                body =
                    Some(serde_json::from_str(&text).map_err(|err| {
                        Failure::Usage(format!("--body {path}: not JSON: {err}"))
                    })?);
            }
            "--header" => credentials
                .headers
                .push(record::name_and_variable(&value("--header")?).map_err(Failure::Usage)?),
            "--query-key" => credentials
                .query
                .push(record::name_and_variable(&value("--query-key")?).map_err(Failure::Usage)?),
            "--bearer" => credentials.bearer = Some(value("--bearer")?),
            "--force" => force = true,
            flag if flag.starts_with("--") => {
                return Err(Failure::Usage(format!("record: unknown option {flag}")))
            }
            _ => positional.push(arg.clone()),
        }
    }
    let [crate_name, fixture] = positional.as_slice() else {
        return Err(Failure::Usage(
            "record needs <crate> and <fixture>".to_owned(),
        ));
    };
    let url = url.ok_or_else(|| Failure::Usage("record needs --url".to_owned()))?;
    let recording = Recording {
        crate_name: crate_name.clone(),
        fixture: fixture.clone(),
        method,
        url,
        credentials,
        body,
        force,
    };
    let recorded = record::record(root, &recording, |name| std::env::var(name).ok())
        .map_err(Failure::Failed)?;
    for (label, line) in record::summary(&recorded) {
        eprintln!("{label}: {line}");
    }
    Ok(())
}
