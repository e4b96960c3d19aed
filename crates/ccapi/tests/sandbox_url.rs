//! A sandbox kept running (`ccapi sandbox`) prints the lines to paste, and commands reach it
//! with `CCAPI_SANDBOX_URL` or `--sandbox-url`: state persists from one command to the next.

use std::io::{BufRead, BufReader};
use std::net::TcpListener;
use std::process::{Command, Stdio};

#[test]
fn state_persists_across_commands_through_a_running_sandbox() {
    let port = TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .expect("a free port")
        .port();
    let mut child = Command::new(env!("CARGO_BIN_EXE_ccapi"))
        .args(["sandbox", "--port", &port.to_string()])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("the sandbox starts");
    let mut banner = Vec::new();
    let mut lines = BufReader::new(child.stdout.take().expect("stdout")).lines();
    for line in lines.by_ref() {
        let line = line.expect("a banner line");
        let done = line.contains("Ctrl-C");
        banner.push(line);
        if done {
            break;
        }
    }
    let root = format!("http://127.0.0.1:{port}");
    let banner = banner.join("\n");
    for expected in [
        format!("export CCAPI_SANDBOX_URL={root}"),
        format!("export AGENDIZE_BASE_URL={root}/agendize/api/2.0"),
        format!(
            "export VBC_BASE_URL={root}/vbc/t/vbc.prod/telephony/v3 VBC_TOKEN_URL={root}/vbc/token"
        ),
        format!("export IADVIZE_BASE_URL={root}/iadvize/api/2 IADVIZE_API_KEY="),
    ] {
        assert!(
            banner.contains(&expected),
            "{expected} missing in:\n{banner}"
        );
    }

    let ccapi = |args: &[&str], by_flag: bool| {
        let mut command = Command::new(env!("CARGO_BIN_EXE_ccapi"));
        if by_flag {
            command.args(["--sandbox-url", &root]);
        } else {
            command.env("CCAPI_SANDBOX_URL", &root);
        }
        let output = command.args(args).output().expect("ccapi runs");
        assert_eq!(
            output.status.code(),
            Some(0),
            "{args:?}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        serde_json::from_slice::<serde_json::Value>(&output.stdout).expect("JSON")
    };
    let created = ccapi(
        &[
            "agendize-resellers",
            "accounts",
            "insert",
            "--body",
            r#"{"email": "kept@example.com", "profile": {"id": "pro"}}"#,
        ],
        false,
    );
    let id = created["id"].as_str().expect("an id").to_owned();
    let found = ccapi(&["agendize-resellers", "accounts", "get", &id], true);
    assert_eq!(
        found["email"], "kept@example.com",
        "the second command sees the first's account"
    );
    let _ = child.kill();
    let _ = child.wait();
}

/// `ccapi sandbox --seed FILE --journal FILE`: the records are there from the first command on,
/// each request lands in the journal file as a JSON line, and a bad seed stops it at once.
#[test]
fn a_running_sandbox_loads_a_seed_and_appends_its_journal_to_a_file() {
    let dir = std::env::temp_dir().join(format!("ccapi-seed-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a scratch directory");
    let (seed, journal) = (dir.join("seed.json"), dir.join("journal.ndjson"));
    std::fs::write(
        &seed,
        r#"{"iadvize": {"visitor": [{"id": 7001, "firstname": "Seeded"}]}}"#,
    )
    .expect("written");
    let port = TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .expect("a free port")
        .port();
    let mut child = Command::new(env!("CARGO_BIN_EXE_ccapi"))
        .args(["sandbox", "--port", &port.to_string(), "--seed"])
        .arg(&seed)
        .arg("--journal")
        .arg(&journal)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("the sandbox starts");
    let mut lines = BufReader::new(child.stdout.take().expect("stdout")).lines();
    for line in lines.by_ref() {
        if line.expect("a banner line").contains("Ctrl-C") {
            break;
        }
    }
    let output = Command::new(env!("CARGO_BIN_EXE_ccapi"))
        .args(["--sandbox-url", &format!("http://127.0.0.1:{port}")])
        .args(["iadvize-rest", "visitor", "get", "7001"])
        .output()
        .expect("ccapi runs");
    let _ = child.kill();
    let _ = child.wait();
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let visitor: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    assert_eq!(visitor["firstname"], "Seeded");
    let logged: Vec<serde_json::Value> = std::fs::read_to_string(&journal)
        .expect("the journal file")
        .lines()
        .map(|line| serde_json::from_str(line).expect("a JSON line"))
        .collect();
    assert_eq!(logged.len(), 1);
    assert_eq!(logged[0]["path"], "/iadvize/api/2/visitor/7001");
    assert_eq!(logged[0]["headers"]["x-api-key"], "** redacted **");

    std::fs::write(&seed, r#"{"iadvize": {"visitors": []}}"#).expect("written");
    let refused = Command::new(env!("CARGO_BIN_EXE_ccapi"))
        .args(["sandbox", "--port", "0", "--seed"])
        .arg(&seed)
        .output()
        .expect("ccapi runs");
    assert_eq!(refused.status.code(), Some(2));
    let message = String::from_utf8_lossy(&refused.stderr);
    assert!(message.contains("no resource `visitors`"), "{message}");
    let _ = std::fs::remove_dir_all(&dir);
}
