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
    let kind = match field("username").as_deref() {
        Some(credentials::ZIWO_USERNAME) => "admin",
        Some(credentials::ZIWO_AGENT_USERNAME) => "agent",
        _ => "",
    };
    if kind.is_empty() || field("password").as_deref() != Some(credentials::ZIWO_PASSWORD) {
        return failure(StatusCode::UNAUTHORIZED, "Invalid username or password");
    }
    state.issued += 1;
    let token = format!("sandbox-ziwo-token-{}", state.issued);
    state
        .tokens
        .insert(token.clone(), Instant::now() + state.ttl);
    let mut user = sandbox_user(kind);
    user["access_token"] = json!(token);
    success(user)
}

/// The sandbox's user of `kind` (`admin`, `agent`), with the members Ziwo's official clients
/// read (`ccPassword` a number as the web client types it).
pub(super) fn sandbox_user(kind: &str) -> Value {
    let (last_name, username) = match kind {
        "agent" => ("Agent", credentials::ZIWO_AGENT_USERNAME),
        _ => ("Admin", credentials::ZIWO_USERNAME),
    };
    json!({
        "id": 1,
        "firstName": "Sandbox",
        "lastName": last_name,
        "username": username,
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

/// What `GET /profile` answers: the agent user, with the members `PUT /agents` changed and its
/// live session.
pub(super) fn profile(state: &State) -> Value {
    let mut profile = sandbox_user("agent");
    for (name, value) in &state.profile_changes {
        profile[name.as_str()] = value.clone();
    }
    profile["liveInfo"] = Value::Object(state.agent_session.clone());
    profile
}

/// `PUT /agents`: the agent changes its own names, photo, country or language, or its password
/// (with the current one, as the Android SDK's `PutAgentParams` sends it; the sandbox's login
/// password stays the same). Answers the profile.
pub(super) fn update_profile(state: &mut State, request: &Request) -> Reply {
    let Value::Object(changes) = request.json() else {
        return failure(
            StatusCode::BAD_REQUEST,
            "Send the members to change as a JSON object",
        );
    };
    if changes.contains_key("password")
        && changes.get("currentPassword").and_then(Value::as_str)
            != Some(credentials::ZIWO_PASSWORD)
    {
        return failure(
            StatusCode::BAD_REQUEST,
            "currentPassword is not the current password",
        );
    }
    for name in [
        "firstName",
        "lastName",
        "photo",
        "countryCode",
        "languageCode",
    ] {
        if let Some(value) = changes.get(name) {
            state.profile_changes.insert(name.to_owned(), value.clone());
        }
    }
    success(profile(state))
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
    let number = |name: &str| request.query(name).and_then(|n| n.parse::<usize>().ok());
    // Ziwo's Zendesk extension pages with `fetchStart` (where to start) and `fetchStop` (how
    // many, as seed 002 defines them for the call tracker logs) where the Android SDK sends
    // `skip` and `limit`.
    let skip = number("skip").or(number("fetchStart")).unwrap_or(0);
    let limit = number("limit").or(number("fetchStop")).unwrap_or(50);
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
