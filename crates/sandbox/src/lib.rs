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
//! Every request is checked against its API's OpenAPI document ([`contract`]: the documents
//! `cargo xtask codegen` writes from the crates' manifests): a member, parameter or body of the
//! wrong type, or a required one missing, is refused with `400` in the provider's shape. A query
//! parameter the document does not declare is ignored, as the real services do, and named in
//! the journal ([`Options::strict_parameters`] refuses it instead): the providers' own clients
//! run against it unchanged (`tests/official_clients.rs`). Control routes under `/_sandbox/`
//! read the journal, inject faults and seed records ([`control`]). See `docs/sandbox.md` for
//! what each API serves.

// docs.rs builds with every feature and marks what each item needs.
#![cfg_attr(docsrs, feature(doc_cfg))]

mod agendize;
pub mod contract;
pub mod control;
pub mod credentials;
pub mod examples;
#[doc = include_str!("../guide.md")]
pub mod guide {}
mod iadvize;
pub mod journal;
pub mod router;
mod serve;
pub mod store;
mod vbc;
mod ziwo;

use std::net::SocketAddr;
use std::sync::{Mutex, MutexGuard};
use std::time::Duration;

use std::sync::Arc;

use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::{TokioIo, TokioTimer};
use serde_json::Value;
use tokio::net::TcpListener;
use tokio::sync::Semaphore;
use tokio::task::JoinHandle;

use contract::Contract;
use router::Router;
use serve::{serve, IdleTimeout};

/// How the sandbox runs, and the limits that protect it from hostile or careless clients.
#[derive(Debug, Clone)]
pub struct Options {
    /// The port on 127.0.0.1 (0: any free port).
    pub port: u16,
    /// How long issued tokens (Ziwo logins, VBC access tokens) live, so refresh paths can be
    /// exercised.
    pub token_ttl: Duration,
    /// The largest request body read (default 1 MiB). Larger bodies are answered 413 in the
    /// provider's error shape: from `Content-Length` before reading anything, or as soon as a
    /// chunked body passes the limit.
    pub max_body_bytes: usize,
    /// Connections served at once (default 256). Further clients wait in the listen backlog.
    pub max_connections: usize,
    /// How long a client may take to send a request's headers, and how long an idle keep-alive
    /// connection may wait for its next request (default 10 s). hyper starts this timer
    /// whenever it waits for a request head.
    pub header_read_timeout: Duration,
    /// A connection on which nothing is read or written for this long is closed (default
    /// 30 s): a client that stops mid-body, or holds a connection open without using it.
    pub idle_timeout: Duration,
    /// How many requests the journal keeps ([`Sandbox::requests`]; default 256, the newest;
    /// 0 keeps none).
    pub journal_entries: usize,
    /// How much of each request body the journal keeps (default 16 KiB).
    pub journal_body_bytes: usize,
    /// Refuse a query parameter the API's document does not declare (`400 Unknown parameter
    /// 'x'.`). Off by default: the real services ignore what they do not know (Ziwo's web
    /// client sends a `bc` cache-buster on every request), and so does the sandbox, naming
    /// what it ignored in the journal ([`journal::Recorded::ignored_parameters`]).
    pub strict_parameters: bool,
    /// How many records each resource keeps (default 10,000): past it, a create answers `409`
    /// in the provider's shape with a message naming this limit; nothing is dropped silently.
    pub max_records: usize,
    /// The most fields a form body may have (default 1,000): a larger form is answered `413` in
    /// the provider's shape, counted before anything parses it.
    pub max_form_fields: usize,
    /// The slowest a request body may arrive, in bytes a second over the whole body, after its
    /// first half second (default 1,024; 0: no minimum): a client that trickles its body is
    /// answered `408` and its connection freed.
    pub min_body_rate: u32,
    /// Also append each journal entry to this file, one JSON line each (`ccapi sandbox
    /// --journal FILE`), credentials redacted as in [`Sandbox::requests`]. The file is not
    /// bounded: it holds what you asked it to.
    pub journal_file: Option<std::path::PathBuf>,
    /// The largest seed document `POST /_sandbox/seed` reads (default 64 MiB).
    pub max_seed_bytes: usize,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            port: 0,
            token_ttl: Duration::from_secs(3600),
            max_body_bytes: 1024 * 1024,
            max_connections: 256,
            header_read_timeout: Duration::from_secs(10),
            idle_timeout: Duration::from_secs(30),
            journal_entries: 256,
            journal_body_bytes: 16 * 1024,
            strict_parameters: false,
            max_records: store::DEFAULT_MAX_RECORDS,
            max_form_fields: 1_000,
            min_body_rate: 1_024,
            journal_file: None,
            max_seed_bytes: 64 * 1024 * 1024,
        }
    }
}

/// A running sandbox. Dropping it stops the server.
#[derive(Debug)]
pub struct Sandbox {
    address: SocketAddr,
    task: JoinHandle<()>,
    routes: Vec<RouteInfo>,
    shared: Arc<Shared>,
}

/// One route the sandbox serves.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct RouteInfo {
    /// The HTTP method the route answers.
    pub method: hyper::Method,
    /// The path template from the server's root (`/iadvize/api/2/visitor/{id}`).
    pub path: String,
    /// Served without credentials (logins, token endpoints).
    pub open: bool,
    /// Answers the operation's documented example rather than state ([`router::Example`]).
    pub example: bool,
}

/// Where each API is mounted, from the sandbox's root URL: a sandbox started elsewhere (`ccapi
/// sandbox`) is reached at `root` + these paths.
pub mod paths {
    /// Agendize (both Agendize crates).
    pub const AGENDIZE: &str = "/agendize/api/2.0";
    /// Ziwo (the three Ziwo crates).
    pub const ZIWO: &str = "/ziwo";
    /// iAdvize.
    pub const IADVIZE: &str = "/iadvize/api/2";
    /// The VBC Telephony API (cc-voice).
    pub const VBC: &str = "/vbc/t/vbc.prod/telephony/v3";
    /// The VBC OAuth2 token endpoint.
    pub const VBC_TOKEN: &str = "/vbc/token";
}

/// The root of the VBC router: its token endpoint and its API are under it.
const VBC_ROOT: &str = "/vbc";

/// The segments of a mount path (`/iadvize/api/2`: `iadvize`, `api`, `2`).
fn segments(mount: &'static str) -> Vec<&'static str> {
    mount
        .split('/')
        .filter(|segment| !segment.is_empty())
        .collect()
}

/// One mounted API: its name (the key of a seed document), its path prefix segments and its
/// routes.
struct Mount {
    name: &'static str,
    prefix: Vec<&'static str>,
    router: Router,
}

/// The mounted APIs.
struct Mounts(Vec<Mount>);

impl Mounts {
    /// Every API under its mount, with its stateful routes, its examples and its contract.
    fn new(options: &Options) -> Self {
        // One router answers the VBC token endpoint and, under it, the API.
        let vbc_api = paths::VBC.strip_prefix(VBC_ROOT).unwrap_or(paths::VBC);
        Self(vec![
            Mount {
                name: "agendize",
                prefix: segments(paths::AGENDIZE),
                router: agendize::router(options.max_records)
                    .with_examples("", examples::AGENDIZE)
                    .with_contract(
                        Contract::new(
                            "",
                            &[
                                include_str!("../openapi/agendize-calls.json"),
                                include_str!("../openapi/agendize-resellers.json"),
                            ],
                        )
                        .strict_parameters(options.strict_parameters),
                    ),
            },
            Mount {
                name: "ziwo",
                prefix: segments(paths::ZIWO),
                router: ziwo::router(options.token_ttl, options.max_records)
                    .with_examples("", examples::ZIWO)
                    .with_contract(
                        Contract::new(
                            "",
                            &[
                                include_str!("../openapi/ziwo-admin.json"),
                                include_str!("../openapi/ziwo-cti.json"),
                                include_str!("../openapi/ziwo-crm.json"),
                            ],
                        )
                        .strict_parameters(options.strict_parameters),
                    ),
            },
            Mount {
                name: "iadvize",
                prefix: segments(paths::IADVIZE),
                router: iadvize::router(options.max_records)
                    .with_examples("", examples::IADVIZE)
                    .with_contract(
                        Contract::new("", &[include_str!("../openapi/iadvize-rest.json")])
                            .strict_parameters(options.strict_parameters),
                    ),
            },
            Mount {
                name: "vbc",
                prefix: segments(VBC_ROOT),
                router: vbc::router(options.token_ttl, options.max_records)
                    .with_examples(vbc_api, examples::VBC)
                    .with_contract(
                        Contract::new(vbc_api, &[include_str!("../openapi/cc-voice.json")])
                            .strict_parameters(options.strict_parameters),
                    ),
            },
        ])
    }

    /// Every route, from the server's root.
    fn routes(&self) -> Vec<RouteInfo> {
        self.0
            .iter()
            .flat_map(|mount| {
                mount
                    .router
                    .routes()
                    .map(move |(method, template, open, example)| RouteInfo {
                        method: method.clone(),
                        path: format!("/{}{template}", mount.prefix.join("/")),
                        open,
                        example,
                    })
            })
            .collect()
    }
}

/// Every route a sandbox started with `options` serves, without starting one: what
/// `cargo xtask codegen` reads to know which operations have a stateful route.
pub fn route_table(options: &Options) -> Vec<RouteInfo> {
    Mounts::new(options).routes()
}

/// What every connection shares: the APIs, the journal, the fault rules and the limits.
pub(crate) struct Shared {
    pub(crate) mounts: Mounts,
    pub(crate) journal: journal::Journal,
    pub(crate) faults: control::faults::Faults,
    pub(crate) limits: Limits,
    pub(crate) max_seed_bytes: usize,
}

impl std::fmt::Debug for Shared {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Shared")
            .field("faults", &self.faults)
            .finish_non_exhaustive()
    }
}

impl Shared {
    /// Whether what a fault names is one of the sandbox's: an operation of its documents, or a
    /// route's template (or a path one matches).
    pub(crate) fn known(&self, fault: &control::faults::Fault) -> Result<(), String> {
        use control::faults::Target;
        match &fault.target {
            Target::Operation(id) => self
                .mounts
                .0
                .iter()
                .any(|mount| mount.router.operation_ids().contains(&id.as_str()))
                .then_some(())
                .ok_or_else(|| {
                    format!(
                        "no operation `{id}` in the sandbox's documents (the ids of docs/openapi)"
                    )
                }),
            Target::Path { method, template } => {
                let shape = contract::shape_of(template);
                let segments: Vec<String> = template
                    .split('/')
                    .filter(|segment| !segment.is_empty())
                    .map(str::to_owned)
                    .collect();
                let routed = self.mounts.routes().iter().any(|route| {
                    method
                        .as_deref()
                        .is_none_or(|method| route.method == method)
                        && (contract::shape_of(&route.path) == shape
                            || self.mounts.0.iter().any(|mount| {
                                segments.starts_with(
                                    &mount
                                        .prefix
                                        .iter()
                                        .map(|s| (*s).to_owned())
                                        .collect::<Vec<_>>(),
                                ) && mount
                                    .router
                                    .find(&route.method, &segments[mount.prefix.len()..])
                                    .is_some()
                            }))
                });
                routed
                    .then_some(())
                    .ok_or_else(|| format!("no route of the sandbox matches `{template}`"))
            }
        }
    }
}

/// What `serve` enforces per request.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Limits {
    max_body_bytes: usize,
    max_form_fields: usize,
    min_body_rate: u32,
}

const ACCEPT_BACKOFF_START: Duration = Duration::from_millis(10);
/// Short enough that a freed descriptor is used within a tenth of a second; long enough that a
/// sandbox out of descriptors wakes 20 times a second, not millions.
const ACCEPT_BACKOFF_MAX: Duration = Duration::from_millis(50);

/// Errors of `accept` that mean "no more resources for now" (descriptors, buffers, memory).
fn is_resource_exhaustion(error: &std::io::Error) -> bool {
    // EMFILE 24, ENFILE 23, ENOBUFS 105, ENOMEM 12 on Linux.
    matches!(error.raw_os_error(), Some(24 | 23 | 105 | 12))
}

impl Sandbox {
    /// Starts a sandbox on a free port with the default options.
    pub async fn start() -> std::io::Result<Self> {
        Self::start_with(Options::default()).await
    }

    /// Starts a sandbox with `options`.
    pub async fn start_with(options: Options) -> std::io::Result<Self> {
        let listener = TcpListener::bind(("127.0.0.1", options.port)).await?;
        let address = listener.local_addr()?;
        let mounts = Mounts::new(&options);
        let routes = mounts.routes();
        let shared = Arc::new(Shared {
            mounts,
            journal: journal::Journal::new(
                options.journal_entries,
                options.journal_body_bytes,
                options.journal_file.as_deref(),
            )?,
            faults: control::faults::Faults::default(),
            limits: Limits {
                max_body_bytes: options.max_body_bytes,
                max_form_fields: options.max_form_fields,
                min_body_rate: options.min_body_rate,
            },
            max_seed_bytes: options.max_seed_bytes,
        });
        let connections = Arc::new(Semaphore::new(options.max_connections.max(1)));
        let serving = shared.clone();
        let task = tokio::spawn(async move {
            let mut backoff = ACCEPT_BACKOFF_START;
            loop {
                // Wait for a free connection slot before accepting: past the cap, clients wait
                // in the kernel's backlog instead of costing memory here.
                let Ok(permit) = connections.clone().acquire_owned().await else {
                    return;
                };
                let (stream, remote) = match listener.accept().await {
                    Ok(accepted) => {
                        backoff = ACCEPT_BACKOFF_START;
                        accepted
                    }
                    Err(error) => {
                        // Out of descriptors (EMFILE, ENFILE) or another transient failure:
                        // back off instead of spinning; open connections keep being served by
                        // their own tasks meanwhile.
                        drop(permit);
                        let pause = if is_resource_exhaustion(&error) {
                            backoff
                        } else {
                            ACCEPT_BACKOFF_START
                        };
                        tokio::time::sleep(pause).await;
                        backoff = (backoff * 2).min(ACCEPT_BACKOFF_MAX);
                        continue;
                    }
                };
                let shared = serving.clone();
                let options = options.clone();
                tokio::spawn(async move {
                    let _permit = permit;
                    let service = service_fn(move |request| {
                        let shared = shared.clone();
                        async move { serve(&shared, remote, request).await }
                    });
                    let io = IdleTimeout::new(TokioIo::new(stream), options.idle_timeout);
                    // A client hanging up mid-request is not the sandbox's failure.
                    let _ = http1::Builder::new()
                        .timer(TokioTimer::new())
                        .header_read_timeout(options.header_read_timeout)
                        .serve_connection(io, service)
                        .await;
                });
            }
        });
        Ok(Self {
            address,
            task,
            routes,
            shared,
        })
    }

    /// The requests received, oldest first (the newest [`Options::journal_entries`]), with
    /// credentials redacted: what a downstream service's test asserts it sent. See
    /// [`journal`].
    pub fn requests(&self) -> Vec<journal::Recorded> {
        self.shared.journal.requests()
    }

    /// How many requests the journal dropped to stay within [`Options::journal_entries`].
    pub fn requests_dropped(&self) -> u64 {
        self.shared.journal.dropped()
    }

    /// Empties the journal (between the steps of a test).
    pub fn clear_requests(&self) {
        self.shared.journal.clear();
    }

    /// Adds a fault rule ([`control::faults`]): the next matching requests fail as it says.
    /// Refused when it cannot apply (a status outside 400 to 599, an operation the sandbox does
    /// not serve, ...).
    pub fn inject(&self, fault: control::faults::Fault) -> Result<(), control::faults::FaultError> {
        fault
            .check()
            .and_then(|()| self.shared.known(&fault))
            .map_err(control::faults::FaultError)?;
        self.shared.faults.add(fault);
        Ok(())
    }

    /// The fault rules still waiting (a counted rule goes once it has fired its count).
    pub fn faults(&self) -> Vec<control::faults::Fault> {
        self.shared.faults.list()
    }

    /// Removes every fault rule.
    pub fn clear_faults(&self) {
        self.shared.faults.clear();
    }

    /// Loads records into the providers' resources ([`control::seed`]); returns how many each
    /// resource took.
    pub fn seed(&self, document: &Value) -> Result<Value, control::seed::SeedError> {
        control::seed::apply(&self.shared.mounts, document)
    }

    /// Every route served, in the order they are tried.
    pub fn routes(&self) -> &[RouteInfo] {
        &self.routes
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
        format!("{}{}", self.url(), paths::AGENDIZE)
    }

    /// Base URL of the Ziwo instance (the three Ziwo crates).
    pub fn ziwo_url(&self) -> String {
        format!("{}{}", self.url(), paths::ZIWO)
    }

    /// Base URL of the iAdvize REST API.
    pub fn iadvize_url(&self) -> String {
        format!("{}{}", self.url(), paths::IADVIZE)
    }

    /// Base URL of the VBC Telephony API (cc-voice).
    pub fn vbc_url(&self) -> String {
        format!("{}{}", self.url(), paths::VBC)
    }

    /// The VBC OAuth2 token endpoint.
    pub fn vbc_token_url(&self) -> String {
        format!("{}{}", self.url(), paths::VBC_TOKEN)
    }
}

impl Drop for Sandbox {
    fn drop(&mut self) {
        self.task.abort();
    }
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
