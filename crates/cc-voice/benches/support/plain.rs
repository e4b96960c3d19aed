//! What a user would write instead of cc-voice: plain serde structs for the calls listing, as
//! strict and as fast as serde's derive makes them (no unknown members kept, enums for the
//! documented values, no `Option` for members the example always shows), and the pages they
//! are measured on.
//!
//! Two readings, because the provider publishes two:
//! - [`seed`]: typed as the seed's example (`fixtures/cc-voice/calls/list.response.json`):
//!   numeric ids and DIDs, epoch-second integers, numeric page counters;
//! - [`spec`]: typed as Vonage's OpenAPI file (`shared/specs/vbc-telephony.yml`, `Call`,
//!   `CallLeg`): every member `type: string`, times `format: date-time` read by chrono.

#![allow(dead_code)]

use serde::Deserialize;

/// A call's direction, as the spec enumerates it.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    /// `inbound`.
    Inbound,
    /// `outbound`.
    Outbound,
}

/// A call's status, as the spec enumerates it.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// `busy`.
    Busy,
    /// `failed`.
    Failed,
    /// `unanswered`.
    Unanswered,
    /// `ringing`.
    Ringing,
    /// `on-call`.
    OnCall,
}

/// Typed as the seed's example.
pub mod seed {
    use super::{Direction, Status};
    use serde::Deserialize;

    /// `GET /cc/accounts/{account_id}/calls`.
    #[derive(Debug, Deserialize)]
    pub struct CallPage {
        pub calls: Vec<Call>,
        pub current_page: i64,
        pub first_page_uri: String,
        pub next_page: i64,
        pub next_page_uri: String,
        pub order: String,
        pub page_size: i64,
        pub pages: i64,
        pub previous_page_uri: String,
    }

    /// One call.
    #[derive(Debug, Deserialize)]
    pub struct Call {
        pub account_id: u64,
        pub call_id: String,
        pub direction: Direction,
        pub end_time: i64,
        pub from: u64,
        pub legs: Vec<Leg>,
        pub start_time: i64,
        pub status: Status,
        pub to: u64,
    }

    /// One leg.
    #[derive(Debug, Deserialize)]
    pub struct Leg {
        pub account_id: u64,
        pub call_id: String,
        pub direction: Direction,
        pub end_time: i64,
        pub from: u64,
        pub leg_id: String,
        pub start_time: i64,
        pub status: Status,
        pub to: u64,
    }
}

/// Typed as the OpenAPI file.
pub mod spec {
    use super::{Direction, Status};
    use chrono::{DateTime, Utc};
    use serde::Deserialize;

    /// `GET /cc/accounts/{account_id}/calls`.
    #[derive(Debug, Deserialize)]
    pub struct CallPage {
        pub calls: Vec<Call>,
        pub current_page: String,
        pub first_page_uri: String,
        pub next_page: String,
        pub next_page_uri: String,
        pub order: String,
        pub page_size: String,
        pub pages: String,
        pub previous_page_uri: String,
    }

    /// One call.
    #[derive(Debug, Deserialize)]
    pub struct Call {
        pub account_id: String,
        pub call_id: String,
        pub direction: Direction,
        pub end_time: DateTime<Utc>,
        pub from: String,
        pub legs: Vec<Leg>,
        pub start_time: DateTime<Utc>,
        pub status: Status,
        pub to: String,
    }

    /// One leg.
    #[derive(Debug, Deserialize)]
    pub struct Leg {
        pub account_id: String,
        pub call_id: String,
        pub direction: Direction,
        pub end_time: DateTime<Utc>,
        pub from: String,
        pub leg_id: String,
        pub start_time: DateTime<Utc>,
        pub status: Status,
        pub to: String,
    }
}

/// The provider's example page, its call repeated 50 times with distinct ids.
pub fn seed_page() -> String {
    fifty_calls(|_| {}).to_string()
}

/// The same 50 calls written as the OpenAPI file types them: ids, DIDs and page counters as
/// strings, times as RFC 3339 text.
pub fn spec_page() -> String {
    let mut page = fifty_calls(|object| {
        for (name, value) in object.iter_mut() {
            match (name.as_str(), &*value) {
                ("start_time" | "end_time", serde_json::Value::Number(seconds)) => {
                    let seconds = seconds.as_i64().expect("epoch seconds");
                    let moment = chrono::DateTime::from_timestamp(seconds, 0).expect("in range");
                    *value = moment
                        .to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
                        .into();
                }
                (_, serde_json::Value::Number(number)) => *value = number.to_string().into(),
                _ => {}
            }
        }
    });
    for counter in ["current_page", "next_page", "page_size", "pages"] {
        page[counter] = page[counter].to_string().into();
    }
    page.to_string()
}

fn fifty_calls(
    mut retype: impl FnMut(&mut serde_json::Map<String, serde_json::Value>),
) -> serde_json::Value {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../fixtures/cc-voice/calls/list.response.json"
    );
    let mut page: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).expect("the fixture")).expect("JSON");
    let call = page["calls"][0].clone();
    page["calls"] = (0..50)
        .map(|i| {
            let mut call = call.clone();
            call["call_id"] = format!("3fa85f64-5717-4562-b3fc-2c963f66{i:04}").into();
            for leg in call["legs"].as_array_mut().expect("legs") {
                retype(leg.as_object_mut().expect("a leg"));
            }
            retype(call.as_object_mut().expect("a call"));
            call
        })
        .collect();
    page
}
