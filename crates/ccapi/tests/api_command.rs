//! `ccapi api`: an answer holding a page prints as a list (`--ndjson`), and `--all` walks the
//! pages of a `GET` with the provider's paging, exactly the requests a typed `--all` sends.

use std::process::Command;

use ccapi_sandbox::Sandbox;
use serde_json::Value;

/// Runs `ccapi --sandbox-url <root> args…`; returns the exit code and stdout's lines as JSON.
fn ccapi(root: &str, args: &[&str]) -> (i32, Vec<Value>, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_ccapi"))
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .args(["--sandbox-url", root])
        .args(args)
        .output()
        .expect("ccapi runs");
    let lines = String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(|line| serde_json::from_str(line).expect("a JSON line"))
        .collect();
    (
        output.status.code().unwrap_or(-1),
        lines,
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn api_all_walks_every_page_with_the_providers_paging() {
    let sandbox = Sandbox::start().await.expect("a sandbox");
    let root = sandbox.url();
    let (code, typed, err) = ccapi(
        &root,
        &[
            "--all",
            "--ndjson",
            "iadvize-rest",
            "visitor",
            "list",
            "--limit",
            "1",
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert!(typed.len() > 1, "several pages: {typed:?}");
    sandbox.clear_requests();

    let (code, raw, err) = ccapi(
        &root,
        &[
            "--all",
            "--ndjson",
            "api",
            "iadvize-rest",
            "GET",
            "/visitor",
            "--query",
            "limit=1",
        ],
    );
    assert_eq!(code, 0, "{err}");
    let ids = |items: &[Value]| {
        items
            .iter()
            .map(|item| item["id"].clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(ids(&raw), ids(&typed), "the same items, in order");
    let pages: Vec<Vec<(String, String)>> = sandbox
        .requests()
        .into_iter()
        .map(|sent| sent.query)
        .collect();
    let expected: Vec<Vec<(String, String)>> = (1..=typed.len())
        .map(|page| {
            vec![
                ("limit".into(), "1".into()),
                ("page".into(), page.to_string()),
            ]
        })
        .collect();
    assert_eq!(pages, expected);

    // Ziwo pages by offset: `skip` grows by what each page held, up to `info.total`.
    sandbox.clear_requests();
    let (code, trackers, err) = ccapi(
        &root,
        &[
            "--all",
            "--ndjson",
            "api",
            "ziwo-admin",
            "GET",
            "/admin/callTrackers",
            "--query",
            "limit=1",
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert!(trackers.len() > 1, "several pages: {trackers:?}");
    let skips: Vec<String> = sandbox
        .requests()
        .into_iter()
        .filter(|sent| sent.path == "/ziwo/admin/callTrackers")
        .filter_map(|sent| {
            sent.query
                .into_iter()
                .find(|(name, _)| name == "skip")
                .map(|(_, value)| value)
        })
        .collect();
    assert_eq!(
        skips,
        (0..trackers.len())
            .map(|n| n.to_string())
            .collect::<Vec<_>>()
    );

    // One page, without --all: its items, one a line.
    let (code, one, err) = ccapi(
        &root,
        &[
            "--ndjson",
            "api",
            "iadvize-rest",
            "GET",
            "/visitor",
            "--query",
            "limit=1",
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(ids(&one), ids(&typed[..1]));
    // The envelope's counters, for --page-info.
    let (code, _, err) = ccapi(
        &root,
        &[
            "--page-info",
            "--ndjson",
            "api",
            "iadvize-rest",
            "GET",
            "/visitor",
            "--query",
            "limit=1",
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains(r#""page":1"#) && err.contains(r#""pages":"#),
        "{err}"
    );
    // VBC pages devices by `page` up to `pages`.
    let (code, devices, err) = ccapi(
        &root,
        &[
            "--all",
            "--ndjson",
            "api",
            "cc-voice",
            "GET",
            "/registration/accounts/1234/devices",
            "--query",
            "page_size=1",
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert!(devices.len() > 1 && devices.iter().all(|d| d["mac_address"].is_string()));
    // One call is not a list: its legs stay inside it.
    let (code, call, err) = ccapi(
        &root,
        &[
            "--ndjson",
            "api",
            "cc-voice",
            "GET",
            "/cc/accounts/1234/calls/3fa85f64-5717-4562-b3fc-2c963f66afa6",
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(call.len(), 1);
    assert!(call[0]["legs"].is_array(), "{call:?}");
    // Refused before anything is sent: a GET only, of a paged operation, with numbers.
    for (args, why) in [
        (
            &["--all", "api", "iadvize-rest", "POST", "/visitor"][..],
            "--all pages a GET only",
        ),
        (
            &["--all", "api", "ziwo-cti", "GET", "/static/countries"][..],
            "is not a paged operation",
        ),
        (
            &[
                "--all",
                "api",
                "iadvize-rest",
                "GET",
                "/visitor",
                "--query",
                "page=two",
            ][..],
            "page=two: a whole number",
        ),
    ] {
        let (code, _, err) = ccapi(&root, args);
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(err.contains(why), "{args:?}: {err}");
    }
}
