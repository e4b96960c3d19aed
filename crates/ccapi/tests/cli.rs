//! The `ccapi` binary end to end: at least one operation of every resource against the embedded
//! sandbox, `--all` across pages, the exit codes, and bad input refused with nothing sent.

use std::net::TcpListener;
use std::process::{Command, Output};

const PROVIDER_VARIABLES: &[&str] = &[
    "AGENDIZE_API_KEY",
    "AGENDIZE_TOKEN",
    "AGENDIZE_ACCESS_TOKEN",
    "ZIWO_INSTANCE",
    "ZIWO_ACCESS_TOKEN",
    "ZIWO_USERNAME",
    "ZIWO_PASSWORD",
    "ZIWO_API_KEY",
    "IADVIZE_API_KEY",
    "VBC_ACCESS_TOKEN",
    "VBC_CLIENT_ID",
    "VBC_CLIENT_SECRET",
    "VBC_USERNAME",
    "VBC_PASSWORD",
    "VBC_TOKEN_URL",
];

fn run(args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_ccapi"));
    for variable in PROVIDER_VARIABLES {
        command.env_remove(variable);
    }
    command
        .env("RUST_BACKTRACE", "0")
        .args(args)
        .envs(env.iter().copied());
    command.output().expect("ccapi runs")
}

fn ok(args: &[&str]) -> serde_json::Value {
    let output = run(args, &[]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{args:?}\nstdout: {}\nstderr: {}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    let text = String::from_utf8_lossy(&output.stdout);
    if text.trim().is_empty() {
        return serde_json::Value::Null;
    }
    serde_json::from_str(&text)
        .unwrap_or_else(|_| serde_json::Value::String(text.trim().to_owned()))
}

fn code(args: &[&str], env: &[(&str, &str)]) -> (i32, String, String) {
    let output = run(args, env);
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn agendize_resources() {
    let trackings = ok(&["--sandbox", "agendize-calls", "calltrackings", "list"]);
    assert_eq!(trackings.as_array().map(Vec::len), Some(2));
    assert_eq!(
        ok(&[
            "--sandbox",
            "agendize-calls",
            "calltrackings",
            "get",
            "ct-8c41f2"
        ])["trackingPhoneNumber"],
        "+33977553311"
    );
    let account = ok(&[
        "--sandbox",
        "agendize-resellers",
        "accounts",
        "get",
        "jane.doe@example.com",
    ]);
    assert_eq!(account["id"], "acc-1029");
    assert_eq!(
        account["ssoToken"], "** redacted **",
        "credentials are not printed"
    );
    let found = ok(&[
        "--sandbox",
        "agendize-resellers",
        "accounts",
        "list",
        "--search",
        "sam",
        "--status",
        "disabled",
    ]);
    assert_eq!(found.as_array().map(Vec::len), Some(1));
    let created = ok(&[
        "--sandbox",
        "agendize-resellers",
        "accounts",
        "insert",
        "--body",
        r#"{"email": "new@example.com", "profile": {"id": "pro"}, "password": "p"}"#,
    ]);
    assert_eq!(created["userName"], "new@example.com");
}

#[test]
fn ziwo_resources() {
    assert_eq!(
        ok(&["--sandbox", "ziwo-admin", "auth", "login"])["access_token"],
        "** redacted **"
    );
    assert_eq!(
        ok(&["--sandbox", "ziwo-admin", "calltrackers", "get", "CT"])["id"],
        1
    );
    assert_eq!(
        ok(&["--sandbox", "ziwo-admin", "calls", "get", "46"])["id"],
        "46:5196"
    );
    assert!(ok(&["--sandbox", "ziwo-admin", "eavesdrop", "create", "5555"])["callID"].is_string());
    assert_eq!(
        ok(&["--sandbox", "ziwo-admin", "agents", "list", "--limit", "5"])[0]["ccLogin"],
        5555
    );
    assert_eq!(
        ok(&["--sandbox", "ziwo-admin", "queues", "list"])[0]["name"],
        "Support"
    );
    assert_eq!(
        ok(&["--sandbox", "ziwo-admin", "numbers", "list"])[0]["did"],
        "061234567"
    );
    let file = std::env::temp_dir().join(format!("ccapi-recording-{}.mp3", std::process::id()));
    let file_arg = file.to_string_lossy().into_owned();
    let (status, stdout, stderr) = code(
        &[
            "--sandbox",
            "ziwo-admin",
            "recordings",
            "download",
            "fdf893f5-ff46-44a9-ac63-7491e7b09dce",
            "--out",
            &file_arg,
        ],
        &[],
    );
    assert_eq!((status, stdout.as_str()), (0, ""), "{stderr}");
    assert!(stderr.contains("wrote 262154 bytes"), "{stderr}");
    assert_eq!(
        std::fs::metadata(&file).map(|m| m.len()).ok(),
        Some(262_154)
    );
    let _ = std::fs::remove_file(file);
    assert_eq!(
        ok(&["--sandbox", "ziwo-cti", "agents", "login", "5555"])["position"],
        "agent-5555"
    );
    assert_eq!(
        ok(&["--sandbox", "ziwo-crm", "customers", "search"]),
        serde_json::json!([])
    );
    for resource in ["profiles", "addresses", "numbers", "social_accounts"] {
        let created = ok(&[
            "--sandbox",
            "ziwo-crm",
            resource,
            "create",
            "--body",
            r#"{"label": "demo"}"#,
        ]);
        assert_eq!(created["label"], "demo", "{resource}");
    }
}

#[test]
fn iadvize_resources() {
    for (resource, id) in [
        ("client", "1"),
        ("website", "1"),
        ("operator", "123"),
        ("group", "1984"),
        ("skill", "12"),
        ("conversation", "666"),
        ("tag", "123"),
        ("transaction", "9001"),
        ("satisfaction", "31"),
        ("visitor", "560"),
    ] {
        let item = ok(&["--sandbox", "iadvize-rest", resource, "get", id]);
        assert_eq!(item["id"].to_string(), id, "{resource}");
    }
    assert_eq!(
        ok(&[
            "--sandbox",
            "iadvize-rest",
            "callmeeting",
            "list",
            "--filter",
            "status=done"
        ])[0]["id"],
        78
    );
    let rows = ok(&[
        "--sandbox",
        "iadvize-rest",
        "statistic",
        "get",
        "--filter",
        "indicators=contact_number",
    ]);
    assert_eq!(rows[0]["contact_number"], 42.0);
    let picked = ok(&[
        "--sandbox",
        "iadvize-rest",
        "odigocallback",
        "pickup",
        "--body",
        r#"{"operator_external_id": "MyExternalId", "website_id": 1, "phone_number": "0614037735"}"#,
    ]);
    assert_eq!(picked["visitor_phone_number"], "0614037735");
    let message = ok(&[
        "--sandbox",
        "iadvize-rest",
        "operator",
        "live-set",
        "123",
        "--body",
        r#"{"chat": {"available": 1}}"#,
    ]);
    assert!(
        message["message"]
            .as_str()
            .is_some_and(|m| m.contains("chat")),
        "{message}"
    );
}

#[test]
fn cc_voice_resources() {
    let calls = ok(&["--sandbox", "cc-voice", "calls", "list", "1234"]);
    assert_eq!(calls[0]["call_id"], "3fa85f64-5717-4562-b3fc-2c963f66afa6");
    let leg = ok(&[
        "--sandbox",
        "cc-voice",
        "legs",
        "update",
        "1234",
        "3fa85f64-5717-4562-b3fc-2c963f66afa6",
        "3fa85f64-5717-4562-b3fc-2c963f66afa6",
        "--body",
        r#"{"state": "held"}"#,
    ]);
    assert_eq!(leg["call_state"], "held");
    assert_eq!(
        ok(&[
            "--sandbox",
            "cc-voice",
            "devices",
            "get",
            "1234",
            "79-5C-7D-28-1B-B3"
        ])["device_ip"],
        "150.24.83.17"
    );
    let id = ok(&[
        "--sandbox",
        "cc-voice",
        "calls",
        "create",
        "1234",
        "--body",
        r#"{"from": {"destination": "1001", "type": "extension"}, "to": {"destination": "155", "type": "pstn"}, "type": "click2dial"}"#,
    ]);
    assert!(
        id.as_str().is_some_and(|id| id.starts_with("00000000-")),
        "{id}"
    );
}

#[test]
fn all_follows_every_page_and_ndjson_prints_one_item_per_line() {
    let (status, stdout, _) = code(
        &[
            "--sandbox",
            "--all",
            "--ndjson",
            "iadvize-rest",
            "visitor",
            "list",
            "--limit",
            "1",
        ],
        &[],
    );
    assert_eq!(status, 0);
    assert_eq!(stdout.lines().count(), 2, "{stdout}");
    let trackers = ok(&[
        "--sandbox",
        "--all",
        "ziwo-admin",
        "calltrackers",
        "list",
        "--limit",
        "1",
    ]);
    assert_eq!(trackers.as_array().map(Vec::len), Some(2));
    let devices = ok(&[
        "--sandbox",
        "--all",
        "cc-voice",
        "devices",
        "list",
        "1234",
        "--page-size",
        "1",
    ]);
    assert_eq!(devices.as_array().map(Vec::len), Some(2));
}

/// `--all` prints each page as it arrives: when page 3 fails, the two pages already printed
/// stay a complete JSON array, and the failure is one line on stderr.
#[test]
fn all_streams_pages_and_a_failing_page_leaves_valid_json() {
    use httpmock::prelude::*;
    let server = MockServer::start();
    for page in 1..=2 {
        let body = serde_json::json!({
            "meta": {"status": "success"},
            "data": [{"id": page * 10 + 1}, {"id": page * 10 + 2}],
            "pagination": {"page": page, "pages": 3, "limit": 2, "count": 6}
        });
        server.mock(|when, then| {
            when.method(GET)
                .path("/visitor")
                .query_param("page", page.to_string());
            then.status(200).json_body(body);
        });
    }
    let failing = server.mock(|when, then| {
        when.method(GET).path("/visitor").query_param("page", "3");
        then.status(500)
            .json_body(serde_json::json!({"meta": {"status": "error", "message": "down"}}));
    });
    let url = server.base_url();
    let (status, stdout, stderr) = code(
        &[
            "--base-url",
            &url,
            "iadvize-rest",
            "visitor",
            "list",
            "--limit",
            "2",
            "--all",
        ],
        &[("IADVIZE_API_KEY", "very-secret-key-123")],
    );
    assert!(failing.calls() >= 1);
    assert_eq!(status, 3, "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    let printed: serde_json::Value = serde_json::from_str(&stdout).expect("a complete JSON array");
    let ids: Vec<i64> = printed
        .as_array()
        .expect("an array")
        .iter()
        .map(|item| item["id"].as_i64().expect("an id"))
        .collect();
    assert_eq!(ids, [11, 12, 21, 22]);
}

#[test]
fn exit_codes_tell_usage_refusal_and_transport_apart() {
    let (status, stdout, stderr) =
        code(&["--sandbox", "iadvize-rest", "visitor", "get", "999"], &[]);
    assert_eq!((status, stdout.as_str()), (3, ""));
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("Unknown 'visitor'"), "{stderr}");

    let (status, _, stderr) = code(&["--sandbox", "iadvize-rest", "visitor", "explode"], &[]);
    assert_eq!(status, 2, "{stderr}");
    let (status, _, stderr) = code(
        &[
            "--sandbox",
            "agendize-resellers",
            "accounts",
            "insert",
            "--body",
            "{not json",
        ],
        &[],
    );
    assert_eq!(status, 2, "{stderr}");
    assert!(
        stderr.starts_with("ccapi: --body does not fit the request"),
        "{stderr}"
    );
    let (status, _, stderr) = code(
        &[
            "--sandbox",
            "agendize-resellers",
            "accounts",
            "insert",
            "--body",
            r#"{"profile": {"id": "pro"}}"#,
        ],
        &[],
    );
    assert_eq!(status, 2, "a missing email names the field: {stderr}");
    assert!(stderr.contains("email"), "{stderr}");

    // A closed port: the request cannot complete.
    let closed = TcpListener::bind("127.0.0.1:0").expect("a port");
    let url = format!("http://{}", closed.local_addr().expect("an address"));
    drop(closed);
    let (status, _, stderr) = code(
        &["--base-url", &url, "iadvize-rest", "client", "get", "1"],
        &[("IADVIZE_API_KEY", "very-secret-key-123")],
    );
    assert_eq!(status, 4, "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(!stderr.contains("very-secret-key-123"), "{stderr}");
}

#[test]
fn bad_input_sends_nothing() {
    let listener = TcpListener::bind("127.0.0.1:0").expect("a port");
    listener.set_nonblocking(true).expect("non-blocking");
    let url = format!("http://{}", listener.local_addr().expect("an address"));
    for (args, env) in [
        (
            vec!["--base-url", url.as_str(), "iadvize-rest", "client", "list"],
            vec![],
        ),
        (
            vec![
                "--base-url",
                url.as_str(),
                "iadvize-rest",
                "client",
                "list",
                "--limit",
                "101",
            ],
            vec![("IADVIZE_API_KEY", "k")],
        ),
        (
            vec![
                "--base-url",
                url.as_str(),
                "cc-voice",
                "devices",
                "get",
                "1234",
                "79:5C:7D:28:1B:B3",
            ],
            vec![("VBC_ACCESS_TOKEN", "t")],
        ),
        (
            vec![
                "--base-url",
                url.as_str(),
                "ziwo-cti",
                "agents",
                "call",
                "5555",
                "--number",
                "12ab",
            ],
            vec![("ZIWO_API_KEY", "k")],
        ),
        (
            vec![
                "--base-url",
                url.as_str(),
                "agendize-calls",
                "calltrackings",
                "watch",
                "--body",
                r#"{"address": ""}"#,
            ],
            vec![("AGENDIZE_API_KEY", "k"), ("AGENDIZE_TOKEN", "t")],
        ),
    ] {
        let (status, _, stderr) = code(&args, &env);
        assert_eq!(status, 2, "{args:?}: {stderr}");
    }
    assert!(listener.accept().is_err(), "nothing reached the server");
}

#[test]
fn completions_and_help_are_generated_from_the_operations() {
    let (status, stdout, _) = code(&["completions", "bash"], &[]);
    assert_eq!(status, 0);
    assert!(
        stdout.contains("ccapi") && (stdout.contains("live-get") || stdout.contains("live_get")),
        "{stdout}"
    );
    let (status, stdout, _) = code(&["cc-voice", "legs", "--help"], &[]);
    assert_eq!(status, 0);
    assert!(stdout.contains("update"), "{stdout}");
    // Every resource group says what it holds.
    let (status, stdout, _) = code(&["cc-voice", "--help"], &[]);
    assert_eq!(status, 0);
    for line in [
        "calls    Operations: list, create, get, update, delete",
        "devices  Operations: list, get",
        "legs     Operations: list, get, update, delete",
    ] {
        assert!(stdout.contains(line), "{line} in {stdout}");
    }
}

/// `ccapi completions zsh | head -3`: the reader closing the pipe early is no failure.
#[test]
fn completions_survive_a_reader_that_stops_early() {
    use std::io::{BufRead, BufReader};
    let mut child = Command::new(env!("CARGO_BIN_EXE_ccapi"))
        .args(["completions", "zsh"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("ccapi runs");
    let stdout = child.stdout.take().expect("stdout");
    let first: Vec<String> = BufReader::new(stdout)
        .lines()
        .take(3)
        .map(|line| line.expect("a line"))
        .collect();
    assert_eq!(first.len(), 3);
    assert!(first[0].contains("compdef ccapi"), "{first:?}");
    let output = child.wait_with_output().expect("it ends");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}

/// An answer over `--max-response-bytes` is refused with the flag named; the default reads it.
#[test]
fn the_answer_limit_is_raised_or_lowered_on_the_command_line() {
    use httpmock::prelude::*;
    let server = MockServer::start();
    let mock = server.mock(|when, then| {
        when.method(GET).path("/visitor/1");
        then.status(200).json_body(serde_json::json!({
            "meta": {"status": "success"},
            "data": {"id": 1, "pad": "x".repeat(4096)}
        }));
    });
    let url = server.base_url();
    let key = [("IADVIZE_API_KEY", "k")];
    let args = [
        "--base-url",
        url.as_str(),
        "iadvize-rest",
        "visitor",
        "get",
        "1",
    ];
    let (status, stdout, _) = code(&args, &key);
    assert_eq!(status, 0);
    assert!(stdout.contains("\"id\": 1"), "{stdout}");
    let mut limited = args.to_vec();
    limited.extend(["--max-response-bytes", "1024"]);
    let (status, stdout, stderr) = code(&limited, &key);
    assert_eq!(status, 4, "{stderr}");
    assert!(stdout.is_empty());
    assert!(
        stderr.contains("larger than the 1024-byte limit")
            && stderr.contains("--max-response-bytes BYTES"),
        "{stderr}"
    );
    mock.assert_calls(2);
    let (status, _, stderr) = code(
        &[
            "--max-response-bytes",
            "0",
            "iadvize-rest",
            "visitor",
            "get",
            "1",
        ],
        &key,
    );
    assert_eq!(status, 2, "{stderr}");
}
