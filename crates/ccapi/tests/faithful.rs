//! The command line prints what the provider sent, members it does not model included, and every
//! operation that sends a body accepts `--body`: against a local server that answers with members
//! no fixture shows and records what arrived.

use std::process::{Command, Output};

use httpmock::prelude::*;
use serde_json::{json, Value};

fn run(args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_ccapi"));
    for (name, _) in std::env::vars() {
        if ["AGENDIZE_", "ZIWO_", "IADVIZE_", "VBC_"]
            .iter()
            .any(|prefix| name.starts_with(prefix))
        {
            command.env_remove(name);
        }
    }
    command
        .env("RUST_BACKTRACE", "0")
        .args(args)
        .envs(env.iter().copied())
        .output()
        .expect("ccapi runs")
}

fn printed(args: &[&str], env: &[(&str, &str)]) -> Value {
    let output = run(args, env);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{args:?}\nstdout: {stdout}\nstderr: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_str(&stdout).unwrap_or_else(|err| panic!("{args:?}: {err}: {stdout}"))
}

/// What each provider may add next month: a member at the top and one inside a nested object.
fn future() -> Value {
    json!({"addedNextMonth": {"nested": [1, {"deeper": true}]}})
}

fn with_future(mut value: Value) -> Value {
    if let (Value::Object(members), Value::Object(extra)) = (&mut value, future()) {
        members.extend(extra);
    }
    value
}

#[test]
fn unknown_members_of_every_provider_reach_stdout() {
    let server = MockServer::start();
    let url = server.base_url();
    let agendize_keys = [("AGENDIZE_API_KEY", "k"), ("AGENDIZE_TOKEN", "t")];

    let owner = with_future(json!({"id": "acc-1", "userName": "jane@example.com"}));
    let tracking = with_future(json!({"id": "ct-1", "name": "Ads", "owner": owner}));
    server.mock(|when, then| {
        when.method(GET).path("/calls/calltrackings/ct-1");
        then.status(200).json_body(tracking.clone());
    });
    let printed_tracking = printed(
        &[
            "--base-url",
            &url,
            "agendize-calls",
            "calltrackings",
            "get",
            "ct-1",
        ],
        &agendize_keys,
    );
    assert_eq!(
        printed_tracking, tracking,
        "the whole payload, nested members included"
    );
    let table = run(
        &[
            "--base-url",
            &url,
            "--output",
            "table",
            "agendize-calls",
            "calltrackings",
            "get",
            "ct-1",
        ],
        &agendize_keys,
    );
    let table = String::from_utf8_lossy(&table.stdout);
    assert_eq!(
        table
            .lines()
            .map(|line| line.split_whitespace().next().unwrap_or(""))
            .collect::<Vec<_>>(),
        ["id", "name", "owner"],
        "a table shows the documented members only:\n{table}"
    );

    // The watch answer's `id`, which the seed does not show, is printed.
    server.mock(|when, then| {
        when.method(POST).path("/calls/calltrackings/watch");
        then.status(200)
            .json_body(json!({"id": "w-9", "address": "https://hooks.example.com/a"}));
    });
    let watch = printed(
        &[
            "--base-url",
            &url,
            "agendize-calls",
            "calltrackings",
            "watch",
            "--body",
            r#"{"address": "https://hooks.example.com/a"}"#,
        ],
        &agendize_keys,
    );
    assert_eq!(watch["id"], "w-9");

    let tracker = with_future(json!({"id": 5, "name": "CT"}));
    server.mock(|when, then| {
        when.method(GET).path("/admin/callTrackers/5");
        then.status(200)
            .json_body(json!({"result": true, "content": tracker, "info": {}}));
    });
    assert_eq!(
        printed(
            &["--base-url", &url, "ziwo-admin", "calltrackers", "get", "5"],
            &[("ZIWO_ACCESS_TOKEN", "z")],
        ),
        tracker,
        "the envelope removed, the content whole"
    );

    let client = with_future(json!({"id": 1, "lang": "fr", "_link": "/client/1"}));
    server.mock(|when, then| {
        when.method(GET).path("/client/1");
        then.status(200)
            .json_body(json!({"meta": {"status": "success"}, "data": client}));
    });
    assert_eq!(
        printed(
            &["--base-url", &url, "iadvize-rest", "client", "get", "1"],
            &[("IADVIZE_API_KEY", "i")],
        ),
        client
    );

    let leg = with_future(json!({"leg_id": "l-1", "start_time": "1968-09-05T22:51:01.0Z"}));
    let call = with_future(json!({
        "call_id": "c-1",
        "start_time": "2024-05-01T10:00:00Z",
        "end_time": 1714557700,
        "legs": [leg],
    }));
    server.mock(|when, then| {
        when.method(GET).path("/cc/accounts/1/calls/c-1");
        then.status(200)
            .header("content-type", "text/plain")
            .body(call.to_string());
    });
    assert_eq!(
        printed(
            &["--base-url", &url, "cc-voice", "calls", "get", "1", "c-1"],
            &[("VBC_ACCESS_TOKEN", "v")],
        ),
        call,
        "times printed as received, in either form"
    );
}

#[test]
fn operations_with_form_bodies_take_body_or_their_flags_never_both() {
    let server = MockServer::start();
    let url = server.base_url();
    let ziwo = [("ZIWO_ACCESS_TOKEN", "z"), ("ZIWO_API_KEY", "key")];

    let whisper = server.mock(|when, then| {
        when.method(PUT)
            .path("/live/calls/eavesdrop/c-7")
            .header("content-type", "application/x-www-form-urlencoded")
            .body("whisper=agent");
        then.status(200)
            .json_body(json!({"result": true, "content": null}));
    });
    for args in [
        vec![
            "eavesdrop",
            "update",
            "c-7",
            "--body",
            r#"{"whisper":"agent"}"#,
        ],
        vec!["eavesdrop", "update", "c-7", "--whisper", "agent"],
    ] {
        let mut full = vec!["--base-url", url.as_str(), "ziwo-admin"];
        full.extend(args);
        let output = run(&full, &ziwo);
        assert_eq!(output.status.code(), Some(0), "{full:?}: {output:?}");
    }
    whisper.assert_calls(2);

    let call = server.mock(|when, then| {
        when.method(POST)
            .path("/integrations/cti/agents/agent7/call")
            .header("api_key", "key")
            .body("number=%2B971500000000&comment=from+the+CRM");
        then.status(200)
            .json_body(json!({"result": true, "content": {"callID": "x-1"}}));
    });
    let answer = printed(
        &[
            "--base-url",
            &url,
            "ziwo-cti",
            "agents",
            "call",
            "agent7",
            "--body",
            r#"{"number": "+971500000000", "comment": "from the CRM"}"#,
        ],
        &ziwo,
    );
    assert_eq!(answer, json!({"callID": "x-1"}));
    call.assert_calls(1);

    let status = server.mock(|when, then| {
        when.method(PUT)
            .path("/integrations/cti/agents/agent7/status")
            .body("number=2");
        then.status(200)
            .json_body(json!({"result": true, "content": {}}));
    });
    printed(
        &[
            "--base-url",
            &url,
            "ziwo-cti",
            "agents",
            "status",
            "agent7",
            "--body",
            r#"{"number": 2}"#,
        ],
        &ziwo,
    );
    status.assert_calls(1);

    // Both forms at once, or a member the operation cannot send: usage errors, nothing sent.
    let anything = server.mock(|when, then| {
        when.any_request();
        then.status(500);
    });
    for (args, expected) in [
        (
            vec![
                "ziwo-admin",
                "eavesdrop",
                "update",
                "c-7",
                "--whisper",
                "both",
                "--body",
                r#"{"whisper":"agent"}"#,
            ],
            "give --body or --whisper, not both",
        ),
        (
            vec![
                "ziwo-cti",
                "agents",
                "call",
                "agent7",
                "--body",
                r#"{"number": "+971500000000", "roamingOnly": true}"#,
            ],
            "roamingOnly",
        ),
        (
            vec!["ziwo-cti", "agents", "ivr", "agent7", "--number", "+9715"],
            "ccapi: --ivr is required (or give the whole request as --body)",
        ),
    ] {
        let mut full = vec!["--base-url", url.as_str()];
        full.extend(args);
        let output = run(&full, &ziwo);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{full:?}: {stderr}");
        assert!(stderr.contains(expected), "{full:?}: {stderr}");
    }
    anything.assert_calls(0);
}

#[test]
fn page_metadata_on_request_and_provider_notices_on_stderr() {
    let server = MockServer::start();
    let url = server.base_url();
    server.mock(|when, then| {
        when.method(GET).path("/admin/callTrackers");
        then.status(200).json_body(json!({
            "result": true,
            "content": [{"id": 1, "name": "CT"}],
            "info": {"total": 7, "message": "This route is deprecated: use /v2/callTrackers"}
        }));
    });
    server.mock(|when, then| {
        when.method(GET).path("/visitor");
        then.status(200).json_body(json!({
            "meta": {"status": "success"},
            "data": [{"id": 560, "_link": "/visitor/560"}],
            "pagination": {"page": 2, "pages": 5, "limit": 1, "count": 5}
        }));
    });
    server.mock(|when, then| {
        when.method(GET).path("/cc/accounts/1/calls");
        then.status(200).json_body(json!({
            "calls": [{"call_id": "c-1"}],
            "current_page": "1",
            "pages": "2",
            "next_page_uri": "/cc/accounts/1/calls?page=2"
        }));
    });
    for (args, env, expected) in [
        (
            vec!["ziwo-admin", "calltrackers", "list"],
            ("ZIWO_ACCESS_TOKEN", "z"),
            vec![
                "Ziwo says: This route is deprecated: use /v2/callTrackers",
                r#"page: {"total":7,"message":"This route is deprecated: use /v2/callTrackers"}"#,
            ],
        ),
        (
            vec!["iadvize-rest", "visitor", "list"],
            ("IADVIZE_API_KEY", "i"),
            vec![r#"page: {"page":2,"pages":5,"limit":1,"count":5}"#],
        ),
        (
            vec!["cc-voice", "calls", "list", "1"],
            ("VBC_ACCESS_TOKEN", "v"),
            vec![
                r#"page: {"current_page":1,"next_page_uri":"/cc/accounts/1/calls?page=2","pages":2}"#,
            ],
        ),
    ] {
        let mut full = vec!["--base-url", url.as_str(), "--page-info", "--ndjson"];
        full.extend(args.iter().copied());
        let output = run(&full, &[env]);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(0), "{args:?}: {stderr}");
        let lines: Vec<&str> = stderr.lines().map(str::trim).collect();
        assert_eq!(lines, expected, "{args:?}");
        assert_eq!(String::from_utf8_lossy(&output.stdout).lines().count(), 1);
    }
    // Without --page-info the metadata stays out; the notice is printed all the same.
    let output = run(
        &["--base-url", &url, "ziwo-admin", "calltrackers", "list"],
        &[("ZIWO_ACCESS_TOKEN", "z")],
    );
    assert_eq!(
        String::from_utf8_lossy(&output.stderr).trim(),
        "Ziwo says: This route is deprecated: use /v2/callTrackers"
    );
}

#[test]
fn the_raw_api_command_sends_any_request_with_the_configured_credentials() {
    let server = MockServer::start();
    let url = server.base_url();
    let websites = server.mock(|when, then| {
        when.method(GET)
            .path("/website/7/new-route")
            .query_param("full", "1")
            .query_param("page", "2")
            .header("X-API-Key", "i");
        then.status(200).json_body(json!({
            "meta": {"status": "success"},
            "data": {"id": 7, "token": "leaks-not"}
        }));
    });
    let renamed = server.mock(|when, then| {
        when.method(PUT)
            .path("/admin/callTrackers/3")
            .header("access_token", "z")
            .header("content-type", "application/x-www-form-urlencoded")
            .body("name=renamed&voicemail=true");
        then.status(200).json_body(
            json!({"result": true, "content": {"id": 3, "name": "renamed"}, "info": {}}),
        );
    });
    let printed_website = printed(
        &[
            "--base-url",
            &url,
            "api",
            "iadvize-rest",
            "get",
            "/website/7/new-route",
            "--query",
            "full=1",
            "--query",
            "page=2",
        ],
        &[("IADVIZE_API_KEY", "i")],
    );
    assert_eq!(
        printed_website,
        json!({"id": 7, "token": "** redacted **"}),
        "the envelope removed, credentials redacted as everywhere"
    );
    websites.assert();
    let printed_tracker = printed(
        &[
            "--base-url",
            &url,
            "api",
            "ziwo-admin",
            "PUT",
            "/admin/callTrackers/3",
            "--form",
            "name=renamed",
            "--form",
            "voicemail=true",
        ],
        &[("ZIWO_ACCESS_TOKEN", "z")],
    );
    assert_eq!(printed_tracker, json!({"id": 3, "name": "renamed"}));
    renamed.assert();

    // The provider's refusal is exit 3; a path with a query or a template is exit 2, unsent.
    let (code, _, _) = {
        let output = run(
            &["--base-url", &url, "api", "iadvize-rest", "GET", "/nowhere"],
            &[("IADVIZE_API_KEY", "i")],
        );
        (output.status.code(), output.stdout, output.stderr)
    };
    assert_eq!(code, Some(3));
    for path in ["/website?full=1", "/website/{id}", "website"] {
        let output = run(
            &["--base-url", &url, "api", "iadvize-rest", "GET", path],
            &[("IADVIZE_API_KEY", "i")],
        );
        assert_eq!(output.status.code(), Some(2), "{path}");
    }
    websites.assert_calls(1);
}
