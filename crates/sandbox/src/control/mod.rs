//! The control surface, for tests in any language and for `ccapi sandbox` users: routes under
//! `/_sandbox/`, answered to loopback clients only, described by their own OpenAPI document
//! (`GET /_sandbox/openapi.json`; `crates/sandbox/control.openapi.json`).
//!
//! | route | what it does |
//! |---|---|
//! | `GET /_sandbox/requests` | the journal: `{"requests": [...], "dropped": n}`, credentials redacted |
//! | `DELETE /_sandbox/requests` | empties the journal |
//! | `GET /_sandbox/faults` | the fault rules still waiting |
//! | `POST /_sandbox/faults` | adds a rule, or a list of rules ([`faults::Fault::from_json`]) |
//! | `DELETE /_sandbox/faults` | removes every rule |
//! | `POST /_sandbox/seed` | loads records into the providers' resources ([`seed`]) |
//!
//! The same is in the Rust API: [`Sandbox::requests`](crate::Sandbox::requests),
//! [`Sandbox::inject`](crate::Sandbox::inject), [`Sandbox::seed`](crate::Sandbox::seed).

pub mod faults;
pub mod seed;

use std::net::SocketAddr;

use hyper::body::Incoming;
use hyper::StatusCode;
use serde_json::{json, Value};

use crate::router::Reply;
use crate::serve::{read_body, BodyRefused};
use crate::Shared;

/// The control routes' prefix.
pub const PREFIX: &str = "/_sandbox";

/// The control routes' OpenAPI document.
pub const OPENAPI: &str = include_str!("../../control.openapi.json");

/// Whether `path` is a control route's.
pub(crate) fn is_control_path(path: &str) -> bool {
    path == PREFIX || path.starts_with("/_sandbox/")
}

fn message(status: StatusCode, text: &str) -> Reply {
    Reply::json(status, &json!({ "message": text }))
}

/// One control request, from `remote`.
pub(crate) async fn serve(
    shared: &Shared,
    remote: SocketAddr,
    parts: hyper::http::request::Parts,
    body: Incoming,
) -> Reply {
    // The listener binds 127.0.0.1, so a peer is loopback today; the check keeps the rule if
    // the sandbox ever listens elsewhere. The `Host` check refuses a web page that reaches the
    // sandbox through a rebound DNS name.
    if !remote.ip().is_loopback() || !loopback_host(&parts.headers) {
        return message(
            StatusCode::NOT_FOUND,
            "the control routes answer loopback clients only",
        );
    }
    // A browser sends a cross-site form or text POST without asking; a JSON one it asks about
    // first (a CORS preflight, which the sandbox does not answer): so only JSON is taken.
    if parts.method == hyper::Method::POST && !json_content(&parts.headers) {
        return message(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "send the control body as application/json",
        );
    }
    let path = parts.uri.path().trim_end_matches('/');
    match (parts.method.as_str(), path) {
        ("GET", "/_sandbox/requests") => {
            let requests: Vec<Value> = shared
                .journal
                .requests()
                .iter()
                .map(crate::journal::Recorded::to_json)
                .collect();
            Reply::json(
                StatusCode::OK,
                &json!({"requests": requests, "dropped": shared.journal.dropped()}),
            )
        }
        ("DELETE", "/_sandbox/requests") => {
            shared.journal.clear();
            Reply::empty()
        }
        ("GET", "/_sandbox/faults") => faults_answer(shared, StatusCode::OK),
        ("DELETE", "/_sandbox/faults") => {
            shared.faults.clear();
            Reply::empty()
        }
        ("POST", "/_sandbox/faults") => {
            let rules =
                match json_body(shared, &parts.headers, body, shared.limits.max_body_bytes).await {
                    Ok(Value::Array(rules)) => rules,
                    Ok(rule) => vec![rule],
                    Err(refusal) => return refusal,
                };
            let mut parsed = Vec::with_capacity(rules.len());
            for (index, rule) in rules.iter().enumerate() {
                match faults::Fault::from_json(rule)
                    .and_then(|fault| shared.known(&fault).map(|()| fault))
                {
                    Ok(fault) => parsed.push(fault),
                    Err(why) => {
                        return message(StatusCode::BAD_REQUEST, &format!("fault {index}: {why}"))
                    }
                }
            }
            for fault in parsed {
                shared.faults.add(fault);
            }
            faults_answer(shared, StatusCode::CREATED)
        }
        ("POST", "/_sandbox/seed") => {
            match json_body(shared, &parts.headers, body, shared.max_seed_bytes).await {
                Ok(document) => match seed::apply(&shared.mounts, &document) {
                    Ok(report) => Reply::json(StatusCode::OK, &json!({ "seeded": report })),
                    Err(error) => message(
                        StatusCode::from_u16(error.status).unwrap_or(StatusCode::BAD_REQUEST),
                        &error.message,
                    ),
                },
                Err(refusal) => refusal,
            }
        }
        ("GET", "/_sandbox/openapi.json") => Reply::bytes("application/json", OPENAPI.into()),
        (method, _) => message(
            StatusCode::NOT_FOUND,
            &format!("no control route {method} {path}: see GET {PREFIX}/openapi.json"),
        ),
    }
}

/// Whether the request names the sandbox by a loopback name (`127.0.0.1:PORT`, `localhost`,
/// `[::1]`), or names nothing (HTTP/1.0).
fn loopback_host(headers: &hyper::HeaderMap) -> bool {
    let Some(host) = headers.get(hyper::header::HOST) else {
        return true;
    };
    let host = host.to_str().unwrap_or("").to_ascii_lowercase();
    let name = match host.strip_prefix('[') {
        Some(rest) => rest.split(']').next().unwrap_or(""),
        None => host.split(':').next().unwrap_or(""),
    };
    name == "localhost"
        || name.ends_with(".localhost")
        || name
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

fn json_content(headers: &hyper::HeaderMap) -> bool {
    headers
        .get(hyper::header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.split(';').next())
        .is_some_and(|media| media.trim().eq_ignore_ascii_case("application/json"))
}

fn faults_answer(shared: &Shared, status: StatusCode) -> Reply {
    let rules: Vec<Value> = shared
        .faults
        .list()
        .iter()
        .map(faults::Fault::to_json)
        .collect();
    Reply::json(status, &json!({ "faults": rules }))
}

/// The body as JSON, read within `limit` bytes and the minimum rate.
async fn json_body(
    shared: &Shared,
    headers: &hyper::HeaderMap,
    body: Incoming,
    limit: usize,
) -> Result<Value, Reply> {
    let limits = crate::Limits {
        max_body_bytes: limit,
        ..shared.limits
    };
    match read_body(body, headers, limits).await {
        Ok(bytes) => serde_json::from_slice(&bytes).map_err(|err| {
            message(
                StatusCode::BAD_REQUEST,
                &format!("the body is not JSON: {err}"),
            )
        }),
        Err(BodyRefused::TooLarge) => Err(message(
            StatusCode::PAYLOAD_TOO_LARGE,
            &format!("the body is larger than {limit} bytes"),
        )),
        Err(BodyRefused::TooSlow) => Err(message(
            StatusCode::REQUEST_TIMEOUT,
            "the body arrived too slowly",
        )),
        Err(BodyRefused::Broken) => Err(message(
            StatusCode::BAD_REQUEST,
            "the body could not be read",
        )),
    }
}
