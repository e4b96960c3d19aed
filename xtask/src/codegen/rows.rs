//! The crate's `operations` module: one [`Endpoint`](ccapi_transport::Endpoint) constant per
//! manifest operation, `ALL`, and the operations table in its docs.

use std::fmt::Write as _;

use ccapi_transport::endpoint::{BodyKind, Paging, Source};

use super::manifest::{constant_name, kind_variant, Operation, ProviderSection};

/// The Markdown table of `operations`: id, method and path, paging, body, source and the
/// crate's methods. `linked`: the methods are intra-doc links (in the crate's own docs).
pub fn table(operations: &[Operation], linked: bool) -> String {
    let mut out = String::from(
        "| operation | method and path | paging | body | source | Rust |\n|---|---|---|---|---|---|\n",
    );
    for operation in operations {
        let row = &operation.row;
        let mut path = row.path.to_owned();
        for (index, (name, value)) in row.fixed_query.iter().enumerate() {
            path.push(if index == 0 { '?' } else { '&' });
            let _ = write!(path, "{name}={value}");
        }
        let paging = match row.paging {
            Paging::PageNumber => "page number",
            Paging::Offset => "offset",
            _ => "",
        };
        let body = match row.body {
            BodyKind::Json => "JSON",
            BodyKind::Form => "form",
            _ => "",
        };
        let source = match row.source {
            Source::Evidenced(by) => format!("evidenced: {by}"),
            Source::Assumed(why) => format!("**assumed**: {why}"),
            _ => "documented".to_owned(),
        };
        let rust: Vec<String> = operation
            .rust
            .iter()
            .map(|method| {
                if linked && !operation.shared {
                    format!("[`{method}`](crate::{method})")
                } else {
                    format!("`{method}`")
                }
            })
            .collect();
        let _ = writeln!(
            out,
            "| `{}` | `{} {path}` | {paging} | {body} | {source} | {} |",
            row.id,
            row.verb.as_str(),
            rust.join(", ")
        );
    }
    out
}

/// The source of `crates/<crate_name>/src/operations.rs` (before rustfmt); `provider` when the
/// crate's manifest owns its provider section.
pub fn source(
    crate_name: &str,
    operations: &[Operation],
    note: Option<&str>,
    provider: Option<&ProviderSection>,
) -> String {
    let mut out = super::emit::header(crate_name);
    let _ = writeln!(
        out,
        "//! Every operation of this crate, stated once in `fixtures/{crate_name}/api.toml`: the\n\
         //! crate's methods build their requests from these rows, and the command line, the\n\
         //! sandbox's examples and the OpenAPI document are generated from the same manifest\n\
         //! (`cargo xtask codegen`).\n//!"
    );
    for line in table(operations, true).lines() {
        let _ = writeln!(out, "//! {line}");
    }
    if let Some(note) = note {
        let _ = writeln!(out, "//!");
        push_wrapped(&mut out, "//! ", note);
    }
    out.push('\n');
    let own: Vec<&Operation> = operations.iter().filter(|op| !op.shared).collect();
    let mut imports = Vec::new();
    if own.iter().any(|op| op.row.paging != Paging::Unpaged) {
        imports.push("Paging");
    }
    if own.iter().any(|op| !op.row.query.is_empty()) {
        imports.extend(["ParamKind", "QueryParam"]);
    }
    if !imports.is_empty() {
        let _ = writeln!(
            out,
            "use ccapi_transport::endpoint::{{{}}};",
            imports.join(", ")
        );
    }
    let _ = writeln!(out, "use ccapi_transport::Endpoint;\n");
    if let Some(provider) = provider {
        push_provider_constants(&mut out, provider);
    }
    for operation in operations.iter().filter(|op| op.shared) {
        let _ = writeln!(
            out,
            "pub use {}::operations::{};",
            operation.owner.replace('-', "_"),
            operation.constant()
        );
    }
    for operation in &own {
        out.push('\n');
        push_wrapped(&mut out, "/// ", &operation.doc);
        if !operation.rust.is_empty() {
            let links: Vec<String> = operation
                .rust
                .iter()
                .map(|method| format!("[`{method}`](crate::{method})"))
                .collect();
            let _ = writeln!(out, "///");
            push_wrapped(
                &mut out,
                "/// ",
                &format!("Called by {}.", links.join(", ")),
            );
        }
        let _ = writeln!(
            out,
            "pub const {}: Endpoint = {};",
            operation.constant(),
            expression(operation)
        );
    }
    push_plain_methods(&mut out, &own);
    let _ = writeln!(
        out,
        "\n/// Every row, in the manifest's order.\npub const ALL: &[Endpoint] = &["
    );
    for operation in operations {
        let _ = writeln!(out, "    {},", constant_name(operation.row.id));
    }
    out.push_str("];\n");
    out
}

/// The generated methods, one `impl` per handle, in the manifest's order.
fn push_plain_methods(out: &mut String, operations: &[&Operation]) {
    let mut handles: Vec<&str> = Vec::new();
    for operation in operations {
        if let Some((handle, _, _)) = &operation.plain {
            if !handles.contains(&handle.as_str()) {
                handles.push(handle);
            }
        }
    }
    for handle in handles {
        let mut generics = "";
        let mut methods = String::new();
        for operation in operations {
            let Some((on, config, name)) = &operation.plain else {
                continue;
            };
            if on != handle {
                continue;
            }
            generics = &config.generics;
            let row = &operation.row;
            let mut arguments = String::new();
            let mut request = format!("{}.request()", operation.constant());
            for param in row.path_params() {
                let rust = heck::ToSnakeCase::to_snake_case(param);
                if config.holds.contains(&rust) {
                    let _ = write!(request, ".path_param({param:?}, &self.{rust})");
                } else {
                    let _ = write!(arguments, ", {rust}: &str");
                    let _ = write!(request, ".path_param({param:?}, {rust})");
                }
            }
            if row.body == BodyKind::Form {
                // A form row with nothing to send still sends its (empty) form.
                request.push_str(".form(&ccapi_transport::Form::new())");
            }
            let returns = operation.returns.as_deref().unwrap_or("()");
            methods.push('\n');
            push_wrapped(&mut methods, "    /// ", &operation.doc);
            let _ = writeln!(
                methods,
                "    ///\n    /// `{} {}` ([`{}`]).",
                row.verb.as_str(),
                row.path,
                operation.constant()
            );
            if returns == "()" {
                let _ = writeln!(
                    methods,
                    "    pub async fn {name}(&self{arguments}) -> Result<(), ccapi_transport::Error> {{\n        self.transport.execute_empty({request}).await?;\n        Ok(())\n    }}"
                );
            } else {
                let _ = writeln!(
                    methods,
                    "    pub async fn {name}(&self{arguments}) -> Result<crate::{returns}, ccapi_transport::Error> {{\n        self.transport.execute({request}).await\n    }}"
                );
            }
        }
        let _ = write!(out, "\nimpl crate::{handle}{generics} {{{methods}}}\n");
    }
}

/// The provider's hosts and token endpoint: `DEFAULT_BASE_URL` for one host, `HOSTS` for
/// several, `BASE_URL_TEMPLATE` for a host with variables (`{instance}`).
fn push_provider_constants(out: &mut String, provider: &ProviderSection) {
    let urls: Vec<(&str, bool)> = provider
        .servers
        .iter()
        .filter_map(|server| {
            let url = server.get("url").and_then(|url| url.as_str())?;
            Some((url, server.get("variables").is_some()))
        })
        .collect();
    match urls.as_slice() {
        [(url, false)] => {
            let _ = writeln!(
                out,
                "/// The documented base URL.\npub const DEFAULT_BASE_URL: &str = {url:?};\n"
            );
        }
        [(url, true)] => {
            let _ = writeln!(
                out,
                "/// The documented base URL, its variables in braces.\n\
                 pub const BASE_URL_TEMPLATE: &str = {url:?};\n"
            );
        }
        hosts => {
            let listed: Vec<String> = hosts.iter().map(|(url, _)| format!("{url:?}")).collect();
            let _ = writeln!(
                out,
                "/// The documented hosts, in the documentation's order.\n\
                 pub const HOSTS: [&str; {}] = [{}];\n",
                listed.len(),
                listed.join(", ")
            );
        }
    }
    if let Some(url) = &provider.token_url {
        let _ = writeln!(
            out,
            "/// The documented OAuth2 token endpoint.\npub const TOKEN_URL: &str = {url:?};\n"
        );
    }
}

/// The constant expression of one row.
fn expression(operation: &Operation) -> String {
    let row = &operation.row;
    let mut out = format!(
        "Endpoint::{}({:?}, {:?})",
        row.verb.as_str().to_ascii_lowercase(),
        row.id,
        row.path
    );
    match row.paging {
        Paging::PageNumber => out.push_str(".paged(Paging::PageNumber)"),
        Paging::Offset => out.push_str(".paged(Paging::Offset)"),
        _ => {}
    }
    match row.body {
        BodyKind::Json => out.push_str(".json()"),
        BodyKind::Form => out.push_str(".form()"),
        _ => {}
    }
    if !row.fixed_query.is_empty() {
        let pairs: Vec<String> = row
            .fixed_query
            .iter()
            .map(|(name, value)| format!("({name:?}, {value:?})"))
            .collect();
        let _ = write!(out, ".fixed_query(&[{}])", pairs.join(", "));
    }
    if !row.query.is_empty() {
        let params: Vec<String> = row
            .query
            .iter()
            .map(|param| {
                format!(
                    "QueryParam::new({:?}, ParamKind::{}, {:?})",
                    param.name,
                    kind_variant(param.kind),
                    param.doc
                )
            })
            .collect();
        let _ = write!(out, ".query(&[{}])", params.join(", "));
    }
    match row.source {
        Source::Evidenced(by) => {
            let _ = write!(out, ".evidenced({by:?})");
        }
        Source::Assumed(why) => {
            let _ = write!(out, ".assumed({why:?})");
        }
        _ => {}
    }
    out
}

/// `text` as lines of at most 100 columns, each starting with `prefix` (a doc comment);
/// paragraphs (split by a blank line) stay apart.
pub fn push_wrapped(out: &mut String, prefix: &str, text: &str) {
    for (index, paragraph) in text.trim().split("\n\n").enumerate() {
        if index > 0 {
            let _ = writeln!(out, "{}", prefix.trim_end());
        }
        let mut line = String::new();
        for word in paragraph.split_whitespace() {
            if !line.is_empty() && prefix.len() + line.len() + 1 + word.len() > 100 {
                let _ = writeln!(out, "{prefix}{line}");
                line.clear();
            }
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
        let _ = writeln!(out, "{prefix}{line}");
    }
}
