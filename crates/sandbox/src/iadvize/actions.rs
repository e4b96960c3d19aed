//! iAdvize's routes with behaviour of their own: operators' live availability, statistics,
//! tags as JSON, and the Odigo call callbacks.

use hyper::StatusCode;
use serde_json::{json, Map, Value};

use super::{data, fail, State};
use crate::router::{Reply, Request};
use crate::seed_items;
use crate::store::id_text;

pub(super) fn live_of(state: &State, id: &str) -> Value {
    state.live.get(id).cloned().unwrap_or_else(|| {
        let off = json!({"enabled": false, "slot_number": 0, "slot_max_number": 1, "busy": false, "available": false});
        json!({"id": id.parse::<i64>().unwrap_or(0), "connected": false, "chat": off, "call": off, "video": off})
    })
}

pub(super) fn live_list(state: &mut State, request: &Request) -> Reply {
    let connected = request.query("filters[connected]");
    let ids: Vec<String> = state.collections["operator"]
        .all()
        .iter()
        .filter_map(|o| o.get("id").and_then(id_text))
        .collect();
    let items: Vec<Value> = ids
        .iter()
        .map(|id| live_of(state, id))
        .chain(
            state
                .live
                .values()
                .filter(|l| !ids.contains(&l.get("id").and_then(id_text).unwrap_or_default()))
                .cloned(),
        )
        .filter(|live| match connected {
            // Only available operators by default, as iAdvize does.
            None => {
                live.pointer("/chat/available") == Some(&json!(true))
                    || live.pointer("/call/available") == Some(&json!(true))
            }
            Some(flag) => live.get("connected") == Some(&json!(flag == "1")),
        })
        .collect();
    data(json!(items))
}

pub(super) fn set_live(state: &mut State, request: &Request) -> Reply {
    let id = request.param("id").to_owned();
    if state.collections["operator"].get(&id).is_none() {
        return fail(
            StatusCode::NOT_FOUND,
            &format!("Unknown 'operator' with 'id' {id}."),
        );
    }
    let changes = request.form_fields();
    let mut live = live_of(state, &id);
    let mut changed = Vec::new();
    for channel in ["chat", "call", "video"] {
        if let Some(available) = changes
            .get(channel)
            .and_then(|c| c.get("available"))
            .and_then(Value::as_i64)
        {
            live[channel]["available"] = json!(available == 1);
            live[channel]["enabled"] = json!(true);
            if available == 1 {
                live["connected"] = json!(true);
            }
            changed.push(channel);
        }
    }
    if let Some(connected) = changes.get("connected").and_then(Value::as_i64) {
        if connected != 0 {
            return fail(StatusCode::BAD_REQUEST, "connected can only be set to 0.");
        }
        live["connected"] = json!(false);
        for channel in ["chat", "call", "video"] {
            live[channel]["available"] = json!(false);
        }
        changed.push("connection");
    }
    state.live.insert(id, live);
    Reply::json(
        StatusCode::OK,
        &json!({"meta": {"status": "success", "message": format!("Operator availability changed for {}.", changed.join(", "))}}),
    )
}

pub(super) fn statistic(_: &mut State, request: &Request) -> Reply {
    // Comma-separated (the seed), or a list as the PHP client writes one
    // (`filters[indicators][0]=…`).
    let mut indicators: Vec<&str> = request
        .query("filters[indicators]")
        .map(|i| i.split(',').collect())
        .unwrap_or_default();
    indicators.extend(request.query.iter().filter_map(|(key, value)| {
        let index = key
            .strip_prefix("filters[indicators][")?
            .strip_suffix(']')?;
        index
            .bytes()
            .all(|b| b.is_ascii_digit())
            .then_some(value.as_str())
    }));
    if request.query("filters[granularity]").is_some() {
        if indicators.len() != 1 {
            return fail(
                StatusCode::BAD_REQUEST,
                "A granularity needs exactly one indicator.",
            );
        }
        return data(json!([
            {"date": "2024-05-01", indicators[0]: 12},
            {"date": "2024-05-02", indicators[0]: 15}
        ]));
    }
    let mut rows: Vec<Value> = seed_items(
        include_str!("../../fixtures/iadvize-rest/statistic/get.response.json"),
        "/data",
    );
    if !indicators.is_empty() {
        for row in &mut rows {
            if let Value::Object(members) = row {
                members.retain(|name, _| {
                    name.starts_with("resource") || indicators.contains(&name.as_str())
                });
                for indicator in &indicators {
                    members.entry(indicator.to_string()).or_insert(json!(0));
                }
            }
        }
    }
    data(json!(rows))
}

pub(super) fn create_tags(state: &mut State, request: &Request) -> Reply {
    let Value::Array(tags) = request.json() else {
        return fail(StatusCode::BAD_REQUEST, "Send an array of tags as JSON.");
    };
    let mut created = Vec::new();
    for tag in tags {
        let Value::Object(mut fields) = tag else {
            return fail(StatusCode::BAD_REQUEST, "Each tag is an object.");
        };
        if !fields.contains_key("name") || !fields.contains_key("website_id") {
            return fail(
                StatusCode::BAD_REQUEST,
                "Fields 'name' and 'website_id' are mandatory.",
            );
        }
        fields.remove("id");
        let Some(collection) = state.collections.get_mut("tag") else {
            return fail(StatusCode::NOT_FOUND, "Unknown resource.");
        };
        let mut item = match collection.insert(fields, "tag") {
            Ok(item) => item,
            Err(full) => return fail(StatusCode::CONFLICT, &full.to_string()),
        };
        let id = item.get("id").and_then(id_text).unwrap_or_default();
        item["_link"] = json!(format!("/tag/{id}"));
        collection.update(&id, item.as_object().cloned().unwrap_or_default());
        created.push(item);
    }
    data(json!(created))
}

pub(super) fn odigo(state: &mut State, request: &Request, pickup: bool) -> Reply {
    let form: Map<String, Value> = request.form_fields();
    for field in ["operator_external_id", "website_id", "phone_number"] {
        if !form.contains_key(field) {
            return fail(
                StatusCode::BAD_REQUEST,
                &format!("Field '{field}' is missing."),
            );
        }
    }
    if !pickup {
        return data(json!([]));
    }
    let conversation = match state.collections.get_mut("conversation").map(|c| {
        c.insert(
            Map::from_iter([
                ("channel".to_owned(), json!("call")),
                ("website_id".to_owned(), form["website_id"].clone()),
                ("history".to_owned(), json!([])),
            ]),
            "conversation",
        )
    }) {
        Some(Err(full)) => return fail(StatusCode::CONFLICT, &full.to_string()),
        other => other.and_then(Result::ok),
    };
    data(json!({
        "targeting_rule_id": 107,
        "website_id": form["website_id"],
        "conversation_id": conversation.and_then(|c| c.get("id").cloned()),
        "skill_id": null,
        "visitor_phone_number": form["phone_number"],
        "visitor_uid": format!("odigo-{}", form["phone_number"].as_str().unwrap_or("")),
    }))
}
