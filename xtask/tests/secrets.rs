//! No fixture and no snapshot holds a credential: the sandbox's, or any value under a
//! credential's name.

use std::path::Path;

use ccapi_sandbox::credentials as sandbox;
use xtask::secrets::{scan, Finding};

/// The sandbox's secrets (its user names and account id are not secret).
const SANDBOX_SECRETS: &[(&str, &str)] = &[
    ("AGENDIZE_API_KEY", sandbox::AGENDIZE_API_KEY),
    ("AGENDIZE_TOKEN", sandbox::AGENDIZE_TOKEN),
    ("AGENDIZE_ACCESS_TOKEN", sandbox::AGENDIZE_ACCESS_TOKEN),
    ("ZIWO_PASSWORD", sandbox::ZIWO_PASSWORD),
    ("ZIWO_API_KEY", sandbox::ZIWO_API_KEY),
    ("IADVIZE_API_KEY", sandbox::IADVIZE_API_KEY),
    ("VBC_CLIENT_SECRET", sandbox::VBC_CLIENT_SECRET),
    ("VBC_PASSWORD", sandbox::VBC_PASSWORD),
];

fn workspace() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
}

#[test]
fn no_fixture_or_snapshot_holds_a_credential() {
    let findings = scan(workspace(), SANDBOX_SECRETS).expect("scanned");
    let report: Vec<String> = findings.iter().map(Finding::to_string).collect();
    assert!(report.is_empty(), "{report:#?}");
}

#[test]
fn a_secret_planted_in_a_scratch_copy_is_found() {
    let scratch = tempfile::tempdir().expect("a scratch directory");
    let root = scratch.path();
    let fixtures = root.join("fixtures/agendize-resellers/accounts");
    std::fs::create_dir_all(&fixtures).expect("fixtures");
    std::fs::copy(
        workspace().join("fixtures/agendize-resellers/api.toml"),
        root.join("fixtures/agendize-resellers/api.toml"),
    )
    .expect("the crate's configuration");
    let original = std::fs::read_to_string(
        workspace().join("fixtures/agendize-resellers/accounts/insert.request.full.json"),
    )
    .expect("a fixture");
    std::fs::write(fixtures.join("clean.request.json"), &original).expect("written");
    assert_eq!(scan(root, SANDBOX_SECRETS).expect("scanned"), []);

    // A password under a generic name, a crate's own secret member, and a sandbox key in text.
    let mut planted: serde_json::Value = serde_json::from_str(&original).expect("JSON");
    planted["password"] = "hunter2".into();
    planted["preferences"]["ssoToken"] = "abc".into();
    planted["notes"] = format!("key {} in a note", sandbox::IADVIZE_API_KEY).into();
    std::fs::write(fixtures.join("planted.request.json"), planted.to_string()).expect("written");
    let snapshots = root.join("crates/demo/tests/snapshots/requests");
    std::fs::create_dir_all(&snapshots).expect("snapshots");
    std::fs::write(
        snapshots.join("a.get.snap"),
        "---\nsource: x\n---\n{\n  \"headers\": {\"api_key\": \"k-123\"}\n}\n",
    )
    .expect("written");

    let found: Vec<(String, String)> = scan(root, SANDBOX_SECRETS)
        .expect("scanned")
        .into_iter()
        .map(|finding| (finding.file.display().to_string(), finding.at))
        .collect();
    assert_eq!(
        found,
        [
            (
                "crates/demo/tests/snapshots/requests/a.get.snap".to_owned(),
                "/headers/api_key".to_owned()
            ),
            (
                "fixtures/agendize-resellers/accounts/planted.request.json".to_owned(),
                "text".to_owned()
            ),
            (
                "fixtures/agendize-resellers/accounts/planted.request.json".to_owned(),
                "/password".to_owned()
            ),
            (
                "fixtures/agendize-resellers/accounts/planted.request.json".to_owned(),
                "/preferences/ssoToken".to_owned()
            ),
        ]
    );
}
