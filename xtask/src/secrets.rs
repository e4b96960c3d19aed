//! The secret scan: no fixture and no snapshot in the workspace holds a credential. Fixtures
//! come from provider documentation and recorded traffic, snapshots from our own runs: either
//! could carry a real key, a sandbox credential, or a password a test typed.
//!
//! Two checks, on every `fixtures/**/*.json` and every `tests/snapshots/**/*.snap` under
//! `crates/` and `xtask/`:
//! 1. none of the given credential values appears anywhere in the text;
//! 2. every JSON member with a credential's name (the generic names of
//!    [`ccapi_transport::redact`], and every field marked `secret = true` in a crate's
//!    `api.toml`) holds `null` or a redaction marker ([`MARKERS`]), at any depth.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::codegen::config::CrateConfig;

/// What a credential is replaced with: the recorder's two placeholders (the snapshots use the
/// first), and the sandbox journal's and the command line's marker.
pub const MARKERS: &[&str] = &[
    crate::record::CREDENTIAL_PLACEHOLDER,
    crate::record::SECRET_PLACEHOLDER,
    "** redacted **",
];

/// One credential found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// The file, relative to the scanned root.
    pub file: PathBuf,
    /// Where in it: a JSON pointer, or `text` for a value found in the raw text.
    pub at: String,
    /// What was found (never the value itself).
    pub what: String,
}

impl std::fmt::Display for Finding {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}: {}", self.file.display(), self.at, self.what)
    }
}

/// Scans the fixtures and snapshots under `root` for the `known` credential values (with their
/// names, for the report) and for credential-named members that hold a value.
pub fn scan(root: &Path, known: &[(&str, &str)]) -> Result<Vec<Finding>, String> {
    let secret_names = secret_member_names(&root.join("fixtures"))?;
    let mut files = Vec::new();
    collect(
        &root.join("fixtures"),
        &mut |path| path.extension().is_some_and(|ext| ext == "json"),
        &mut files,
    )?;
    for top in ["crates", "xtask"] {
        collect(
            &root.join(top),
            &mut |path| {
                path.extension().is_some_and(|ext| ext == "snap")
                    && path
                        .components()
                        .any(|part| part.as_os_str() == "snapshots")
            },
            &mut files,
        )?;
    }
    files.sort();
    let mut findings = Vec::new();
    for path in files {
        let text =
            std::fs::read_to_string(&path).map_err(|err| format!("{}: {err}", path.display()))?;
        let file = path.strip_prefix(root).unwrap_or(&path).to_path_buf();
        for (name, value) in known {
            if !value.is_empty() && text.contains(value) {
                findings.push(Finding {
                    file: file.clone(),
                    at: "text".to_owned(),
                    what: format!("the value of {name}"),
                });
            }
        }
        let json = if path.extension().is_some_and(|ext| ext == "snap") {
            snapshot_body(&text)
        } else {
            &text
        };
        // A snapshot of text (generated source, a help page) has no members to check.
        if let Ok(value) = serde_json::from_str::<Value>(json) {
            members(&value, String::new(), &secret_names, &file, &mut findings);
        }
    }
    Ok(findings)
}

/// The body of an insta snapshot: what follows its `---` header.
fn snapshot_body(text: &str) -> &str {
    text.strip_prefix("---\n")
        .and_then(|rest| rest.split_once("\n---\n"))
        .map_or(text, |(_, body)| body)
}

/// Every name marked `secret = true` in a crate's `api.toml` under `fixtures`.
fn secret_member_names(fixtures: &Path) -> Result<Vec<String>, String> {
    let mut names = Vec::new();
    let entries =
        std::fs::read_dir(fixtures).map_err(|err| format!("{}: {err}", fixtures.display()))?;
    for entry in entries.flatten() {
        let config = entry.path().join("api.toml");
        let Ok(text) = std::fs::read_to_string(&config) else {
            continue;
        };
        let parsed: CrateConfig =
            toml::from_str(&text).map_err(|err| format!("{}: {err}", config.display()))?;
        names.extend(parsed.secret_member_names().into_iter().map(str::to_owned));
    }
    names.sort();
    names.dedup();
    Ok(names)
}

fn members(
    value: &Value,
    at: String,
    secret_names: &[String],
    file: &Path,
    out: &mut Vec<Finding>,
) {
    match value {
        Value::Object(map) => {
            for (name, member) in map {
                let here = format!("{at}/{name}");
                let also: Vec<&str> = secret_names.iter().map(String::as_str).collect();
                let secret = ccapi_transport::redact::is_secret_member(name, &also);
                let marked =
                    member.is_null() || member.as_str().is_some_and(|text| MARKERS.contains(&text));
                if secret && !marked && !member.is_object() && !member.is_array() {
                    out.push(Finding {
                        file: file.to_path_buf(),
                        at: here.clone(),
                        what: format!("`{name}` holds a value, not a redaction marker"),
                    });
                }
                members(member, here, secret_names, file, out);
            }
        }
        Value::Array(items) => {
            for (index, item) in items.iter().enumerate() {
                members(item, format!("{at}/{index}"), secret_names, file, out);
            }
        }
        _ => {}
    }
}

/// The files under `dir` that `wanted` keeps, skipping `target` folders.
fn collect(
    dir: &Path,
    wanted: &mut dyn FnMut(&Path) -> bool,
    out: &mut Vec<PathBuf>,
) -> Result<(), String> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Ok(());
    };
    for entry in entries {
        let path = entry
            .map_err(|err| format!("{}: {err}", dir.display()))?
            .path();
        if path.is_dir() {
            if path.file_name().is_some_and(|name| name == "target") {
                continue;
            }
            collect(&path, wanted, out)?;
        } else if wanted(&path) {
            out.push(path);
        }
    }
    Ok(())
}
