//! `cargo xtask package`: every library crate packages and verifies, and a crate outside the
//! workspace builds and runs on the packaged files alone.
//!
//! 1. `cargo package` over the [`PUBLISHED`] crates, verification included: each `.crate` is
//!    unpacked and built on its own, in dependency order, the workspace's unpublished crates
//!    resolved from the ones packaged before them (in `target/package-verify`, emptied first).
//! 2. A consumer crate is written under `target/package-consumer/`, outside the workspace: it
//!    depends on `cc-voice` and `ccapi-sandbox` by version, as a service would from crates.io,
//!    with `[patch.crates-io]` pointing every published crate at its `.crate` file unpacked
//!    (so nothing of the workspace's sources is seen), and its lock starting from this
//!    workspace's `Cargo.lock` (the versions we test with; `--offline`, nothing is fetched that
//!    the workspace's build did not fetch). It starts the sandbox, logs in to its VBC token
//!    endpoint and reads a device, then exits 0.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The library crates published to crates.io, in dependency order. The command line
/// (`ccapi`) and the automation (`xtask`, `conformance`) are not.
pub const PUBLISHED: &[&str] = &[
    "ccapi-transport",
    "agendize-core",
    "agendize-calls",
    "agendize-resellers",
    "ziwo-core",
    "ziwo-admin",
    "ziwo-cti",
    "ziwo-crm",
    "iadvize-rest",
    "cc-voice",
    "ccapi-sandbox",
];

/// The consumer's program: the sandbox guide's cc-voice example, as a downstream test would
/// write it.
const CONSUMER_MAIN: &str = r#"use ccapi_sandbox::{credentials, Sandbox};
use cc_voice::ccapi_transport::auth::Grant;

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let sandbox = Sandbox::start().await?;
    let session = cc_voice::auth::oauth2_at(
        sandbox.vbc_token_url().parse()?,
        Grant::Password {
            username: credentials::VBC_USERNAME.into(),
            password: credentials::VBC_PASSWORD.into(),
        },
        credentials::VBC_CLIENT_ID,
        credentials::VBC_CLIENT_SECRET.into(),
    )
    .build()?;
    let client = cc_voice::Client::with_config(
        cc_voice::ClientConfig::new(&sandbox.vbc_url(), "package-consumer")?,
        cc_voice::Credentials::oauth2(session),
    )?;
    let device = client
        .devices(credentials::VBC_ACCOUNT_ID)
        .get("79-5C-7D-28-1B-B3")
        .await?;
    println!("device {}", device.mac_address.as_deref().unwrap_or("(no MAC)"));
    Ok(())
}
"#;

/// Packages and verifies [`PUBLISHED`], then builds and runs the consumer; returns what the
/// consumer printed. `allow_dirty` packages uncommitted changes (for trying it before a commit).
pub fn run(root: &Path, allow_dirty: bool) -> Result<String, String> {
    let target = root.join("target");
    let version = workspace_version(root)?;
    forget_earlier_overlays(&version)?;
    // A target directory of its own, emptied first: cargo reuses a compiled registry crate of
    // the same name and version without looking at its sources, so a second run would verify
    // against the first run's build of our crates.
    let verify = target.join("package-verify");
    if verify.exists() {
        std::fs::remove_dir_all(&verify).map_err(|err| format!("{}: {err}", verify.display()))?;
    }
    let mut package = cargo(root);
    package.env("CARGO_TARGET_DIR", &verify);
    package.args(["package", "--locked"]);
    for name in PUBLISHED {
        package.args(["--package", name]);
    }
    if allow_dirty {
        package.arg("--allow-dirty");
    }
    succeed(&mut package, "cargo package")?;

    let consumer = target.join("package-consumer");
    let unpacked = consumer.join("unpacked");
    if consumer.exists() {
        std::fs::remove_dir_all(&consumer)
            .map_err(|err| format!("{}: {err}", consumer.display()))?;
    }
    std::fs::create_dir_all(consumer.join("src")).map_err(|err| err.to_string())?;
    std::fs::create_dir_all(&unpacked).map_err(|err| err.to_string())?;
    let mut patches = String::new();
    for name in PUBLISHED {
        let file = verify
            .join("package")
            .join(format!("{name}-{version}.crate"));
        let mut untar = Command::new("tar");
        untar.arg("-xzf").arg(&file).arg("-C").arg(&unpacked);
        succeed(&mut untar, &format!("unpacking {}", file.display()))?;
        patches.push_str(&format!(
            "{name} = {{ path = \"unpacked/{name}-{version}\" }}\n"
        ));
    }
    let manifest = format!(
        "[package]\nname = \"package-consumer\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n\
         [workspace]\n\n\
         [dependencies]\ncc-voice = \"{version}\"\nccapi-sandbox = \"{version}\"\n\
         tokio = {{ version = \"1\", features = [\"macros\", \"rt\"] }}\n\n\
         [patch.crates-io]\n{patches}"
    );
    write(&consumer.join("Cargo.toml"), &manifest)?;
    write(&consumer.join("src/main.rs"), CONSUMER_MAIN)?;
    std::fs::copy(root.join("Cargo.lock"), consumer.join("Cargo.lock"))
        .map_err(|err| format!("copying Cargo.lock: {err}"))?;

    let mut build = cargo(&consumer);
    build.args(["run", "--quiet", "--offline"]);
    build.env("CARGO_TARGET_DIR", consumer.join("target"));
    let output = build
        .output()
        .map_err(|err| format!("cannot run cargo: {err}"))?;
    if !output.status.success() {
        return Err(format!(
            "the consumer of the packaged crates failed ({}):\n{}",
            output.status,
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    Ok(String::from_utf8_lossy(&output.stdout).into_owned())
}

/// Deletes what earlier runs unpacked of our crates from cargo's local overlay registry
/// (`$CARGO_HOME/registry/src/-<hash>/<crate>-<version>`): cargo reuses an unpacked crate of
/// the same name and version without comparing checksums, so a second run on a machine would
/// verify against the first run's sources. Only overlay registries (whose directory names
/// start with `-`) and only our crates are touched.
fn forget_earlier_overlays(version: &str) -> Result<(), String> {
    let home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|home| PathBuf::from(home).join(".cargo")));
    let Some(sources) = home.map(|home| home.join("registry").join("src")) else {
        return Ok(());
    };
    let Ok(registries) = std::fs::read_dir(&sources) else {
        return Ok(());
    };
    for registry in registries.flatten() {
        if !registry.file_name().to_string_lossy().starts_with('-') {
            continue;
        }
        for name in PUBLISHED {
            let unpacked = registry.path().join(format!("{name}-{version}"));
            if unpacked.exists() {
                std::fs::remove_dir_all(&unpacked)
                    .map_err(|err| format!("{}: {err}", unpacked.display()))?;
            }
        }
    }
    Ok(())
}

fn cargo(dir: &Path) -> Command {
    let mut command = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned()));
    command.current_dir(dir);
    command
}

fn succeed(command: &mut Command, what: &str) -> Result<(), String> {
    let status = command
        .status()
        .map_err(|err| format!("{what}: cannot start: {err}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{what} failed ({status})"))
    }
}

fn write(path: &PathBuf, text: &str) -> Result<(), String> {
    std::fs::write(path, text).map_err(|err| format!("{}: {err}", path.display()))
}

/// `[workspace.package] version` of the root manifest.
fn workspace_version(root: &Path) -> Result<String, String> {
    let text = std::fs::read_to_string(root.join("Cargo.toml")).map_err(|err| err.to_string())?;
    let manifest: toml::Table = toml::from_str(&text).map_err(|err| err.to_string())?;
    manifest
        .get("workspace")
        .and_then(|workspace| workspace.get("package"))
        .and_then(|package| package.get("version"))
        .and_then(toml::Value::as_str)
        .map(str::to_owned)
        .ok_or_else(|| "Cargo.toml has no [workspace.package] version".to_owned())
}
