//! Helpers shared by the transport's integration tests.
#![allow(dead_code)]

pub mod hostile;

use std::time::Duration;

use ccapi_transport::auth::Auth;
use ccapi_transport::envelope::{member_value, top_level_members};
use ccapi_transport::{
    BareJson, ClientConfig, Envelope, Failure, Opened, RetryPolicy, StatusCode, Transport,
};
use httpmock::MockServer;

/// A config pointing at `server`, with fast, jitter-free retries.
pub fn config(server: &MockServer) -> ClientConfig {
    ClientConfig::new(&server.base_url(), "ccapi-transport-tests/0")
        .expect("a valid base URL")
        .retry(RetryPolicy {
            initial_backoff: Duration::from_millis(10),
            jitter: false,
            ..RetryPolicy::default()
        })
}

/// A transport at `server` with `auth` and bare JSON.
pub fn transport(server: &MockServer, auth: impl Auth) -> Transport {
    Transport::new(config(server), auth, BareJson).expect("a transport")
}

/// A transport at `server` with `auth` and `envelope`.
pub fn transport_with(server: &MockServer, auth: impl Auth, envelope: impl Envelope) -> Transport {
    Transport::new(config(server), auth, envelope).expect("a transport")
}

/// A matcher for the raw (still encoded) path.
pub fn raw_path(
    expected: &'static str,
) -> impl Fn(&httpmock::HttpMockRequest) -> bool + Send + Sync {
    move |req| req.uri().path() == expected
}

/// A matcher for the raw query string, in order (`None`: no query at all).
pub fn raw_query(
    expected: Option<&'static str>,
) -> impl Fn(&httpmock::HttpMockRequest) -> bool + Send + Sync {
    move |req| req.uri().query() == expected
}

/// A Ziwo-like `{result, content, info}` envelope, written as a provider crate would:
/// `result: false` is a refusal whose message may sit in several places.
#[derive(Debug)]
pub struct ResultEnvelope;

impl Envelope for ResultEnvelope {
    fn open<'a>(&self, _status: StatusCode, body: &'a [u8]) -> Result<Opened<'a>, Failure> {
        let Some(mut members) = top_level_members(body) else {
            return Ok(Opened::Whole);
        };
        if members.get("result").map(|raw| member_value(raw)) == Some(serde_json::json!(false)) {
            let whole: serde_json::Value = serde_json::from_slice(body).unwrap_or_default();
            return Err(Failure::from_pointers(
                &whole,
                &[
                    "/error/message",
                    "/info/message",
                    "/message",
                    "/content/message",
                ],
                &["/error/code"],
            ));
        }
        let content = members.remove("content");
        let meta = members
            .into_iter()
            .filter(|(name, _)| name != "result")
            .map(|(name, raw)| (name, member_value(raw)))
            .collect();
        Ok(Opened::Member {
            payload: content,
            meta,
        })
    }
}
