//! The generated cc-voice document against the one official document, Vonage's OpenAPI file
//! (`../shared/specs/vbc-telephony.yml`): every official path, method, parameter and request
//! media type is present, with the same type, unless the difference is in [`ALLOWED`] with its
//! reason (docs/openapi.md repeats the list).

use std::path::Path;

use serde_json::Value;

/// Differences we keep on purpose: (method, path, parameter, official type, ours, reason).
const ALLOWED: &[(&str, &str, &str, &str, &str, &str)] = &[
    (
        "get",
        "/cc/accounts/{account_id}/calls",
        "page_size",
        "string",
        "integer",
        "a count of items: the official file types it as text with a numeric example (100)",
    ),
    (
        "get",
        "/cc/accounts/{account_id}/calls",
        "start_time",
        "string",
        "integer",
        "epoch seconds, as the official file types end_time (integer) and describes both",
    ),
    (
        "get",
        "/registration/accounts/{account_id}/devices",
        "page_size",
        "string",
        "integer",
        "a count of items: the official file types it as text with a numeric example (100)",
    ),
    (
        "get",
        "/registration/accounts/{account_id}/devices",
        "start_time",
        "string",
        "integer",
        "epoch seconds, as the official file types end_time (integer) and describes both",
    ),
];

const METHODS: &[&str] = &["get", "post", "put", "patch", "delete"];

fn root() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
}

fn official() -> Value {
    let path = root().join("../shared/specs/vbc-telephony.yml");
    let text = std::fs::read_to_string(&path).expect("Vonage's OpenAPI file");
    yaml_serde::from_str(&text).expect("YAML")
}

fn ours() -> Value {
    let manifests = xtask::codegen::manifests(root()).expect("the manifests");
    let api = xtask::codegen::openapi::apis(&manifests)
        .expect("the APIs")
        .into_iter()
        .find(|api| api.name == "cc-voice")
        .expect("cc-voice");
    xtask::codegen::openapi::document(root(), &api).expect("the document")
}

/// The parameter `name` in `location` of an operation, merging path-level parameters.
fn parameter<'v>(
    path_item: &'v Value,
    op: &'v Value,
    name: &str,
    location: &str,
) -> Option<&'v Value> {
    op["parameters"]
        .as_array()
        .into_iter()
        .chain(path_item["parameters"].as_array())
        .flatten()
        .find(|p| p["name"] == name && p["in"] == location)
}

fn type_of(parameter: &Value) -> String {
    match &parameter["schema"]["type"] {
        Value::String(one) => one.clone(),
        Value::Array(many) => many
            .iter()
            .filter_map(Value::as_str)
            .collect::<Vec<_>>()
            .join("|"),
        _ => "any".to_owned(),
    }
}

/// Every difference between the official document and ours, as allow-list keys or messages.
fn differences(official: &Value, ours: &Value) -> Vec<String> {
    let mut found = Vec::new();
    let paths = official["paths"].as_object().expect("paths");
    for (path, item) in paths {
        for method in METHODS {
            let Some(op) = item.get(*method) else {
                continue;
            };
            let Some(our_op) = ours["paths"][path].get(*method) else {
                found.push(format!("{method} {path}: missing"));
                continue;
            };
            for param in op["parameters"].as_array().into_iter().flatten() {
                let (name, location) = (
                    param["name"].as_str().unwrap_or_default(),
                    param["in"].as_str().unwrap_or_default(),
                );
                match parameter(&ours["paths"][path], our_op, name, location) {
                    None => found.push(format!(
                        "{method} {path}: {location} parameter {name} missing"
                    )),
                    Some(our_param) => {
                        let (theirs, mine) = (type_of(param), type_of(our_param));
                        if theirs != mine {
                            found.push(format!("{method} {path} {name}: {theirs} -> {mine}"));
                        }
                    }
                }
            }
            if let Some(content) = op["requestBody"]["content"].as_object() {
                for media in content.keys() {
                    if our_op["requestBody"]["content"].get(media).is_none() {
                        found.push(format!("{method} {path}: request body {media} missing"));
                    }
                }
            }
        }
    }
    found
}

#[test]
fn every_official_path_method_and_parameter_is_ours_or_an_allowed_difference() {
    let found = differences(&official(), &ours());
    let allowed: Vec<String> = ALLOWED
        .iter()
        .map(|(method, path, name, theirs, mine, _)| {
            format!("{method} {path} {name}: {theirs} -> {mine}")
        })
        .collect();
    let unexplained: Vec<&String> = found.iter().filter(|d| !allowed.contains(d)).collect();
    assert!(
        unexplained.is_empty(),
        "differences without a reason: {unexplained:#?}"
    );
    // An allowance that no longer applies is removed, not kept.
    let stale: Vec<&String> = allowed.iter().filter(|a| !found.contains(a)).collect();
    assert!(
        stale.is_empty(),
        "allowed differences that no longer exist: {stale:#?}"
    );
    for (.., reason) in ALLOWED {
        assert!(!reason.is_empty());
    }
}

#[test]
fn a_missing_parameter_or_a_changed_type_is_found() {
    let official = official();
    let mut ours = ours();
    let calls = &mut ours["paths"]["/cc/accounts/{account_id}/calls"]["get"]["parameters"];
    let params = calls.as_array_mut().expect("parameters");
    params.retain(|p| p["name"] != "extension");
    for p in params.iter_mut() {
        if p["name"] == "order" {
            p["schema"]["type"] = Value::from("integer");
        }
    }
    let found = differences(&official, &ours);
    assert!(
        found.contains(
            &"get /cc/accounts/{account_id}/calls: query parameter extension missing".to_owned()
        ),
        "{found:#?}"
    );
    assert!(
        found.contains(&"get /cc/accounts/{account_id}/calls order: string -> integer".to_owned()),
        "{found:#?}"
    );
}
