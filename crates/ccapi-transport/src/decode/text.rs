//! Text: ids that may arrive as numbers ([`LenientString`]) and credentials
//! ([`SecretText`], [`expose_secret`]).

use std::fmt;

use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};

/// Text that may arrive as a JSON string or as a number (ids documented as strings).
///
/// Short text (up to 20 bytes: every 64-bit integer, ids, DIDs, extensions) is kept inline,
/// with no heap allocation: answers carry such members by the hundred per page. Longer text
/// is kept in a `String`. Either way [`as_str`](Self::as_str) gives the text as received (a
/// number as its decimal digits), and equality, ordering and hashing are those of the text
/// (`42` and `"42"` are equal).
#[derive(Clone, Default)]
pub struct LenientString(Text);

#[derive(Clone)]
enum Text {
    /// Text of at most [`INLINE`] bytes, copied from a `&str` (or written by `itoa`: every
    /// 64-bit integer, `-9223372036854775808` included, fits).
    Inline { len: u8, bytes: [u8; INLINE] },
    /// Longer text, a fraction or a boolean as text, or text built by a caller.
    Owned(String),
}

const INLINE: usize = 20;

impl Default for Text {
    fn default() -> Self {
        Self::Owned(String::new())
    }
}

impl LenientString {
    /// `text`, as a caller builds it.
    pub fn new(text: impl Into<String>) -> Self {
        Self(Text::Owned(text.into()))
    }

    /// `text` inline when it is short enough, else in a `String`.
    fn received(text: &str) -> Self {
        if text.len() > INLINE {
            return Self::new(text);
        }
        let mut bytes = [0u8; INLINE];
        bytes[..text.len()].copy_from_slice(text.as_bytes());
        Self(Text::Inline {
            // At most INLINE (20), checked above.
            len: text.len() as u8,
            bytes,
        })
    }

    /// The text.
    pub fn as_str(&self) -> &str {
        match &self.0 {
            // Copied whole from a `&str` above, so the check cannot fail; it costs a few
            // instructions on at most 20 bytes, where `unsafe` is forbidden in this workspace.
            Text::Inline { len, bytes } => std::str::from_utf8(&bytes[..usize::from(*len)])
                .unwrap_or_else(|_| unreachable!("copied from a str")),
            Text::Owned(text) => text,
        }
    }

    /// The text, owned.
    pub fn into_string(self) -> String {
        match self.0 {
            Text::Owned(text) => text,
            Text::Inline { .. } => self.as_str().to_owned(),
        }
    }
}

impl std::ops::Deref for LenientString {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for LenientString {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl fmt::Debug for LenientString {
    /// `LenientString("1234")`, whichever form was received.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("LenientString")
            .field(&self.as_str())
            .finish()
    }
}

impl PartialEq for LenientString {
    fn eq(&self, other: &Self) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for LenientString {}

impl PartialEq<str> for LenientString {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for LenientString {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl std::hash::Hash for LenientString {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.as_str().hash(state);
    }
}

impl PartialOrd for LenientString {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for LenientString {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.as_str().cmp(other.as_str())
    }
}

impl fmt::Display for LenientString {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

impl From<&str> for LenientString {
    fn from(text: &str) -> Self {
        Self::new(text)
    }
}

impl From<String> for LenientString {
    fn from(text: String) -> Self {
        Self::new(text)
    }
}

impl From<LenientString> for String {
    fn from(text: LenientString) -> Self {
        text.into_string()
    }
}

impl Serialize for LenientString {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for LenientString {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct TextVisitor;
        impl Visitor<'_> for TextVisitor {
            type Value = LenientString;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string or a number")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                Ok(LenientString::received(v))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
                Ok(LenientString::new(v))
            }
            // `itoa` writes into a stack buffer: no `fmt` machinery, no allocation.
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
                Ok(LenientString::received(itoa::Buffer::new().format(v)))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
                Ok(LenientString::received(itoa::Buffer::new().format(v)))
            }
            // `Display`, not a shortest-form formatter: `1.0` has always read as "1".
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
                Ok(LenientString::new(v.to_string()))
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
                Ok(LenientString::new(v.to_string()))
            }
        }
        deserializer.deserialize_any(TextVisitor)
    }
}

/// A credential that may arrive as a JSON string or a number (Ziwo's `ccPassword`): kept as
/// text in a [`SecretString`](secrecy::SecretString), redacted in `Debug`.
///
/// Encoding writes the text, as the generated models write every secret member (a model decoded
/// and encoded again gives back what was received); never log an encoded model.
#[derive(Clone)]
pub struct SecretText(secrecy::SecretString);

impl SecretText {
    /// Wraps `secret`.
    pub fn new(secret: secrecy::SecretString) -> Self {
        Self(secret)
    }

    /// The secret.
    pub fn secret(&self) -> &secrecy::SecretString {
        &self.0
    }
}

impl fmt::Debug for SecretText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SecretText(** redacted **)")
    }
}

impl Serialize for SecretText {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        expose_secret(&self.0, serializer)
    }
}

impl<'de> Deserialize<'de> for SecretText {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = LenientString::deserialize(deserializer)?.into_string();
        Ok(Self(text.into()))
    }
}

/// Writes a secret's value: for request fields the provider must receive (a password on account
/// creation). Use as `#[serde(serialize_with = "ccapi_transport::decode::expose_secret")]`;
/// `Debug` still prints the secret redacted.
pub fn expose_secret<S: Serializer>(
    secret: &secrecy::SecretString,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    use secrecy::ExposeSecret;
    serializer.serialize_str(secret.expose_secret())
}

/// [`expose_secret`] for an optional field (pair it with
/// `skip_serializing_if = "Option::is_none"`).
pub fn expose_optional_secret<S: Serializer>(
    secret: &Option<secrecy::SecretString>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    use secrecy::ExposeSecret;
    match secret {
        Some(secret) => serializer.serialize_some(secret.expose_secret()),
        None => serializer.serialize_none(),
    }
}
