//! `cargo xtask schemathesis [--max-examples N]`: the sandbox proven against the seven OpenAPI
//! documents by Schemathesis (PyPI), an independent tester: for every operation it generates
//! valid and invalid requests (and, where answers link to other operations, stateful
//! sequences), and checks that no answer is a server error, every answer has a documented
//! status, media type and schema, and invalid input is refused with a 4xx.
//!
//! Schemathesis is installed in a virtual environment under `target/schemathesis/venv` (pinned,
//! reused when present). The sandbox runs in this process; its credentials come from
//! `ccapi_sandbox::credentials`, its VBC and Ziwo tokens from a real login. Known ids are seeded
//! where a path parameter scopes everything else (the VBC account, the Ziwo agent's `ccLogin`);
//! other resources are reached through the links Schemathesis infers from create answers.

use std::path::{Path, PathBuf};
use std::process::Command;

use ccapi_sandbox::{credentials, Sandbox};

/// The Schemathesis release the run is pinned to.
const SCHEMATHESIS: &str = "schemathesis==4.32.5";

/// Every check but those that need an API to enforce more than its document says (positive
/// data acceptance: the sandbox answers 404 for ids it does not hold, which the documents
/// allow as a 4xx).
const CHECKS: &str = "not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance,negative_data_rejection";

/// The virtual environment's `st`, installed when missing.
fn schemathesis(root: &Path) -> Result<PathBuf, String> {
    let venv = root.join("target/schemathesis/venv");
    std::fs::create_dir_all(root.join("target/schemathesis")).map_err(|err| err.to_string())?;
    let st = venv.join("bin/st");
    let marker = venv.join(format!("{SCHEMATHESIS}.installed"));
    if st.exists() && marker.exists() {
        return Ok(st);
    }
    let python = std::env::var("PYTHON").unwrap_or_else(|_| "python3".to_owned());
    run_quietly(
        Command::new(&python).args(["-m", "venv"]).arg(&venv),
        "creating the virtual environment (python3 -m venv)",
    )?;
    run_quietly(
        Command::new(venv.join("bin/pip")).args(["install", "--quiet", SCHEMATHESIS]),
        &format!("pip install {SCHEMATHESIS}"),
    )?;
    std::fs::write(&marker, "").map_err(|err| err.to_string())?;
    Ok(st)
}

fn run_quietly(command: &mut Command, what: &str) -> Result<(), String> {
    let output = command.output().map_err(|err| format!("{what}: {err}"))?;
    if output.status.success() {
        Ok(())
    } else {
        Err(format!(
            "{what} failed: {}",
            String::from_utf8_lossy(&output.stderr)
        ))
    }
}

/// One API's run: its base URL, headers and seeded parameters.
struct Target {
    api: &'static str,
    base_url: String,
    headers: Vec<(&'static str, String)>,
    parameters: Vec<(&'static str, &'static str)>,
}

/// Runs Schemathesis against a sandbox in this process, `max_examples` per operation.
pub fn run(root: &Path, max_examples: u32) -> Result<(), String> {
    let st = schemathesis(root)?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|err| err.to_string())?;
    let sandbox = runtime
        .block_on(Sandbox::start())
        .map_err(|err| format!("the sandbox cannot start: {err}"))?;
    let (vbc_token, ziwo_token) = runtime.block_on(tokens(&sandbox))?;
    let agendize = vec![
        ("apiKey", credentials::AGENDIZE_API_KEY.to_owned()),
        ("token", credentials::AGENDIZE_TOKEN.to_owned()),
    ];
    let ziwo = vec![
        ("access_token", ziwo_token),
        ("api_key", credentials::ZIWO_API_KEY.to_owned()),
    ];
    let targets = [
        Target {
            api: "agendize-calls",
            base_url: sandbox.agendize_url(),
            headers: agendize.clone(),
            parameters: vec![],
        },
        Target {
            api: "agendize-resellers",
            base_url: sandbox.agendize_url(),
            headers: agendize,
            parameters: vec![],
        },
        Target {
            api: "ziwo-admin",
            base_url: sandbox.ziwo_url(),
            headers: ziwo.clone(),
            parameters: vec![],
        },
        Target {
            api: "ziwo-cti",
            base_url: sandbox.ziwo_url(),
            headers: ziwo.clone(),
            parameters: vec![("path.ccLogin", "5555")],
        },
        Target {
            api: "ziwo-crm",
            base_url: sandbox.ziwo_url(),
            headers: ziwo,
            parameters: vec![],
        },
        Target {
            api: "iadvize-rest",
            base_url: sandbox.iadvize_url(),
            headers: vec![("X-API-Key", credentials::IADVIZE_API_KEY.to_owned())],
            parameters: vec![],
        },
        Target {
            api: "cc-voice",
            base_url: sandbox.vbc_url(),
            headers: vec![("Authorization", format!("Bearer {vbc_token}"))],
            parameters: vec![("path.account_id", credentials::VBC_ACCOUNT_ID)],
        },
    ];
    let work = root.join("target/schemathesis");
    std::fs::create_dir_all(&work).map_err(|err| format!("{}: {err}", work.display()))?;
    let mut failed = Vec::new();
    let mut report = String::new();
    for target in &targets {
        let config = work.join(format!("{}.toml", target.api));
        std::fs::write(&config, config_text(target)).map_err(|err| err.to_string())?;
        let output = Command::new(&st)
            .current_dir(&work)
            .arg("--config-file")
            .arg(&config)
            .arg("run")
            .arg(root.join(format!("docs/openapi/{}.json", target.api)))
            .args(["--url", &target.base_url])
            .args(["--max-examples", &max_examples.to_string()])
            .args(["--seed", "1", "--checks", CHECKS])
            .env("NO_COLOR", "1")
            .output()
            .map_err(|err| format!("{}: {err}", st.display()))?;
        let text = String::from_utf8_lossy(&output.stdout);
        let cases = text
            .lines()
            .find(|line| line.contains(" generated, "))
            .map(str::trim)
            .unwrap_or("no test cases reported")
            .to_owned();
        report.push_str(&format!("{:<20} {cases}\n", target.api));
        if !output.status.success() {
            println!("{text}");
            failed.push(target.api);
        }
    }
    print!("{report}");
    drop(sandbox);
    if failed.is_empty() {
        Ok(())
    } else {
        Err(format!("failures against {} (above)", failed.join(", ")))
    }
}

/// A Schemathesis configuration for one target: its credentials as headers and its seeded
/// parameters. Secrets are the sandbox's own, so the file holds nothing of a real account.
fn config_text(target: &Target) -> String {
    let mut text = String::from("[headers]\n");
    for (name, value) in &target.headers {
        text.push_str(&format!("{name:?} = {value:?}\n"));
    }
    text.push_str("\n[parameters]\n");
    for (name, value) in &target.parameters {
        text.push_str(&format!("{name:?} = {value:?}\n"));
    }
    text
}

/// A VBC access token (the password grant) and a Ziwo session token (`POST /auth/login`).
async fn tokens(sandbox: &Sandbox) -> Result<(String, String), String> {
    let http = reqwest::Client::new();
    let vbc: serde_json::Value = http
        .post(sandbox.vbc_token_url())
        .form(&credentials::VBC_PASSWORD_GRANT_FORM)
        .send()
        .await
        .and_then(reqwest::Response::error_for_status)
        .map_err(|err| format!("the VBC token: {err}"))?
        .json()
        .await
        .map_err(|err| format!("the VBC token: {err}"))?;
    let ziwo: serde_json::Value = http
        .post(format!("{}/auth/login", sandbox.ziwo_url()))
        .json(&serde_json::json!({"username": credentials::ZIWO_USERNAME, "password": credentials::ZIWO_PASSWORD}))
        .send()
        .await
        .and_then(reqwest::Response::error_for_status)
        .map_err(|err| format!("the Ziwo login: {err}"))?
        .json()
        .await
        .map_err(|err| format!("the Ziwo login: {err}"))?;
    let text = |value: &serde_json::Value, pointer: &str, what: &str| {
        value
            .pointer(pointer)
            .and_then(serde_json::Value::as_str)
            .map(str::to_owned)
            .ok_or_else(|| format!("{what}: no token in the answer"))
    };
    Ok((
        text(&vbc, "/access_token", "the VBC token")?,
        text(&ziwo, "/content/access_token", "the Ziwo login")?,
    ))
}
