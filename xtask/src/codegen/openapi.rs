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

use ccapi_transport::endpoint::{BodyKind, Endpoint, Paging, ParamKind, Source};
use serde_json::{json, Map, Value};

use super::config::{CrateConfig, SampleSource};
use super::manifest::{self, Operation};
use super::model::StructDef;
use super::{models_of, CrateModels, GeneratedFile};

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

impl Provider {
    /// The credential schemes (restating each crate's `Credentials`), with the token endpoint
    /// of the manifest.
    fn security_schemes(self, token_url: Option<&str>) -> Value {
        match self {
            // agendize_core::client::Credentials: keys as headers (default) or query
            // parameters, or an OAuth2 access token.
            Self::Agendize => json!({
                "apiKey": {"type": "apiKey", "in": "header", "name": "apiKey"},
                "token": {"type": "apiKey", "in": "header", "name": "token", "description": "The SSO token."},
                "apiKeyQuery": {"type": "apiKey", "in": "query", "name": "apiKey"},
                "tokenQuery": {"type": "apiKey", "in": "query", "name": "token"},
                // agendize_core::client::oauth2: the password grant, then refresh tokens.
                "oauth2": {"type": "oauth2", "flows": {
                    "password": {
                        "tokenUrl": token_url,
                        "refreshUrl": token_url,
                        "scopes": {}
                    }
                }}
            }),
            // ziwo_core::client::Credentials: the `access_token` of `POST /auth/login`, or an
            // `api_key`.
            Self::Ziwo => json!({
                "accessToken": {"type": "apiKey", "in": "header", "name": "access_token",
                    "description": "The `access_token` that `POST /auth/login` answers (`content.access_token`)."},
                "apiKey": {"type": "apiKey", "in": "header", "name": "api_key"}
            }),
            // iadvize_rest::KeyPlacement.
            Self::Iadvize => json!({
                "apiKey": {"type": "apiKey", "in": "header", "name": "X-API-Key"},
                "apiKeyQuery": {"type": "apiKey", "in": "query", "name": "key"},
                "basic": {"type": "http", "scheme": "basic", "description": "The key as user name, an empty password."}
            }),
            // cc_voice::auth: the password grant (the user name ends in `@vbc.prod`), single-use
            // refresh tokens, or a bearer token obtained elsewhere.
            Self::Vbc => json!({
                "oauth2": {"type": "oauth2", "flows": {
                    "password": {
                        "tokenUrl": token_url,
                        "refreshUrl": token_url,
                        "scopes": {"openid": "The scope the password grant asks for."}
                    }
                }},
                "bearerAuth": {"type": "http", "scheme": "bearer", "bearerFormat": "OAuth"}
            }),
        }
    }

    /// The security requirement of `row` (alternatives).
    fn security(self, row: &Endpoint) -> Value {
        match self {
            Self::Agendize => {
                json!([{"apiKey": [], "token": []}, {"apiKeyQuery": [], "tokenQuery": []}, {"oauth2": []}])
            }
            Self::Ziwo if row.id == "auth.login" => json!([]),
            Self::Ziwo => json!([{"accessToken": []}, {"apiKey": []}]),
            Self::Iadvize => json!([{"apiKey": []}, {"apiKeyQuery": []}, {"basic": []}]),
            Self::Vbc => json!([{"oauth2": ["openid"]}, {"bearerAuth": []}]),
        }
    }

    /// The error shape (restating each crate's envelope and the sandbox's errors).
    fn error_schema(self) -> Value {
        match self {
            // agendize_core::envelope: a top-level `error`, an object or a string.
            Self::Agendize => json!({
                "type": "object",
                "description": "A failure: a top-level `error`, an object with `code` and `message`, or a string.",
                "properties": {"error": {"anyOf": [
                    {"type": "object", "properties": {
                        "code": {"type": ["integer", "string"]},
                        "message": {"type": "string"}
                    }, "additionalProperties": true},
                    {"type": "string"}
                ]}},
                "required": ["error"],
                "additionalProperties": true
            }),
            // ziwo_core::envelope: `result: false`, the message in `info`, `content` or at the top.
            Self::Ziwo => json!({
                "type": "object",
                "description": "A failure: `result` is false; the message is in `info.message`, `content.message` or `message`.",
                "properties": {
                    "result": {"const": false},
                    "content": {},
                    "info": {"type": ["object", "null"], "additionalProperties": true},
                    "message": {"type": "string"}
                },
                "required": ["result"],
                "additionalProperties": true
            }),
            // iadvize_rest::envelope: `meta.status` is `fail` or `error`, with `meta.message`.
            Self::Iadvize => json!({
                "type": "object",
                "description": "A failure: `meta.status` is `fail` or `error`, with `meta.message`.",
                "properties": {"meta": {
                    "type": "object",
                    "properties": {
                        "status": {"enum": ["fail", "error"]},
                        "message": {}
                    },
                    "required": ["status"],
                    "additionalProperties": true
                }},
                "required": ["meta"],
                "additionalProperties": true
            }),
            // Vonage's OpenAPI file: `code` (a number or text) and `message`.
            Self::Vbc => json!({
                "type": "object",
                "description": "A failure: `code` (a number, or a number as text) and `message`.",
                "properties": {
                    "code": {"type": ["integer", "string"]},
                    "message": {"type": "string"}
                },
                "additionalProperties": true
            }),
        }
    }

    /// The answer of a successful call whose payload is `payload`, placed where the crate's
    /// envelope finds it (`pointer`, from the fixture's `from` entry).
    fn success_schema(self, payload: Option<(Value, &[String])>, paged: bool) -> Value {
        let payload = payload.map(|(schema, pointer)| at_pointer(schema, pointer));
        match self {
            Self::Iadvize => {
                let mut properties = json!({"meta": {
                    "type": "object",
                    "properties": {"status": {"const": "success"}},
                    "required": ["status"],
                    "additionalProperties": true
                }});
                if paged {
                    properties["pagination"] = json!({
                        "type": "object",
                        "properties": {
                            "page": {"type": "integer"}, "pages": {"type": "integer"},
                            "limit": {"type": "integer"}, "count": {"type": "integer"}
                        },
                        "additionalProperties": true
                    });
                }
                merge_object(
                    json!({"type": "object", "properties": properties, "required": ["meta"], "additionalProperties": true}),
                    payload,
                )
            }
            Self::Ziwo => {
                let envelope = json!({
                    "type": "object",
                    "properties": {
                        "result": {"const": true},
                        "content": {},
                        "info": {"type": ["object", "null"], "additionalProperties": true,
                            "description": "Totals of a listing (`total`, `totalRecords`) and notices (`message`)."}
                    },
                    "required": ["result"],
                    "additionalProperties": true
                });
                merge_object(envelope, payload)
            }
            Self::Agendize | Self::Vbc => payload.unwrap_or_else(|| json!({})),
        }
    }

    /// The media types of successful answers.
    fn answer_media_types(self) -> &'static [&'static str] {
        match self {
            // The live API labels JSON as `text/plain` on some routes (the sandbox too).
            Self::Vbc => &["application/json", "text/plain"],
            _ => &["application/json"],
        }
    }

    /// Whether an operation with no documented answer answers nothing at all.
    fn answers_nothing(self, row: &Endpoint) -> bool {
        matches!(self, Self::Agendize | Self::Vbc)
            && row.verb == ccapi_transport::endpoint::Verb::Delete
    }
}

/// `schema` wrapped in the members `pointer` names (`["data", "*"]`: `{data: [schema]}`).
fn at_pointer(schema: Value, pointer: &[String]) -> Value {
    pointer.iter().rev().fold(schema, |inner, segment| {
        if segment == "*" {
            json!({"type": "array", "items": inner})
        } else {
            json!({
                "type": "object",
                "properties": {segment.clone(): inner},
                "required": [segment],
                "additionalProperties": true
            })
        }
    })
}

/// `envelope` with `payload`'s properties (an object made by [`at_pointer`]) merged in.
fn merge_object(mut envelope: Value, payload: Option<Value>) -> Value {
    let Some(payload) = payload else {
        return envelope;
    };
    if let (Some(into), Some(from)) = (
        envelope["properties"].as_object_mut(),
        payload["properties"].as_object(),
    ) {
        for (name, schema) in from {
            into.insert(name.clone(), schema.clone());
        }
    }
    if let (Some(into), Some(from)) = (
        envelope["required"].as_array_mut(),
        payload["required"].as_array(),
    ) {
        into.extend(from.iter().cloned());
    }
    envelope
}

/// The models of one API: every struct and enum of its model crates, and their `from` entries.
struct Models {
    /// `fixtures/<crate>` of each model crate.
    fixture_dirs: Vec<std::path::PathBuf>,
    structs: BTreeMap<String, StructDef>,
    enums: BTreeMap<String, (String, Vec<String>)>,
    /// `(type, source)` of every generated type.
    sources: Vec<(String, SampleSource)>,
}

impl Models {
    fn load(root: &Path, crates: &[String]) -> Result<Self, String> {
        let mut models = Self {
            fixture_dirs: crates
                .iter()
                .map(|name| root.join("fixtures").join(name))
                .collect(),
            structs: BTreeMap::new(),
            enums: BTreeMap::new(),
            sources: Vec::new(),
        };
        for crate_name in crates {
            let CrateModels { config, resolved } = models_of(root, crate_name)?;
            for def in resolved.structs {
                if models.structs.contains_key(&def.name) {
                    return Err(format!(
                        "{crate_name}: `{}` is also a model of another crate of the same API",
                        def.name
                    ));
                }
                models.structs.insert(def.name.clone(), def);
            }
            for (name, enumeration) in &config.enums {
                let values = enumeration
                    .values
                    .iter()
                    .map(|value| value.text().to_owned())
                    .collect();
                models
                    .enums
                    .insert(name.clone(), (enumeration.doc.clone(), values));
            }
            for (name, type_config) in &config.types {
                for text in &type_config.from {
                    models
                        .sources
                        .push((name.clone(), SampleSource::parse(text)?));
                }
            }
        }
        Ok(models)
    }

    /// The type (and where in the body it sits) of the fixture `file`.
    fn sample_type(&self, file: &str) -> Option<(String, Vec<String>)> {
        self.sources
            .iter()
            .find(|(_, source)| source.matches(file))
            .map(|(name, source)| (name.clone(), source.pointer.clone()))
    }

    /// An example of the path parameter `name` of a `resource` operation: the member of that
    /// name (or the resource's `id`, for `id`, `…Id` and `idOrName`) in the documented answer
    /// of `<resource>.get`, which the sandbox also serves: so tools reach a real resource.
    fn path_example(&self, resource: &str, name: &str) -> Option<Value> {
        let file = format!("{resource}/get.response.json");
        let (_, pointer) = self.sample_type(&file)?;
        let text = self
            .fixture_dirs
            .iter()
            .find_map(|dir| std::fs::read_to_string(dir.join(&file)).ok())?;
        let document: Value = serde_json::from_str(&text).ok()?;
        let payload = pointer
            .iter()
            .try_fold(&document, |value, segment| value.get(segment))?;
        let member = if payload.get(name).is_some() {
            name
        } else if name == "id" || name == "idOrName" || name.ends_with("Id") {
            "id"
        } else {
            return None;
        };
        payload
            .get(member)
            .filter(|value| value.is_string() || value.is_number())
            .cloned()
    }

    /// The schema of a Rust type as the generator writes it.
    fn type_schema(&self, ty: &str) -> Value {
        let ty = ty.trim();
        if let Some(inner) = generic(ty, "Vec") {
            return json!({"type": "array", "items": self.type_schema(inner)});
        }
        if let Some(inner) = generic(ty, "Option") {
            return nullable(self.type_schema(inner));
        }
        if let Some(args) = generic(ty, "std::collections::BTreeMap") {
            let value = args.split_once(',').map_or("String", |(_, value)| value);
            return json!({"type": "object", "additionalProperties": self.type_schema(value)});
        }
        if let Some(inner) = generic(ty, "ccapi_transport::decode::MaybeNumber")
            .or_else(|| generic(ty, "ccapi_transport::decode::Lenient"))
        {
            let number = self.type_schema(inner);
            return json!({"anyOf": [number, {"type": "string"}], "description": "A number, or a number written as text."});
        }
        if let Some(inner) = generic(ty, "crate::models::OneOrMany") {
            let one = self.type_schema(inner);
            return json!({"anyOf": [one.clone(), {"type": "array", "items": one}]});
        }
        match ty {
            "String" => json!({"type": "string"}),
            "i64" | "u64" | "i32" | "u32" => json!({"type": "integer"}),
            "f64" | "f32" => json!({"type": "number"}),
            "bool" => json!({"type": "boolean"}),
            "serde_json::Value" => json!({}),
            "ccapi_transport::SecretString" => {
                json!({"type": "string", "format": "password", "description": "A credential."})
            }
            "ccapi_transport::decode::SecretText" => json!({
                "type": ["string", "number"], "format": "password",
                "description": "A credential, as text or a number."
            }),
            // `Timestamp` keeps what it received: epoch seconds (a number or numeric text) or
            // date-time text.
            "ccapi_transport::decode::Timestamp" => json!({
                "type": ["string", "number"],
                "description": "A time as the provider writes it: epoch seconds, or date-time text (RFC 3339, `YYYY-MM-DD HH:MM:SS`, a date)."
            }),
            "ccapi_transport::decode::LenientString" => {
                json!({"type": ["string", "number"], "description": "Text, or a number the provider sends bare."})
            }
            "ccapi_transport::decode::LenientBool" => json!({
                "anyOf": [{"type": "boolean"}, {"enum": [0, 1, "0", "1", "true", "false"]}],
                "description": "A boolean, or `0`/`1` as a number or text."
            }),
            "crate::models::WatchSchema" => json!({
                "anyOf": [{"type": "object"}, {"type": "string"}],
                "description": "A JSON template, or a string template with JSONPath expressions."
            }),
            other => {
                let name = other.rsplit("::").next().unwrap_or(other);
                if self.structs.contains_key(name) || self.enums.contains_key(name) {
                    json!({"$ref": format!("#/components/schemas/{name}")})
                } else {
                    // A hand-written type (`History`, `LegTarget`): described in its crate's docs.
                    json!({"description": format!("`{name}`: see the crate's documentation.")})
                }
            }
        }
    }

    fn struct_schema(&self, def: &StructDef) -> Value {
        let mut properties = Map::new();
        let mut required = Vec::new();
        for field in &def.fields {
            let mut schema = self.type_schema(&field.ty);
            if field.secret {
                schema = json!({"allOf": [schema], "format": "password"});
            }
            if field.optional {
                schema = nullable(schema);
            } else {
                required.push(Value::from(field.json_name.as_str()));
            }
            if let Some(object) = schema.as_object_mut() {
                object.insert("description".into(), Value::from(field.doc.as_str()));
            }
            properties.insert(field.json_name.clone(), schema);
        }
        let mut schema = json!({
            "type": "object",
            "description": def.doc,
            "properties": properties,
            // Lossless models keep the members they do not name.
            "additionalProperties": true
        });
        if !required.is_empty() {
            schema["required"] = Value::Array(required);
        }
        schema
    }

    fn components(&self) -> Value {
        let mut schemas = Map::new();
        for (name, def) in &self.structs {
            schemas.insert(name.clone(), self.struct_schema(def));
        }
        for (name, (doc, values)) in &self.enums {
            // Open: a value the provider adds later still decodes (the crates' `Unknown`).
            schemas.insert(
                name.clone(),
                json!({
                    "description": format!("{doc} Open: other values may come."),
                    "anyOf": [{"enum": values}, {"type": "string"}]
                }),
            );
        }
        Value::Object(schemas)
    }
}

/// The argument of `name<…>` in `ty`, if `ty` is that generic.
fn generic<'t>(ty: &'t str, name: &str) -> Option<&'t str> {
    ty.strip_prefix(name)?.strip_prefix('<')?.strip_suffix('>')
}

/// `schema`, or `null`.
fn nullable(schema: Value) -> Value {
    match schema.get("type") {
        Some(Value::String(one)) if schema.get("$ref").is_none() => {
            let mut schema = schema.clone();
            schema["type"] = json!([one, "null"]);
            schema
        }
        _ => json!({"anyOf": [schema, {"type": "null"}]}),
    }
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
        parameters.push(json!({
            "name": name, "in": "query", "required": true,
            "description": "Always sent with this value by the crate.",
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
        let media = if row.body == BodyKind::Form {
            "application/x-www-form-urlencoded"
        } else {
            "application/json"
        };
        op["requestBody"] = json!({"required": required, "content": {media: {"schema": schema}}});
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
