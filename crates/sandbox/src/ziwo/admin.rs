//! The admin routes with state: call trackers, their logs and tests, recordings, CTI agents.

use hyper::StatusCode;
use serde_json::{json, Map, Value};

use super::{created, failure, not_found, success, State};
use crate::router::{Reply, Request};
use crate::store::id_text;

pub(super) fn tracker_id(state: &State, id_or_name: &str) -> Option<String> {
    state
        .trackers
        .find(|tracker| {
            tracker.get("id").and_then(id_text).as_deref() == Some(id_or_name)
                || tracker.get("name").and_then(Value::as_str) == Some(id_or_name)
        })
        .and_then(|tracker| tracker.get("id").and_then(id_text))
}

pub(super) fn tracker_fields(request: &Request) -> Map<String, Value> {
    let mut fields = request.form_fields();
    for secret in ["startRequestAPIKey", "endRequestAPIKey"] {
        if let Some(Value::String(key)) = fields.get(secret) {
            if key.is_empty() {
                fields.insert(secret.into(), Value::Null);
            }
        }
    }
    fields
}

pub(super) fn create_tracker(state: &mut State, request: &Request) -> Reply {
    let fields = tracker_fields(request);
    let name = fields.get("name").and_then(Value::as_str).unwrap_or("");
    if name.is_empty() || !fields.contains_key("startRequestURL") {
        return failure(
            StatusCode::BAD_REQUEST,
            "name and startRequestURL are required",
        );
    }
    if tracker_id(state, name).is_some() {
        return failure(StatusCode::CONFLICT, "A call tracker has this name");
    }
    let mut fields = fields;
    fields.insert("status".into(), json!("active"));
    created(state.trackers.insert(fields, "ct"))
}

pub(super) fn update_tracker(state: &mut State, request: &Request) -> Reply {
    match tracker_id(state, request.param("id")) {
        Some(id) => {
            state.trackers.update(&id, tracker_fields(request));
            success(json!({}))
        }
        None => not_found("Call tracker"),
    }
}

pub(super) fn set_blocked(state: &mut State, request: &Request, blocked: bool) -> Reply {
    match tracker_id(state, request.param("id")) {
        Some(id) => {
            let status = if blocked { "blocked" } else { "active" };
            state
                .trackers
                .update(&id, Map::from_iter([("status".to_owned(), json!(status))]));
            success(json!({}))
        }
        None => not_found("Call tracker"),
    }
}

pub(super) fn test_tracker(state: &mut State, request: &Request) -> Reply {
    let Some(id) = tracker_id(state, request.param("id")) else {
        return not_found("Call tracker");
    };
    let number: i64 = id.parse().unwrap_or(0);
    for kind in ["start", "end"] {
        state.logs.push(json!({
            "id": state.logs.len() + 1,
            "callTrackerID": number,
            "type": kind,
            "status": "ok",
            "date": crate::now_local(),
        }));
    }
    success(json!({"start": "ok", "end": "ok"}))
}

pub(super) fn tracker_logs(state: &mut State, request: &Request) -> Reply {
    let wanted: Vec<i64> = request
        .query_all("callTrackers[]")
        .iter()
        .filter_map(|id| id.parse().ok())
        .collect();
    let start = request
        .query("fetchStart")
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let count = request
        .query("fetchStop")
        .and_then(|s| s.parse().ok())
        .unwrap_or(50);
    let logs: Vec<&Value> = state
        .logs
        .iter()
        .filter(|log| {
            wanted.is_empty()
                || log
                    .get("callTrackerID")
                    .and_then(Value::as_i64)
                    .is_some_and(|id| wanted.contains(&id))
        })
        .skip(start)
        .take(count)
        .collect();
    success(json!(logs))
}

pub(super) fn recording(state: &mut State, request: &Request) -> Reply {
    let call_id = request.param("callID");
    if state
        .cdrs
        .find(|cdr| cdr.get("callID").and_then(Value::as_str) == Some(call_id))
        .is_none()
    {
        return not_found("Recording");
    }
    // An MP3 header and a deterministic body: enough to exercise streaming downloads.
    let mut audio = b"ID3\x04\x00\x00\x00\x00\x00\x00".to_vec();
    audio.extend(call_id.bytes().cycle().take(256 * 1024));
    Reply::bytes("audio/mpeg", audio.into())
}

pub(super) fn with_agent(
    state: &mut State,
    request: &Request,
    change: impl FnOnce(&mut Map<String, Value>) -> Value,
) -> Reply {
    match state.cti.get_mut(request.param("ccLogin")) {
        Some(Value::Object(agent)) => success(change(agent)),
        _ => not_found("Logged-in agent"),
    }
}
