//! Agendize models: generated from `fixtures/agendize-core` (see `docs/codegen.md`), plus the
//! hand-written types a sample cannot express.

mod generated;

pub use generated::*;

use serde::{Deserialize, Serialize};

/// A watch's custom schema for the delivered resource, in one of the two forms Agendize accepts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum WatchSchema {
    /// A JSON object whose string values are `{property}` placeholders (string values only):
    /// `{"my_id_key": "{id}", "dataContent": {"givenName": "{firstName}"}}`.
    Object(serde_json::Map<String, serde_json::Value>),
    /// A template string with `${$.path}` JSONPath placeholders, which keeps typed values:
    /// `"my_id_key": ${$.id}, "dataContent": {"fullName": "${$.firstName} ${$.lastName}"}`.
    Template(String),
}

/// A list response: `{"items": [...]}` (Agendize lists are not paged).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[non_exhaustive]
pub struct Items<T> {
    /// The resources (none when the member is missing).
    pub items: Vec<T>,
    /// Members of the list response other than `items`, in the order received.
    #[serde(flatten)]
    pub extra: ccapi_transport::model::Extra,
}

ccapi_transport::lossless!(Items<T> { optional items = "items" });
