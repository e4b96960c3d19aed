//! Seeding: records loaded into the providers' resources, so a service can be tested against
//! 10,000 conversations or calls. A seed document names each API (`agendize`, `ziwo`,
//! `iadvize`, `vbc`) and, under it, resources with their records (JSON objects, in the
//! provider's own shape):
//!
//! ```json
//! {"iadvize": {"conversation": [{"id": 1, "channel": "chat"}]}, "ziwo": {"calls": []}}
//! ```
//!
//! | API | resources |
//! |---|---|
//! | `agendize` | `calltrackings`, `accounts` |
//! | `ziwo` | `calltrackers`, `calls` (the call history), `agents`, `queues`, `numbers`, `crm.profiles`, `crm.addresses`, `crm.numbers`, `crm.socialAccounts` |
//! | `iadvize` | `client`, `website`, `operator`, `group`, `skill`, `conversation`, `tag`, `transaction`, `satisfaction`, `visitor`, `callmeeting` |
//! | `vbc` | `calls` (each with its `legs`, by `call_id`), `devices` (by `mac_address`) |
//!
//! A record with the id of one the sandbox holds replaces it; one without an id gets a fresh
//! one. The whole document is checked before anything is loaded (APIs, resources, records that
//! are objects); a resource whose records would pass
//! [`Options::max_records`](crate::Options::max_records) is refused whole, and what the
//! document listed before it stays loaded.

use serde_json::{Map, Value};

use crate::Mounts;

/// Why a seed document was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeedError {
    /// The HTTP status `POST /_sandbox/seed` answers (400: the document; 409: a limit).
    pub status: u16,
    /// What was wrong, naming the API and resource.
    pub message: String,
}

impl std::fmt::Display for SeedError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for SeedError {}

fn refused(message: String) -> SeedError {
    SeedError {
        status: 400,
        message,
    }
}

/// Loads `document`; returns how many records each resource took (`{"iadvize":
/// {"conversation": 10000}}`).
pub(crate) fn apply(mounts: &Mounts, document: &Value) -> Result<Value, SeedError> {
    let apis = document
        .as_object()
        .ok_or_else(|| refused("a seed document is a JSON object of APIs".into()))?;
    let names: Vec<&str> = mounts.0.iter().map(|mount| mount.name).collect();
    let mut plan = Vec::new();
    for (api, resources) in apis {
        let mount = mounts
            .0
            .iter()
            .find(|mount| mount.name == api)
            .ok_or_else(|| refused(format!("no API `{api}`; the sandbox has {names:?}")))?;
        let resources = resources
            .as_object()
            .ok_or_else(|| refused(format!("`{api}` is an object of resources")))?;
        let known = mount.router.seeded_resources();
        for (resource, records) in resources {
            if !known.contains(&resource.as_str()) {
                return Err(refused(format!(
                    "`{api}` has no resource `{resource}`; it seeds {known:?}"
                )));
            }
            let records = records
                .as_array()
                .ok_or_else(|| refused(format!("`{api}.{resource}` is a list of records")))?;
            let mut objects = Vec::with_capacity(records.len());
            for (index, record) in records.iter().enumerate() {
                match record {
                    Value::Object(members) => objects.push(members.clone()),
                    _ => {
                        return Err(refused(format!(
                            "`{api}.{resource}[{index}]` is not a JSON object"
                        )))
                    }
                }
            }
            plan.push((mount, api, resource, objects));
        }
    }
    let mut report = Map::new();
    for (mount, api, resource, records) in plan {
        let count = mount
            .router
            .seed(resource, records)
            .map_err(|full| SeedError {
                status: 409,
                message: format!(
                    "`{api}.{resource}`: {full}; loaded before it: {}",
                    Value::Object(report.clone())
                ),
            })?;
        let entry = report
            .entry(api.clone())
            .or_insert_with(|| Value::Object(Map::new()));
        entry[resource.as_str()] = Value::from(count);
    }
    Ok(Value::Object(report))
}
