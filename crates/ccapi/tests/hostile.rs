//! The `ccapi` binary against hostile servers: one that never answers (the deadline holds),
//! answers holding credentials where no parser looks (redacted all the same), and the tracing
//! options a tracing user expects.

use std::io::Read;
use std::net::TcpListener;
use std::process::{Command, Output};
use std::time::{Duration, Instant};

use httpmock::prelude::*;

fn run(args: &[&str], env: &[(&str, &str)]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ccapi"))
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .args(args)
        .envs(env.iter().copied())
        .output()
        .expect("ccapi runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A server that accepts connections, reads the request and never answers.
fn silent_server() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").expect("a port");
    let address = listener.local_addr().expect("an address");
    std::thread::spawn(move || {
        let mut held = Vec::new();
        for mut stream in listener.incoming().flatten() {
            let mut request = [0u8; 4096];
            let _ = stream.read(&mut request);
            held.push(stream);
        }
    });
    format!("http://{address}")
}

#[test]
fn the_timeout_bounds_a_call_to_a_server_that_never_answers() {
    let url = silent_server();
    let args = [
        "--base-url",
        &url,
        "--timeout",
        "2",
        "iadvize-rest",
        "website",
        "list",
    ];
    let started = Instant::now();
    let output = run(&args, &[("IADVIZE_API_KEY", "k")]);
    let elapsed = started.elapsed();
    let stderr = text(&output.stderr);
    assert_eq!(output.status.code(), Some(4), "{stderr}");
    // The deadline plus 10 %, and the process's own start (up to 0.8 s on a loaded machine).
    assert!(
        elapsed >= Duration::from_millis(1800) && elapsed <= Duration::from_millis(3000),
        "{elapsed:?}"
    );
    assert!(
        stderr.contains("did not finish within 2 s") && stderr.contains("--timeout SECONDS"),
        "{stderr}"
    );

    // CCAPI_TIMEOUT (the environment or a profile) when there is no flag.
    let args = ["--base-url", &url, "iadvize-rest", "website", "list"];
    let started = Instant::now();
    let output = run(&args, &[("IADVIZE_API_KEY", "k"), ("CCAPI_TIMEOUT", "1")]);
    assert_eq!(output.status.code(), Some(4));
    assert!(started.elapsed() <= Duration::from_millis(1900));
    let output = run(
        &args,
        &[("IADVIZE_API_KEY", "k"), ("CCAPI_TIMEOUT", "soon")],
    );
    assert_eq!(output.status.code(), Some(2));
    assert!(
        text(&output.stderr).contains("CCAPI_TIMEOUT: `soon` is not a number of seconds"),
        "{}",
        text(&output.stderr)
    );
    let output = run(&["--timeout", "0", "iadvize-rest", "website", "list"], &[]);
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn text_that_is_not_json_and_echoed_keys_are_redacted() {
    const CANARY: &str = "canary-key-31337";
    let server = MockServer::start();
    // 1e400 makes the answer unparseable as JSON: printed as text, credentials found by scan.
    server.mock(|when, then| {
        when.method(GET).path("/raw");
        then.status(200)
            .header("content-type", "application/json")
            .body(r#"{"n": 1e400, "sipPassword": "canary-sip", "sessionToken": "canary-session"}"#);
    });
    // The key echoed under a name that says nothing: found because it was sent.
    server.mock(|when, then| {
        when.method(GET).path("/echo");
        then.status(200).json_body(serde_json::json!({
            "meta": {"status": "success"},
            "data": {"note": format!("your key is {CANARY}")}
        }));
    });
    let url = server.base_url();
    let env = [("IADVIZE_API_KEY", CANARY)];
    for path in ["/raw", "/echo"] {
        let output = run(
            &["--base-url", &url, "api", "iadvize-rest", "GET", path],
            &env,
        );
        let (stdout, stderr) = (text(&output.stdout), text(&output.stderr));
        assert_eq!(output.status.code(), Some(0), "{stderr}");
        for canary in ["canary-sip", "canary-session", CANARY] {
            assert!(
                !stdout.contains(canary) && !stderr.contains(canary),
                "{stdout}{stderr}"
            );
        }
        assert!(
            stdout.contains("** redacted **") || stdout.contains("<redacted:sent-credential>"),
            "{stdout}"
        );
    }
    // Asked for: shown.
    let output = run(
        &[
            "--base-url",
            &url,
            "--show-secrets",
            "api",
            "iadvize-rest",
            "GET",
            "/raw",
        ],
        &env,
    );
    assert!(text(&output.stdout).contains("canary-sip"));
}

#[test]
fn verbosity_counts_and_rust_log_is_honoured() {
    let sandbox = ["--sandbox", "iadvize-rest", "website", "list"];
    let output = run(&[&["-vv"][..], &sandbox].concat(), &[]);
    let stderr = text(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    assert!(
        stderr.contains("ccapi.request") && stderr.contains("DEBUG"),
        "{stderr}"
    );

    let output = run(&[&["-v"][..], &sandbox].concat(), &[]);
    let stderr = text(&output.stderr);
    assert!(
        stderr.contains("ccapi.request") && !stderr.contains("DEBUG"),
        "{stderr}"
    );

    // RUST_LOG's directives over the count.
    let output = run(&sandbox, &[("RUST_LOG", "ccapi_transport=debug")]);
    let stderr = text(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    assert!(stderr.contains("DEBUG"), "{stderr}");
    let output = run(&sandbox, &[("RUST_LOG", "ccapi_transport=loud")]);
    assert_eq!(output.status.code(), Some(2));
    assert!(text(&output.stderr).contains("RUST_LOG"));
}

#[test]
fn a_body_from_stdin_is_read_up_to_its_limit() {
    use std::io::Write;
    let send = |args: &[&str], stdin: &[u8]| {
        let mut child = Command::new(env!("CARGO_BIN_EXE_ccapi"))
            .env_clear()
            .args(args)
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("ccapi starts");
        let mut input = child.stdin.take().expect("stdin");
        // ccapi may stop reading at its limit: a broken pipe here is the point.
        let _ = input.write_all(stdin);
        drop(input);
        child.wait_with_output().expect("ccapi ends")
    };
    let raw = [
        "--sandbox",
        "api",
        "iadvize-rest",
        "POST",
        "/website",
        "--body",
        "-",
    ];
    let output = send(&raw, &vec![b' '; 17 * 1024 * 1024]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        text(&output.stderr),
        "ccapi: --body -: larger than 16777216 bytes; raise the limit with --max-body-bytes BYTES\n"
    );
    let limited = [&["--max-body-bytes", "8"][..], &raw].concat();
    let output = send(&limited, br#"{"name": "too long"}"#);
    assert_eq!(output.status.code(), Some(2));
    assert!(text(&output.stderr).contains("larger than 8 bytes"));
}

#[test]
fn notices_tables_and_traces_are_scrubbed_too() {
    const TOKEN: &str = "canary-ziwo-token-0123456789-0123456789-0123456789";
    let server = MockServer::start();
    server.mock(|when, then| {
        when.method(GET).path("/admin/callTrackers");
        then.status(200).json_body(serde_json::json!({
            "result": true,
            "content": [{"id": 1, "name": format!("echo {TOKEN}")}],
            "info": {"message": format!("your token {TOKEN} expires soon")}
        }));
    });
    let url = server.base_url();
    let env = [("ZIWO_ACCESS_TOKEN", TOKEN)];
    let list = [
        "--base-url",
        url.as_str(),
        "ziwo-admin",
        "calltrackers",
        "list",
    ];
    // A table cuts long cells: the secret is replaced before it is cut.
    let table = [&list[..], &["--output", "table"]].concat();
    for (args, rust_log) in [
        (&list[..], None),
        (&table[..], None),
        (&list[..], Some("ccapi_transport=debug")),
    ] {
        let mut env = env.to_vec();
        env.extend(rust_log.map(|directives| ("RUST_LOG", directives)));
        let output = run(args, &env);
        let (stdout, stderr) = (text(&output.stdout), text(&output.stderr));
        assert_eq!(output.status.code(), Some(0), "{stderr}");
        assert!(
            !stdout.contains("canary-ziwo") && !stderr.contains("canary-ziwo"),
            "{args:?}\n{stdout}\n{stderr}"
        );
        // The provider's notice still reaches stderr, whatever RUST_LOG says of other targets.
        assert!(
            stderr.contains("Ziwo says: your token <redacted:sent-credential> expires soon"),
            "{stderr}"
        );
    }
}
