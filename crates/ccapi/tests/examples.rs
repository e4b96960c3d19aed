//! Every example of every crate runs as a reader would run it, against the sandbox instead of a
//! provider account: only environment variables change (the ones `ccapi sandbox` prints).
//!
//! The examples are built by `cargo test --workspace` already; this test runs them with `cargo
//! run`, which builds what is missing when the test runs alone.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use ccapi_sandbox::{credentials, Sandbox};

/// One example run: package, example, arguments, environment, and a line its output must hold.
type Run<'a> = (
    &'a str,
    &'a str,
    &'a [&'a str],
    &'a [(&'a str, String)],
    &'a str,
);

fn example(package: &str, name: &str, args: &[&str], env: &[(&str, String)]) -> Output {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    Command::new(cargo)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args([
            "run",
            "--quiet",
            "--package",
            package,
            "--example",
            name,
            "--",
        ])
        .args(args)
        .envs(env.iter().map(|(key, value)| (*key, value.as_str())))
        .output()
        .expect("cargo runs")
}

fn assert_ran(package: &str, name: &str, output: &Output, expected: &str) {
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{package} example {name} failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(stdout.contains(expected), "{package} {name}: {stdout}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_example_runs_against_the_sandbox() {
    let sandbox = Sandbox::start().await.expect("a sandbox");
    let agendize = [
        ("AGENDIZE_BASE_URL", sandbox.agendize_url()),
        ("AGENDIZE_API_KEY", credentials::AGENDIZE_API_KEY.to_owned()),
        ("AGENDIZE_TOKEN", credentials::AGENDIZE_TOKEN.to_owned()),
    ];
    let ziwo_login = [
        ("ZIWO_BASE_URL", sandbox.ziwo_url()),
        ("ZIWO_USERNAME", credentials::ZIWO_USERNAME.to_owned()),
        ("ZIWO_PASSWORD", credentials::ZIWO_PASSWORD.to_owned()),
    ];
    let ziwo_key = [
        ("ZIWO_BASE_URL", sandbox.ziwo_url()),
        ("ZIWO_API_KEY", credentials::ZIWO_API_KEY.to_owned()),
    ];
    let iadvize = [
        ("IADVIZE_BASE_URL", sandbox.iadvize_url()),
        ("IADVIZE_API_KEY", credentials::IADVIZE_API_KEY.to_owned()),
    ];
    let vbc = [
        ("VBC_BASE_URL", sandbox.vbc_url()),
        ("VBC_TOKEN_URL", sandbox.vbc_token_url()),
        ("VBC_CLIENT_ID", credentials::VBC_CLIENT_ID.to_owned()),
        (
            "VBC_CLIENT_SECRET",
            credentials::VBC_CLIENT_SECRET.to_owned(),
        ),
        ("VBC_USERNAME", credentials::VBC_USERNAME.to_owned()),
        ("VBC_PASSWORD", credentials::VBC_PASSWORD.to_owned()),
    ];
    let runs: [Run<'_>; 8] = [
        (
            "agendize-calls",
            "call_trackings",
            &[],
            &agendize,
            "call tracking number(s)",
        ),
        (
            "agendize-resellers",
            "accounts",
            &["jane.doe@example.com"],
            &agendize,
            "jane.doe@example.com",
        ),
        (
            "ziwo-crm",
            "customer_lookup",
            &["00971501234567"],
            &ziwo_login,
            "created profile",
        ),
        (
            "ziwo-cti",
            "click_to_call",
            &["5555", "00971501234567"],
            &ziwo_key,
            "call ",
        ),
        ("iadvize-rest", "live_desk", &[], &iadvize, "operator"),
        (
            "cc-voice",
            "active_calls",
            &[credentials::VBC_ACCOUNT_ID],
            &vbc,
            "active call(s)",
        ),
        ("ccapi-transport", "local_tour", &[], &[], ""),
        (
            "ccapi-transport",
            "hooks",
            &[],
            &[],
            "visitor.list: 1 request(s)",
        ),
    ];
    for (package, name, args, env, expected) in runs {
        let output = example(package, name, args, env);
        assert_ran(package, name, &output, expected);
    }
}

/// The webhook example is the service Ziwo calls, not a client: start it, call it as Ziwo
/// does (the seed's `curl --form` multipart), and stop it.
#[test]
fn the_webhook_example_answers_the_seeds_multipart_start_request() {
    let port = TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .expect("a free port")
        .port();
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let mut child = Command::new(cargo)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args([
            "run",
            "--quiet",
            "--package",
            "ziwo-admin",
            "--example",
            "call_tracker_webhooks",
        ])
        .env("WEBHOOK_KEY", "test-key")
        .env("WEBHOOK_ADDRESS", format!("127.0.0.1:{port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("the example starts");
    let deadline = Instant::now() + Duration::from_secs(120);
    let mut stream = loop {
        match TcpStream::connect(("127.0.0.1", port)) {
            Ok(stream) => break stream,
            Err(_) if Instant::now() < deadline => std::thread::sleep(Duration::from_millis(100)),
            Err(err) => {
                let _ = child.kill();
                panic!("the webhook example did not listen: {err}");
            }
        }
    };
    let body =
        "--b0\r\nContent-Disposition: form-data; name=\"didCalled\"\r\n\r\n061234567\r\n--b0--\r\n";
    let request = format!(
        "POST /start HTTP/1.1\r\nHost: x\r\nX-API-Key: test-key\r\nConnection: close\r\n\
         Content-Type: multipart/form-data; boundary=b0\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    );
    stream.write_all(request.as_bytes()).expect("sent");
    let mut answer = String::new();
    let _ = stream.read_to_string(&mut answer);
    let _ = child.kill();
    let _ = child.wait();
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    assert!(answer.contains(r#""didCalled":"061234567""#), "{answer}");
}
