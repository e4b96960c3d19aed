//! OpenAPI 3.1 documents of the seven APIs, written from their manifests: each operation
//! (method, path, path and query parameters, paging, body encoding, whether the route is
//! documented, evidenced or assumed, what the provider does) and the models the generator
//! resolves from `fixtures/` (the same structs, open enums and lenient members the crates decode
//! with). What the manifests cannot say as data — each provider's envelope, credentials and
//! error shape — is stated once per provider in [`Provider`], beside the crate code it restates.
//!
//! `cargo xtask codegen` writes `docs/openapi/<api>.json`; `--check` fails when they drift.

use std::collections::BTreeMap;
use std::path::Path;

use ccapi_transport::endpoint::{BodyKind, Paging, ParamKind, Source};
use serde_json::{json, Map, Value};

use super::config::CrateConfig;
use super::manifest::{self, Operation};
use super::GeneratedFile;

mod provider;
mod schemas;

use provider::at_pointer;
use schemas::Models;

/// The four providers: what their crates do the same way for every operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Provider {
    /// `agendize-calls`, `agendize-resellers` (`agendize-core`).
    Agendize,
    /// `ziwo-admin`, `ziwo-cti`, `ziwo-crm` (`ziwo-core`).
    Ziwo,
    /// `iadvize-rest`.
    Iadvize,
    /// `cc-voice` (Vonage Business Communications).
    Vbc,
}

/// One API: a crate with a title in its manifest.
#[derive(Debug, Clone)]
pub struct Api {
    /// The crate (and document) name.
    pub name: String,
    /// The document's title.
    pub title: String,
    /// The crate's operations, shared ones included.
    pub operations: Vec<Operation>,
    /// The crates whose `fixtures/` models the operations use (the crate, then its core).
    pub models: Vec<String>,
    /// The provider.
    pub provider: Provider,
    /// The hosts, as OpenAPI server objects.
    pub servers: Value,
    /// The OAuth2 token endpoint, for providers that have one.
    pub token_url: Option<String>,
}

/// Every API of `manifests`, in crate order.
pub fn apis(manifests: &BTreeMap<String, CrateConfig>) -> Result<Vec<Api>, String> {
    let mut apis = Vec::new();
    for (name, manifest) in manifests {
        let Some(api) = &manifest.api else { continue };
        let Some(title) = &api.title else { continue };
        let provider_section = manifest::provider(name, manifests)?;
        let provider = match provider_section.name.as_str() {
            "agendize" => Provider::Agendize,
            "ziwo" => Provider::Ziwo,
            "iadvize" => Provider::Iadvize,
            "vbc" => Provider::Vbc,
            other => {
                return Err(format!(
                    "fixtures/{name}/api.toml: provider `{other}` has no envelope, credentials or error shape in xtask's openapi emitter"
                ))
            }
        };
        let mut models = vec![name.clone()];
        models.extend(api.core.clone());
        apis.push(Api {
            name: name.clone(),
            title: title.clone(),
            operations: manifest::operations(name, manifest, manifests)?,
            models,
            provider,
            servers: serde_json::to_value(&provider_section.servers)
                .map_err(|err| format!("fixtures/{name}/api.toml: servers: {err}"))?,
            token_url: provider_section.token_url.clone(),
        });
    }
    Ok(apis)
}

fn query_parameter(param: &ccapi_transport::endpoint::QueryParam) -> Value {
    let (schema, style) = match param.kind {
        ParamKind::Integer => (json!({"type": "integer"}), None),
        ParamKind::Boolean => (
            json!({"anyOf": [{"type": "boolean"}, {"enum": [0, 1]}]}),
            None,
        ),
        ParamKind::DateTime => (json!({"type": "string", "format": "date-time"}), None),
        ParamKind::Date => (json!({"type": "string", "format": "date"}), None),
        ParamKind::List => (
            json!({"type": "array", "items": {"type": "string"}}),
            Some("form"),
        ),
        // Any value: in a query everything is text, so a number or `null` written as text is
        // as good as the word itself.
        ParamKind::Map => (
            json!({"type": "object", "additionalProperties": {"description": "Text."}}),
            Some("deepObject"),
        ),
        _ => (json!({"type": "string"}), None),
    };
    let mut parameter = json!({
        "name": param.name,
        "in": "query",
        "description": param.doc,
        "schema": schema
    });
    if let Some(style) = style {
        parameter["style"] = Value::from(style);
        // `agents[]=a&agents[]=b` repeats the name; a plain list (`tools=a,b`) joins with commas.
        let explode = style == "deepObject" || param.name.ends_with("[]");
        parameter["explode"] = Value::from(explode);
    }
    parameter
}

/// The operation object of `operation`.
fn operation(api: &Api, models: &Models, operation: &Operation) -> Value {
    let row = &operation.row;
    let provider = api.provider;
    let mut parameters = Vec::new();
    for name in row.path_params() {
        // iAdvize identifiers are numbers (every crate method takes an `i64`).
        let schema = if provider == Provider::Iadvize && name == "id" {
            json!({"type": "integer"})
        } else {
            json!({"type": "string"})
        };
        let mut parameter = json!({"name": name, "in": "path", "required": true, "schema": schema});
        if let Some(example) = models.path_example(row.resource(), name) {
            // As the path carries it: a number the answer holds is text in a text parameter.
            parameter["example"] = match (&parameter["schema"]["type"], example) {
                (Value::String(ty), Value::Number(number)) if ty == "string" => {
                    Value::from(number.to_string())
                }
                (_, example) => example,
            };
        }
        parameters.push(parameter);
    }
    for param in row.query {
        parameters.push(query_parameter(param));
    }
    for (name, value) in row.fixed_query {
        // Optional to the provider: the one fixed query of the manifests is iAdvize's
        // `formatHistory=0`, which seed 003 recommends and does not require.
        parameters.push(json!({
            "name": name, "in": "query", "required": false,
            "description": "Always sent with this value by the crate; seed 003 recommends it, the provider does not require it.",
            "schema": {"type": "string", "enum": [value]}
        }));
    }
    let (resource, action) = (row.resource(), row.action());
    let mut op = json!({
        "operationId": row.id,
        "summary": row.id,
        "description": operation.doc,
        "tags": [resource],
        "parameters": parameters,
    });
    if row.body != BodyKind::Empty {
        let request_type = models
            .sample_type(&format!("{resource}/{action}.request.json"))
            .or_else(|| watch_sample(provider, action, models, "request"));
        // Required when the type has a member every request carries (or is a list): an update
        // whose members are all optional may be sent empty, as the crates do (`block`).
        let required = request_type.as_ref().is_some_and(|(name, pointer)| {
            !pointer.is_empty()
                || models
                    .structs
                    .get(name)
                    .is_some_and(|def| def.fields.iter().any(|field| !field.optional))
        });
        let schema = match request_type {
            Some((name, pointer)) => at_pointer(
                json!({"$ref": format!("#/components/schemas/{name}")}),
                &pointer,
            ),
            None => json!({"type": "object", "additionalProperties": true,
                "description": "No documented example: see the crate's method for the members it sends."}),
        };
        // The encoding the crate sends first: the sandbox reads a body without a content type
        // as that one.
        let content: Map<String, Value> = std::iter::once(&row.body)
            .chain(&operation.accepts)
            .map(|kind| {
                let media = if *kind == BodyKind::Form {
                    "application/x-www-form-urlencoded"
                } else {
                    "application/json"
                };
                (media.to_owned(), json!({"schema": schema}))
            })
            .collect();
        op["requestBody"] = json!({"required": required, "content": content});
    }
    let answer = models
        .sample_type(&format!("{resource}/{action}.response.json"))
        .or_else(|| watch_sample(provider, action, models, "response"))
        .map(|(name, pointer)| {
            (
                json!({"$ref": format!("#/components/schemas/{name}")}),
                pointer,
            )
        });
    let mut responses = Map::new();
    if let Some(media) = file_media_type(row.path) {
        responses.insert(
            "2XX".into(),
            json!({"description": "The file.", "content": {
                media: {"schema": {"type": "string", "contentMediaType": media}}
            }}),
        );
    } else if answer.is_none() && provider.answers_nothing(row) {
        responses.insert(
            "2XX".into(),
            json!({"description": "Done; no body (or an empty one)."}),
        );
    } else {
        let schema = provider.success_schema(
            answer
                .as_ref()
                .map(|(schema, pointer)| (schema.clone(), pointer.as_slice())),
            row.paging != Paging::Unpaged,
        );
        let mut content = Map::new();
        for media in provider.answer_media_types() {
            content.insert((*media).to_owned(), json!({"schema": schema}));
        }
        let description = if answer.is_some() {
            "Success."
        } else {
            "Success. The provider documents no example of this answer."
        };
        responses.insert(
            "2XX".into(),
            json!({"description": description, "content": content}),
        );
    }
    responses.insert(
        "4XX".into(),
        json!({"description": "Refused: the provider's error shape.", "content": {
            "application/json": {"schema": {"$ref": "#/components/schemas/Error"}}
        }}),
    );
    op["responses"] = Value::Object(responses);
    op["security"] = provider.security(row);
    match row.paging {
        Paging::PageNumber => op["x-paging"] = Value::from("page number"),
        Paging::Offset => op["x-paging"] = Value::from("offset"),
        _ => {}
    }
    match row.source {
        Source::Assumed(why) => {
            op["x-assumed"] = Value::from(true);
            op["x-assumed-reason"] = Value::from(why);
        }
        Source::Evidenced(by) => op["x-evidence"] = Value::from(by),
        _ => {}
    }
    op
}

/// The media type of a route that answers a file, by the extension its path ends with
/// (Ziwo's recordings, `/surveillance/recordings/{callID}.mp3`).
fn file_media_type(path: &str) -> Option<&'static str> {
    path.ends_with(".mp3").then_some("audio/mpeg")
}

/// Every Agendize watch (`calltrackings.watch`, `accounts.watch`) sends and answers the
/// `Watch` of `agendize-core`, whose samples are `watches/watch.*`.
fn watch_sample(
    provider: Provider,
    action: &str,
    models: &Models,
    direction: &str,
) -> Option<(String, Vec<String>)> {
    (provider == Provider::Agendize && action == "watch")
        .then(|| models.sample_type(&format!("watches/watch.{direction}.json")))
        .flatten()
}

/// The document of `api`.
pub fn document(root: &Path, api: &Api) -> Result<Value, String> {
    let models = Models::load(root, &api.models)?;
    let mut paths: Map<String, Value> = Map::new();
    for op in &api.operations {
        let row = &op.row;
        let item = paths
            .entry(row.path.to_owned())
            .or_insert_with(|| json!({}));
        let method = row.verb.as_str().to_ascii_lowercase();
        if item.get(&method).is_some() {
            // One route, several rows (Agendize's four `POST /resellers/accounts/{id}` bodies):
            // the first row names the operation, the others are listed.
            let others = &mut item[&method]["x-also"];
            if !others.is_array() {
                *others = json!([]);
            }
            if let Some(list) = others.as_array_mut() {
                list.push(Value::from(row.id));
            }
            continue;
        }
        item[&method] = operation(api, &models, op);
    }
    let mut schemas = models.components();
    schemas["Error"] = api.provider.error_schema();
    Ok(json!({
        "openapi": "3.1.0",
        "info": {
            "title": api.title,
            "version": env!("CARGO_PKG_VERSION"),
            "description": format!(
                "The {title} as the `{name}` crate describes it: written by `cargo xtask codegen` from the crate's manifest and the models generated from `fixtures/` (docs/openapi.md). Not published by the provider. Operations marked `x-assumed` are guesses (the reason is given); `x-evidence` names the code that calls live instances with an undocumented route.",
                title = api.title,
                name = api.name
            )
        },
        "servers": api.servers,
        "paths": paths,
        "components": {
            "schemas": schemas,
            "securitySchemes": api.provider.security_schemes(api.token_url.as_deref())
        }
    }))
}

/// The text written for `document`: pretty JSON and a newline.
pub fn render(document: &Value) -> String {
    let mut text = serde_json::to_string_pretty(document).unwrap_or_default();
    text.push('\n');
    text
}

/// `docs/openapi/<api>.json` of every API.
pub fn documents(root: &Path, apis: &[Api]) -> Result<Vec<GeneratedFile>, String> {
    apis.iter()
        .map(|api| {
            Ok(GeneratedFile {
                path: format!("docs/openapi/{}.json", api.name),
                contents: render(&document(root, api)?),
            })
        })
        .collect()
}

/// Fails on a `docs/openapi/*.json` that no manifest writes any more (a crate that lost its
/// `[api] title`, or was renamed): it would drift unseen.
pub fn refuse_strays(root: &Path, apis: &[Api]) -> Result<(), String> {
    let dir = root.join("docs/openapi");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return Ok(());
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(api) = name.strip_suffix(".json") else {
            continue;
        };
        if !apis.iter().any(|known| known.name == api) {
            return Err(format!(
                "docs/openapi/{name}: no manifest has this API (an `[api]` with a `title`): \
                 delete the file or give the manifest its title"
            ));
        }
    }
    Ok(())
}
