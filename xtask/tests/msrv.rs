//! The `rust-version` the manifests claim is true for the committed lock: no normal
//! dependency of a library crate needs a newer Rust.

use std::path::Path;
use std::process::Command;

#[test]
fn the_claimed_rust_version_covers_the_locked_dependencies() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the workspace root");
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    // Not `--offline`: metadata reads every locked package's manifest, and a new machine has
    // downloaded only those its builds used (not another platform's, not an unused feature's).
    let output = Command::new(cargo)
        .current_dir(root)
        .args(["metadata", "--format-version", "1", "--locked"])
        .output()
        .expect("cargo metadata runs");
    assert!(
        output.status.success(),
        "cargo metadata: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let metadata: serde_json::Value =
        serde_json::from_slice(&output.stdout).expect("cargo metadata JSON");
    let manifest = std::fs::read_to_string(root.join("Cargo.toml")).expect("Cargo.toml");
    let table: toml::Table = manifest.parse().expect("TOML");
    let claimed = table["workspace"]["package"]["rust-version"]
        .as_str()
        .and_then(xtask::msrv::parse)
        .expect("workspace.package.rust-version");
    let (needed, by) = xtask::msrv::required(&metadata, &["ccapi", "xtask", "conformance"])
        .expect("dependencies with a rust-version");
    assert!(
        needed <= claimed,
        "{by} needs Rust {}.{}, the manifests claim {}.{}: raise rust-version or pin {by}",
        needed.0,
        needed.1,
        claimed.0,
        claimed.1
    );
}
