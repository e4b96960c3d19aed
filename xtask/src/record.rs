//! `cargo xtask record`: one real response into `fixtures/`, with every credential removed first.
//!
//! The request goes through `ccapi-transport`, so credentials are read from environment variables
//! into `SecretString`s and never appear on the command line or in a log. Before anything is
//! written, three passes replace values with placeholders:
//! 1. every credential value given, wherever it appears in the body (even inside a longer string);
//! 2. every field marked `secret = true` in the crate's `api.toml`, for each type whose `from`
//!    selects the new file (following `model` references);
//! 3. every string member whose name says it is a credential (`password`, `token`, `apiKey`,
//!    `clientSecret`, `access_token`, ...), whatever the configuration says.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use ccapi_transport::auth::{Auth, Bearer, HeaderKeys, NoAuth, QueryKeys};
use ccapi_transport::{
    BareJson, ClientConfig, ExposeSecret, Method, Operation, Query, RetryPolicy, SecretString,
    Transport,
};
use serde_json::Value;

use crate::codegen::config::{CrateConfig, SampleSource, TypeConfig};

/// What replaces a credential given on the command line.
pub const CREDENTIAL_PLACEHOLDER: &str = "<redacted:credential>";
/// What replaces a field marked secret (by `api.toml` or by its name).
pub const SECRET_PLACEHOLDER: &str = "<redacted:secret>";

/// How the request authenticates; each credential is named by the environment variable that
/// holds it.
#[derive(Debug, Clone, Default)]
pub struct Credentials {
    /// `(header name, env var)` pairs.
    pub headers: Vec<(String, String)>,
    /// `(query parameter, env var)` pairs.
    pub query: Vec<(String, String)>,
    /// Env var holding a bearer token.
    pub bearer: Option<String>,
}

/// One recording.
#[derive(Debug, Clone)]
pub struct Recording {
    /// The crate whose fixtures receive the file (`agendize-resellers`).
    pub crate_name: String,
    /// Path relative to `fixtures/<crate>`, e.g. `accounts/get.response.recorded.json`.
    pub fixture: String,
    /// HTTP method.
    pub method: Method,
    /// Full URL, query included.
    pub url: String,
    /// Credentials by environment variable.
    pub credentials: Credentials,
    /// A JSON request body.
    pub body: Option<Value>,
    /// Replace an existing file.
    pub force: bool,
}

/// What a recording wrote.
#[derive(Debug)]
pub struct Recorded {
    /// The file written.
    pub path: PathBuf,
    /// JSON pointers of every value replaced by a placeholder.
    pub redacted: Vec<String>,
    /// Root types whose `from` selects the new file (empty: add it to `api.toml`).
    pub used_by: Vec<String>,
}

/// Sends the request, redacts the JSON response and writes it under `root/fixtures`.
/// `env` looks up environment variables (a parameter so tests need not touch the process's).
pub fn record(
    root: &Path,
    recording: &Recording,
    env: impl Fn(&str) -> Option<String>,
) -> Result<Recorded, String> {
    validate_fixture_path(&recording.fixture)?;
    let crate_dir = root.join("fixtures").join(&recording.crate_name);
    let target = crate_dir.join(&recording.fixture);
    if target.exists() && !recording.force {
        return Err(format!(
            "{} exists; pass --force to replace it",
            target.display()
        ));
    }
    let config = match std::fs::read_to_string(crate_dir.join("api.toml")) {
        Ok(text) => toml::from_str::<CrateConfig>(&text)
            .map_err(|err| format!("fixtures/{}/api.toml: {err}", recording.crate_name))?,
        Err(_) => CrateConfig::default(),
    };

    let mut secrets: Vec<SecretString> = Vec::new();
    let mut lookup = |variable: &str| -> Result<SecretString, String> {
        let value = env(variable)
            .filter(|value| !value.is_empty())
            .ok_or_else(|| format!("environment variable {variable} is not set"))?;
        let secret = SecretString::from(value);
        secrets.push(secret.clone());
        Ok(secret)
    };
    let credentials = &recording.credentials;
    let schemes = [
        !credentials.headers.is_empty(),
        !credentials.query.is_empty(),
        credentials.bearer.is_some(),
    ];
    if schemes.iter().filter(|given| **given).count() > 1 {
        return Err("use one of --header, --query-key or --bearer".to_owned());
    }
    let auth: Arc<dyn Auth> = if let Some(variable) = &credentials.bearer {
        Arc::new(Bearer::new(lookup(variable)?).map_err(|err| err.to_string())?)
    } else if !credentials.headers.is_empty() {
        let mut keys = HeaderKeys::new();
        for (name, variable) in &credentials.headers {
            keys = keys
                .with(name, lookup(variable)?)
                .map_err(|err| err.to_string())?;
        }
        Arc::new(keys)
    } else if !credentials.query.is_empty() {
        let mut keys = QueryKeys::new();
        for (name, variable) in &credentials.query {
            keys = keys.with(name.clone(), lookup(variable)?);
        }
        Arc::new(keys)
    } else {
        Arc::new(NoAuth)
    };

    let url = url::Url::parse(&recording.url).map_err(|err| format!("--url: {err}"))?;
    let origin = url.origin().ascii_serialization();
    let mut query = Query::new();
    for (key, value) in url.query_pairs() {
        query.push(key.into_owned(), value.into_owned());
    }
    let mut operation =
        Operation::new(recording.method.clone(), url.path().to_owned()).query(query);
    if let Some(body) = &recording.body {
        operation = operation.json(body);
    }
    let config_http = ClientConfig::new(
        &origin,
        concat!("ccapi-xtask-record/", env!("CARGO_PKG_VERSION")),
    )
    .map_err(|err| err.to_string())?
    .retry(RetryPolicy::disabled());
    let transport = Transport::new(config_http, auth, BareJson).map_err(|err| err.to_string())?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|err| format!("tokio: {err}"))?;
    let mut value: Value = runtime
        .block_on(transport.execute::<Value>(operation))
        .map_err(|err| format!("nothing written: {err}"))?;

    let mut redacted = Vec::new();
    redact_credentials(&mut value, &secrets, String::new(), &mut redacted);
    let mut used_by = Vec::new();
    for (type_name, type_config) in &config.types {
        for text in &type_config.from {
            let Ok(source) = SampleSource::parse(text) else {
                continue;
            };
            if source.matches(&recording.fixture) {
                used_by.push(type_name.clone());
                redact_configured(
                    &mut value,
                    &source.pointer,
                    type_name,
                    &config,
                    String::new(),
                    &mut redacted,
                );
            }
        }
    }
    redact_by_name(&mut value, &config.secret_member_names(), &mut redacted);
    redacted.sort();
    redacted.dedup();

    if let Some(parent) = target.parent() {
        std::fs::create_dir_all(parent).map_err(|err| format!("{}: {err}", parent.display()))?;
    }
    let mut text = serde_json::to_string_pretty(&value).map_err(|err| err.to_string())?;
    text.push('\n');
    std::fs::write(&target, text).map_err(|err| format!("{}: {err}", target.display()))?;
    Ok(Recorded {
        path: target,
        redacted,
        used_by,
    })
}

fn validate_fixture_path(fixture: &str) -> Result<(), String> {
    let valid = fixture.ends_with(".json")
        && (fixture.contains(".response") || fixture.contains(".request"))
        && !fixture.starts_with('/')
        && fixture
            .split('/')
            .all(|part| !part.is_empty() && part != ".." && part != ".");
    if valid {
        Ok(())
    } else {
        Err(format!(
            "`{fixture}`: a fixture path is `<resource>/<operation>.<request|response>[.<variant>].json` \
             inside fixtures/<crate>"
        ))
    }
}

/// Replaces every occurrence of a credential inside any string.
fn redact_credentials(
    value: &mut Value,
    secrets: &[SecretString],
    at: String,
    out: &mut Vec<String>,
) {
    match value {
        Value::String(text) => {
            let mut replaced = false;
            for secret in secrets {
                let secret = secret.expose_secret();
                if !secret.is_empty() && text.contains(secret) {
                    *text = text.replace(secret, CREDENTIAL_PLACEHOLDER);
                    replaced = true;
                }
            }
            if replaced {
                out.push(at);
            }
        }
        Value::Array(items) => {
            for (index, item) in items.iter_mut().enumerate() {
                redact_credentials(item, secrets, format!("{at}/{index}"), out);
            }
        }
        Value::Object(members) => {
            for (key, member) in members.iter_mut() {
                redact_credentials(member, secrets, format!("{at}/{key}"), out);
            }
        }
        _ => {}
    }
}

/// Follows `pointer` (with `*`) to the values a type is made from, then its secret fields.
fn redact_configured(
    value: &mut Value,
    pointer: &[String],
    type_name: &str,
    config: &CrateConfig,
    at: String,
    out: &mut Vec<String>,
) {
    match pointer.split_first() {
        None => {
            if let Some(type_config) = config.types.get(type_name) {
                redact_type(value, "", type_config, config, at, out, 0);
            }
        }
        Some((segment, rest)) => match value {
            Value::Array(items) if segment == "*" => {
                for (index, item) in items.iter_mut().enumerate() {
                    redact_configured(item, rest, type_name, config, format!("{at}/{index}"), out);
                }
            }
            Value::Object(members) => {
                if let Some(member) = members.get_mut(segment) {
                    redact_configured(
                        member,
                        rest,
                        type_name,
                        config,
                        format!("{at}/{segment}"),
                        out,
                    );
                }
            }
            _ => {}
        },
    }
}

/// Walks a value of a configured type; `path` is the override key of this place.
fn redact_type(
    value: &mut Value,
    path: &str,
    type_config: &TypeConfig,
    config: &CrateConfig,
    at: String,
    out: &mut Vec<String>,
    depth: usize,
) {
    // `model` references may be recursive in hand-crafted configurations; fixtures are not deep.
    if depth > 64 {
        return;
    }
    let own = type_config.fields.get(path);
    if own.is_some_and(|field| field.secret) {
        redact_leaves(value, at, out);
        return;
    }
    if let Some(model) = own.and_then(|field| field.model.as_ref()) {
        if let Some(model_config) = config.types.get(model) {
            for_each_element(value, at, &mut |element, at| {
                redact_type(element, "", model_config, config, at, out, depth + 1)
            });
        }
        return;
    }
    match value {
        Value::Array(items) => {
            for (index, item) in items.iter_mut().enumerate() {
                redact_type(
                    item,
                    &format!("{path}[]"),
                    type_config,
                    config,
                    format!("{at}/{index}"),
                    out,
                    depth,
                );
            }
        }
        Value::Object(members) => {
            let is_map = own.is_some_and(|field| field.map);
            for (key, member) in members.iter_mut() {
                let member_path = if is_map {
                    format!("{path}{{}}")
                } else if path.is_empty() {
                    key.clone()
                } else {
                    format!("{path}.{key}")
                };
                redact_type(
                    member,
                    &member_path,
                    type_config,
                    config,
                    format!("{at}/{key}"),
                    out,
                    depth,
                );
            }
        }
        _ => {}
    }
}

fn for_each_element(value: &mut Value, at: String, visit: &mut dyn FnMut(&mut Value, String)) {
    match value {
        Value::Array(items) => {
            for (index, item) in items.iter_mut().enumerate() {
                for_each_element(item, format!("{at}/{index}"), visit);
            }
        }
        other => visit(other, at),
    }
}

/// A secret field: every string in it (a secret may be a list of tokens).
fn redact_leaves(value: &mut Value, at: String, out: &mut Vec<String>) {
    match value {
        Value::String(text) if text != SECRET_PLACEHOLDER => {
            *text = SECRET_PLACEHOLDER.to_owned();
            out.push(at);
        }
        Value::Number(_) => {
            *value = Value::String(SECRET_PLACEHOLDER.to_owned());
            out.push(at);
        }
        Value::Array(items) => {
            for (index, item) in items.iter_mut().enumerate() {
                redact_leaves(item, format!("{at}/{index}"), out);
            }
        }
        Value::Object(members) => {
            for (key, member) in members.iter_mut() {
                redact_leaves(member, format!("{at}/{key}"), out);
            }
        }
        _ => {}
    }
}

/// Members with a generic credential name, or a name the crate marks secret, wherever they are.
fn redact_by_name(value: &mut Value, secret_names: &[&str], out: &mut Vec<String>) {
    out.extend(ccapi_transport::redact::redact_members(
        value,
        SECRET_PLACEHOLDER,
        secret_names,
    ));
}

/// Parses `NAME=ENV_VAR`.
pub fn name_and_variable(text: &str) -> Result<(String, String), String> {
    match text.split_once('=') {
        Some((name, variable)) if !name.is_empty() && !variable.is_empty() => {
            Ok((name.to_owned(), variable.to_owned()))
        }
        _ => Err(format!(
            "`{text}`: expected NAME=ENV_VAR (the credential is read from the environment variable)"
        )),
    }
}

/// A map from type name to the fixture's JSON pointers redacted, for messages.
pub fn summary(recorded: &Recorded) -> BTreeMap<&'static str, String> {
    let mut lines = BTreeMap::new();
    lines.insert("written", recorded.path.display().to_string());
    lines.insert(
        "redacted",
        if recorded.redacted.is_empty() {
            "nothing".to_owned()
        } else {
            recorded.redacted.join(", ")
        },
    );
    lines.insert(
        "used by",
        if recorded.used_by.is_empty() {
            "no type yet: add the file to a `from` in api.toml, then run `cargo xtask codegen`"
                .to_owned()
        } else {
            format!(
                "{} (run `cargo xtask codegen` to update the models)",
                recorded.used_by.join(", ")
            )
        },
    );
    lines
}
