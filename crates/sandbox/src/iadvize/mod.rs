//! iAdvize under `/iadvize/api/2`: every resource of the REST API, paged with
//! `page`/`limit`/`pagination`, filtered with `filters[...]`, bodies form-encoded (tags as JSON).

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use base64::Engine as _;
use hyper::{Method, StatusCode};
use serde_json::{json, Value};

use crate::router::{Reply, Request, Router};
use crate::store::{id_text, Collection};
use crate::{credentials, lock, seed_items};

mod actions;
use actions::{create_tags, live_list, live_of, odigo, set_live, statistic};

const RESOURCES: [&str; 11] = [
    "client",
    "website",
    "operator",
    "group",
    "skill",
    "conversation",
    "tag",
    "transaction",
    "satisfaction",
    "visitor",
    "callmeeting",
];

struct State {
    collections: HashMap<&'static str, Collection>,
    live: HashMap<String, Value>,
}

fn fail(status: StatusCode, message: &str) -> Reply {
    Reply::json(
        status,
        &json!({"meta": {"status": "fail", "message": message}}),
    )
}

fn data(value: Value) -> Reply {
    Reply::json(
        StatusCode::OK,
        &json!({"meta": {"status": "success"}, "data": value}),
    )
}

/// iAdvize's answer to a missing or wrong key.
fn forbidden() -> Reply {
    Reply::json(
        StatusCode::FORBIDDEN,
        &json!({"meta": {"status": "error", "message": "Forbidden"}}),
    )
}

fn authorized(request: &Request) -> bool {
    let basic = format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD
            .encode(format!("{}:", credentials::IADVIZE_API_KEY))
    );
    request.header("x-api-key") == Some(credentials::IADVIZE_API_KEY)
        || request.query("key") == Some(credentials::IADVIZE_API_KEY)
        || request.header("authorization") == Some(basic.as_str())
}

fn on<F>(
    state: &Arc<Mutex<State>>,
    handler: F,
) -> impl Fn(&Request) -> Reply + Send + Sync + 'static
where
    F: Fn(&mut State, &Request) -> Reply + Send + Sync + 'static,
{
    // The credential check is the router's (`admit`), before any guarded route runs.
    let state = state.clone();
    move |request: &Request| handler(&mut lock(&state), request)
}

fn seeds(resource: &str) -> Vec<Value> {
    let text = match resource {
        "client" => include_str!("../../fixtures/iadvize-rest/client/list.response.json"),
        "website" => include_str!("../../fixtures/iadvize-rest/website/list.response.json"),
        "operator" => include_str!("../../fixtures/iadvize-rest/operator/list.response.json"),
        "group" => include_str!("../../fixtures/iadvize-rest/group/list.response.json"),
        "skill" => include_str!("../../fixtures/iadvize-rest/skill/list.response.json"),
        "conversation" => {
            include_str!("../../fixtures/iadvize-rest/conversation/list.response.json")
        }
        "tag" => include_str!("../../fixtures/iadvize-rest/tag/list.response.json"),
        "transaction" => {
            include_str!("../../fixtures/iadvize-rest/transaction/list.response.json")
        }
        "satisfaction" => {
            include_str!("../../fixtures/iadvize-rest/satisfaction/list.response.json")
        }
        "visitor" => include_str!("../../fixtures/iadvize-rest/visitor/list.response.json"),
        _ => include_str!("../../fixtures/iadvize-rest/callmeeting/list.response.json"),
    };
    seed_items(text, "/data")
}

/// The iAdvize routes.
pub fn router(max_records: usize) -> Router {
    let mut live = HashMap::new();
    for item in seed_items(
        include_str!("../../fixtures/iadvize-rest/operator/live_list.response.json"),
        "/data",
    )
    .into_iter()
    .chain(seed_items(
        include_str!("../../fixtures/iadvize-rest/operator/live_get.response.json"),
        "/data",
    )) {
        if let Some(id) = item.get("id").and_then(id_text) {
            live.insert(id, item);
        }
    }
    let state = Arc::new(Mutex::new(State {
        collections: RESOURCES
            .iter()
            .map(|r| {
                (
                    *r,
                    Collection::new("id", seeds(r), true).max_records(max_records),
                )
            })
            .collect(),
        live,
    }));
    let mut router = Router::new();
    let seeded = state.clone();
    router.seeds(&RESOURCES, move |resource, records| {
        match lock(&seeded).collections.get_mut(resource) {
            Some(collection) => collection.extend(records, resource),
            None => Ok(0),
        }
    });
    router
        .errors(fail)
        .admit(|request| (!authorized(request)).then(forbidden))
        .route(Method::GET, "/operator/live", on(&state, live_list))
        .route(Method::GET, "/operator/{id}/live", on(&state, |s, r| {
            let id = r.param("id");
            match s.collections["operator"].get(id) {
                Some(_) => data(live_of(s, id)),
                None => fail(StatusCode::NOT_FOUND, &format!("Unknown 'operator' with 'id' {id}.")),
            }
        }))
        .route(Method::PUT, "/operator/{id}/live", on(&state, set_live))
        .route(Method::GET, "/operator/{id}/statistic", on(&state, |s, r| {
            let id = r.param("id");
            match s.collections["operator"].get(id) {
                Some(_) => data(json!({"id": id.parse::<i64>().unwrap_or(0), "conversation_number": 589, "satisfaction_global_rate": 0.86, "experience": 5630})),
                None => fail(StatusCode::NOT_FOUND, &format!("Unknown 'operator' with 'id' {id}.")),
            }
        }))
        .route(Method::GET, "/operator/{id}/profile", on(&state, |s, r| {
            let id = r.param("id");
            match s.collections["operator"].get(id) {
                Some(operator) => data(json!({
                    "user_id": operator["id"], "status": "Available", "description": "Sandbox operator",
                    "facebook": null, "twitter": null, "city": "Nantes", "country": "France"
                })),
                None => fail(StatusCode::NOT_FOUND, &format!("Unknown 'operator' with 'id' {id}.")),
            }
        }))
        .route(Method::GET, "/statistic", on(&state, statistic))
        .route(Method::POST, "/tag", on(&state, create_tags))
        .route(Method::POST, "/odigocallback/pickup", on(&state, |s, r| odigo(s, r, true)))
        .route(Method::POST, "/odigocallback/hangup", on(&state, |s, r| odigo(s, r, false)));
    for resource in RESOURCES {
        let path = if resource == "conversation" {
            "conversation.json-unicode"
        } else {
            resource
        };
        router
            .route(
                Method::GET,
                &format!("/{path}"),
                on(&state, move |s, r| list(s, r, resource)),
            )
            .route(
                Method::GET,
                &format!("/{path}/{{id}}"),
                on(&state, move |s, r| get_one(s, r, resource)),
            );
        if ["operator", "group", "skill", "visitor"].contains(&resource) {
            router
                .route(
                    Method::POST,
                    &format!("/{path}"),
                    on(&state, move |s, r| create(s, r, resource)),
                )
                .route(
                    Method::DELETE,
                    &format!("/{path}/{{id}}"),
                    on(&state, move |s, r| {
                        let id = r.param("id");
                        if s.collections
                            .get_mut(resource)
                            .is_some_and(|c| c.remove(id))
                        {
                            Reply::json(StatusCode::OK, &json!({"meta": {"status": "success"}}))
                        } else {
                            fail(
                                StatusCode::NOT_FOUND,
                                &format!("Unknown '{resource}' with 'id' {id}"),
                            )
                        }
                    }),
                );
        }
        if ["operator", "group", "skill", "visitor", "website"].contains(&resource) {
            router.route(
                Method::PUT,
                &format!("/{path}/{{id}}"),
                on(&state, move |s, r| {
                    let id = r.param("id").to_owned();
                    let changes = r.form_fields();
                    s.collections
                        .get_mut(resource)
                        .and_then(|c| c.update(&id, changes))
                        .map_or_else(
                            || {
                                fail(
                                    StatusCode::NOT_FOUND,
                                    &format!("Unknown '{resource}' with 'id' {id}."),
                                )
                            },
                            data,
                        )
                }),
            );
        }
    }
    // Generic clients (the PHP client's `getResources('conversation')`) read conversations
    // without the `.json-unicode` format the seed recommends.
    router
        .route(
            Method::GET,
            "/conversation",
            on(&state, |s, r| list(s, r, "conversation")),
        )
        .route(
            Method::GET,
            "/conversation/{id}",
            on(&state, |s, r| get_one(s, r, "conversation")),
        );
    router
}

fn get_one(state: &mut State, request: &Request, resource: &str) -> Reply {
    let id = request.param("id");
    state.collections[resource].get(id).cloned().map_or_else(
        || {
            fail(
                StatusCode::NOT_FOUND,
                &format!("Unknown '{resource}' with 'id' {id}."),
            )
        },
        data,
    )
}

/// Does `item` pass `filters[name]=value`? Members the item lacks do not filter it out.
fn passes(item: &Value, name: &str, value: &str) -> bool {
    match name {
        "from" => {
            return text(item, "created_at")
                .or_else(|| text(item, "start_at"))
                .is_none_or(|at| at.as_str() >= value)
        }
        "to" => {
            return text(item, "created_at")
                .or_else(|| text(item, "start_at"))
                .is_none_or(|at| at.get(..value.len()).unwrap_or(&at) <= value)
        }
        "website_list" => {
            let wanted: Vec<&str> = value.split(',').collect();
            let has = |v: &Value| id_text(v).is_some_and(|id| wanted.contains(&id.as_str()));
            return match (item.get("website_list"), item.get("website_id")) {
                (Some(Value::Array(ids)), _) => ids.iter().any(has),
                (_, Some(Value::Array(ids))) => ids.iter().any(has),
                (_, Some(id)) => has(id),
                _ => true,
            };
        }
        _ => {}
    }
    let Some(member) = item.get(name) else {
        return true;
    };
    match (member, value) {
        (Value::Null, "null") => true,
        (Value::Null, _) => false,
        (_, "null") => false,
        (_, "!null") => true,
        (Value::Bool(flag), _) => (value == "1") == *flag,
        (Value::Array(ids), _) => ids.iter().any(|id| id_text(id).as_deref() == Some(value)),
        (other, _) => {
            let actual = id_text(other).unwrap_or_default().to_lowercase();
            let pattern = value.to_lowercase();
            if pattern.contains('*') {
                pattern
                    .split('*')
                    .filter(|part| !part.is_empty())
                    .all(|part| actual.contains(part))
            } else {
                actual == pattern
            }
        }
    }
}

fn text(item: &Value, member: &str) -> Option<String> {
    item.get(member).and_then(Value::as_str).map(str::to_owned)
}

fn filters(request: &Request) -> Vec<(String, String)> {
    request
        .query
        .iter()
        .filter_map(|(key, value)| {
            let name = key.strip_prefix("filters[")?.strip_suffix(']')?;
            Some((name.to_owned(), value.clone()))
        })
        .collect()
}

/// Filters, then pages, `items`.
fn paged(items: Vec<Value>, request: &Request) -> Reply {
    let limit = request
        .query("limit")
        .and_then(|l| l.parse::<usize>().ok())
        .unwrap_or(20);
    if limit == 0 || limit > 100 {
        return fail(
            StatusCode::BAD_REQUEST,
            "The limit must be between 1 and 100.",
        );
    }
    let page = request
        .query("page")
        .and_then(|p| p.parse::<usize>().ok())
        .unwrap_or(1)
        .max(1);
    let count = items.len();
    let pages = count.div_ceil(limit).max(1);
    // Checked: a page such as 2^64-1 is a client's mistake, answered as iAdvize would.
    let Some(skip) = (page - 1).checked_mul(limit) else {
        return fail(StatusCode::BAD_REQUEST, "The page is out of range.");
    };
    let slice: Vec<Value> = items.into_iter().skip(skip).take(limit).collect();
    Reply::json(
        StatusCode::OK,
        &json!({
            "meta": {"status": "success"},
            "data": slice,
            "pagination": {"page": page, "pages": pages, "limit": limit, "count": count}
        }),
    )
}

fn list(state: &mut State, request: &Request, resource: &str) -> Reply {
    let filters = filters(request);
    if resource == "conversation" {
        if let (Some(from), Some(to)) =
            (request.query("filters[from]"), request.query("filters[to]"))
        {
            if months_between(from, to) > 3 {
                return fail(
                    StatusCode::OK,
                    "The interval between from and to cannot exceed 3 months.",
                );
            }
        }
    }
    let items: Vec<Value> = state.collections[resource]
        .all()
        .iter()
        .filter(|item| {
            filters
                .iter()
                .all(|(name, value)| passes(item, name, value))
        })
        .cloned()
        .map(|item| {
            if full(request) {
                item
            } else {
                summary(item, resource)
            }
        })
        .collect();
    paged(items, request)
}

/// `full=1`: the whole resources; without it, iAdvize lists only `{id, _link}` (the seed's
/// "Read" example).
fn full(request: &Request) -> bool {
    matches!(request.query("full"), Some("1" | "true"))
}

fn summary(item: Value, resource: &str) -> Value {
    let id = item.get("id").cloned().unwrap_or(Value::Null);
    let link = item.get("_link").cloned().unwrap_or_else(|| {
        json!(format!(
            "/{resource}/{}",
            crate::store::id_text(&id).unwrap_or_default()
        ))
    });
    json!({"id": id, "_link": link})
}

/// Whole months between two `YYYY-MM-DD…` dates, rounded up.
fn months_between(from: &str, to: &str) -> i64 {
    let parts = |date: &str| -> Option<(i64, i64, i64)> {
        Some((
            date.get(0..4)?.parse().ok()?,
            date.get(5..7)?.parse().ok()?,
            date.get(8..10)?.parse().ok()?,
        ))
    };
    match (parts(from), parts(to)) {
        (Some((y1, m1, d1)), Some((y2, m2, d2))) => (y2 - y1) * 12 + (m2 - m1) + i64::from(d2 > d1),
        _ => 0,
    }
}

fn create(state: &mut State, request: &Request, resource: &'static str) -> Reply {
    let mut fields = request.form_fields();
    if fields.is_empty() {
        return fail(StatusCode::BAD_REQUEST, "The body is empty.");
    }
    if resource == "group" && !fields.contains_key("name") {
        return fail(StatusCode::BAD_REQUEST, "Field 'name' is missing.");
    }
    fields.insert(
        "created_at".into(),
        json!(crate::now_local().replace('T', " ")),
    );
    let collection = state.collections.get_mut(resource);
    match collection {
        Some(collection) => {
            let mut item = match collection.insert(fields, resource) {
                Ok(item) => item,
                Err(full) => return fail(StatusCode::CONFLICT, &full.to_string()),
            };
            let id = item.get("id").and_then(id_text).unwrap_or_default();
            if let Value::Object(members) = &mut item {
                members.insert("_link".into(), json!(format!("/{resource}/{id}")));
            }
            collection.update(&id, item.as_object().cloned().unwrap_or_default());
            data(item)
        }
        None => fail(StatusCode::NOT_FOUND, "Unknown resource."),
    }
}
