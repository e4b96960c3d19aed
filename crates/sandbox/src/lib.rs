//! A stateful local stand-in for the seven APIs of the ccapi crates, so you can develop and test
//! without a provider account: one HTTP server on 127.0.0.1, every API under its own prefix,
//! state seeded from the workspace's `fixtures/`, credentials checked like the real services.
//!
//! ```
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> std::io::Result<()> {
//! let sandbox = ccapi_sandbox::Sandbox::start().await?;
//! println!("Agendize at {}", sandbox.agendize_url());
//! println!("VBC token endpoint at {}", sandbox.vbc_token_url());
//! // Stops when dropped.
//! # Ok(()) }
//! ```
//!
//! | API | base URL | credentials ([`credentials`]) |
//! |---|---|---|
//! | Agendize | `{root}/agendize/api/2.0` | `apiKey` + `token`, or a bearer token |
//! | Ziwo | `{root}/ziwo` | login (`POST /auth/login`) issuing expiring tokens, or `api_key` |
//! | iAdvize | `{root}/iadvize/api/2` | `X-API-Key` (or `key`, or Basic) |
//! | VBC (cc-voice) | `{root}/vbc/t/vbc.prod/telephony/v3`, token at `{root}/vbc/token` | OAuth2 password / refresh token; single-use refresh tokens; expiring access tokens |
//!
//! See `docs/sandbox.md` for what each API serves.

mod agendize;
pub mod credentials;
mod iadvize;
pub mod router;
pub mod store;
mod vbc;
mod ziwo;

use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::{Mutex, MutexGuard};
use std::time::Duration;

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Response, StatusCode};
use hyper_util::rt::TokioIo;
use serde_json::Value;
use tokio::net::TcpListener;
use tokio::task::JoinHandle;

use router::{Reply, Request, Router};

/// How the sandbox runs.
#[derive(Debug, Clone)]
pub struct Options {
    /// The port on 127.0.0.1 (0: any free port).
    pub port: u16,
    /// How long issued tokens (Ziwo logins, VBC access tokens) live, so refresh paths can be
    /// exercised.
    pub token_ttl: Duration,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            port: 0,
            token_ttl: Duration::from_secs(3600),
        }
    }
}

/// A running sandbox. Dropping it stops the server.
#[derive(Debug)]
pub struct Sandbox {
    address: SocketAddr,
    task: JoinHandle<()>,
}

/// The mounted APIs: path prefix segments and their routes.
struct Mounts(Vec<(Vec<&'static str>, Router)>);

impl Sandbox {
    /// Starts a sandbox on a free port with the default options.
    pub async fn start() -> std::io::Result<Self> {
        Self::start_with(Options::default()).await
    }

    /// Starts a sandbox with `options`.
    pub async fn start_with(options: Options) -> std::io::Result<Self> {
        let listener = TcpListener::bind(("127.0.0.1", options.port)).await?;
        let address = listener.local_addr()?;
        let mounts = std::sync::Arc::new(Mounts(vec![
            (vec!["agendize", "api", "2.0"], agendize::router()),
            (vec!["ziwo"], ziwo::router(options.token_ttl)),
            (vec!["iadvize", "api", "2"], iadvize::router()),
            (vec!["vbc"], vbc::router(options.token_ttl)),
        ]));
        let task = tokio::spawn(async move {
            loop {
                let Ok((stream, _)) = listener.accept().await else {
                    continue;
                };
                let mounts = mounts.clone();
                tokio::spawn(async move {
                    let service = service_fn(move |request| {
                        let mounts = mounts.clone();
                        async move { Ok::<_, Infallible>(serve(&mounts, request).await) }
                    });
                    // A client hanging up mid-request is not the sandbox's failure.
                    let _ = http1::Builder::new()
                        .serve_connection(TokioIo::new(stream), service)
                        .await;
                });
            }
        });
        Ok(Self { address, task })
    }

    /// `http://127.0.0.1:PORT`.
    pub fn url(&self) -> String {
        format!("http://{}", self.address)
    }

    /// The address the sandbox listens on.
    pub fn address(&self) -> SocketAddr {
        self.address
    }

    /// Base URL of the Agendize API (both Agendize crates).
    pub fn agendize_url(&self) -> String {
        format!("{}/agendize/api/2.0", self.url())
    }

    /// Base URL of the Ziwo instance (the three Ziwo crates).
    pub fn ziwo_url(&self) -> String {
        format!("{}/ziwo", self.url())
    }

    /// Base URL of the iAdvize REST API.
    pub fn iadvize_url(&self) -> String {
        format!("{}/iadvize/api/2", self.url())
    }

    /// Base URL of the VBC Telephony API (cc-voice).
    pub fn vbc_url(&self) -> String {
        format!("{}/vbc/t/vbc.prod/telephony/v3", self.url())
    }

    /// The VBC OAuth2 token endpoint.
    pub fn vbc_token_url(&self) -> String {
        format!("{}/vbc/token", self.url())
    }
}

impl Drop for Sandbox {
    fn drop(&mut self) {
        self.task.abort();
    }
}

async fn serve(mounts: &Mounts, request: hyper::Request<Incoming>) -> Response<Full<Bytes>> {
    let (parts, body) = request.into_parts();
    let body = body
        .collect()
        .await
        .map(|b| b.to_bytes())
        .unwrap_or_default();
    let segments: Vec<String> = parts
        .uri
        .path()
        .split('/')
        .filter(|segment| !segment.is_empty())
        .map(percent_decode)
        .collect();
    let query = url::form_urlencoded::parse(parts.uri.query().unwrap_or("").as_bytes())
        .into_owned()
        .collect();
    let mut request = Request {
        method: parts.method,
        path: parts.uri.path().to_owned(),
        params: Default::default(),
        query,
        headers: parts.headers,
        body,
    };
    let reply = mounts
        .0
        .iter()
        .find_map(|(prefix, router)| {
            let rest = segments.strip_prefix(&prefix.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>()[..])?;
            router.dispatch(&mut request, rest)
        })
        .unwrap_or_else(|| {
            Reply::json(
                StatusCode::NOT_FOUND,
                &serde_json::json!({"message": format!("the sandbox has no route {} {}", request.method, request.path)}),
            )
        });
    let mut response = Response::new(Full::new(reply.body));
    *response.status_mut() = reply.status;
    if let Ok(value) = hyper::header::HeaderValue::from_str(reply.content_type) {
        response
            .headers_mut()
            .insert(hyper::header::CONTENT_TYPE, value);
    }
    response
}

fn percent_decode(segment: &str) -> String {
    percent_encoding::percent_decode_str(segment)
        .decode_utf8_lossy()
        .into_owned()
}

/// The items at `pointer` of a fixture document (`""`: the document is the list).
pub(crate) fn seed_items(text: &str, pointer: &str) -> Vec<Value> {
    let document: Value = serde_json::from_str(text).unwrap_or(Value::Null);
    match document.pointer(pointer) {
        Some(Value::Array(items)) => items.clone(),
        Some(Value::Object(_)) => vec![document.pointer(pointer).cloned().unwrap_or(Value::Null)],
        _ => Vec::new(),
    }
}

/// Locks state, recovering from a handler that panicked (the state is replaced whole).
pub(crate) fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Now, as `YYYY-MM-DDTHH:MM:SS` in UTC (no offset, as Agendize writes creation times).
pub(crate) fn now_local() -> String {
    let seconds = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    let days = seconds / 86_400;
    let (hour, minute, second) = (
        (seconds % 86_400) / 3600,
        (seconds % 3600) / 60,
        seconds % 60,
    );
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}T{hour:02}:{minute:02}:{second:02}")
}

/// Seconds since the epoch.
pub(crate) fn epoch_seconds() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}
