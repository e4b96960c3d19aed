//! The operation tables of the provider crates ([`ccapi_transport::endpoint`]), by the API
//! name the command line uses. The command tree is checked against them, and they against the
//! catalog (`../shared/api-catalog.md`), the sandbox's routes and each crate's docs table.

use ccapi_transport::Endpoint;

/// Every provider crate's rows, by API name.
pub const TABLES: &[(&str, &[Endpoint])] = &[
    ("agendize-calls", agendize_calls::operations::ALL),
    ("agendize-resellers", agendize_resellers::operations::ALL),
    ("ziwo-admin", ziwo_admin::operations::ALL),
    ("ziwo-cti", ziwo_cti::operations::ALL),
    ("ziwo-crm", ziwo_crm::operations::ALL),
    ("iadvize-rest", iadvize_rest::operations::ALL),
    ("cc-voice", cc_voice::operations::ALL),
];

/// The row of `api`'s operation `id`.
pub fn row(api: &str, id: &str) -> Option<&'static Endpoint> {
    TABLES
        .iter()
        .find(|(name, _)| *name == api)
        .and_then(|(_, rows)| rows.iter().find(|row| row.id == id))
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use ccapi_transport::endpoint::{Paging, Source};

    use super::*;

    // `/a/{x}/b.{y}` → `/a/{}/b.{}`: placeholder names differ between readers.
    use ccapi_sandbox::contract::shape_of as shape;

    #[test]
    fn every_row_is_one_command_and_every_command_one_row() {
        let commands: Vec<(String, String)> = crate::spec::operations()
            .iter()
            .map(|op| (op.api.to_owned(), format!("{}.{}", op.resource, op.action)))
            .collect();
        let mut missing = Vec::new();
        for (api, rows) in TABLES {
            for row in *rows {
                let count = commands
                    .iter()
                    .filter(|(a, id)| a == api && id == row.id)
                    .count();
                if count != 1 {
                    missing.push(format!("{api} {} ({count} commands)", row.id));
                }
            }
        }
        for (api, id) in &commands {
            if row(api, id).is_none() {
                missing.push(format!("{api} {id}: a command without a row"));
            }
        }
        assert!(missing.is_empty(), "{missing:#?}");
    }

    #[test]
    fn a_command_pages_only_where_its_row_does() {
        for op in crate::spec::operations().iter().filter(|op| op.paged) {
            let id = format!("{}.{}", op.resource, op.action);
            let row = row(op.api, &id).expect("a row");
            assert_ne!(row.paging, Paging::Unpaged, "{} {id} offers --all", op.api);
        }
    }

    /// The ids of one crate's section of the catalog, with the method and path of the rows
    /// that give exactly one of each.
    fn catalog_ids(catalog: &str, api: &str) -> Vec<(String, Option<(String, String)>)> {
        let mut in_section = false;
        let mut ids = Vec::new();
        for line in catalog.lines() {
            if let Some(title) = line.strip_prefix('#') {
                let title = title.trim_start_matches('#').trim();
                // `## ziwo-admin, ziwo-cti, ziwo-crm (seed …)` is an umbrella of `###` sections.
                in_section = title.split(' ').next() == Some(api) && !title.contains(',');
                continue;
            }
            if !in_section || !line.starts_with("| ") || line.starts_with("| id ") {
                continue;
            }
            let cells: Vec<&str> = line.split('|').map(str::trim).collect();
            let first = cells[1];
            let first = first.split(" (").next().unwrap_or(first);
            let mut resource = "";
            let mut names = Vec::new();
            for piece in first.split(" / ") {
                let piece = piece.trim();
                let id = match piece.split_once('.') {
                    Some((r, _)) => {
                        resource = r;
                        piece.to_owned()
                    }
                    None => format!("{resource}.{piece}"),
                };
                names.push(id);
            }
            let method = cells.get(2).copied().unwrap_or("");
            let path = cells.get(3).copied().unwrap_or("");
            let exact = names.len() == 1
                && !method.contains(',')
                && !method.is_empty()
                && !path.contains(['…', ',', ' ', '('])
                && path.starts_with('/');
            for name in names {
                let route = exact.then(|| (method.to_owned(), path.to_owned()));
                ids.push((name, route));
            }
        }
        ids
    }

    #[test]
    fn the_rows_cover_the_catalog_and_agree_with_it() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../../shared/api-catalog.md"
        );
        let catalog = std::fs::read_to_string(path)
            .unwrap_or_else(|err| panic!("the catalog is read from {path}: {err}"));
        let mut problems = Vec::new();
        for (api, rows) in TABLES {
            let ids = catalog_ids(&catalog, api);
            assert!(!ids.is_empty(), "{api}: the catalog section was not found");
            for (id, route) in &ids {
                // `auth.login` / `auth.logout` are listed under ziwo-admin, shared by the three.
                let Some(row) = rows.iter().find(|row| row.id == *id) else {
                    problems.push(format!("{api}: catalog id {id} has no row"));
                    continue;
                };
                if let Some((method, path)) = route {
                    if (row.verb.as_str(), row.path) != (method.as_str(), path.as_str()) {
                        problems.push(format!(
                            "{api} {id}: the catalog says {method} {path}, the row {} {}",
                            row.verb.as_str(),
                            row.path
                        ));
                    }
                }
            }
            for row in *rows {
                let in_catalog = ids.iter().any(|(id, _)| id == row.id);
                if !in_catalog && !matches!(row.source, Source::Evidenced(_)) {
                    problems.push(format!(
                        "{api} {}: not in the catalog, so it needs the evidence it rests on",
                        row.id
                    ));
                }
            }
        }
        assert!(problems.is_empty(), "{problems:#?}");
    }

    /// The sandbox's mount of `api` and the name of its constant in the sandbox's `examples`.
    fn sandbox_mount(api: &str) -> (&'static str, &'static str) {
        use ccapi_sandbox::paths;
        match api {
            "agendize-calls" | "agendize-resellers" => (paths::AGENDIZE, "AGENDIZE"),
            "ziwo-admin" | "ziwo-cti" | "ziwo-crm" => (paths::ZIWO, "ZIWO"),
            "iadvize-rest" => (paths::IADVIZE, "IADVIZE"),
            _ => (paths::VBC, "VBC"),
        }
    }

    /// One example the sandbox answers: its constant, its row, and the fixture it answers
    /// (relative to the workspace root), `None` for a `DELETE` without one (`204`).
    struct ExampleEntry {
        constant: &'static str,
        row: &'static Endpoint,
        fixture: Option<String>,
    }

    /// The text of `crates/sandbox/src/examples.rs` for `entries`.
    fn render_examples(entries: &[ExampleEntry]) -> String {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../sandbox/src/examples.rs");
        let current = std::fs::read_to_string(path).unwrap_or_default();
        // The module docs and the constants' docs are kept as written; only the lists change.
        let mut out = String::new();
        let mut lines = current.lines();
        while let Some(line) = lines.next() {
            if let Some(rest) = line.strip_prefix("pub const ") {
                let constant = rest.split(':').next().unwrap_or("");
                let mine: Vec<&ExampleEntry> = entries
                    .iter()
                    .filter(|entry| entry.constant == constant)
                    .collect();
                if mine.is_empty() {
                    out.push_str(&format!("pub const {constant}: &[Example] = &[];\n"));
                } else {
                    out.push_str(&format!("pub const {constant}: &[Example] = &[\n"));
                    for entry in mine {
                        let body = match &entry.fixture {
                            // `crates/sandbox/fixtures` links to the workspace's `fixtures/`,
                            // so the packaged sandbox carries them.
                            Some(fixture) => format!("Some(include_str!(\"../{fixture}\"))"),
                            None => "None".to_owned(),
                        };
                        out.push_str(&format!(
                            "    Example {{\n        id: \"{}\",\n        method: \"{}\",\n        \
                             path: \"{}\",\n        body: {body},\n    }},\n",
                            entry.row.id,
                            entry.row.verb.as_str(),
                            entry.row.path
                        ));
                    }
                    out.push_str("];\n");
                }
                // Skip the old list, up to its closing `];`.
                if !line.ends_with("&[];") {
                    for skipped in lines.by_ref() {
                        if skipped == "];" {
                            break;
                        }
                    }
                }
            } else {
                out.push_str(line);
                out.push('\n');
            }
        }
        out
    }

    /// Compares `path` with `expected`; with `CCAPI_WRITE_TABLES` set, writes it instead.
    fn generated(path: &str, current: &str, expected: &str, stale: &mut Vec<String>) {
        if current == expected {
            return;
        }
        if std::env::var_os("CCAPI_WRITE_TABLES").is_some() {
            std::fs::write(path, expected).unwrap_or_else(|err| panic!("{path}: {err}"));
        } else {
            stale.push(format!(
                "{path} is stale: run `CCAPI_WRITE_TABLES=1 cargo test -p ccapi tables` and \
                 review the change"
            ));
        }
    }

    #[test]
    fn every_crates_docs_table_is_its_rows() {
        let mut stale = Vec::new();
        for (api, rows) in TABLES {
            let path = format!("{}/../{api}/src/operations.rs", env!("CARGO_MANIFEST_DIR"));
            let source =
                std::fs::read_to_string(&path).unwrap_or_else(|err| panic!("{path}: {err}"));
            if ccapi_transport::endpoint::check_docs_table(&source, rows).is_err() {
                let expected = with_docs_table(&source, rows);
                generated(&path, &source, &expected, &mut stale);
            }
        }
        assert!(stale.is_empty(), "{}", stale.join("\n"));
    }

    /// `source` with its `//! |` table replaced by the rows' table (appended to the module docs
    /// when it has none).
    fn with_docs_table(source: &str, rows: &[Endpoint]) -> String {
        let table: String = ccapi_transport::endpoint::docs_table(rows)
            .lines()
            .map(|line| format!("//! {line}\n"))
            .collect();
        let mut out = String::new();
        let mut placed = false;
        let mut in_table = false;
        for line in source.lines() {
            if line.starts_with("//! |") {
                if !in_table && !placed {
                    out.push_str(&table);
                    placed = true;
                }
                in_table = true;
                continue;
            }
            if !placed && !line.starts_with("//!") {
                out.push_str("//!\n");
                out.push_str(&table);
                placed = true;
            }
            in_table = false;
            out.push_str(line);
            out.push('\n');
        }
        out
    }

    #[tokio::test]
    async fn the_sandbox_serves_every_row_statefully_or_by_its_example() {
        let sandbox = ccapi_sandbox::Sandbox::start().await.expect("a sandbox");
        let stateful: BTreeSet<(String, String)> = sandbox
            .routes()
            .iter()
            .filter(|route| !route.example)
            .map(|route| (route.method.to_string(), shape(&route.path)))
            .collect();
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");
        let mut entries = Vec::new();
        let mut unserved = Vec::new();
        for (api, rows) in TABLES {
            let (mount, constant) = sandbox_mount(api);
            for row in *rows {
                let wanted = (
                    row.verb.as_str().to_owned(),
                    shape(&format!("{mount}{}", row.path)),
                );
                if stateful.contains(&wanted) {
                    continue;
                }
                let fixture = format!(
                    "fixtures/{api}/{}/{}.response.json",
                    row.resource(),
                    row.action()
                );
                let fixture = std::path::Path::new(root)
                    .join(&fixture)
                    .exists()
                    .then_some(fixture);
                if fixture.is_none() && row.verb != ccapi_transport::endpoint::Verb::Delete {
                    unserved.push(format!(
                        "{api} {}: {} {}: no stateful route and no response fixture",
                        row.id, wanted.0, wanted.1
                    ));
                    continue;
                }
                entries.push(ExampleEntry {
                    constant,
                    row,
                    fixture,
                });
            }
        }
        assert!(
            unserved.is_empty(),
            "rows the sandbox cannot serve: {unserved:#?}"
        );
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../sandbox/src/examples.rs");
        let current = std::fs::read_to_string(path).unwrap_or_default();
        let mut stale = Vec::new();
        generated(path, &current, &render_examples(&entries), &mut stale);
        assert!(stale.is_empty(), "{}", stale.join("\n"));
    }

    #[test]
    fn the_examples_render_one_entry_per_row_under_its_mount() {
        const NEW_ROW: Endpoint = Endpoint::get("calltrackings.stats", "/calltrackings/{id}/stats");
        const GONE: Endpoint = Endpoint::delete("calltrackings.purge", "/calltrackings/{id}");
        let text = render_examples(&[
            ExampleEntry {
                constant: "AGENDIZE",
                row: &NEW_ROW,
                fixture: Some("fixtures/agendize-calls/calltrackings/stats.response.json".into()),
            },
            ExampleEntry {
                constant: "AGENDIZE",
                row: &GONE,
                fixture: None,
            },
        ]);
        let expected = concat!(
            "pub const AGENDIZE: &[Example] = &[\n",
            "    Example {\n",
            "        id: \"calltrackings.stats\",\n",
            "        method: \"GET\",\n",
            "        path: \"/calltrackings/{id}/stats\",\n",
            "        body: Some(include_str!(\"../fixtures/agendize-calls/calltrackings/stats.response.json\")),\n",
            "    },\n",
            "    Example {\n",
            "        id: \"calltrackings.purge\",\n",
            "        method: \"DELETE\",\n",
            "        path: \"/calltrackings/{id}\",\n",
            "        body: None,\n",
            "    },\n",
            "];\n",
            "\n",
            "/// Ziwo (the three crates), under [`crate::paths::ZIWO`].\n",
            "#[rustfmt::skip]\n",
            "pub const ZIWO: &[Example] = &[];\n",
        );
        assert!(text.contains(expected), "{text}");
        // Rendering what is rendered changes nothing: the lists are replaced, not appended.
        assert_eq!(render_examples(&[]).matches("&[];").count(), 4);
    }

    #[test]
    fn a_docs_table_is_replaced_in_place() {
        const ROW: Endpoint = Endpoint::get("calltrackings.get", "/calltrackings/{id}");
        let source = "//! Rows.\n//!\n//! | old |\n//! |---|\n//!\n//! After.\n\nuse x;\n";
        let replaced = with_docs_table(source, &[ROW]);
        assert_eq!(
            replaced,
            "//! Rows.\n//!\n\
             //! | operation | method and path | paging | body | source |\n\
             //! |---|---|---|---|---|\n\
             //! | `calltrackings.get` | `GET /calltrackings/{id}` |  |  | documented |\n\
             //!\n//! After.\n\nuse x;\n"
        );
        ccapi_transport::endpoint::check_docs_table(&replaced, &[ROW]).expect("fresh");
    }
}
