//! The recorded-fixture loop, end to end, with the sandbox standing in for a live account:
//! `cargo xtask record` writes `visitor/list.response.recorded.json` with the key replaced,
//! `cargo xtask codegen` picks it up (its type's `from` glob selects it) and generates its
//! round-trip test and decode snapshot, `visitor.list.recorded`.

use std::path::Path;

mod common;
use common::copy_tree;

use ccapi_sandbox::credentials as sandbox;
use xtask::record::{record, Credentials, Recording};

/// A scratch workspace holding what the loop reads and writes: iAdvize's fixtures and the
/// crate's generated files as checked in.
fn scratch_workspace(root: &Path) {
    let workspace = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/.."));
    for folder in ["fixtures/iadvize-rest", "crates/iadvize-rest/src/models"] {
        copy_tree(&workspace.join(folder), &root.join(folder));
    }
    let tests = "crates/iadvize-rest/tests/fixture_round_trip.rs";
    std::fs::create_dir_all(root.join("crates/iadvize-rest/tests")).expect("mkdir");
    std::fs::copy(workspace.join(tests), root.join(tests)).expect("copied");
}

#[tokio::test(flavor = "current_thread")]
async fn a_recording_from_the_sandbox_becomes_a_fixture_a_test_and_a_snapshot() {
    let sandbox = ccapi_sandbox::Sandbox::start().await.expect("a sandbox");
    let scratch = tempfile::tempdir().expect("a scratch workspace");
    let root = scratch.path().to_path_buf();
    scratch_workspace(&root);

    let recording = Recording {
        crate_name: "iadvize-rest".to_owned(),
        fixture: "visitor/list.response.recorded.json".to_owned(),
        method: ccapi_transport::Method::GET,
        url: format!("{}/visitor?full=1&limit=2", sandbox.iadvize_url()),
        credentials: Credentials {
            headers: vec![("X-API-Key".to_owned(), "IADVIZE_API_KEY".to_owned())],
            ..Credentials::default()
        },
        body: None,
        force: false,
    };
    let env = |name: &str| (name == "IADVIZE_API_KEY").then(|| sandbox::IADVIZE_API_KEY.to_owned());
    let (task_root, task_recording) = (root.clone(), recording.clone());
    let recorded = tokio::task::spawn_blocking(move || record(&task_root, &task_recording, env))
        .await
        .expect("joins")
        .expect("records");

    // 1. The fixture: the sandbox's answer, the key it was sent with nowhere in it.
    let sent = sandbox.requests();
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].header("x-api-key"), Some("** redacted **"));
    assert_eq!(recorded.used_by, ["Visitor"]);
    let written = std::fs::read_to_string(&recorded.path).expect("the fixture");
    assert!(!written.contains(sandbox::IADVIZE_API_KEY));
    let findings = xtask::secrets::scan(&root, &[("IADVIZE_API_KEY", sandbox::IADVIZE_API_KEY)])
        .expect("scanned");
    assert_eq!(findings, []);

    // 2. Codegen picks it up: a round-trip test and a decode snapshot named after it.
    let report = xtask::codegen::run(&root, false).expect("generated");
    let tests_file = root.join("crates/iadvize-rest/tests/fixture_round_trip.rs");
    assert!(
        report
            .changed
            .iter()
            .any(|path| root.join(path) == tests_file),
        "{report:?}"
    );
    let tests = std::fs::read_to_string(&tests_file).expect("the tests");
    let compact: String = tests.split_whitespace().collect();
    assert!(
        compact.contains("assert_round_trip::<iadvize_rest::models::Visitor>(\"visitor/list.response.recorded.json\",fixture,\"/data/*\",);")
            && compact.contains("snapshot(\"visitor.list.recorded\","),
        "{tests}"
    );

    // 3. What that snapshot shows: the recorded visitors, decoded by the crate's model.
    let page: serde_json::Value = serde_json::from_str(&written).expect("JSON");
    let decoded =
        ccapi_transport::fixture::decoded::<iadvize_rest::models::Visitor>(&written, "/data/*");
    assert_eq!(decoded.as_array().map(Vec::len), Some(2));
    assert_eq!(decoded[0], page["data"][0]);
    // The typed value: a member the answer sent as `null` is `None`, and not shown.
    assert_eq!(page["data"][1]["email"], serde_json::Value::Null);
    assert_eq!(decoded[1].get("email"), None);
    assert_eq!(decoded[1]["id"], page["data"][1]["id"]);
    ccapi_transport::fixture::assert_round_trip::<iadvize_rest::models::Visitor>(
        "visitor/list.response.recorded.json",
        &written,
        "/data/*",
    );
}
