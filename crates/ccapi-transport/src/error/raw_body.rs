//! A bounded copy of a response body, kept as evidence in errors.

use std::borrow::Cow;
use std::fmt;

use bytes::Bytes;

/// A bounded copy of a response body, kept as evidence in errors.
#[derive(Clone, PartialEq, Eq)]
pub struct RawBody {
    bytes: Bytes,
    total_len: usize,
}

impl RawBody {
    /// The most bytes of a body an error keeps.
    pub const LIMIT: usize = 16 * 1024;
    /// How many characters of the body `Debug` and `Display` show.
    const EXCERPT_CHARS: usize = 300;

    /// Keeps at most [`RawBody::LIMIT`] bytes of `bytes`.
    pub fn new(bytes: Bytes) -> Self {
        let total_len = bytes.len();
        let kept = if total_len > Self::LIMIT {
            bytes.slice(..Self::LIMIT)
        } else {
            bytes
        };
        Self {
            bytes: kept,
            total_len,
        }
    }

    /// The kept bytes (the whole body unless [`RawBody::is_truncated`]).
    pub fn as_bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// The kept bytes as text, with invalid UTF-8 replaced.
    pub fn text(&self) -> Cow<'_, str> {
        String::from_utf8_lossy(&self.bytes)
    }

    /// The length of the body as received, before truncation.
    pub fn total_len(&self) -> usize {
        self.total_len
    }

    /// Whether the body was longer than [`RawBody::LIMIT`].
    pub fn is_truncated(&self) -> bool {
        self.total_len > self.bytes.len()
    }

    /// This body with every occurrence of `secrets` replaced (see [`crate::redact::scrub`]);
    /// the total length counts the change.
    pub(crate) fn scrubbed(self, secrets: &[&str]) -> Self {
        let text = self.text();
        match crate::redact::scrub(&text, secrets) {
            Cow::Borrowed(_) => self,
            Cow::Owned(clean) => {
                let total_len = (self.total_len + clean.len()).saturating_sub(self.bytes.len());
                Self {
                    bytes: Bytes::from(clean),
                    total_len,
                }
            }
        }
    }

    /// A short excerpt for messages: the first characters, whitespace folded.
    pub fn excerpt(&self) -> String {
        let text = self.text();
        let mut out: String = text
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .chars()
            .take(Self::EXCERPT_CHARS)
            .collect();
        if out.len() < text.len() {
            out.push('…');
        }
        out
    }
}

impl fmt::Debug for RawBody {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RawBody")
            .field("len", &self.total_len)
            .field("excerpt", &self.excerpt())
            .finish()
    }
}
