//! One request and one connection: the route, the admission check and the method before the
//! body is read, the body read within its limit, injected faults, and connections closed when
//! idle.

use std::net::SocketAddr;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use std::future::Future as _;

use bytes::Bytes;
use http_body_util::{BodyExt, LengthLimitError, Limited};
use hyper::body::{Frame, Incoming, SizeHint};
use hyper::{Response, StatusCode};

use crate::control::faults::{Effect, Routed};
use crate::router::{Reply, Request};
use crate::{control, Limits, Shared};

/// A fault closed the connection without an answer: hyper drops it.
#[derive(Debug)]
pub(crate) struct Reset;

impl std::fmt::Display for Reset {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("connection reset by an injected fault")
    }
}

impl std::error::Error for Reset {}

/// An answer's body: whole, or cut halfway by a fault (its `Content-Length` the whole length;
/// after the first half, a pause so that it is flushed, then an error that makes hyper close the
/// connection).
pub(crate) enum Answer {
    Whole(Option<Bytes>),
    Cut {
        part: Option<Bytes>,
        whole: u64,
        pause: Option<Pin<Box<tokio::time::Sleep>>>,
    },
}

/// How long a cut answer waits after its first half, for it to reach the client.
const CUT_PAUSE: Duration = Duration::from_millis(50);

impl hyper::body::Body for Answer {
    type Data = Bytes;
    type Error = std::io::Error;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, std::io::Error>>> {
        match self.get_mut() {
            Self::Whole(body) => Poll::Ready(body.take().map(|bytes| Ok(Frame::data(bytes)))),
            Self::Cut { part, pause, .. } => {
                if let Some(bytes) = part.take() {
                    return Poll::Ready(Some(Ok(Frame::data(bytes))));
                }
                let pause = pause.get_or_insert_with(|| Box::pin(tokio::time::sleep(CUT_PAUSE)));
                match pause.as_mut().poll(cx) {
                    Poll::Pending => Poll::Pending,
                    Poll::Ready(()) => Poll::Ready(Some(Err(std::io::Error::new(
                        std::io::ErrorKind::ConnectionAborted,
                        "answer truncated by an injected fault",
                    )))),
                }
            }
        }
    }

    fn is_end_stream(&self) -> bool {
        matches!(self, Self::Whole(None))
    }

    fn size_hint(&self) -> SizeHint {
        match self {
            Self::Whole(body) => SizeHint::with_exact(body.as_ref().map_or(0, |b| b.len() as u64)),
            Self::Cut { whole, .. } => SizeHint::with_exact(*whole),
        }
    }
}

/// `reply` as a response; cut halfway when `truncate`.
pub(crate) fn respond(reply: Reply, truncate: bool) -> Response<Answer> {
    let body = if truncate && reply.body.len() > 1 {
        Answer::Cut {
            whole: reply.body.len() as u64,
            part: Some(reply.body.slice(..reply.body.len() / 2)),
            pause: None,
        }
    } else {
        Answer::Whole(Some(reply.body).filter(|body| !body.is_empty()))
    };
    let mut response = Response::new(body);
    *response.status_mut() = reply.status;
    let headers = response.headers_mut();
    if let Ok(value) = hyper::header::HeaderValue::from_str(reply.content_type) {
        headers.insert(hyper::header::CONTENT_TYPE, value);
    }
    if let Some(seconds) = reply.retry_after {
        headers.insert(hyper::header::RETRY_AFTER, seconds.into());
    }
    response
}

/// One request: route, method and credentials are decided before the body is read; an unknown
/// route never reads it; a body over the limit is refused from its `Content-Length`, or as soon
/// as a chunked body passes the limit; a handler that panics answers 500 instead of dropping
/// the connection. The control routes (`/_sandbox/...`) are served to loopback clients only.
pub(crate) async fn serve(
    shared: &Shared,
    remote: SocketAddr,
    request: hyper::Request<Incoming>,
) -> Result<Response<Answer>, Reset> {
    let (parts, body) = request.into_parts();
    if control::is_control_path(parts.uri.path()) {
        return Ok(respond(
            control::serve(shared, remote, parts, body).await,
            false,
        ));
    }
    let (mounts, limits, journal) = (&shared.mounts, shared.limits, &shared.journal);
    let uri = parts.uri.clone();
    let mut body_read = false;
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
        body: Bytes::new(),
        fields: None,
        ignored_parameters: Vec::new(),
    };
    // The API whose mount the path is under, and the rest of the path.
    let mounted = mounts.0.iter().find_map(|mount| {
        let prefix = &mount.prefix;
        let under = segments.len() >= prefix.len()
            && segments
                .iter()
                .zip(prefix)
                .all(|(segment, part)| segment == part);
        under.then(|| (mount, &segments[prefix.len()..]))
    });
    let found = mounted.and_then(|(mount, rest)| {
        mount
            .router
            .find(&request.method, rest)
            .map(|matched| (mount, matched))
    });
    let no_route = format!(
        "the sandbox has no route {} {}",
        request.method, request.path
    );
    let fault = found.as_ref().and_then(|(mount, matched)| {
        let template = format!("/{}{}", mount.prefix.join("/"), matched.template());
        shared.faults.take(&Routed {
            method: request.method.as_str(),
            path: &request.path,
            template: &template,
            operation: mount
                .router
                .operation_id(&request.method, matched.template()),
        })
    });
    match fault {
        Some(Effect::Reset) => {
            journal.record(&request.method, &uri, &request.headers, None, 0, Vec::new());
            return Err(Reset);
        }
        Some(Effect::Delay(delay)) => tokio::time::sleep(delay).await,
        _ => {}
    }
    let injected = match fault {
        Some(Effect::Status {
            status,
            retry_after,
        }) => Some((status, retry_after)),
        _ => None,
    };
    let reply = match (found, mounted, injected) {
        // Under a provider's mount, its own not-found shape: clients read it as that provider's
        // error (iAdvize's PHP client takes an answer without `meta` for a success).
        (None, Some((mount, _)), _) => mount.router.error(StatusCode::NOT_FOUND, &no_route),
        (None, None, _) => Reply::json(
            StatusCode::NOT_FOUND,
            &serde_json::json!({ "message": no_route }),
        ),
        (Some((mount, _)), _, Some((status, retry_after))) => {
            let status = StatusCode::from_u16(status).unwrap_or(StatusCode::SERVICE_UNAVAILABLE);
            Reply {
                retry_after,
                ..mount
                    .router
                    .error(status, "a fault injected in the sandbox")
            }
        }
        (Some((mount, matched)), _, None) => {
            let router = &mount.router;
            let refused = matched.guarded().then(|| router.refuse(&request)).flatten();
            match refused {
                Some(reply) => reply,
                None => match read_body(body, &request.headers, limits).await {
                    Err(BodyRefused::TooLarge) => router.error(
                        StatusCode::PAYLOAD_TOO_LARGE,
                        &format!(
                            "the request body is larger than {} bytes",
                            limits.max_body_bytes
                        ),
                    ),
                    Err(BodyRefused::TooSlow) => router.error(
                        StatusCode::REQUEST_TIMEOUT,
                        &format!(
                            "the request body arrived slower than {} bytes a second",
                            limits.min_body_rate
                        ),
                    ),
                    Err(BodyRefused::Broken) => router.error(
                        StatusCode::BAD_REQUEST,
                        "the request body could not be read",
                    ),
                    Ok(bytes) if too_many_form_fields(&bytes, limits) => router.error(
                        StatusCode::PAYLOAD_TOO_LARGE,
                        &format!("the form has more than {} fields", limits.max_form_fields),
                    ),
                    Ok(bytes) => {
                        request.body = bytes;
                        body_read = true;
                        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                            match router.check(&matched, &mut request) {
                                Some(refusal) => refusal,
                                None => matched.reply(&mut request),
                            }
                        }))
                        .unwrap_or_else(|_| {
                            router.error(StatusCode::INTERNAL_SERVER_ERROR, "the sandbox failed")
                        })
                    }
                },
            }
        }
    };
    journal.record(
        &request.method,
        &uri,
        &request.headers,
        body_read.then_some(&request.body[..]),
        reply.status.as_u16(),
        std::mem::take(&mut request.ignored_parameters),
    );
    Ok(respond(reply, matches!(fault, Some(Effect::Truncate))))
}

/// Why a body was not read.
pub(crate) enum BodyRefused {
    /// Over the limit (announced or read).
    TooLarge,
    /// Slower than the minimum rate.
    TooSlow,
    /// The client broke off or sent a malformed body.
    Broken,
}

/// How long any body may take before the minimum rate applies.
const BODY_GRACE: Duration = Duration::from_millis(500);

/// Reads the body within `limits`: at most `max_body_bytes`, and at least `min_body_rate` bytes
/// a second after [`BODY_GRACE`], measured over the whole body, so a client that trickles a byte
/// now and then (which resets an idle timer) cannot hold its connection for ever.
pub(crate) async fn read_body(
    body: Incoming,
    headers: &hyper::HeaderMap,
    limits: Limits,
) -> Result<Bytes, BodyRefused> {
    let announced = headers
        .get(hyper::header::CONTENT_LENGTH)
        .and_then(|value| value.to_str().ok())
        .and_then(|text| text.trim().parse::<u64>().ok());
    if announced.is_some_and(|length| length > limits.max_body_bytes as u64) {
        return Err(BodyRefused::TooLarge);
    }
    let start = tokio::time::Instant::now();
    let mut body = Limited::new(body, limits.max_body_bytes);
    // What a client announces is not reserved up front: at most 64 KiB, then it grows.
    let mut read = Vec::with_capacity(announced.unwrap_or(0).min(64 * 1024) as usize);
    loop {
        let allowed = match limits.min_body_rate {
            0 => Duration::MAX,
            rate => BODY_GRACE + Duration::from_secs_f64(read.len() as f64 / rate as f64),
        };
        let frame = match start.checked_add(allowed) {
            Some(deadline) => tokio::time::timeout_at(deadline, body.frame())
                .await
                .map_err(|_| BodyRefused::TooSlow)?,
            None => body.frame().await,
        };
        match frame {
            None => return Ok(Bytes::from(read)),
            Some(Ok(frame)) => {
                if let Ok(data) = frame.into_data() {
                    read.extend_from_slice(&data);
                }
            }
            Some(Err(error)) if error.is::<LengthLimitError>() => {
                return Err(BodyRefused::TooLarge)
            }
            Some(Err(_)) => return Err(BodyRefused::Broken),
        }
    }
}

/// Whether a form body has more fields than `limits` allow, counted before it is parsed: any
/// body that does not open as JSON may be read as a form, whatever its `Content-Type` says.
fn too_many_form_fields(body: &[u8], limits: Limits) -> bool {
    let looks_json = matches!(
        body.iter().find(|byte| !byte.is_ascii_whitespace()),
        Some(b'{' | b'[')
    );
    !looks_json && body.iter().filter(|byte| **byte == b'&').count() >= limits.max_form_fields
}

/// An IO that fails once nothing was read or written for `idle`: a connection a client holds
/// open without using it, or a body that stops arriving, is closed.
pub(crate) struct IdleTimeout<T> {
    inner: T,
    idle: Duration,
    deadline: std::pin::Pin<Box<tokio::time::Sleep>>,
}

impl<T> IdleTimeout<T> {
    pub(crate) fn new(inner: T, idle: Duration) -> Self {
        Self {
            inner,
            idle,
            deadline: Box::pin(tokio::time::sleep(idle)),
        }
    }

    fn touched(&mut self) {
        self.deadline
            .as_mut()
            .reset(tokio::time::Instant::now() + self.idle);
    }

    fn expired(&mut self, cx: &mut std::task::Context<'_>) -> bool {
        self.deadline.as_mut().poll(cx).is_ready()
    }
}

fn idle_error() -> std::io::Error {
    std::io::Error::new(std::io::ErrorKind::TimedOut, "idle connection closed")
}

impl<T: hyper::rt::Read + Unpin> hyper::rt::Read for IdleTimeout<T> {
    fn poll_read(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
        buf: hyper::rt::ReadBufCursor<'_>,
    ) -> std::task::Poll<std::io::Result<()>> {
        let this = &mut *self;
        match std::pin::Pin::new(&mut this.inner).poll_read(cx, buf) {
            std::task::Poll::Ready(result) => {
                this.touched();
                std::task::Poll::Ready(result)
            }
            std::task::Poll::Pending if this.expired(cx) => {
                std::task::Poll::Ready(Err(idle_error()))
            }
            std::task::Poll::Pending => std::task::Poll::Pending,
        }
    }
}

impl<T: hyper::rt::Write + Unpin> hyper::rt::Write for IdleTimeout<T> {
    fn poll_write(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
        data: &[u8],
    ) -> std::task::Poll<std::io::Result<usize>> {
        let this = &mut *self;
        match std::pin::Pin::new(&mut this.inner).poll_write(cx, data) {
            std::task::Poll::Ready(result) => {
                this.touched();
                std::task::Poll::Ready(result)
            }
            std::task::Poll::Pending if this.expired(cx) => {
                std::task::Poll::Ready(Err(idle_error()))
            }
            std::task::Poll::Pending => std::task::Poll::Pending,
        }
    }

    fn poll_flush(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<std::io::Result<()>> {
        std::pin::Pin::new(&mut self.inner).poll_flush(cx)
    }

    fn poll_shutdown(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<std::io::Result<()>> {
        std::pin::Pin::new(&mut self.inner).poll_shutdown(cx)
    }
}

fn percent_decode(segment: &str) -> String {
    percent_encoding::percent_decode_str(segment)
        .decode_utf8_lossy()
        .into_owned()
}
