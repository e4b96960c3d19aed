//! One request and one connection: the route, the admission check and the method before the
//! body is read, the body read within its limit, and connections closed when idle.

use std::time::Duration;

use std::future::Future as _;

use bytes::Bytes;
use http_body_util::{BodyExt, Full, LengthLimitError, Limited};
use hyper::body::Incoming;
use hyper::{Response, StatusCode};

use crate::router::{Reply, Request};

use crate::{journal, Limits, Mounts};

/// One request: route, method and credentials are decided before the body is read; an unknown
/// route never reads it; a body over the limit is refused from its `Content-Length`, or as soon
/// as a chunked body passes the limit; a handler that panics answers 500 instead of dropping
/// the connection.
pub(crate) async fn serve(
    mounts: &Mounts,
    limits: Limits,
    journal: &journal::Journal,
    request: hyper::Request<Incoming>,
) -> Response<Full<Bytes>> {
    let (parts, body) = request.into_parts();
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
    let mounted = mounts.0.iter().find_map(|(prefix, router)| {
        let under = segments.len() >= prefix.len()
            && segments
                .iter()
                .zip(prefix)
                .all(|(segment, part)| segment == part);
        under.then(|| (router, &segments[prefix.len()..]))
    });
    let found = mounted.and_then(|(router, rest)| {
        router
            .find(&request.method, rest)
            .map(|matched| (router, matched))
    });
    let no_route = format!(
        "the sandbox has no route {} {}",
        request.method, request.path
    );
    let reply = match (found, mounted) {
        // Under a provider's mount, its own not-found shape: clients read it as that provider's
        // error (iAdvize's PHP client takes an answer without `meta` for a success).
        (None, Some((router, _))) => router.error(StatusCode::NOT_FOUND, &no_route),
        (None, None) => Reply::json(
            StatusCode::NOT_FOUND,
            &serde_json::json!({ "message": no_route }),
        ),
        (Some((router, matched)), _) => {
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
                    Ok(bytes) if too_many_form_fields(&request.headers, &bytes, limits) => router
                        .error(
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
    let mut response = Response::new(Full::new(reply.body));
    *response.status_mut() = reply.status;
    if let Ok(value) = hyper::header::HeaderValue::from_str(reply.content_type) {
        response
            .headers_mut()
            .insert(hyper::header::CONTENT_TYPE, value);
    }
    response
}

/// Why a body was not read.
enum BodyRefused {
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
async fn read_body(
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
    let mut read = Vec::with_capacity(announced.unwrap_or(0) as usize);
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

/// Whether a form body has more fields than `limits` allow, counted before it is parsed.
fn too_many_form_fields(headers: &hyper::HeaderMap, body: &[u8], limits: Limits) -> bool {
    let form = headers
        .get(hyper::header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|kind| {
            kind.trim_start()
                .to_ascii_lowercase()
                .starts_with("application/x-www-form-urlencoded")
        });
    form && body.iter().filter(|byte| **byte == b'&').count() >= limits.max_form_fields
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
