//! The operations half of `fixtures/<crate>/api.toml`: the API, its provider, its query
//! parameters and its operations, each stated once. The models half is [`super::config`].
//!
//! ```toml
//! [api]
//! title = "Agendize Resellers API"   # the OpenAPI document's title; no title: no document
//! core = "agendize-core"             # the manifest whose provider, parameters and operations
//!                                    # this one shares
//! note = "Paths are under ..."       # prose after the operations table
//!
//! [provider]                         # in the manifest that owns the provider (the core's)
//! name = "agendize"                  # agendize, ziwo, iadvize or vbc
//! servers = [{ url = "https://api.agendize.com/api/2.0" }]
//! token_url = "https://app.agendize.com/o/oauth2/token"
//! sandbox_mount = "/agendize/api/2.0"
//!
//! [params.tools]                     # a query parameter, by key (the name unless `name` says)
//! kind = "list"                      # text, integer, boolean, date-time, date, list, map
//! doc = "Accounts with these tools activated, comma-separated."
//!
//! [[operation]]
//! id = "accounts.list"               # the catalog id, `resource.action`
//! doc = "Returns the accounts matching a search."   # what the provider does, once
//! method = "GET"
//! path = "/resellers/accounts"       # `{name}` is a path parameter
//! paging = "page number"             # or "offset"; absent: unpaged
//! body = "json"                      # or "form"; absent: no body
//! accepts = ["form"]                 # other media types the provider takes (the crate sends
//!                                    # `body`): the document and the sandbox accept them too
//! query = ["search", "tools"]        # keys of [params] (here or in the core's manifest)
//! fixed_query = [["formatHistory", "0"]]  # pairs every request carries, in this order
//! rust = ["Accounts::list"]          # the crate's hand-written methods, from the crate root
//! plain = "Accounts::get"            # or: the generator writes this method (the row's request,
//!                                    # path parameters as `&str`, the answer as `returns`)
//! returns = "models::Account"        # the answer's type, from the crate root: a typed command
//! evidenced = "official Node client: ..."   # or `assumed = "why"`; neither: documented
//!
//! [[operation]]
//! shared = "watchers.delete"         # an operation of the core's manifest, listed here too
//!
//! [handles.Calls]                    # a handle that `plain` methods are written on
//! generics = ""                      # its parameters in an `impl` (`<'_>` for a borrowing one)
//! holds = ["account_id"]             # path parameters its fields hold, by their names
//! ```

use std::collections::BTreeMap;

use ccapi_transport::endpoint::{BodyKind, Endpoint, Paging, ParamKind, QueryParam, Verb};
use serde::Deserialize;

use super::config::CrateConfig;

/// `[api]`: what makes the crate an API of its own.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ApiSection {
    /// The OpenAPI document's title; without one the crate has no document (a core crate).
    pub title: Option<String>,
    /// The manifest whose provider, parameters and operations this one shares.
    pub core: Option<String>,
    /// Prose after the operations table of the crate's `operations` module.
    pub note: Option<String>,
}

/// `[provider]`: what every operation of a provider shares.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProviderSection {
    /// `agendize`, `ziwo`, `iadvize` or `vbc`: the emitters' name for the provider's envelope,
    /// credentials and error shape.
    pub name: String,
    /// The hosts, as OpenAPI server objects (`url`, `variables`).
    pub servers: Vec<toml::Value>,
    /// The OAuth2 token endpoint, for providers that have one.
    pub token_url: Option<String>,
    /// Where the sandbox serves the provider.
    pub sandbox_mount: String,
}

/// `[params.<key>]`: one query parameter.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ParamConfig {
    /// The name in the query string (default: the key).
    pub name: Option<String>,
    /// What it holds.
    pub kind: String,
    /// What it does, in the provider's words.
    pub doc: String,
}

/// `[handles.<path>]`: a hand-written handle (its path from the crate root) that generated
/// `plain` methods are written on. Its `transport` field, and a field per held path
/// parameter, are `pub(crate)`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HandleConfig {
    /// Its generic parameters in an `impl` (`<'_>`).
    #[serde(default)]
    pub generics: String,
    /// The path parameters its fields hold (a field of the parameter's snake-case name).
    #[serde(default)]
    pub holds: Vec<String>,
}

/// One `[[operation]]` entry as written.
#[derive(Debug, Default, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OperationConfig {
    /// An operation of the core's manifest, listed in this crate's table too.
    pub shared: Option<String>,
    /// The catalog id.
    pub id: Option<String>,
    /// What the provider does.
    pub doc: Option<String>,
    /// `GET`, `POST`, `PUT`, `PATCH` or `DELETE`.
    pub method: Option<String>,
    /// The path template.
    pub path: Option<String>,
    /// `page number` or `offset`.
    pub paging: Option<String>,
    /// `json` or `form`.
    pub body: Option<String>,
    /// The other body encodings the provider takes (`json`, `form`), as its own clients send
    /// them.
    #[serde(default)]
    pub accepts: Vec<String>,
    /// Keys of `[params]`.
    #[serde(default)]
    pub query: Vec<String>,
    /// Pairs every request carries, in this order.
    #[serde(default)]
    pub fixed_query: Vec<(String, String)>,
    /// The crate's hand-written methods, from the crate root.
    #[serde(default)]
    pub rust: Vec<String>,
    /// The method the generator writes, `Handle::name` (the handle a `[handles]` entry).
    pub plain: Option<String>,
    /// The answer's type, from the crate root (`()`: nothing).
    pub returns: Option<String>,
    /// The code that calls live instances with this undocumented route.
    pub evidenced: Option<String>,
    /// Why this unpublished route is the closest honest guess.
    pub assumed: Option<String>,
}

/// One operation, checked: its row and what the row does not carry.
#[derive(Debug, Clone)]
pub struct Operation {
    /// The row, as the crate declares it.
    pub row: Endpoint,
    /// What the provider does.
    pub doc: String,
    /// The crate's methods, from the crate root of [`Operation::owner`] (the generated one
    /// first).
    pub rust: Vec<String>,
    /// The method the generator writes: its handle, the handle's entry, and its name.
    pub plain: Option<(String, HandleConfig, String)>,
    /// The answer's type, from the crate root of the owner.
    pub returns: Option<String>,
    /// The other body encodings the provider takes.
    pub accepts: Vec<BodyKind>,
    /// The crate whose manifest states it.
    pub owner: String,
    /// Listed here from the core's manifest.
    pub shared: bool,
}

impl Operation {
    /// The name of the row's constant (`CALLTRACKINGS_GET`).
    pub fn constant(&self) -> String {
        constant_name(self.row.id)
    }
}

/// `calltrackings.get` → `CALLTRACKINGS_GET`.
pub fn constant_name(id: &str) -> String {
    id.to_ascii_uppercase().replace('.', "_")
}

/// A manifest's operations, each checked, with the core's shared ones in their place.
pub fn operations(
    crate_name: &str,
    manifest: &CrateConfig,
    manifests: &BTreeMap<String, CrateConfig>,
) -> Result<Vec<Operation>, String> {
    let at = format!("fixtures/{crate_name}/api.toml");
    let core = manifest.api.as_ref().and_then(|api| api.core.as_deref());
    let core_manifest = match core {
        Some(name) => Some(
            manifests
                .get(name)
                .ok_or_else(|| format!("{at}: api.core `{name}` has no manifest"))?,
        ),
        None => None,
    };
    let mut out: Vec<Operation> = Vec::new();
    for (index, entry) in manifest.operation.iter().enumerate() {
        let here = format!("{at}: operation {}", index + 1);
        let operation = if let Some(id) = &entry.shared {
            let (Some(core), Some(core_manifest)) = (core, core_manifest) else {
                return Err(format!("{here}: `shared` needs api.core"));
            };
            let only_shared = OperationConfig {
                shared: entry.shared.clone(),
                ..OperationConfig::default()
            };
            if *entry != only_shared {
                return Err(format!(
                    "{here}: a shared operation is stated in {core}'s manifest only: write \
                     `shared = \"{id}\"` alone"
                ));
            }
            let found = core_manifest
                .operation
                .iter()
                .find(|op| op.id.as_deref() == Some(id.as_str()))
                .ok_or_else(|| format!("{here}: {core}'s manifest has no operation `{id}`"))?;
            let mut shared = operation(core, found, core_manifest, None)
                .map_err(|err| format!("fixtures/{core}/api.toml: {err}"))?;
            shared.shared = true;
            shared
        } else {
            operation(crate_name, entry, manifest, core_manifest)
                .map_err(|err| format!("{here}: {err}"))?
        };
        if out.iter().any(|op| op.row.id == operation.row.id) {
            return Err(format!("{at}: operation `{}` twice", operation.row.id));
        }
        out.push(operation);
    }
    Ok(out)
}

/// Checks one entry of `owner`'s manifest.
fn operation(
    owner: &str,
    entry: &OperationConfig,
    manifest: &CrateConfig,
    core: Option<&CrateConfig>,
) -> Result<Operation, String> {
    let id = entry.id.as_deref().ok_or("`id` is missing")?;
    let Some((resource, action)) = id.split_once('.') else {
        return Err(format!("`{id}`: an id is `resource.action`"));
    };
    if resource.is_empty() || action.is_empty() || action.contains('.') {
        return Err(format!("`{id}`: an id is `resource.action`"));
    }
    let doc = entry
        .doc
        .clone()
        .ok_or_else(|| format!("`{id}`: `doc` is missing (what the provider does)"))?;
    let verb = match entry.method.as_deref() {
        Some("GET") => Verb::Get,
        Some("POST") => Verb::Post,
        Some("PUT") => Verb::Put,
        Some("PATCH") => Verb::Patch,
        Some("DELETE") => Verb::Delete,
        other => {
            return Err(format!(
                "`{id}`: method {other:?} is not GET, POST, PUT, PATCH or DELETE"
            ))
        }
    };
    let path = entry
        .path
        .as_deref()
        .filter(|path| path.starts_with('/'))
        .ok_or_else(|| format!("`{id}`: `path` must start with `/`"))?;
    let mut row = Endpoint::new(leak(id), verb, leak(path));
    row = match entry.paging.as_deref() {
        None => row,
        Some("page number") => row.paged(Paging::PageNumber),
        Some("offset") => row.paged(Paging::Offset),
        Some(other) => {
            return Err(format!(
                "`{id}`: paging `{other}` is not `page number` or `offset`"
            ))
        }
    };
    row = match entry.body.as_deref() {
        None => row,
        Some("json") => row.json(),
        Some("form") => row.form(),
        Some(other) => return Err(format!("`{id}`: body `{other}` is not `json` or `form`")),
    };
    if row.body != BodyKind::Empty && verb == Verb::Get {
        return Err(format!("`{id}`: a GET sends no body"));
    }
    let mut accepts = Vec::new();
    for kind in &entry.accepts {
        let kind = match kind.as_str() {
            "json" => BodyKind::Json,
            "form" => BodyKind::Form,
            other => return Err(format!("`{id}`: accepts `{other}` is not `json` or `form`")),
        };
        if row.body == BodyKind::Empty || kind == row.body || accepts.contains(&kind) {
            return Err(format!(
                "`{id}`: accepts lists an encoding besides the body's, once"
            ));
        }
        accepts.push(kind);
    }
    let mut query = Vec::new();
    for key in &entry.query {
        let param = manifest
            .params
            .get(key)
            .or_else(|| core.and_then(|core| core.params.get(key)))
            .ok_or_else(|| format!("`{id}`: query `{key}` is not an entry of [params]"))?;
        query.push(query_param(key, param).map_err(|err| format!("`{id}`: {err}"))?);
    }
    if !query.is_empty() {
        row = row.query(Box::leak(query.into_boxed_slice()));
    }
    if !entry.fixed_query.is_empty() {
        let pairs: Vec<(&'static str, &'static str)> = entry
            .fixed_query
            .iter()
            .map(|(name, value)| (leak(name), leak(value)))
            .collect();
        row = row.fixed_query(Box::leak(pairs.into_boxed_slice()));
    }
    row = match (&entry.evidenced, &entry.assumed) {
        (Some(_), Some(_)) => return Err(format!("`{id}`: evidenced or assumed, not both")),
        (Some(by), None) => row.evidenced(leak(by)),
        (None, Some(why)) => row.assumed(leak(why)),
        (None, None) => row,
    };
    if entry.returns.is_some() {
        // What `returns` makes: a typed command, and with `plain` a method, that send the
        // row's request with path parameters only.
        if !entry.fixed_query.is_empty() || !entry.query.is_empty() {
            return Err(format!(
                "`{id}`: `returns` makes a command with path parameters only: an operation with a \
                 query keeps its hand-written command and method"
            ));
        }
        if row.body == BodyKind::Json {
            return Err(format!(
                "`{id}`: `returns` makes a command with path parameters only: an operation with a \
                 JSON body keeps its hand-written command and method"
            ));
        }
    }
    let mut rust = entry.rust.clone();
    let plain = match &entry.plain {
        None => None,
        Some(method) => {
            let Some((handle, name)) = method.rsplit_once("::") else {
                return Err(format!("`{id}`: plain `{method}` is not `Handle::name`"));
            };
            let config = manifest.handles.get(handle).ok_or_else(|| {
                format!("`{id}`: plain `{method}`: `{handle}` is not an entry of [handles]")
            })?;
            if entry.returns.is_none() {
                return Err(format!("`{id}`: a plain method needs `returns`"));
            }
            let params: Vec<String> = row
                .path_params()
                .into_iter()
                .map(heck::ToSnakeCase::to_snake_case)
                .collect();
            if let Some(held) = config.holds.iter().find(|held| !params.contains(held)) {
                return Err(format!(
                    "`{id}`: handles.{handle} holds `{held}`, which is none of the path's \
                     parameters ({})",
                    params.join(", ")
                ));
            }
            rust.insert(0, method.clone());
            Some((handle.to_owned(), config.clone(), name.to_owned()))
        }
    };
    Ok(Operation {
        row,
        doc,
        rust,
        plain,
        returns: entry.returns.clone(),
        accepts,
        owner: owner.to_owned(),
        shared: false,
    })
}

/// The parameter of `[params.<key>]`.
fn query_param(key: &str, param: &ParamConfig) -> Result<QueryParam, String> {
    let kind = match param.kind.as_str() {
        "text" => ParamKind::Text,
        "integer" => ParamKind::Integer,
        "boolean" => ParamKind::Boolean,
        "date-time" => ParamKind::DateTime,
        "date" => ParamKind::Date,
        "list" => ParamKind::List,
        "map" => ParamKind::Map,
        other => return Err(format!("params.{key}: kind `{other}` is not text, integer, boolean, date-time, date, list or map")),
    };
    let name = param.name.as_deref().unwrap_or(key);
    Ok(QueryParam::new(leak(name), kind, leak(&param.doc)))
}

/// The name of `kind` in a manifest (and in generated code, `ParamKind::…`).
pub fn kind_variant(kind: ParamKind) -> &'static str {
    match kind {
        ParamKind::Integer => "Integer",
        ParamKind::Boolean => "Boolean",
        ParamKind::DateTime => "DateTime",
        ParamKind::Date => "Date",
        ParamKind::List => "List",
        ParamKind::Map => "Map",
        _ => "Text",
    }
}

/// Rows are `'static` data; the generator is a short-lived process that reads each manifest
/// once, so its texts are leaked into rows rather than copied into a parallel owned type.
fn leak(text: &str) -> &'static str {
    Box::leak(text.to_owned().into_boxed_str())
}

/// The provider section of `crate_name`: its own, or its core's.
pub fn provider<'m>(
    crate_name: &str,
    manifests: &'m BTreeMap<String, CrateConfig>,
) -> Result<&'m ProviderSection, String> {
    let manifest = manifests
        .get(crate_name)
        .ok_or_else(|| format!("fixtures/{crate_name}/api.toml: no such manifest"))?;
    if let Some(provider) = &manifest.provider {
        return Ok(provider);
    }
    manifest
        .api
        .as_ref()
        .and_then(|api| api.core.as_deref())
        .and_then(|core| manifests.get(core))
        .and_then(|core| core.provider.as_ref())
        .ok_or_else(|| {
            format!("fixtures/{crate_name}/api.toml: no [provider], here or in api.core's manifest")
        })
}
