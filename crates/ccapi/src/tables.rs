//! The operation tables of the provider crates ([`ccapi_transport::endpoint`]), by the API
//! name the command line uses. The command tree is checked against them, and they against the
//! catalog (`../shared/api-catalog.md`).

use ccapi_transport::Endpoint;

pub use crate::operations::TABLES;

/// The row of `api`'s operation `id`.
pub fn row(api: &str, id: &str) -> Option<&'static Endpoint> {
    TABLES
        .iter()
        .find(|(name, _)| *name == api)
        .and_then(|(_, rows)| rows.iter().find(|row| row.id == id))
}

#[cfg(test)]
mod tests {
    use ccapi_transport::endpoint::{Paging, Source};

    use super::*;

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
}
