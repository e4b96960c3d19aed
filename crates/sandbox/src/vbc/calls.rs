//! VBC calls and legs that change: create, answer/transfer/park, delete, and a leg's actions
//! (hold, DTMF, streams, transfers, recording).

use hyper::StatusCode;
use serde_json::{json, Value};

use super::{api_error, call_mut, not_found, text, text_plain_json, Call, Leg, State};
use crate::credentials;
use crate::router::{Reply, Request};
use crate::store::id_text;

fn contact(value: &Value) -> Option<(String, String)> {
    let destination = value.get("destination").and_then(id_text)?;
    let kind = value.get("type").and_then(Value::as_str)?.to_owned();
    Some((destination, kind))
}

pub(super) fn create_call(state: &mut State, request: &Request) -> Reply {
    if state.calls.len() >= state.max_records {
        let full = crate::store::Full {
            max_records: state.max_records,
        };
        return api_error(StatusCode::CONFLICT, &full.to_string());
    }
    let body = request.json();
    let (Some((from, _)), Some((to, _))) = (
        body.get("from").and_then(contact),
        body.get("to").and_then(contact),
    ) else {
        return api_error(
            StatusCode::BAD_REQUEST,
            "Invalid request parameters: from and to need destination and type",
        );
    };
    let kind = body
        .get("type")
        .and_then(Value::as_str)
        .unwrap_or("default");
    if !["click2dial", "click2dialme", "odr", "default"].contains(&kind) {
        return api_error(StatusCode::BAD_REQUEST, "Invalid request parameters: type");
    }
    state.issued += 1;
    let n = state.issued;
    let call_id = format!("00000000-0000-4000-8000-{n:012}");
    let now = crate::epoch_seconds();
    let leg = |side: u64, from: &str, to: &str, direction: &str| Leg {
        value: json!({
            "account_id": credentials::VBC_ACCOUNT_ID, "call_id": call_id, "direction": direction,
            "from": from, "to": to, "leg_id": format!("00000000-0000-4000-9000-{:012}", n * 10 + side),
            "start_time": now, "status": "ringing"
        }),
        held: false,
        recording: false,
    };
    let legs = vec![
        leg(1, &from, &to, "outbound"),
        leg(2, &to, &from, "inbound"),
    ];
    state.calls.push(Call {
        value: json!({
            "account_id": credentials::VBC_ACCOUNT_ID, "call_id": call_id, "direction": "outbound",
            "from": from, "to": to, "start_time": now, "status": "ringing"
        }),
        legs,
    });
    text_plain_json(&json!(call_id))
}

fn change(call_id: &str, state: &str, destination: &str) -> Reply {
    Reply::json(
        StatusCode::OK,
        &json!({"account_id": credentials::VBC_ACCOUNT_ID, "call_id": call_id, "call_state": state, "destination": destination}),
    )
}

pub(super) fn update_call(state: &mut State, request: &Request) -> Reply {
    let body = request.json();
    let Some(call) = call_mut(state, request) else {
        return not_found();
    };
    let call_id = text(&call.value, "call_id");
    let to = body.get("to").and_then(contact);
    let from = body.get("from").and_then(contact);
    match (body.get("state").and_then(Value::as_str), from, to) {
        (Some("active"), _, Some((to, _))) => {
            call.value["status"] = json!("on-call");
            for leg in &mut call.legs {
                leg.value["status"] = json!("on-call");
            }
            change(&call_id, "answered", &to)
        }
        (Some("parked"), Some((from, _)), _) => {
            call.value["status"] = json!("on-call");
            change(&call_id, "parked", &from)
        }
        (None, Some(_), Some((to, _))) => {
            call.value["to"] = json!(to);
            change(&call_id, "transferred", &to)
        }
        _ => api_error(StatusCode::BAD_REQUEST, "Invalid request parameters: answer (state active + to), transfer (from + to) or park (state parked + from)"),
    }
}

pub(super) fn delete_call(state: &mut State, request: &Request) -> Reply {
    let Some(index) = state
        .calls
        .iter()
        .position(|c| text(&c.value, "call_id") == request.param("call_id"))
    else {
        return not_found();
    };
    let call = state.calls.remove(index);
    change(
        &text(&call.value, "call_id"),
        "terminated",
        &text(&call.value, "to"),
    )
}

pub(super) fn update_leg(state: &mut State, request: &Request) -> Reply {
    let body = request.json();
    let leg_id = request.param("leg_id").to_owned();
    let Some(call) = call_mut(state, request) else {
        return not_found();
    };
    let call_id = text(&call.value, "call_id");
    let Some(leg) = call
        .legs
        .iter_mut()
        .find(|l| text(&l.value, "leg_id") == leg_id)
    else {
        return not_found();
    };
    let conflict = |message: &str| api_error(StatusCode::CONFLICT, message);
    let state_change = body.get("state").and_then(Value::as_str);
    // Vonage's curl snippet writes the flag as text (`"stream": "true"`).
    let stream = body.get("stream").map(|flag| match flag.as_str() {
        Some("true") => Value::Bool(true),
        Some("false") => Value::Bool(false),
        _ => flag.clone(),
    });
    let outcome = match (
        state_change,
        body.get("to"),
        body.get("dtmf"),
        stream.as_ref(),
        body.get("recording"),
    ) {
        (Some("held"), None, ..) => {
            if leg.held {
                return conflict("Leg is already held");
            }
            leg.held = true;
            "held"
        }
        (Some("active"), None, ..) => {
            leg.held = false;
            leg.value["status"] = json!("on-call");
            "active"
        }
        (Some("active"), Some(to), ..) => {
            if to.get("type").and_then(Value::as_str) == Some("leg") {
                "attended-transfer"
            } else if contact(to).is_some() {
                "transferred"
            } else {
                return api_error(StatusCode::BAD_REQUEST, "Invalid request parameters: to");
            }
        }
        // Vonage's OpenAPI file: an attended transfer to another leg by its UUID alone.
        (None, Some(Value::String(other_leg)), None, None, None) if !other_leg.is_empty() => {
            "attended-transfer"
        }
        // The same file's `LegBlindTransferRequestBody`: a contact in `to`, without `state`.
        (None, Some(to), None, None, None) if contact(to).is_some() => "transferred",
        (None, None, Some(Value::String(digits)), ..) if !digits.is_empty() => "dtmf-sent",
        (None, None, None, Some(Value::Bool(true)), _)
            if body.get("stream_url").and_then(Value::as_str).is_some() =>
        {
            "streaming"
        }
        (None, None, None, Some(Value::Bool(false)), _) => "stream-stopped",
        (None, None, None, None, Some(Value::String(action))) => {
            match (action.as_str(), leg.recording) {
                ("start", true) => return conflict("Leg is already recorded"),
                ("stop", false) => return conflict("Leg is not recorded"),
                ("start", false) => leg.recording = true,
                _ => leg.recording = false,
            }
            if action == "start" {
                "recording"
            } else {
                "recording-stopped"
            }
        }
        _ => return api_error(StatusCode::BAD_REQUEST, "Invalid request parameters"),
    };
    Reply::json(
        StatusCode::OK,
        &json!({
            "account_id": credentials::VBC_ACCOUNT_ID, "call_id": call_id, "call_state": outcome,
            "destination": text(&leg.value, "to"), "leg_id": leg_id
        }),
    )
}
