//! The routes and members of the providers' official clients, end to end: the `ccapi` binary
//! against one running sandbox (so state persists between invocations), which learns the same
//! routes as the crates.

use std::process::Command;

use ccapi_sandbox::{credentials as sandbox, Sandbox};
use serde_json::{json, Value};

/// Runs `ccapi --base-url <url> args…` with `env`; returns the exit code and the printed JSON.
fn ccapi(url: &str, args: &[&str], env: &[(&str, &str)]) -> (i32, Value, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_ccapi"))
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .arg("--base-url")
        .arg(url)
        .args(args)
        .envs(env.iter().copied())
        .output()
        .expect("ccapi runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let printed = serde_json::from_str(&stdout).unwrap_or(Value::Null);
    (
        output.status.code().unwrap_or(-1),
        printed,
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn agendize_accounts_and_watches_as_the_official_client_uses_them() {
    let sandbox = Sandbox::start().await.expect("a sandbox");
    let url = sandbox.agendize_url();
    let keys = [
        ("AGENDIZE_API_KEY", sandbox::AGENDIZE_API_KEY),
        ("AGENDIZE_TOKEN", sandbox::AGENDIZE_TOKEN),
    ];
    let run = |args: &[&str]| {
        let (code, printed, stderr) = ccapi(&url, args, &keys);
        assert_eq!(code, 0, "{args:?}: {stderr}");
        printed
    };

    // Nothing the user put in --body is dropped, typed or not.
    let updated = run(&[
        "agendize-resellers",
        "accounts",
        "update",
        "acc-1029",
        "--body",
        r#"{"status":"disabled","profile":{"id":"p2"},"resellerId":"R1","domain":"d","firstName":"X","futureMember":7}"#,
    ]);
    for (member, value) in [
        ("status", json!("disabled")),
        ("resellerId", json!("R1")),
        ("domain", json!("d")),
        ("firstName", json!("X")),
        ("futureMember", json!(7)),
    ] {
        assert_eq!(updated[member], value, "{member}: {updated}");
    }
    assert_eq!(updated["profile"]["id"], "p2");

    let created = run(&[
        "agendize-resellers",
        "accounts",
        "insert",
        "--body",
        r#"{"email":"nora@example.com","profile":{"id":"pro"},"tools":["call"],"whiteLabel":{"logoURL":"https://cdn.example.com/l.png"},"status":"disabled"}"#,
    ]);
    assert_eq!(created["tools"], json!(["call"]));
    assert_eq!(
        created["whiteLabel"]["logoURL"],
        "https://cdn.example.com/l.png"
    );
    assert_eq!(created["status"], "disabled");
    let id = created["id"].as_str().expect("an id").to_owned();

    assert_eq!(
        run(&["agendize-resellers", "accounts", "enable", &id])["status"],
        "enabled"
    );
    assert_eq!(
        run(&["agendize-resellers", "accounts", "disable", &id])["status"],
        "disabled"
    );
    let moved = run(&["agendize-resellers", "accounts", "change_plan", &id, "p3"]);
    assert_eq!(moved["profile"], json!({"nativePlan": true, "id": "p3"}));

    // A watch answers its id; the id deletes it, once.
    let watch = r#"{"address":"https://hooks.example.com/calls"}"#;
    let on_calls = run(&["agendize-calls", "calls", "watch", "--body", watch]);
    let on_trackings = run(&["agendize-calls", "calltrackings", "watch", "--body", watch]);
    let (first, second) = (
        on_calls["id"].as_str().expect("an id").to_owned(),
        on_trackings["id"].as_str().expect("an id").to_owned(),
    );
    assert_ne!(first, second);
    run(&["agendize-calls", "watchers", "delete", &first]);
    run(&["agendize-resellers", "watchers", "delete", &second]);
    let (code, _, stderr) = ccapi(
        &url,
        &["agendize-calls", "watchers", "delete", &first],
        &keys,
    );
    assert_eq!(code, 3, "a second delete is the provider's 404: {stderr}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ziwo_agent_sessions_click_to_call_and_call_trackers_as_the_official_clients_use_them() {
    let sandbox = Sandbox::start().await.expect("a sandbox");
    let url = sandbox.ziwo_url();
    let login = [
        ("ZIWO_USERNAME", sandbox::ZIWO_USERNAME),
        ("ZIWO_PASSWORD", sandbox::ZIWO_PASSWORD),
    ];
    let run = |args: &[&str]| {
        let (code, printed, stderr) = ccapi(&url, args, &login);
        assert_eq!(code, 0, "{args:?}: {stderr}");
        printed
    };

    let user = run(&[
        "ziwo-admin",
        "auth",
        "login",
        "--verto-session-id",
        "verto-1",
        "--call-center",
        "acme",
    ]);
    assert_eq!(
        user["roleId"], 1,
        "members the login answers are all printed"
    );
    assert_eq!(
        user["ccPassword"], "** redacted **",
        "and credentials redacted"
    );

    run(&["ziwo-cti", "session", "autologin"]);
    run(&["ziwo-cti", "session", "status", "--number", "7"]);
    run(&[
        "ziwo-cti",
        "session",
        "status",
        "--body",
        r#"{"number": 2}"#,
    ]);
    let profile = run(&["ziwo-cti", "session", "profile"]);
    assert_eq!(
        profile["liveInfo"],
        json!({"position": "connected", "status": 2})
    );
    assert_eq!(
        run(&["ziwo-cti", "session", "queues"])[0]["name"],
        "Support"
    );
    assert_eq!(
        run(&["ziwo-cti", "session", "numbers"])[0]["did"],
        "061234567"
    );
    let calls = run(&[
        "ziwo-cti",
        "session",
        "calls",
        "--directions",
        "inbound",
        "--limit",
        "1",
    ]);
    assert_eq!(calls.as_array().map(Vec::len), Some(1));
    let call = run(&[
        "ziwo-cti",
        "agents",
        "click_to_call",
        "+971501234567",
        "--roaming-only",
    ]);
    assert!(
        call["callID"]
            .as_str()
            .is_some_and(|id| id.ends_with("+971501234567")),
        "{call}"
    );

    let created = run(&[
        "ziwo-admin",
        "calltrackers",
        "create",
        "--body",
        r#"{"name": "vm", "startRequestURL": "https://ct.example.com/s", "voicemail": true, "recordCalls": false}"#,
    ]);
    let id = created["id"].to_string();
    let tracker = run(&["ziwo-admin", "calltrackers", "get", &id]);
    assert_eq!(
        tracker["voicemail"], true,
        "read back from the form: {tracker}"
    );
    assert_eq!(
        tracker["recordCalls"], "false",
        "a member no model names reached the sandbox"
    );
    run(&["ziwo-admin", "calltrackers", "block", &id]);
    assert_eq!(
        run(&["ziwo-admin", "calltrackers", "get", &id])["status"],
        "blocked"
    );

    let found = run(&["ziwo-crm", "customers", "search", "--limit", "500"]);
    assert!(found.is_array(), "{found}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn iadvize_lists_are_full_unless_asked_otherwise() {
    let sandbox = Sandbox::start().await.expect("a sandbox");
    let url = sandbox.iadvize_url();
    let key = [("IADVIZE_API_KEY", sandbox::IADVIZE_API_KEY)];
    let (code, full, stderr) = ccapi(&url, &["iadvize-rest", "visitor", "list"], &key);
    assert_eq!(code, 0, "{stderr}");
    assert!(full[0]["email"].is_string(), "full=1 by default: {full}");
    let (code, short, stderr) = ccapi(
        &url,
        &["iadvize-rest", "visitor", "list", "--no-full"],
        &key,
    );
    assert_eq!(code, 0, "{stderr}");
    let members: Vec<&String> = short[0].as_object().expect("an object").keys().collect();
    assert_eq!(members, ["id", "_link"], "the seed's short form: {short}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cc_voice_attended_transfer_in_the_openapi_form() {
    let sandbox = Sandbox::start().await.expect("a sandbox");
    let url = sandbox.vbc_url();
    let token_url = sandbox.vbc_token_url();
    let env = [
        ("VBC_TOKEN_URL", token_url.as_str()),
        ("VBC_CLIENT_ID", sandbox::VBC_CLIENT_ID),
        ("VBC_CLIENT_SECRET", sandbox::VBC_CLIENT_SECRET),
        ("VBC_USERNAME", sandbox::VBC_USERNAME),
        ("VBC_PASSWORD", sandbox::VBC_PASSWORD),
    ];
    let account = sandbox::VBC_ACCOUNT_ID;
    let run = |args: &[&str]| {
        let (code, printed, stderr) = ccapi(&url, args, &env);
        assert_eq!(code, 0, "{args:?}: {stderr}");
        printed
    };
    let created = Command::new(env!("CARGO_BIN_EXE_ccapi"))
        .env_clear()
        .envs(env)
        .args(["--base-url", &url, "cc-voice", "calls", "create", account, "--body"])
        .arg(r#"{"from": {"destination": "1001", "type": "extension"}, "to": {"destination": "15551234567", "type": "pstn"}, "type": "click2dial"}"#)
        .output()
        .expect("ccapi runs");
    let call_id = String::from_utf8_lossy(&created.stdout).trim().to_owned();
    assert!(!call_id.is_empty(), "{created:?}");
    let legs = run(&["cc-voice", "legs", "list", account, &call_id]);
    let leg_ids: Vec<&str> = legs
        .as_array()
        .expect("legs")
        .iter()
        .filter_map(|leg| leg["leg_id"].as_str())
        .collect();
    assert!(leg_ids.len() >= 2, "{legs}");
    let body = format!(r#"{{"to": "{}"}}"#, leg_ids[1]);
    let changed = run(&[
        "cc-voice", "legs", "update", account, &call_id, leg_ids[0], "--body", &body,
    ]);
    assert_eq!(changed["leg_id"], leg_ids[0], "{changed}");
}
