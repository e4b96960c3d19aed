//! One snapshot per operation row of the request it sends: every row's command runs against the
//! sandbox, and what the sandbox received on its socket (its journal: method, path, query in
//! order, content type, credentials redacted, body as sent) is compared with
//! `crates/<crate>/tests/snapshots/requests/<operation id>.snap`, beside the crate's decoded
//! fixtures. A new row gets its snapshot with no code: its path parameters take the sample
//! value of their name, and its body is the row's request fixture.

use std::collections::HashMap;

use ccapi_transport::Endpoint;
use serde_json::Value;

use crate::clients::{Env, SandboxUrls};
use crate::invocation::Call;
use crate::spec::OpSpec;
use crate::tables::TABLES;

/// The value every path parameter of that name takes: ids the sandbox holds where it seeds
/// them, and values the crates' checks accept (a MAC address, an iAdvize integer id).
const SAMPLE_PARAMS: &[(&str, &str)] = &[
    ("accountId", "acc-1029"),
    ("account_id", ccapi_sandbox::credentials::VBC_ACCOUNT_ID),
    ("callID", "fdf893f5-ff46-44a9-ac63-7491e7b09dce"),
    ("callTrackingId", "ct-8c41f2"),
    ("call_id", "c6a2f1d0-0001-4a8e-9c77-0d3b5e1f2a01"),
    ("ccLogin", "1001"),
    ("device_id", "79-5C-7D-28-1B-B3"),
    ("entity", "addresses"),
    ("entityId", "address-1"),
    ("id", "560"),
    ("idOrName", "ct-1"),
    ("leg_id", "leg-1"),
    ("number", "+971500000001"),
    ("planId", "pro"),
];

/// Bodies of the rows without a request fixture of their own: another row's fixture (a path
/// under `fixtures/`), or the JSON itself.
const SAMPLE_BODIES: &[(&str, &str, &str)] = &[
    (
        "agendize-calls",
        "calltrackings.watch",
        "agendize-core/watches/watch.request.json",
    ),
    (
        "agendize-calls",
        "calls.watch",
        "agendize-core/watches/watch.request.json",
    ),
    (
        "agendize-resellers",
        "accounts.watch",
        "agendize-core/watches/watch.request.json",
    ),
    ("ziwo-admin", "eavesdrop.update", r#"{"whisper": "agent"}"#),
    (
        "ziwo-admin",
        "agents.create",
        r#"{"firstName": "Layla", "lastName": "Haddad", "username": "layla@acme.com"}"#,
    ),
    (
        "ziwo-admin",
        "agents.update",
        r#"{"lastName": "Haddad-Nour"}"#,
    ),
    (
        "ziwo-admin",
        "queues.create",
        r#"{"name": "Support", "strategy": "longest-idle-agent"}"#,
    ),
    (
        "ziwo-cti",
        "agents.call",
        r#"{"number": "+971500000002", "comment": "callback"}"#,
    ),
    (
        "ziwo-cti",
        "agents.status",
        r#"{"number": 1, "comment": "back"}"#,
    ),
    (
        "ziwo-cti",
        "agents.ivr",
        r#"{"number": "+971500000002", "ivr": "main"}"#,
    ),
    ("ziwo-cti", "session.status", r#"{"number": 1}"#),
    (
        "ziwo-cti",
        "session.register_device",
        r#"{"deviceToken": "fcm:sample-device"}"#,
    ),
    (
        "ziwo-crm",
        "addresses.create",
        r#"{"street": "12 Marina Walk", "city": "Dubai"}"#,
    ),
    ("ziwo-crm", "addresses.update", r#"{"city": "Abu Dhabi"}"#),
    (
        "ziwo-crm",
        "numbers.create",
        r#"{"number": "+971500000003", "type": "mobile"}"#,
    ),
    (
        "ziwo-crm",
        "social_accounts.create",
        r#"{"network": "twitter", "handle": "@layla"}"#,
    ),
    (
        "ziwo-crm",
        "social_accounts.update",
        r#"{"handle": "@layla_h"}"#,
    ),
    (
        "ziwo-crm",
        "profiles.create",
        r#"{"firstName": "Layla", "lastName": "Haddad"}"#,
    ),
    (
        "ziwo-crm",
        "profiles.update",
        r#"{"lastName": "Haddad-Nour"}"#,
    ),
    (
        "iadvize-rest",
        "group.update",
        "iadvize-rest/group/create.request.json",
    ),
    (
        "iadvize-rest",
        "skill.update",
        "iadvize-rest/skill/create.request.json",
    ),
    (
        "iadvize-rest",
        "odigocallback.hangup",
        "iadvize-rest/odigocallback/pickup.request.json",
    ),
];

/// The body a row's command is given: its request fixture (`<resource>/<action>.request.json`,
/// else the first `<action>.request.*.json`), else its entry in [`SAMPLE_BODIES`].
fn sample_body(api: &str, row: &Endpoint) -> Option<String> {
    let root = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../fixtures"));
    let folder = root.join(api).join(row.resource());
    let exact = folder.join(format!("{}.request.json", row.action()));
    let variant = || {
        let prefix = format!("{}.request.", row.action());
        let mut variants: Vec<_> = std::fs::read_dir(&folder)
            .ok()?
            .filter_map(|entry| entry.ok().map(|entry| entry.path()))
            .filter(|path| {
                path.file_name()
                    .and_then(|name| name.to_str())
                    .is_some_and(|name| name.starts_with(&prefix) && name.ends_with(".json"))
            })
            .collect();
        variants.sort();
        variants.into_iter().next()
    };
    if let Some(path) = exact.exists().then_some(exact).or_else(variant) {
        return std::fs::read_to_string(path).ok();
    }
    let (_, _, body) = SAMPLE_BODIES
        .iter()
        .find(|(a, id, _)| *a == api && *id == row.id)?;
    if body.starts_with('{') {
        Some((*body).to_owned())
    } else {
        std::fs::read_to_string(root.join(body)).ok()
    }
}

/// Whether `path` (as sent) is `template` with its placeholders filled, under `mount`.
fn matches_template(path: &str, mount: &str, template: &str) -> bool {
    let Some(path) = path.strip_prefix(mount) else {
        return false;
    };
    let sent: Vec<&str> = path.split('/').collect();
    let wanted: Vec<&str> = template.split('/').collect();
    sent.len() == wanted.len()
        && sent.iter().zip(&wanted).all(|(sent, wanted)| {
            match (wanted.find('{'), wanted.rfind('}')) {
                (Some(open), Some(close)) => {
                    sent.len() > open + (wanted.len() - close - 1)
                        && sent.starts_with(&wanted[..open])
                        && sent.ends_with(&wanted[close + 1..])
                }
                _ => sent == wanted,
            }
        })
}

/// The sandbox's mount of `api`.
fn mount(api: &str) -> &'static str {
    use ccapi_sandbox::paths;
    match api {
        "agendize-calls" | "agendize-resellers" => paths::AGENDIZE,
        "ziwo-admin" | "ziwo-cti" | "ziwo-crm" => paths::ZIWO,
        "iadvize-rest" => paths::IADVIZE,
        _ => paths::VBC,
    }
}

/// The call of `spec` with sample arguments against the sandbox at `root`.
fn sample_call(spec: &OpSpec, root: &str, out: &std::path::Path) -> Call {
    let sample = |name: &str| {
        SAMPLE_PARAMS
            .iter()
            .find(|(param, _)| *param == name)
            .map_or_else(
                || format!("sample-{name}"),
                |(_, value)| (*value).to_owned(),
            )
    };
    let params = spec
        .params
        .iter()
        .chain(spec.arguments)
        .map(|name| sample(name))
        .collect();
    let row = spec.row.expect("every command has its row");
    Call {
        params,
        options: HashMap::new(),
        body: if spec.body {
            sample_body(spec.api, row)
        } else {
            None
        },
        all: false,
        out: spec.download.then(|| out.to_path_buf()),
        progress: false,
        style: crate::output::Style {
            table: false,
            ndjson: false,
            show_secrets: false,
            page_info: false,
        },
        env: Env {
            base_url: None,
            sandbox: Some(SandboxUrls::at(root)),
            ..Env::default()
        },
        operation: (spec.api, Some(row)),
    }
}

/// Compares `sent` with the snapshot named after `row` in `folder` (relative to this file).
fn assert_request_snapshot(api: &str, row: &Endpoint, folder: &str, sent: Value) {
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path(folder);
    settings.set_prepend_module_to_snapshot(false);
    settings.set_description(format!(
        "ccapi {api} {} {} with sample arguments, as the sandbox received it",
        row.resource(),
        row.action()
    ));
    settings.bind(|| insta::assert_json_snapshot!(row.id, sent));
}

/// The snapshot of what `row` sent: one request, or every request the command made to the
/// row's path (an array) when there are several.
fn snapshot_value(sent: Vec<Value>) -> Value {
    if sent.len() == 1 {
        sent.into_iter().next().unwrap_or(Value::Null)
    } else {
        Value::Array(sent)
    }
}

#[tokio::test]
async fn every_row_sends_its_snapshotted_request() {
    let sandbox = ccapi_sandbox::Sandbox::start().await.expect("a sandbox");
    let scratch = std::env::temp_dir().join(format!("ccapi-requests-{}", std::process::id()));
    std::fs::create_dir_all(&scratch).expect("a scratch directory");
    let specs = crate::spec::operations();
    let mut silent = Vec::new();
    for (api, rows) in TABLES {
        for row in *rows {
            let spec = specs
                .iter()
                .find(|spec| spec.api == *api && spec.row.is_some_and(|r| r.id == row.id))
                .expect("one command per row (the tables test)");
            sandbox.clear_requests();
            let outcome = (spec.run)(sample_call(spec, &sandbox.url(), &scratch.join("out"))).await;
            let sent: Vec<Value> = sandbox
                .requests()
                .iter()
                .filter(|request| {
                    request.method == row.verb.as_str()
                        && matches_template(&request.path, mount(api), row.path)
                })
                .map(|request| request.to_json())
                .collect();
            if sent.is_empty() {
                silent.push(format!("{api} {}: nothing sent ({outcome:?})", row.id));
                continue;
            }
            for request in &sent {
                for key in undeclared_query_keys(row, request) {
                    silent.push(format!(
                        "{api} {}: sent `{key}`, which its row does not declare",
                        row.id
                    ));
                }
            }
            let folder = format!("../../{api}/tests/snapshots/requests");
            assert_request_snapshot(api, row, &folder, snapshot_value(sent));
        }
    }
    let _ = std::fs::remove_dir_all(&scratch);
    assert!(silent.is_empty(), "{silent:#?}");
}

/// The query keys of `request` (a journal entry as JSON) that `row` neither declares
/// ([`Endpoint::query`], `filters[x]` under a `filters` map) nor always sends.
fn undeclared_query_keys(row: &Endpoint, request: &Value) -> Vec<String> {
    use ccapi_transport::endpoint::ParamKind;
    let declared = |key: &str| {
        row.fixed_query.iter().any(|(name, _)| *name == key)
            || row.query.iter().any(|param| {
                (param.name == key && param.kind != ParamKind::Map)
                    || (param.kind == ParamKind::Map
                        && key
                            .strip_prefix(param.name)
                            .is_some_and(|rest| rest.starts_with('[') && rest.ends_with(']')))
            })
    };
    request["query"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|pair| pair[0].as_str())
        .filter(|key| !declared(key))
        .map(str::to_owned)
        .collect()
}

#[test]
fn a_query_key_is_declared_by_name_or_under_its_map() {
    let row = iadvize_rest::operations::VISITOR_LIST;
    let sent = |keys: &[&str]| {
        let pairs: Vec<Value> = keys
            .iter()
            .map(|key| serde_json::json!([key, "1"]))
            .collect();
        undeclared_query_keys(&row, &serde_json::json!({ "query": pairs }))
    };
    assert!(sent(&["page", "limit", "full", "filters[email]"]).is_empty());
    assert_eq!(
        sent(&["fully", "filters", "filtersx[a]"]),
        ["fully", "filters", "filtersx[a]"]
    );
}

#[test]
fn a_path_matches_its_template_segment_by_segment() {
    let template = "/integrations/cti/agents/{ccLogin}/login/agent-{ccLogin}";
    assert!(matches_template(
        "/ziwo/integrations/cti/agents/1001/login/agent-1001",
        "/ziwo",
        template
    ));
    assert!(!matches_template(
        "/ziwo/integrations/cti/agents/1001/login/1001",
        "/ziwo",
        template
    ));
    assert!(!matches_template(
        "/ziwo/integrations/cti/agents/1001/login/agent-",
        "/ziwo",
        template
    ));
    assert!(matches_template(
        "/vbc/recordings/abc.mp3",
        "/vbc",
        "/recordings/{callID}.mp3"
    ));
    assert!(!matches_template("/vbc/calls", "/vbc", "/calls/{id}"));
}

#[test]
fn a_renamed_query_key_fails_its_request_snapshot() {
    // Updating runs accept any change: nothing to show then.
    let updating = matches!(
        std::env::var("INSTA_UPDATE").as_deref(),
        Ok("always" | "1" | "force")
    ) || std::env::var_os("INSTA_FORCE_PASS").is_some();
    if updating {
        return;
    }
    let row = &iadvize_rest::operations::VISITOR_LIST;
    let committed = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../iadvize-rest/tests/snapshots/requests/visitor.list.snap"
    );
    let text = std::fs::read_to_string(committed).expect("the committed snapshot");
    let json = text.splitn(3, "---\n").nth(2).expect("a snapshot body");
    let sent: Value = serde_json::from_str(json).expect("JSON");
    // A scratch copy, so that a failure's `.snap.new` is written there, not beside ours.
    let scratch = std::env::temp_dir().join(format!("ccapi-renamed-{}", std::process::id()));
    std::fs::create_dir_all(&scratch).expect("a scratch directory");
    std::fs::copy(committed, scratch.join("visitor.list.snap")).expect("copied");
    let folder = scratch.to_str().expect("a UTF-8 path").to_owned();

    assert_request_snapshot("iadvize-rest", row, &folder, sent.clone());
    let mut renamed = sent;
    assert_eq!(renamed["query"][0][0], "full");
    renamed["query"][0][0] = Value::from("fully");
    let failed = std::panic::catch_unwind(|| {
        assert_request_snapshot("iadvize-rest", row, &folder, renamed);
    });
    let _ = std::fs::remove_dir_all(&scratch);
    assert!(failed.is_err(), "a renamed query key passed its snapshot");
}

/// Whether some crate holds a decode snapshot of `id`'s answer (`<id>.snap`, `<id>.<variant>.snap`;
/// request fixtures, `<id>.request*.snap`, do not count).
fn has_decoded_answer(id: &str) -> bool {
    let crates = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/.."));
    let Ok(entries) = std::fs::read_dir(crates) else {
        return false;
    };
    entries.flatten().any(|entry| {
        let folder = entry.path().join("tests/snapshots/decoded");
        std::fs::read_dir(folder)
            .into_iter()
            .flatten()
            .flatten()
            .any(|snap| {
                let name = snap.file_name();
                let name = name.to_string_lossy();
                let Some(rest) = name.strip_prefix(id) else {
                    return false;
                };
                rest == ".snap" || (rest.starts_with('.') && !rest.starts_with(".request"))
            })
    })
}

/// The operations whose answer has no fixture, so no decode snapshot: listed in a snapshot of
/// their own, so that the list only changes in review. Most answer nothing (a `DELETE`, Ziwo's
/// empty `content`), a file, or a resource whose type another operation's fixture already
/// shows; the provider documents no example for the rest.
#[test]
fn the_operations_without_a_decoded_answer_are_the_reviewed_list() {
    let mut listed = String::new();
    for (api, rows) in TABLES {
        for row in *rows {
            if !has_decoded_answer(row.id) {
                listed.push_str(&format!("{api} {} {}\n", row.id, row.verb.as_str()));
            }
        }
    }
    let mut settings = insta::Settings::clone_current();
    settings.set_prepend_module_to_snapshot(false);
    settings.set_snapshot_path("../tests/snapshots");
    settings.bind(|| insta::assert_snapshot!("operations_without_a_decoded_answer", listed));
}
