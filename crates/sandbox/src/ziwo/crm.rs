//! The CRM: entities, profile links and the customer search.

use hyper::StatusCode;
use serde_json::{json, Value};

use super::{created, failure, not_found, page_up_to, success, State, CRM_KINDS};
use crate::router::{Reply, Request};
use crate::store::id_text;

pub(super) fn crm_create(state: &mut State, request: &Request, kind: &'static str) -> Reply {
    let fields = request.form_fields();
    if fields.is_empty() {
        return failure(StatusCode::BAD_REQUEST, "the body is empty");
    }
    match state.crm.get_mut(kind) {
        Some(collection) => created(collection.insert(fields, kind)),
        None => not_found(kind),
    }
}

pub(super) fn crm_update(state: &mut State, request: &Request, kind: &'static str) -> Reply {
    let fields = request.form_fields();
    state
        .crm
        .get_mut(kind)
        .and_then(|collection| collection.update(request.param("id"), fields))
        .map_or_else(|| not_found(kind), success)
}

pub(super) fn crm_delete(state: &mut State, request: &Request, kind: &'static str) -> Reply {
    let id = request.param("id").to_owned();
    let removed = state
        .crm
        .get_mut(kind)
        .is_some_and(|collection| collection.remove(&id));
    if !removed {
        return not_found(kind);
    }
    state.links.retain(|(profile, link_kind, entity)| {
        !((kind == "profiles" && *profile == id) || (*link_kind == kind && *entity == id))
    });
    success(json!({}))
}

pub(super) fn link(state: &mut State, request: &Request, add: bool) -> Reply {
    let profile = request.param("id").to_owned();
    let Some(kind) = CRM_KINDS
        .iter()
        .copied()
        .find(|kind| *kind == request.param("kind") && *kind != "profiles")
    else {
        return not_found("Entity kind");
    };
    let entity = request.param("entityId").to_owned();
    let exists = |kind: &str, id: &str| state.crm.get(kind).is_some_and(|c| c.get(id).is_some());
    if !exists("profiles", &profile) || !exists(kind, &entity) {
        return not_found("Profile or entity");
    }
    let entry = (profile, kind, entity);
    if add {
        if !state.links.contains(&entry) {
            state.links.push(entry);
        }
    } else {
        state.links.retain(|existing| *existing != entry);
    }
    success(json!({}))
}

pub(super) fn search_customers(state: &mut State, request: &Request) -> Reply {
    let phone = request.query("phone").map(str::to_owned);
    let q = request.query("q").map(str::to_lowercase);
    let customers: Vec<Value> = state
        .crm
        .get("profiles")
        .map(|profiles| profiles.all().to_vec())
        .unwrap_or_default()
        .into_iter()
        .map(|profile| {
            let id = profile.get("id").and_then(id_text).unwrap_or_default();
            let mut customer = json!({"id": profile.get("id"), "profile": profile});
            for kind in ["addresses", "numbers", "socialAccounts"] {
                let linked: Vec<Value> = state
                    .links
                    .iter()
                    .filter(|(p, k, _)| *p == id && *k == kind)
                    .filter_map(|(_, _, entity)| {
                        state.crm.get(kind).and_then(|c| c.get(entity)).cloned()
                    })
                    .collect();
                customer[kind] = json!(linked);
            }
            customer
        })
        .filter(|customer| {
            phone.as_ref().is_none_or(|phone| {
                customer["numbers"].as_array().is_some_and(|numbers| {
                    numbers.iter().any(|n| {
                        n.get("number").and_then(id_text).as_deref() == Some(phone.as_str())
                    })
                })
            })
        })
        .filter(|customer| {
            q.as_ref()
                .is_none_or(|q| customer.to_string().to_lowercase().contains(q.as_str()))
        })
        .collect();
    page_up_to(&customers, request, 500)
}
