//! The generated regions of hand-written Markdown: each crate README's operations table and the
//! counts in `docs/`. A region is written between `<!-- @generated NAME -->` and
//! `<!-- /@generated -->`, inline or over lines; the rest of the file is the author's.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

use super::config::CrateConfig;
use super::manifest;
use super::openapi::Api;
use super::rows::table;
use super::GeneratedFile;

const CLOSE: &str = "<!-- /@generated -->";

/// `text` with each region of `regions` replaced; every region must be present once, and no
/// other region may be.
pub fn fill(path: &str, text: &str, regions: &BTreeMap<&str, String>) -> Result<String, String> {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    let mut seen = Vec::new();
    while let Some(start) = rest.find("<!-- @generated ") {
        let after = &rest[start + "<!-- @generated ".len()..];
        let name_end = after
            .find(|c: char| !(c.is_ascii_lowercase() || c == '-'))
            .unwrap_or(after.len());
        let name = &after[..name_end];
        let Some(body) = after[name_end..].strip_prefix(" -->") else {
            return Err(format!(
                "{path}: a marker is written `<!-- @generated NAME -->`, NAME in lower case and `-`"
            ));
        };
        let end = body
            .find(CLOSE)
            .ok_or_else(|| format!("{path}: region `{name}` has no `{CLOSE}`"))?;
        if body[..end].contains("<!-- @generated ") {
            return Err(format!(
                "{path}: region `{name}` has no `{CLOSE}` before the next region"
            ));
        }
        let content = regions
            .get(name)
            .ok_or_else(|| format!("{path}: `{name}` is not a region the generator writes here"))?;
        if seen.contains(&name) {
            return Err(format!("{path}: region `{name}` twice"));
        }
        seen.push(name);
        out.push_str(&rest[..start]);
        let _ = write!(out, "<!-- @generated {name} -->");
        // A block region keeps its content on lines of its own (in the file's line endings).
        let newline = if body.starts_with("\r\n") {
            "\r\n"
        } else {
            "\n"
        };
        if body.starts_with(newline) {
            let block = content.trim_end_matches('\n').replace('\n', newline);
            let _ = write!(out, "{newline}{block}{newline}");
        } else {
            out.push_str(content);
        }
        out.push_str(CLOSE);
        rest = &body[end + CLOSE.len()..];
    }
    out.push_str(rest);
    let missing: Vec<&&str> = regions.keys().filter(|name| !seen.contains(name)).collect();
    if !missing.is_empty() {
        return Err(format!(
            "{path}: add the generated region(s) {missing:?} (`<!-- @generated NAME -->` … `{CLOSE}`)"
        ));
    }
    Ok(out)
}

/// The file at `root/path` with `regions` filled.
fn filled(
    root: &Path,
    path: &str,
    regions: &BTreeMap<&str, String>,
) -> Result<GeneratedFile, String> {
    let text = std::fs::read_to_string(root.join(path)).map_err(|err| format!("{path}: {err}"))?;
    Ok(GeneratedFile {
        path: path.to_owned(),
        contents: fill(path, &text, regions)?,
    })
}

/// Whether an operation's answer has a documented example in `root`'s fixtures (so a decode
/// snapshot): a `<resource>/<action>.response*.json` of its owner.
fn has_example(root: &Path, owner: &str, row: &ccapi_transport::Endpoint) -> bool {
    let dir = root.join("fixtures").join(owner).join(row.resource());
    let prefix = format!("{}.response", row.action());
    std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .any(|entry| {
            let name = entry.file_name();
            let name = name.to_string_lossy();
            name.strip_prefix(&prefix).is_some_and(|rest| {
                rest == ".json" || (rest.starts_with('.') && rest.ends_with(".json"))
            })
        })
}

/// Every crate README with operations, `docs/openapi.md` and `docs/snapshots.md`, when they
/// exist (a scratch workspace may hold none).
pub fn files(
    root: &Path,
    manifests: &BTreeMap<String, CrateConfig>,
    apis: &[Api],
) -> Result<Vec<GeneratedFile>, String> {
    let mut files = Vec::new();
    for (crate_name, manifest) in manifests {
        let readme = format!("crates/{crate_name}/README.md");
        let operations = manifest::operations(crate_name, manifest, manifests)?;
        let Ok(text) = std::fs::read_to_string(root.join(&readme)) else {
            continue;
        };
        // A crate without operations has no table, unless it had one (emptied, not left).
        if operations.is_empty() && !text.contains("<!-- @generated operations -->") {
            continue;
        }
        let regions = BTreeMap::from([("operations", table(&operations, false))]);
        files.push(filled(root, &readme, &regions)?);
    }
    let rows: usize = apis.iter().map(|api| api.operations.len()).sum();
    let without: usize = apis
        .iter()
        .flat_map(|api| &api.operations)
        .filter(|op| !has_example(root, &op.owner, &op.row))
        .count();
    let mut documents = String::from("| document | API | operations |\n|---|---|---|\n");
    for api in apis {
        let mut routes: Vec<(&str, &str)> = api
            .operations
            .iter()
            .map(|op| (op.row.verb.as_str(), op.row.path))
            .collect();
        routes.sort_unstable();
        routes.dedup();
        let count = if routes.len() == api.operations.len() {
            api.operations.len().to_string()
        } else {
            format!(
                "{} ({} routes: rows on one route are one OpenAPI operation)",
                api.operations.len(),
                routes.len()
            )
        };
        let _ = writeln!(
            documents,
            "| [`{name}.json`](openapi/{name}.json) | {} | {count} |",
            api.title,
            name = api.name
        );
    }
    let docs: [(&str, BTreeMap<&str, String>); 2] = [
        (
            "docs/openapi.md",
            BTreeMap::from([
                ("documents", documents),
                ("without-example", without.to_string()),
            ]),
        ),
        (
            "docs/snapshots.md",
            BTreeMap::from([
                ("without-example", without.to_string()),
                ("rows", rows.to_string()),
            ]),
        ),
    ];
    for (path, regions) in docs {
        if root.join(path).is_file() {
            files.push(filled(root, path, &regions)?);
        }
    }
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regions_are_filled_inline_and_as_blocks_and_checked() {
        let regions = BTreeMap::from([("count", "7".to_owned()), ("table", "| a |\n".to_owned())]);
        let text = "Now <!-- @generated count -->3<!-- /@generated --> rows.\n\n\
                    <!-- @generated table -->\n| old |\n<!-- /@generated -->\nAfter.\n";
        let filled = fill("x.md", text, &regions).expect("filled");
        assert_eq!(
            filled,
            "Now <!-- @generated count -->7<!-- /@generated --> rows.\n\n\
             <!-- @generated table -->\n| a |\n<!-- /@generated -->\nAfter.\n"
        );
        assert_eq!(fill("x.md", &filled, &regions).expect("again"), filled);
        let missing = fill("x.md", "no regions\n", &regions).expect_err("missing");
        assert!(missing.contains("add the generated region"), "{missing}");
        let unknown = fill(
            "x.md",
            "<!-- @generated other -->x<!-- /@generated -->",
            &regions,
        )
        .expect_err("unknown");
        assert!(unknown.contains("`other` is not a region"), "{unknown}");
    }
}
