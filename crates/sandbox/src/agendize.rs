//! Agendize under `/agendize/api/2.0`: call trackings and reseller accounts, with watches.
//! Auth: `apiKey` + `token` headers (or query parameters), or a bearer access token.

use std::sync::{Arc, Mutex};

use hyper::{Method, StatusCode};
use serde_json::{json, Map, Value};

use crate::router::{Reply, Request, Router};
use crate::store::Collection;
use crate::{credentials, lock, seed_items};

struct State {
    trackings: Collection,
    accounts: Collection,
    watches: Vec<Value>,
    /// Numbers the watches' ids (`wt-1`, ...).
    watch_serial: u64,
}

fn error(status: StatusCode, message: &str) -> Reply {
    Reply::json(
        status,
        &json!({"error": {"code": status.as_u16(), "message": message}}),
    )
}

fn authorized(request: &Request) -> bool {
    let header_or_query = |name: &str| request.header(name).or_else(|| request.query(name));
    let keys = header_or_query("apiKey") == Some(credentials::AGENDIZE_API_KEY)
        && header_or_query("token") == Some(credentials::AGENDIZE_TOKEN);
    let bearer = request.header("authorization")
        == Some(&format!("Bearer {}", credentials::AGENDIZE_ACCESS_TOKEN)[..]);
    keys || bearer
}

/// The Agendize routes.
pub fn router(max_records: usize) -> Router {
    let collection =
        |key, items, numeric| Collection::new(key, items, numeric).max_records(max_records);
    let state = Arc::new(Mutex::new(State {
        trackings: collection(
            "id",
            seed_items(
                include_str!("../fixtures/agendize-calls/calltrackings/list.response.json"),
                "/items",
            ),
            false,
        ),
        accounts: collection(
            "id",
            seed_items(
                include_str!("../fixtures/agendize-resellers/accounts/list.response.json"),
                "/items",
            ),
            false,
        ),
        watches: Vec::new(),
        watch_serial: 0,
    }));
    let mut router = Router::new();
    let seeded = state.clone();
    router.seeds(&["calltrackings", "accounts"], move |resource, records| {
        let mut state = lock(&seeded);
        match resource {
            "calltrackings" => state.trackings.extend(records, "ct"),
            _ => state.accounts.extend(records, "acc"),
        }
    });
    router.errors(error).admit(|request| {
        (!authorized(request))
            .then(|| error(StatusCode::UNAUTHORIZED, "Invalid API key or SSO token"))
    });
    // The credential check is the router's (`admit`), before any guarded route runs.
    let guarded = |state: &Arc<Mutex<State>>, handler: fn(&mut State, &Request) -> Reply| {
        let state = state.clone();
        move |request: &Request| handler(&mut lock(&state), request)
    };
    router
        .route(
            Method::GET,
            "/calls/calltrackings",
            guarded(&state, |s, _| items(s.trackings.all())),
        )
        .route(
            Method::POST,
            "/calls/calltrackings/watch",
            guarded(&state, watch),
        )
        // The official Node client's routes (agendize/nodejs-module, api/account.js).
        .route(Method::POST, "/calls/watch", guarded(&state, watch))
        .route(
            Method::DELETE,
            "/watchers/{id}",
            guarded(&state, |s, r| {
                let before = s.watches.len();
                let id = r.param("id");
                s.watches
                    .retain(|watch| watch.get("id").and_then(Value::as_str) != Some(id));
                if s.watches.len() < before {
                    Reply::bytes("application/json", Default::default())
                } else {
                    error(StatusCode::NOT_FOUND, "Watcher not found")
                }
            }),
        )
        .route(
            Method::GET,
            "/calls/calltrackings/{id}",
            guarded(&state, |s, r| {
                found(s.trackings.get(r.param("id")).cloned(), "Call tracking")
            }),
        )
        .route(
            Method::DELETE,
            "/calls/calltrackings/{id}",
            guarded(&state, |s, r| {
                if s.trackings.remove(r.param("id")) {
                    Reply::bytes("application/json", Default::default())
                } else {
                    error(StatusCode::NOT_FOUND, "Call tracking not found")
                }
            }),
        )
        .route(
            Method::GET,
            "/resellers/accounts",
            guarded(&state, list_accounts),
        )
        .route(
            Method::POST,
            "/resellers/accounts/watch",
            guarded(&state, watch),
        )
        .route(
            Method::POST,
            "/resellers/accounts",
            guarded(&state, insert_account),
        )
        .route(
            Method::GET,
            "/resellers/accounts/{id}",
            guarded(&state, |s, r| {
                found(find_account(s, r.param("id")), "Account")
            }),
        )
        .route(
            Method::PUT,
            "/resellers/accounts/{id}",
            guarded(&state, update_account),
        )
        // The official Node client changes accounts with POST (api/reseller.js).
        .route(
            Method::POST,
            "/resellers/accounts/{id}",
            guarded(&state, update_account),
        )
        .route(
            Method::PATCH,
            "/resellers/accounts/{id}",
            guarded(&state, patch_account),
        )
        .route(
            Method::DELETE,
            "/resellers/accounts/{id}",
            guarded(&state, |s, r| {
                let id = find_account(s, r.param("id"))
                    .and_then(|a| a.get("id").and_then(crate::store::id_text));
                match id {
                    Some(id) if s.accounts.remove(&id) => {
                        Reply::bytes("application/json", Default::default())
                    }
                    _ => error(StatusCode::NOT_FOUND, "Account not found"),
                }
            }),
        );
    router
}

fn items(all: &[Value]) -> Reply {
    Reply::json(StatusCode::OK, &json!({ "items": all }))
}

fn found(item: Option<Value>, what: &str) -> Reply {
    match item {
        Some(item) => Reply::json(StatusCode::OK, &item),
        None => error(StatusCode::NOT_FOUND, &format!("{what} not found")),
    }
}

fn find_account(state: &State, key: &str) -> Option<Value> {
    state
        .accounts
        .find(|account| {
            ["id", "resellerId", "userName"]
                .iter()
                .any(|member| account.get(*member).and_then(Value::as_str) == Some(key))
        })
        .cloned()
}

fn text_of<'a>(value: &'a Value, member: &str) -> &'a str {
    value.get(member).and_then(Value::as_str).unwrap_or("")
}

fn list_accounts(state: &mut State, request: &Request) -> Reply {
    let search = request.query("search").map(str::to_lowercase);
    let user_name = request.query("userName");
    let status = request.query("status");
    let tools: Vec<&str> = request
        .query("tools")
        .map(|t| t.split(',').collect())
        .unwrap_or_default();
    let start = request
        .query("createdStartDate")
        .map(|d| d.chars().take(19).collect::<String>());
    let end = request
        .query("createdEndDate")
        .map(|d| d.chars().take(19).collect::<String>());
    let selected: Vec<Value> = state
        .accounts
        .all()
        .iter()
        .filter(|account| {
            search.as_ref().is_none_or(|needle| {
                ["firstName", "lastName", "email"].iter().any(|member| {
                    text_of(account, member)
                        .to_lowercase()
                        .contains(needle.as_str())
                })
            })
        })
        .filter(|account| status.is_none_or(|status| text_of(account, "status") == status))
        .filter(|account| {
            let has: Vec<&str> = account
                .get("tools")
                .and_then(Value::as_array)
                .map(|tools| tools.iter().filter_map(Value::as_str).collect())
                .unwrap_or_default();
            tools.iter().all(|tool| has.contains(tool))
        })
        .filter(|account| {
            let created = account
                .pointer("/created/dateTime")
                .and_then(Value::as_str)
                .unwrap_or("");
            start.as_ref().is_none_or(|start| created > start.as_str())
                && end.as_ref().is_none_or(|end| created < end.as_str())
        })
        .filter(|account| {
            user_name.is_none_or(|name| {
                text_of(account, "userName") == name || text_of(account, "email") == name
            })
        })
        .cloned()
        .collect();
    // The Node module's `checkIfAccountExist` reads `error.code` 404 as "no such account".
    if user_name.is_some() && selected.is_empty() {
        return error(StatusCode::NOT_FOUND, "Account not found");
    }
    items(&selected)
}

fn without_write_only(mut fields: Map<String, Value>) -> Map<String, Value> {
    fields.remove("password");
    fields.remove("sendSignupEmail");
    fields
}

fn insert_account(state: &mut State, request: &Request) -> Reply {
    let Value::Object(fields) = request.json() else {
        return error(StatusCode::BAD_REQUEST, "The body must be an account");
    };
    let email = fields
        .get("email")
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_owned();
    let profile_id = fields
        .get("profile")
        .and_then(|p| p.get("id"))
        .and_then(Value::as_str)
        .unwrap_or("");
    if email.is_empty() || profile_id.is_empty() {
        return error(StatusCode::BAD_REQUEST, "email and profile.id are required");
    }
    if find_account(state, &email).is_some() {
        return error(StatusCode::CONFLICT, "An account already uses this e-mail");
    }
    let mut fields = without_write_only(fields);
    fields.insert("userName".into(), Value::from(email));
    fields.insert(
        "status".into(),
        fields.get("status").cloned().unwrap_or(json!("enabled")),
    );
    fields.insert(
        "created".into(),
        json!({"dateTime": crate::now_local(), "timeZone": "UTC"}),
    );
    let mut account = match state.accounts.insert(fields, "acc") {
        Ok(account) => account,
        Err(full) => return error(StatusCode::CONFLICT, &full.to_string()),
    };
    let id = text_of(&account, "id").to_owned();
    let token = format!("sso-{id}");
    let tags = number_tags(account.get("tags").cloned(), &id);
    let updated = state.accounts.update(
        &id,
        Map::from_iter([
            ("ssoToken".to_owned(), Value::from(token)),
            ("tags".to_owned(), tags),
        ]),
    );
    if let Some(updated) = updated {
        account = updated;
    }
    Reply::json(StatusCode::OK, &account)
}

/// Tags without an id get one.
fn number_tags(tags: Option<Value>, owner: &str) -> Value {
    let mut tags = match tags {
        Some(Value::Array(tags)) => tags,
        _ => Vec::new(),
    };
    for (index, tag) in tags.iter_mut().enumerate() {
        if let Value::Object(members) = tag {
            members
                .entry("id")
                .or_insert_with(|| Value::from(format!("tag-{owner}-{index}")));
        }
    }
    Value::Array(tags)
}

fn update_account(state: &mut State, request: &Request) -> Reply {
    let Some(account) = find_account(state, request.param("id")) else {
        return error(StatusCode::NOT_FOUND, "Account not found");
    };
    let Value::Object(changes) = request.json() else {
        return error(StatusCode::BAD_REQUEST, "The body must be an account");
    };
    let id = text_of(&account, "id").to_owned();
    let mut changes = without_write_only(changes);
    if let Some(tags) = changes.remove("tags") {
        changes.insert("tags".into(), number_tags(Some(tags), &id));
    }
    found(state.accounts.update(&id, changes), "Account")
}

fn patch_account(state: &mut State, request: &Request) -> Reply {
    let Some(account) = find_account(state, request.param("id")) else {
        return error(StatusCode::NOT_FOUND, "Account not found");
    };
    let id = text_of(&account, "id").to_owned();
    let mut tags = account
        .get("tags")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    for addition in request
        .json()
        .get("tags")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default()
    {
        let tag_id = text_of(&addition, "id").to_owned();
        match tags.iter_mut().find(|tag| text_of(tag, "id") == tag_id) {
            Some(Value::Object(existing)) => {
                if let Some(color) = addition.get("color") {
                    existing.insert("color".into(), color.clone());
                }
            }
            _ => tags.push(addition),
        }
    }
    found(
        state.accounts.update(
            &id,
            Map::from_iter([("tags".to_owned(), Value::Array(tags))]),
        ),
        "Account",
    )
}

fn watch(state: &mut State, request: &Request) -> Reply {
    let mut body = request.json();
    let address = text_of(&body, "address").to_owned();
    if !(address.starts_with("http://") || address.starts_with("https://")) {
        return error(StatusCode::BAD_REQUEST, "address is required");
    }
    for pointer in [
        "/basicAuth/password",
        "/oauth2Auth/clientSecret",
        "/oauth2Auth/refreshToken",
    ] {
        if let Some((parent, member)) = pointer.rsplit_once('/') {
            if let Some(Value::Object(members)) = body.pointer_mut(parent) {
                members.remove(member);
            }
        }
    }
    state.watch_serial += 1;
    if let Value::Object(members) = &mut body {
        members.insert(
            "id".into(),
            Value::from(format!("wt-{}", state.watch_serial)),
        );
    }
    state.watches.push(body.clone());
    Reply::json(StatusCode::OK, &body)
}
