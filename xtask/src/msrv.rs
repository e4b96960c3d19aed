//! The Rust version the workspace's library crates really need: the highest `rust-version` in
//! the normal (not dev, not build-only tooling) dependency graph that `Cargo.lock` resolves, so
//! the `rust-version` the manifests claim can be checked against it.

use std::collections::BTreeSet;

use serde_json::Value;

/// A `major.minor` Rust version.
pub type RustVersion = (u64, u64);

/// The highest `rust-version` among the normal dependencies (transitively) of the workspace
/// members other than `excluded` (binaries and tools), from `cargo metadata` JSON; with the
/// package that asks for it.
pub fn required(metadata: &Value, excluded: &[&str]) -> Option<(RustVersion, String)> {
    let packages = metadata["packages"].as_array()?;
    let members: Vec<&str> = metadata["workspace_members"]
        .as_array()?
        .iter()
        .filter_map(Value::as_str)
        .collect();
    let package = |id: &str| packages.iter().find(|p| p["id"] == id);
    let nodes = metadata["resolve"]["nodes"].as_array()?;
    let node = |id: &str| nodes.iter().find(|n| n["id"] == id);
    let mut stack: Vec<String> = members
        .iter()
        .filter(|id| {
            package(id)
                .and_then(|p| p["name"].as_str())
                .is_some_and(|name| !excluded.contains(&name))
        })
        .map(|id| (*id).to_owned())
        .collect();
    let mut seen = BTreeSet::new();
    while let Some(id) = stack.pop() {
        if !seen.insert(id.clone()) {
            continue;
        }
        for dep in node(&id)
            .and_then(|n| n["deps"].as_array())
            .into_iter()
            .flatten()
        {
            let normal = dep["dep_kinds"]
                .as_array()
                .is_some_and(|kinds| kinds.iter().any(|k| k["kind"].is_null()));
            if normal {
                if let Some(pkg) = dep["pkg"].as_str() {
                    stack.push(pkg.to_owned());
                }
            }
        }
    }
    seen.iter()
        .filter_map(|id| {
            let p = package(id)?;
            Some((
                parse(p["rust_version"].as_str()?)?,
                p["name"].as_str()?.to_owned(),
            ))
        })
        .max()
}

/// `1.88` or `1.88.0` as `(1, 88)`.
pub fn parse(text: &str) -> Option<RustVersion> {
    let mut parts = text.split('.');
    Some((parts.next()?.parse().ok()?, parts.next()?.parse().ok()?))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn the_highest_normal_dependency_decides() {
        let metadata = json!({
            "workspace_members": ["lib", "tool"],
            "packages": [
                {"id": "lib", "name": "lib", "rust_version": "1.80"},
                {"id": "tool", "name": "tool", "rust_version": "1.80"},
                {"id": "a", "name": "a", "rust_version": "1.86"},
                {"id": "b", "name": "b", "rust_version": "1.88.0"},
                {"id": "dev", "name": "dev", "rust_version": "1.90"},
                {"id": "heavy", "name": "heavy", "rust_version": "1.91"}
            ],
            "resolve": {"nodes": [
                {"id": "lib", "deps": [
                    {"pkg": "a", "dep_kinds": [{"kind": null}]},
                    {"pkg": "dev", "dep_kinds": [{"kind": "dev"}]}
                ]},
                {"id": "a", "deps": [{"pkg": "b", "dep_kinds": [{"kind": null}]}]},
                {"id": "b", "deps": []},
                {"id": "dev", "deps": []},
                {"id": "tool", "deps": [{"pkg": "heavy", "dep_kinds": [{"kind": null}]}]},
                {"id": "heavy", "deps": []}
            ]}
        });
        assert_eq!(
            required(&metadata, &["tool"]),
            Some(((1, 88), "b".to_owned()))
        );
        assert_eq!(parse("1.85"), Some((1, 85)));
        assert_eq!(parse("nightly"), None);
    }
}
