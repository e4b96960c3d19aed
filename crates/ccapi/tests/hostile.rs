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

/// A TLS server on 127.0.0.1 with the test-only certificate of `tests/data` (for `localhost`
/// and 127.0.0.1, self-signed), answering every request with an iAdvize list of one website.
/// Counts the connections it accepted.
fn tls_server() -> (String, std::sync::Arc<std::sync::atomic::AtomicUsize>) {
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Arc;
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    use tokio_rustls::rustls::pki_types::pem::PemObject;
    use tokio_rustls::rustls::pki_types::{CertificateDer, PrivateKeyDer};
    use tokio_rustls::rustls::{crypto::ring, ServerConfig};

    let data = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/");
    let certificate =
        CertificateDer::from_pem_file(format!("{data}localhost-test-ca.pem")).expect("a cert");
    let key =
        PrivateKeyDer::from_pem_file(format!("{data}localhost-test-only.key")).expect("a key");
    let config = ServerConfig::builder_with_provider(Arc::new(ring::default_provider()))
        .with_safe_default_protocol_versions()
        .expect("TLS versions")
        .with_no_client_auth()
        .with_single_cert(vec![certificate], key)
        .expect("a server config");
    let acceptor = tokio_rustls::TlsAcceptor::from(Arc::new(config));
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a port");
    let port = listener.local_addr().expect("an address").port();
    let accepted = Arc::new(AtomicUsize::new(0));
    let counted = accepted.clone();
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("a runtime");
        runtime.block_on(async move {
            listener.set_nonblocking(true).expect("non-blocking");
            let listener = tokio::net::TcpListener::from_std(listener).expect("a listener");
            while let Ok((stream, _)) = listener.accept().await {
                counted.fetch_add(1, Ordering::SeqCst);
                let acceptor = acceptor.clone();
                tokio::spawn(async move {
                    let Ok(mut tls) = acceptor.accept(stream).await else {
                        return; // the client refused the certificate
                    };
                    let mut request = [0u8; 4096];
                    let _ = tls.read(&mut request).await;
                    let body = r#"{"meta":{"status":"success"},"data":[{"id":7,"name":"over TLS"}]}"#;
                    let answer = format!(
                        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                        body.len()
                    );
                    let _ = tls.write_all(answer.as_bytes()).await;
                    let _ = tls.shutdown().await;
                });
            }
        });
    });
    (format!("https://localhost:{port}"), accepted)
}

#[test]
fn ssl_cert_file_is_trusted_and_an_untrusted_certificate_is_not_retried() {
    use std::sync::atomic::Ordering;
    let (url, accepted) = tls_server();
    let args = [
        "--base-url",
        url.as_str(),
        "iadvize-rest",
        "website",
        "list",
    ];
    let ca = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/localhost-test-ca.pem"
    );

    // Not trusted by the built-in roots: refused once, not three times, and said so.
    let output = run(&args, &[("IADVIZE_API_KEY", "k")]);
    let stderr = text(&output.stderr);
    assert_eq!(output.status.code(), Some(4), "{stderr}");
    assert!(
        stderr.contains("transport error (tls) after 1 attempt(s)")
            && stderr.contains("certificate"),
        "{stderr}"
    );
    assert_eq!(accepted.load(Ordering::SeqCst), 1);

    // SSL_CERT_FILE adds it, as OpenSSL-based tools read the variable.
    let output = run(&args, &[("IADVIZE_API_KEY", "k"), ("SSL_CERT_FILE", ca)]);
    let stderr = text(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    assert!(text(&output.stdout).contains("over TLS"));

    // So does SSL_CERT_DIR, a folder of PEM files (the test key beside it is skipped).
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data");
    let output = run(&args, &[("IADVIZE_API_KEY", "k"), ("SSL_CERT_DIR", dir)]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
}
