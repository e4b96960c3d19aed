//! Ziwo under `/ziwo`: logins issuing expiring tokens, call trackers, eavesdrop, call history
//! and recordings, agents/queues/numbers, CTI agent routes and the CRM.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use hyper::{Method, StatusCode};
use serde_json::{json, Map, Value};

use crate::router::{Reply, Request, Router};
use crate::store::{id_text, Collection};
use crate::{credentials, lock, seed_items};

mod admin;
mod crm;
mod session;

use admin::{
    create_tracker, recording, set_blocked, test_tracker, tracker_id, tracker_logs, update_tracker,
    with_agent,
};
use crm::{crm_create, crm_delete, crm_update, link, search_customers};
use session::{agent_calls, login, logout};

struct State {
    ttl: Duration,
    tokens: HashMap<String, Instant>,
    issued: u64,
    trackers: Collection,
    logs: Vec<Value>,
    cdrs: Collection,
    agents: Collection,
    queues: Collection,
    numbers: Collection,
    eavesdrops: HashMap<String, String>,
    cti: HashMap<String, Value>,
    crm: HashMap<&'static str, Collection>,
    links: Vec<(String, &'static str, String)>,
    /// The agent's own session (position, status), set by the `/agents/...` routes.
    agent_session: Map<String, Value>,
    /// The members the agent changed with `PUT /agents`, shown by `GET /profile`.
    profile_changes: Map<String, Value>,
}

const CRM_KINDS: [&str; 4] = ["profiles", "addresses", "numbers", "socialAccounts"];

/// What `POST /_sandbox/seed` loads under `ziwo`: call trackers, the call history (CDRs), the
/// directory, and the CRM's kinds.
const SEEDED: [&str; 9] = [
    "calltrackers",
    "calls",
    "agents",
    "queues",
    "numbers",
    "crm.profiles",
    "crm.addresses",
    "crm.numbers",
    "crm.socialAccounts",
];

fn failure(status: StatusCode, message: &str) -> Reply {
    Reply::json(
        status,
        &json!({"result": false, "content": {}, "info": {"message": message}}),
    )
}

fn success(content: Value) -> Reply {
    Reply::json(
        StatusCode::OK,
        &json!({"result": true, "content": content, "info": {}}),
    )
}

/// A created record, or the refusal of a full collection.
fn created(record: Result<Value, crate::store::Full>) -> Reply {
    match record {
        Ok(record) => success(record),
        Err(full) => failure(StatusCode::CONFLICT, &full.to_string()),
    }
}

fn not_found(what: &str) -> Reply {
    Reply::json(
        StatusCode::NOT_FOUND,
        &json!({"result": false, "error": {"code": 404, "message": format!("{what} not found")}, "info": {}}),
    )
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Access {
    /// A login token or the API key.
    Any,
    /// The API key only (CTI).
    ApiKey,
    /// A login token only (the agent's own session routes of the official clients).
    Token,
}

fn allowed(state: &mut State, request: &Request, access: Access) -> bool {
    let key = request
        .header("api_key")
        .or_else(|| request.query("api_key"));
    if key == Some(credentials::ZIWO_API_KEY) && access != Access::Token {
        return true;
    }
    if access == Access::ApiKey {
        return false;
    }
    let now = Instant::now();
    state.tokens.retain(|_, expires| *expires > now);
    request
        .header("access_token")
        .is_some_and(|token| state.tokens.contains_key(token))
}

fn unauthorized() -> Reply {
    failure(
        StatusCode::UNAUTHORIZED,
        "Unauthorized: log in again or send a valid api_key",
    )
}

type Handler = fn(&mut State, &Request) -> Reply;

/// `handler` behind the credential check `access`.
fn on<F>(
    state: &Arc<Mutex<State>>,
    access: Access,
    handler: F,
) -> impl Fn(&Request) -> Reply + Send + Sync + 'static
where
    F: Fn(&mut State, &Request) -> Reply + Send + Sync + 'static,
{
    let state = state.clone();
    move |request: &Request| {
        let mut state = lock(&state);
        if !allowed(&mut state, request, access) {
            return unauthorized();
        }
        handler(&mut state, request)
    }
}

/// The Ziwo routes.
pub fn router(ttl: Duration, max_records: usize) -> Router {
    let collection =
        |key, items, numeric| Collection::new(key, items, numeric).max_records(max_records);
    let seed_cdrs = seed_items(
        include_str!("../../fixtures/ziwo-admin/calls/list.response.json"),
        "/content",
    );
    let state = Arc::new(Mutex::new(State {
        ttl,
        tokens: HashMap::new(),
        issued: 0,
        trackers: collection(
            "id",
            seed_items(
                include_str!("../../fixtures/ziwo-admin/calltrackers/list.response.json"),
                "/content",
            ),
            true,
        ),
        logs: Vec::new(),
        cdrs: collection("id", seed_cdrs, true),
        agents: collection(
            "id",
            vec![
                json!({"id": 7, "firstName": "Jane", "lastName": "Agent", "ccLogin": 5555, "status": "active"}),
            ],
            true,
        ),
        queues: collection(
            "id",
            vec![json!({"id": 3, "name": "Support", "strategy": "longest-idle-agent"})],
            true,
        ),
        numbers: collection(
            "id",
            vec![
                json!({"id": 19, "did": "061234567", "linkType": "callTracker", "linkData": "callTracker-01"}),
            ],
            true,
        ),
        eavesdrops: HashMap::new(),
        cti: HashMap::new(),
        crm: CRM_KINDS
            .iter()
            .map(|kind| (*kind, collection("id", Vec::new(), true)))
            .collect(),
        links: Vec::new(),
        agent_session: Map::new(),
        profile_changes: Map::new(),
    }));
    let open = |handler: Handler| {
        let state = state.clone();
        move |request: &Request| handler(&mut lock(&state), request)
    };
    let mut router = Router::new();
    let seeded = state.clone();
    router.seeds(&SEEDED, move |resource, records| {
        let mut state = lock(&seeded);
        let state = &mut *state;
        let collection = match resource {
            "calltrackers" => &mut state.trackers,
            "calls" => &mut state.cdrs,
            "agents" => &mut state.agents,
            "queues" => &mut state.queues,
            "numbers" => &mut state.numbers,
            crm => match crm
                .strip_prefix("crm.")
                .and_then(|kind| state.crm.get_mut(kind))
            {
                Some(collection) => collection,
                None => return Ok(0),
            },
        };
        collection.extend(records, resource)
    });
    let admission_state = state.clone();
    router
        .errors(failure)
        .admit(move |request| {
            // Any credential the sandbox knows; each route then checks the kind it needs.
            (!allowed(&mut lock(&admission_state), request, Access::Any)).then(unauthorized)
        })
        .open_route(Method::POST, "/auth/login", open(login))
        .route(Method::POST, "/auth/logout", on(&state, Access::Any, logout))
        .route(Method::GET, "/admin/callTrackers", on(&state, Access::Any, |s, r| page(s.trackers.all(), r)))
        .route(Method::POST, "/admin/callTrackers", on(&state, Access::Any, create_tracker))
        .route(Method::GET, "/admin/callTrackers/logs", on(&state, Access::Any, tracker_logs))
        .route(Method::PUT, "/admin/callTrackers/{id}/test", on(&state, Access::Any, test_tracker))
        .route(Method::PUT, "/admin/callTrackers/{id}/block", on(&state, Access::Any, |s, r| set_blocked(s, r, true)))
        .route(Method::PUT, "/admin/callTrackers/{id}/unblock", on(&state, Access::Any, |s, r| set_blocked(s, r, false)))
        .route(Method::GET, "/admin/callTrackers/{id}", on(&state, Access::Any, |s, r| {
            tracker_id(s, r.param("id")).and_then(|id| s.trackers.get(&id).cloned()).map_or_else(|| not_found("Call tracker"), success)
        }))
        .route(Method::PUT, "/admin/callTrackers/{id}", on(&state, Access::Any, update_tracker))
        .route(Method::DELETE, "/admin/callTrackers/{id}", on(&state, Access::Any, |s, r| {
            match tracker_id(s, r.param("id")) {
                Some(id) if s.trackers.remove(&id) => success(json!({})),
                _ => not_found("Call tracker"),
            }
        }))
        .route(Method::POST, "/live/calls/eavesdrop/{ccLogin}", on(&state, Access::Any, |s, r| {
            let call_id = format!("eavesdrop-{}-{}", r.param("ccLogin"), s.eavesdrops.len() + 1);
            s.eavesdrops.insert(call_id.clone(), "none".into());
            success(json!({"callID": call_id}))
        }))
        .route(Method::PUT, "/live/calls/eavesdrop/{callID}", on(&state, Access::Any, |s, r| {
            let whisper = r.form().into_iter().find(|(k, _)| k == "whisper").map(|(_, v)| v).unwrap_or_default();
            if !["agent", "both", "none"].contains(&whisper.as_str()) {
                return failure(StatusCode::BAD_REQUEST, "whisper must be agent, both or none");
            }
            match s.eavesdrops.get_mut(r.param("callID")) {
                Some(state) => {
                    *state = whisper;
                    success(json!({}))
                }
                None => not_found("Eavesdrop call"),
            }
        }))
        .route(Method::GET, "/callHistory", on(&state, Access::Any, |s, r| page(s.cdrs.all(), r)))
        .route(Method::GET, "/callHistory/{id}", on(&state, Access::Any, |s, r| {
            let id = r.param("id");
            s.cdrs
                .find(|cdr| {
                    let text = cdr.get("id").and_then(id_text).unwrap_or_default();
                    text == id || text.split(':').next() == Some(id)
                })
                .cloned()
                .map_or_else(|| not_found("CDR"), success)
        }))
        .route(Method::GET, "/surveillance/recordings/{callID}.mp3", on(&state, Access::Any, recording))
        .route(Method::GET, "/admin/agents", on(&state, Access::Any, |s, r| page(s.agents.all(), r)))
        .route(Method::POST, "/admin/agents", on(&state, Access::Any, |s, r| created(s.agents.insert(r.form_fields(), "agent"))))
        .route(Method::GET, "/admin/agents/{id}", on(&state, Access::Any, |s, r| s.agents.get(r.param("id")).cloned().map_or_else(|| not_found("Agent"), success)))
        .route(Method::PUT, "/admin/agents/{id}", on(&state, Access::Any, |s, r| {
            s.agents.update(r.param("id"), r.form_fields()).map_or_else(|| not_found("Agent"), success)
        }))
        .route(Method::GET, "/admin/queues", on(&state, Access::Any, |s, r| page(s.queues.all(), r)))
        .route(Method::POST, "/admin/queues", on(&state, Access::Any, |s, r| created(s.queues.insert(r.form_fields(), "queue"))))
        .route(Method::GET, "/admin/numbers", on(&state, Access::Any, |s, r| page(s.numbers.all(), r)))
        .route(Method::POST, "/integrations/cti/agents/{ccLogin}/login/agent-{position}", on(&state, Access::ApiKey, |s, r| {
            if r.param("ccLogin") != r.param("position") {
                return failure(StatusCode::BAD_REQUEST, "the position must be agent-{ccLogin}");
            }
            s.cti.insert(r.param("ccLogin").to_owned(), json!({"status": 1, "queueInfo": null}));
            success(json!({"ccLogin": r.param("ccLogin"), "position": format!("agent-{}", r.param("ccLogin"))}))
        }))
        .route(Method::PUT, "/integrations/cti/agents/{ccLogin}/status", on(&state, Access::ApiKey, |s, r| {
            let form = r.form_fields();
            let status = form.get("number").and_then(Value::as_i64).unwrap_or(-1);
            if !(0..=4).contains(&status) {
                return failure(StatusCode::BAD_REQUEST, "number must be 0 to 4");
            }
            with_agent(s, r, |agent| {
                agent.insert("status".into(), json!(status));
                json!({"status": status, "comment": form.get("comment")})
            })
        }))
        .route(Method::POST, "/integrations/cti/agents/{ccLogin}/call", on(&state, Access::ApiKey, |s, r| {
            let form = r.form_fields();
            let number = form.get("number").map(|n| id_text(n).unwrap_or_default()).unwrap_or_default();
            let login = r.param("ccLogin").to_owned();
            with_agent(s, r, |agent| {
                let call = json!({"callID": format!("cti-{login}-{number}"), "callState": "active", "direction": "outbound"});
                agent.insert("queueInfo".into(), call.clone());
                call
            })
        }))
        .route(Method::GET, "/integrations/cti/agents/{ccLogin}/call", on(&state, Access::ApiKey, |s, r| {
            match s.cti.get(r.param("ccLogin")) {
                Some(agent) => success(json!({"queueInfo": agent.get("queueInfo").cloned().unwrap_or(Value::Null)})),
                None => not_found("Logged-in agent"),
            }
        }))
        .route(Method::POST, "/integrations/cti/agents/{ccLogin}/ivr", on(&state, Access::ApiKey, |s, r| {
            let form = r.form_fields();
            with_agent(s, r, |_| json!({"ivr": form.get("ivr"), "number": form.get("number")}))
        }))
        .route(Method::POST, "/integrations/cti/agents/{ccLogin}/logout", on(&state, Access::ApiKey, |s, r| {
            match s.cti.remove(r.param("ccLogin")) {
                Some(_) => success(json!({})),
                None => not_found("Logged-in agent"),
            }
        }))
        .route(Method::GET, "/agent/crm/customers", on(&state, Access::Any, search_customers))
        // The agent's own routes, as Ziwo's web client and Android SDK use them (agent token).
        .route(Method::PUT, "/agents/autologin", on(&state, Access::Token, |s, _| {
            s.agent_session.insert("position".into(), json!("connected"));
            success(json!({}))
        }))
        .route(Method::PUT, "/agents/autologout", on(&state, Access::Token, |s, _| {
            s.agent_session.insert("position".into(), json!("disconnected"));
            success(json!({}))
        }))
        .route(Method::PUT, "/agents/logout", on(&state, Access::Token, |s, _| {
            s.agent_session.insert("status".into(), json!(0));
            success(json!({}))
        }))
        .route(Method::PUT, "/agents/status", on(&state, Access::Token, |s, r| {
            match r.members().get("number").and_then(Value::as_i64) {
                Some(number) => {
                    s.agent_session.insert("status".into(), json!(number));
                    success(json!({"status": number}))
                }
                None => failure(StatusCode::BAD_REQUEST, "number must be a status id"),
            }
        }))
        .route(Method::GET, "/profile", on(&state, Access::Token, |s, _| success(session::profile(s))))
        .route(Method::PUT, "/agents", on(&state, Access::Token, session::update_profile))
        // Nothing reads a registered device token back: checked, not kept.
        .route(Method::PUT, "/auth/device", on(&state, Access::Token, |_, r| {
            match r.query("deviceToken").filter(|token| !token.is_empty()) {
                Some(_) => success(json!({})),
                None => failure(StatusCode::BAD_REQUEST, "deviceToken is required"),
            }
        }))
        // The Android SDK pings the call center before its login: no credentials.
        .open_route(Method::GET, "/monitor/ping", open(|_, _| success(json!({}))))
        .route(Method::GET, "/agents/channels/calls/listQueues", on(&state, Access::Token, |s, _| success(json!(s.queues.all()))))
        .route(Method::GET, "/agents/channels/calls/listNumbers", on(&state, Access::Token, |s, _| success(json!(s.numbers.all()))))
        .route(Method::GET, "/agents/channels/calls/", on(&state, Access::Token, agent_calls))
        .route(Method::POST, "/integrations/cti/agents/call/{number}", on(&state, Access::Token, |s, r| {
            let number = r.param("number").to_owned();
            if r.json().get("roamingOnly").is_some_and(|flag| !flag.is_boolean()) {
                return failure(StatusCode::BAD_REQUEST, "roamingOnly must be a boolean");
            }
            s.issued += 1;
            success(json!({"callID": format!("c2c-{}-{number}", s.issued)}))
        }));
    for kind in CRM_KINDS {
        router
            .route(
                Method::POST,
                &format!("/integrations/crm/{kind}"),
                on(&state, Access::Any, move |s, r| crm_create(s, r, kind)),
            )
            .route(
                Method::PUT,
                &format!("/integrations/crm/{kind}/{{id}}"),
                on(&state, Access::Any, move |s, r| crm_update(s, r, kind)),
            )
            .route(
                Method::DELETE,
                &format!("/integrations/crm/{kind}/{{id}}"),
                on(&state, Access::Any, move |s, r| crm_delete(s, r, kind)),
            );
    }
    router
        .route(
            Method::PUT,
            "/integrations/crm/profiles/{id}/{kind}/{entityId}",
            on(&state, Access::Any, |s, r| link(s, r, true)),
        )
        .route(
            Method::DELETE,
            "/integrations/crm/profiles/{id}/{kind}/{entityId}",
            on(&state, Access::Any, |s, r| link(s, r, false)),
        );
    router
}

/// `limit` (at most 50) and `skip` over `items`, with `info.total`; `search` matches any text.
fn page(items: &[Value], request: &Request) -> Reply {
    page_up_to(items, request, 50)
}

/// [`page`] with another ceiling (the CRM customer search takes 500).
fn page_up_to(items: &[Value], request: &Request, max: usize) -> Reply {
    let limit = request
        .query("limit")
        .and_then(|l| l.parse::<usize>().ok())
        .unwrap_or(50);
    if limit == 0 || limit > max {
        return failure(
            StatusCode::BAD_REQUEST,
            &format!("limit must be 1 to {max}"),
        );
    }
    let skip = request
        .query("skip")
        .and_then(|s| s.parse::<usize>().ok())
        .unwrap_or(0);
    let search = request
        .query("search")
        .filter(|s| !s.is_empty())
        .map(str::to_lowercase);
    let matching: Vec<&Value> = items
        .iter()
        .filter(|item| {
            search
                .as_ref()
                .is_none_or(|needle| item.to_string().to_lowercase().contains(needle.as_str()))
        })
        .collect();
    let content: Vec<&Value> = matching.iter().skip(skip).take(limit).copied().collect();
    Reply::json(
        StatusCode::OK,
        &json!({"result": true, "content": content, "info": {"total": matching.len()}}),
    )
}
