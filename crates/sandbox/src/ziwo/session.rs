//! The login and the agent's own session: tokens, the user, the agent's calls, logout.

use hyper::StatusCode;
use serde_json::{json, Value};
use std::time::Instant;

use super::{failure, success, State};
use crate::credentials;
use crate::router::{Reply, Request};
use crate::store::id_text;

pub(super) fn login(state: &mut State, request: &Request) -> Reply {
    let body = request.json();
    let form = request.form_fields();
    let field = |name: &str| {
        body.get(name)
            .and_then(Value::as_str)
            .map(str::to_owned)
            .or_else(|| form.get(name).and_then(id_text))
    };
    if field("username").as_deref() != Some(credentials::ZIWO_USERNAME)
        || field("password").as_deref() != Some(credentials::ZIWO_PASSWORD)
    {
        return failure(StatusCode::UNAUTHORIZED, "Invalid username or password");
    }
    state.issued += 1;
    let token = format!("sandbox-ziwo-token-{}", state.issued);
    state
        .tokens
        .insert(token.clone(), Instant::now() + state.ttl);
    let mut user = sandbox_user("admin");
    user["access_token"] = json!(token);
    success(user)
}

/// The sandbox's one user, with the members Ziwo's official clients read (`ccPassword` a
/// number as the web client types it).
pub(super) fn sandbox_user(kind: &str) -> Value {
    json!({
        "id": 1,
        "firstName": "Sandbox",
        "lastName": "Admin",
        "username": credentials::ZIWO_USERNAME,
        "type": kind,
        "ccLogin": 5555,
        "ccPassword": 90817,
        "photo": null,
        "roleId": 1,
        "wrapUpTime": 10,
        "autoAnswer": false,
        "status": "active"
    })
}

/// The agent's own call history: `skip`, `limit`, `directions[]`, `abandoned`, with
/// `info.totalRecords` (the Android SDK's `AgentCall`).
pub(super) fn agent_calls(state: &mut State, request: &Request) -> Reply {
    let directions: Vec<String> = request
        .query_all("directions[]")
        .into_iter()
        .map(str::to_owned)
        .collect();
    let abandoned = request.query("abandoned").map(|flag| flag == "true");
    let matching: Vec<&Value> = state
        .cdrs
        .all()
        .iter()
        .filter(|cdr| {
            directions.is_empty()
                || cdr
                    .get("direction")
                    .and_then(Value::as_str)
                    .is_some_and(|d| directions.iter().any(|w| w == d))
        })
        .filter(|cdr| {
            abandoned.is_none_or(|abandoned| {
                let answered = cdr.get("disposition").and_then(Value::as_str) == Some("ANSWER");
                answered != abandoned
            })
        })
        .collect();
    let skip = request
        .query("skip")
        .and_then(|s| s.parse::<usize>().ok())
        .unwrap_or(0);
    let limit = request
        .query("limit")
        .and_then(|l| l.parse::<usize>().ok())
        .unwrap_or(50);
    let content: Vec<&Value> = matching.iter().skip(skip).take(limit).copied().collect();
    Reply::json(
        StatusCode::OK,
        &json!({"result": true, "content": content, "info": {"totalRecords": matching.len()}}),
    )
}

pub(super) fn logout(state: &mut State, request: &Request) -> Reply {
    if let Some(token) = request.header("access_token") {
        state.tokens.remove(token);
    }
    success(json!({}))
}
