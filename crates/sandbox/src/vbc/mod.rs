//! VBC (cc-voice) under `/vbc`: the OAuth2 token endpoint (`/vbc/token`: password, refresh
//! token and authorization code grants; single-use refresh tokens; expiring access tokens) and
//! the Telephony API under `/vbc/t/vbc.prod/telephony/v3`.

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use base64::Engine as _;
use hyper::{Method, StatusCode};
use serde_json::{json, Value};

use crate::router::{Records, Reply, Request, Router};
use crate::store::id_text;
use crate::store::Full;
use crate::{credentials, lock, seed_items};

mod calls;
use calls::{create_call, delete_call, update_call, update_leg};

/// The authorization code the sandbox accepts once per start.
pub const AUTHORIZATION_CODE: &str = "sandbox-vbc-code";

struct Leg {
    value: Value,
    held: bool,
    recording: bool,
}

struct Call {
    value: Value,
    legs: Vec<Leg>,
}

impl Call {
    /// A call as the API answers one, its `legs` held apart (rendered back by [`with_legs`]).
    fn from_json(mut value: Value) -> Self {
        let legs = value
            .as_object_mut()
            .and_then(|call| call.remove("legs"))
            .and_then(|legs| legs.as_array().cloned())
            .unwrap_or_default();
        Self {
            value,
            legs: legs
                .into_iter()
                .map(|value| Leg {
                    value,
                    held: false,
                    recording: false,
                })
                .collect(),
        }
    }
}

struct State {
    ttl: Duration,
    access: HashMap<String, Instant>,
    refresh: HashSet<String>,
    code_used: bool,
    issued: u64,
    calls: Vec<Call>,
    devices: Vec<Value>,
    /// How many calls the account keeps ([`Options::max_records`](crate::Options::max_records)).
    max_records: usize,
}

/// Whether the request carries an access token the sandbox issued and that has not expired.
fn bearer_valid(state: &mut State, request: &Request) -> bool {
    let now = Instant::now();
    state.access.retain(|_, expires| *expires > now);
    request
        .header("authorization")
        .and_then(|h| h.strip_prefix("Bearer "))
        .is_some_and(|token| state.access.contains_key(token))
}

fn unauthorized() -> Reply {
    Reply::json(
        StatusCode::UNAUTHORIZED,
        &json!({"code": 401, "message": "User is not permitted to make a request against this account"}),
    )
}

fn api_error(status: StatusCode, message: &str) -> Reply {
    Reply::json(
        status,
        &json!({"code": status.as_u16().to_string(), "message": message}),
    )
}

fn oauth_error(status: StatusCode, error: &str, description: &str) -> Reply {
    Reply::json(
        status,
        &json!({"error": error, "error_description": description}),
    )
}

fn text_plain_json(value: &Value) -> Reply {
    // The live API labels JSON as text/plain on some routes.
    Reply {
        content_type: "text/plain",
        ..Reply::json(StatusCode::OK, value)
    }
}

/// The VBC routes.
pub fn router(ttl: Duration, max_records: usize) -> Router {
    let seed: Value = serde_json::from_str(include_str!(
        "../../fixtures/cc-voice/calls/get.response.json"
    ))
    .unwrap_or(Value::Null);
    let calls = vec![Call::from_json(seed)];
    let mut devices = seed_items(
        include_str!("../../fixtures/cc-voice/devices/list.response.json"),
        "/devices",
    );
    devices.extend(seed_items(
        include_str!("../../fixtures/cc-voice/devices/get.response.openapi.json"),
        "",
    ));
    let state = Arc::new(Mutex::new(State {
        ttl,
        access: HashMap::new(),
        refresh: HashSet::new(),
        code_used: false,
        issued: 0,
        calls,
        devices,
        max_records,
    }));
    let token_state = state.clone();
    let mut router = Router::new();
    let seeded = state.clone();
    router.seeds(&["calls", "devices"], move |resource, records| {
        load(&mut lock(&seeded), resource, records)
    });
    let admission_state = state.clone();
    router
        .errors(api_error)
        .admit(move |request| {
            let mut state = lock(&admission_state);
            (!bearer_valid(&mut state, request)).then(unauthorized)
        })
        .open_route(Method::POST, "/token", move |request| {
            token(&mut lock(&token_state), request)
        });
    let api = "/t/vbc.prod/telephony/v3";
    let on = |handler: fn(&mut State, &Request) -> Reply| {
        let state = state.clone();
        move |request: &Request| {
            let mut state = lock(&state);
            if !bearer_valid(&mut state, request) {
                return unauthorized();
            }
            if request.param("account_id") != credentials::VBC_ACCOUNT_ID {
                return api_error(
                    StatusCode::NOT_FOUND,
                    "No matching resource found for given API Request",
                );
            }
            handler(&mut state, request)
        }
    };
    router
        .route(
            Method::GET,
            &format!("{api}/cc/accounts/{{account_id}}/calls"),
            on(list_calls),
        )
        .route(
            Method::POST,
            &format!("{api}/cc/accounts/{{account_id}}/calls"),
            on(create_call),
        )
        .route(
            Method::GET,
            &format!("{api}/cc/accounts/{{account_id}}/calls/{{call_id}}"),
            on(|s, r| call(s, r).map_or_else(not_found, |c| text_plain_json(&with_legs(c)))),
        )
        .route(
            Method::PUT,
            &format!("{api}/cc/accounts/{{account_id}}/calls/{{call_id}}"),
            on(update_call),
        )
        .route(
            Method::DELETE,
            &format!("{api}/cc/accounts/{{account_id}}/calls/{{call_id}}"),
            on(delete_call),
        )
        .route(
            Method::GET,
            &format!("{api}/cc/accounts/{{account_id}}/calls/{{call_id}}/legs"),
            on(|s, r| {
                call(s, r).map_or_else(not_found, |c| {
                    text_plain_json(&json!(c
                        .legs
                        .iter()
                        .map(|l| l.value.clone())
                        .collect::<Vec<_>>()))
                })
            }),
        )
        .route(
            Method::GET,
            &format!("{api}/cc/accounts/{{account_id}}/calls/{{call_id}}/legs/{{leg_id}}"),
            on(|s, r| leg(s, r).map_or_else(not_found, |l| text_plain_json(&l.value))),
        )
        .route(
            Method::PUT,
            &format!("{api}/cc/accounts/{{account_id}}/calls/{{call_id}}/legs/{{leg_id}}"),
            on(update_leg),
        )
        .route(
            Method::DELETE,
            &format!("{api}/cc/accounts/{{account_id}}/calls/{{call_id}}/legs/{{leg_id}}"),
            on(|s, r| {
                let leg_id = r.param("leg_id").to_owned();
                match call_mut(s, r) {
                    Some(call) if call.legs.iter().any(|l| text(&l.value, "leg_id") == leg_id) => {
                        call.legs.retain(|l| text(&l.value, "leg_id") != leg_id);
                        Reply::empty()
                    }
                    _ => not_found(),
                }
            }),
        )
        .route(
            Method::GET,
            &format!("{api}/registration/accounts/{{account_id}}/devices"),
            on(|s, r| paged(s.devices.clone(), r, "devices", "registration")),
        )
        .route(
            Method::GET,
            &format!("{api}/registration/accounts/{{account_id}}/devices/{{device_id}}"),
            on(|s, r| {
                let mac = r.param("device_id").to_uppercase();
                s.devices
                    .iter()
                    .find(|d| text(d, "mac_address").to_uppercase() == mac)
                    .map_or_else(not_found, text_plain_json)
            }),
        );
    router
}

/// `POST /_sandbox/seed` under `vbc`: calls (each with its `legs`) by `call_id`, devices by
/// `mac_address` (any case); a record with a held id replaces it, one without gets a fresh id.
fn load(state: &mut State, resource: &str, records: Records) -> Result<usize, Full> {
    let calls = resource == "calls";
    let key = if calls { "call_id" } else { "mac_address" };
    let held: Vec<String> = if calls {
        state
            .calls
            .iter()
            .map(|call| text(&call.value, key))
            .collect()
    } else {
        state
            .devices
            .iter()
            .map(|device| text(device, key))
            .collect()
    };
    let same = |a: &str, b: &str| {
        if calls {
            a == b
        } else {
            a.eq_ignore_ascii_case(b)
        }
    };
    let fresh = records
        .iter()
        .filter(|record| {
            let id = record.get(key).and_then(Value::as_str).unwrap_or("");
            id.is_empty() || !held.iter().any(|held| same(held, id))
        })
        .count();
    if held.len() + fresh > state.max_records {
        return Err(Full {
            max_records: state.max_records,
        });
    }
    let count = records.len();
    for mut record in records {
        let given = record
            .get(key)
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_owned();
        let id = if given.is_empty() {
            state.issued += 1;
            let id = if calls {
                format!("00000000-0000-4000-8000-{:012}", state.issued)
            } else {
                format!(
                    "5E-ED-00-{:02X}-{:02X}-{:02X}",
                    (state.issued >> 16) & 0xFF,
                    (state.issued >> 8) & 0xFF,
                    state.issued & 0xFF
                )
            };
            record.insert(key.to_owned(), Value::from(id.clone()));
            id
        } else {
            given
        };
        let value = Value::Object(record);
        if calls {
            let call = Call::from_json(value);
            match state
                .calls
                .iter_mut()
                .find(|held| text(&held.value, key) == id)
            {
                Some(held) => *held = call,
                None => state.calls.push(call),
            }
        } else {
            match state
                .devices
                .iter_mut()
                .find(|held| same(&text(held, key), &id))
            {
                Some(held) => *held = value,
                None => state.devices.push(value),
            }
        }
    }
    Ok(count)
}

fn not_found() -> Reply {
    api_error(
        StatusCode::NOT_FOUND,
        "No matching resource found for given API Request",
    )
}

fn text(value: &Value, member: &str) -> String {
    value.get(member).and_then(id_text).unwrap_or_default()
}

fn token(state: &mut State, request: &Request) -> Reply {
    let form = request.form_fields();
    let field = |name: &str| form.get(name).and_then(id_text).unwrap_or_default();
    let basic = format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(format!(
            "{}:{}",
            credentials::VBC_CLIENT_ID,
            credentials::VBC_CLIENT_SECRET
        ))
    );
    let client_ok = request.header("authorization") == Some(basic.as_str())
        || (field("client_id") == credentials::VBC_CLIENT_ID
            && field("client_secret") == credentials::VBC_CLIENT_SECRET);
    if !client_ok {
        return oauth_error(
            StatusCode::UNAUTHORIZED,
            "invalid_client",
            "Unknown client or wrong secret",
        );
    }
    match field("grant_type").as_str() {
        "password" => {
            if !field("username").ends_with("@vbc.prod") {
                return oauth_error(
                    StatusCode::BAD_REQUEST,
                    "invalid_request",
                    "The user name must end in @vbc.prod",
                );
            }
            if field("username") != credentials::VBC_USERNAME
                || field("password") != credentials::VBC_PASSWORD
            {
                return oauth_error(
                    StatusCode::BAD_REQUEST,
                    "invalid_grant",
                    "Wrong user name or password",
                );
            }
        }
        "refresh_token" => {
            if !state.refresh.remove(&field("refresh_token")) {
                return oauth_error(
                    StatusCode::BAD_REQUEST,
                    "invalid_grant",
                    "Unknown or already used refresh token",
                );
            }
        }
        "authorization_code" => {
            if field("code") != AUTHORIZATION_CODE
                || state.code_used
                || request.header("authorization") != Some(basic.as_str())
            {
                return oauth_error(
                    StatusCode::BAD_REQUEST,
                    "invalid_grant",
                    "Unknown or used code, or no Basic client header",
                );
            }
            state.code_used = true;
        }
        other => {
            return oauth_error(
                StatusCode::BAD_REQUEST,
                "unsupported_grant_type",
                &format!("`{other}` is not supported"),
            )
        }
    }
    state.issued += 1;
    let access = format!("sandbox-vbc-access-{}", state.issued);
    let refresh = format!("sandbox-vbc-refresh-{}", state.issued);
    state
        .access
        .insert(access.clone(), Instant::now() + state.ttl);
    state.refresh.insert(refresh.clone());
    Reply::json(
        StatusCode::OK,
        &json!({
            "access_token": access,
            "refresh_token": refresh,
            "token_type": "Bearer",
            "expires_in": state.ttl.as_secs(),
            "scope": "openid"
        }),
    )
}

fn with_legs(call: &Call) -> Value {
    let mut value = call.value.clone();
    value["legs"] = json!(call
        .legs
        .iter()
        .map(|l| l.value.clone())
        .collect::<Vec<_>>());
    value
}

fn call<'a>(state: &'a State, request: &Request) -> Option<&'a Call> {
    state
        .calls
        .iter()
        .find(|c| text(&c.value, "call_id") == request.param("call_id"))
}

fn call_mut<'a>(state: &'a mut State, request: &Request) -> Option<&'a mut Call> {
    state
        .calls
        .iter_mut()
        .find(|c| text(&c.value, "call_id") == request.param("call_id"))
}

fn leg<'a>(state: &'a State, request: &Request) -> Option<&'a Leg> {
    call(state, request)?
        .legs
        .iter()
        .find(|l| text(&l.value, "leg_id") == request.param("leg_id"))
}

/// `page_size` (default 100) and 1-based `page` over `items`, with the page members VBC sends.
fn paged(items: Vec<Value>, request: &Request, member: &str, path: &str) -> Reply {
    let size = request
        .query("page_size")
        .and_then(|s| s.parse::<usize>().ok())
        .unwrap_or(100)
        .max(1);
    let page = request
        .query("page")
        .and_then(|p| p.parse::<usize>().ok())
        .unwrap_or(1)
        .max(1);
    let order = request.query("order").unwrap_or("desc");
    let mut items = items;
    if order == "asc" {
        items.reverse();
    }
    let pages = items.len().div_ceil(size).max(1);
    // Checked: a page such as 2^64-1 gets the API's 400, not an overflow.
    let (Some(skip), Some(next)) = ((page - 1).checked_mul(size), page.checked_add(1)) else {
        return api_error(StatusCode::BAD_REQUEST, "Invalid request parameters: page");
    };
    let slice: Vec<Value> = items.into_iter().skip(skip).take(size).collect();
    let uri = |n: usize| format!("/{path}?page_size={size}&order={order}&page={n}");
    text_plain_json(&json!({
        member: slice,
        "current_page": page,
        "pages": pages,
        "page_size": size,
        "order": order,
        "next_page": next,
        "first_page_uri": uri(1),
        "next_page_uri": if page < pages { json!(uri(next)) } else { Value::Null },
        "previous_page_uri": if page > 1 { json!(uri(page - 1)) } else { Value::Null },
    }))
}

fn list_calls(state: &mut State, request: &Request) -> Reply {
    let extension = request.query("extension");
    let calls: Vec<Value> = state
        .calls
        .iter()
        .filter(|c| {
            extension.is_none_or(|e| text(&c.value, "from") == e || text(&c.value, "to") == e)
        })
        .map(with_legs)
        .collect();
    paged(calls, request, "calls", "cc/accounts/1234/calls")
}
