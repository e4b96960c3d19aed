//! What went wrong below HTTP, read from a `reqwest` failure, and the wording of durations in
//! messages.

use std::fmt;
use std::time::Duration;

/// What went wrong below HTTP.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum TransportErrorKind {
    /// No connection could be made (DNS, refused, unreachable). The request was not sent.
    Connect,
    /// A per-attempt or total timeout elapsed.
    Timeout,
    /// The TLS handshake or certificate check failed.
    Tls,
    /// Too many redirects, or a redirect without a usable `Location`.
    Redirect,
    /// The connection broke while sending the request or reading the response.
    Io,
}

impl fmt::Display for TransportErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Connect => "connect",
            Self::Timeout => "timeout",
            Self::Tls => "tls",
            Self::Redirect => "redirect",
            Self::Io => "io",
        })
    }
}

/// A duration for messages: whole seconds when it is whole (`60 s`), else milliseconds.
pub(crate) fn humantime_secs(duration: Duration) -> String {
    if duration.subsec_nanos() == 0 {
        format!("{} s", duration.as_secs())
    } else {
        format!("{} ms", duration.as_millis())
    }
}

/// Whether `err` is a failed TLS handshake or certificate check, which no retry mends: a TLS
/// error while connecting. (One while reading, a peer closing without `close_notify`, is a
/// broken connection, retried as such.)
pub(crate) fn is_tls_failure(err: &reqwest::Error) -> bool {
    err.is_connect() && !err.is_timeout() && classify_reqwest(err) == TransportErrorKind::Tls
}

pub(super) fn classify_reqwest(err: &reqwest::Error) -> TransportErrorKind {
    if err.is_timeout() {
        return TransportErrorKind::Timeout;
    }
    let chain = describe_chain(err).to_ascii_lowercase();
    // rustls says "certificate" or reaches here as InvalidData; OpenSSL (native-tls) says
    // "SSL routines" or "ssl".
    if chain.contains("certificate")
        || chain.contains("tls")
        || chain.contains("ssl")
        || chain.contains("handshake")
        || (err.is_connect() && has_invalid_data_io(err))
    {
        TransportErrorKind::Tls
    } else if err.is_connect() {
        TransportErrorKind::Connect
    } else if err.is_redirect() {
        TransportErrorKind::Redirect
    } else {
        TransportErrorKind::Io
    }
}

/// Whether an I/O error of kind `InvalidData` is among `err`'s sources: how the TLS layer
/// (rustls through hyper-rustls) reports a handshake that failed ("received corrupt message",
/// "invalid peer certificate"); a TCP connect never fails so.
fn has_invalid_data_io(err: &(dyn std::error::Error + 'static)) -> bool {
    let mut source = err.source();
    while let Some(cause) = source {
        // hyper-util wraps the TLS layer's I/O error in another one, reachable by `get_ref`
        // only (an `io::Error`'s `source` skips the error it wraps).
        let mut io = cause.downcast_ref::<std::io::Error>();
        while let Some(error) = io {
            if error.kind() == std::io::ErrorKind::InvalidData {
                return true;
            }
            io = error
                .get_ref()
                .and_then(|inner| inner.downcast_ref::<std::io::Error>());
        }
        source = cause.source();
    }
    false
}

/// The error and its sources on one line: reqwest's own message alone says only
/// "error sending request".
pub(super) fn describe_chain(err: &(dyn std::error::Error + 'static)) -> String {
    let mut out = err.to_string();
    let mut source = err.source();
    while let Some(cause) = source {
        let text = cause.to_string();
        if !out.contains(&text) {
            out.push_str(": ");
            out.push_str(&text);
        }
        source = cause.source();
    }
    out
}
