//! Lenient decoding for values that providers send in more than one form.
//!
//! | type | accepts | writes |
//! |---|---|---|
//! | [`LenientString`] | `"42"`, `42`, `4.2`, `true` (up to 20 bytes kept inline) | a string |
//! | [`Lenient<T>`] (numbers) | `42`, `"42"`, `" 42 "` | a number |
//! | [`LenientBool`] | `true`, `1`, `"1"`, `"true"` (and the false forms) | a boolean |
//! | [`EpochSeconds`] | `1700000000`, `"1700000000"`, `1700000000.5` | a number |
//! | [`FlexibleDateTime`] | RFC 3339 with or without offset, `T` or space, fractions | the text received |
//! | [`Timestamp`] | all of the above and epoch seconds; other text is kept, not refused | the form received |
//! | [`MaybeNumber<T>`] | a number or numeric string; anything else is kept, not refused | the form received |
//! | [`open_enum!`](crate::open_enum) enums | documented values, anything else kept as `Unknown` | the text |
//!
//! Each reads its value through a visitor of its own: no `serde_json::Value` in between, no
//! `fmt` machinery for numbers, no allocation for a documented enum value or a short id
//! (docs/performance.md, "Lenient decoders").
//!
//! JSON served as `text/plain` needs no helper: the transport decodes bodies whatever their
//! `Content-Type`.

use std::fmt;
use std::marker::PhantomData;
use std::str::FromStr;

use chrono::{DateTime, FixedOffset, NaiveDateTime, TimeZone, Utc};
use serde::de::value::{
    BorrowedStrDeserializer, MapAccessDeserializer, SeqAccessDeserializer, StrDeserializer,
    StringDeserializer,
};
use serde::de::{self, Deserializer, IntoDeserializer, Visitor};
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

/// A number that may arrive as a JSON number or as a numeric string.
///
/// `Lenient<u64>` decodes `42` and `"42"` to the same value and writes `42`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Lenient<T>(pub T);

impl<T> Lenient<T> {
    /// The number.
    pub fn into_inner(self) -> T {
        self.0
    }
}

impl<T: fmt::Display> fmt::Display for Lenient<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl<T> From<T> for Lenient<T> {
    fn from(value: T) -> Self {
        Self(value)
    }
}

impl<T: Serialize> Serialize for Lenient<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(serializer)
    }
}

impl<'de, T> Deserialize<'de> for Lenient<T>
where
    T: FromStr,
    T::Err: fmt::Display,
{
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct NumberVisitor<T>(PhantomData<T>);
        impl<T> NumberVisitor<T>
        where
            T: FromStr,
            T::Err: fmt::Display,
        {
            fn parse<E: de::Error>(text: &str) -> Result<Lenient<T>, E> {
                text.trim()
                    .parse::<T>()
                    .map(Lenient)
                    .map_err(|err| E::custom(format!("`{text}` is not a valid number: {err}")))
            }
        }
        impl<T> Visitor<'_> for NumberVisitor<T>
        where
            T: FromStr,
            T::Err: fmt::Display,
        {
            type Value = Lenient<T>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a number or a numeric string")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                Self::parse(v)
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
                Self::parse(itoa::Buffer::new().format(v))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
                Self::parse(itoa::Buffer::new().format(v))
            }
            // `Display`, so that `4.0` still reads as a `u64` 4.
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
                Self::parse(&v.to_string())
            }
        }
        deserializer.deserialize_any(NumberVisitor(PhantomData))
    }
}

/// A boolean that may arrive as `true`/`false`, `1`/`0`, or those as strings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct LenientBool(pub bool);

impl Serialize for LenientBool {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_bool(self.0)
    }
}

impl<'de> Deserialize<'de> for LenientBool {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct BoolVisitor;
        impl Visitor<'_> for BoolVisitor {
            type Value = LenientBool;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a boolean, 0 or 1")
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
                Ok(LenientBool(v))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
                match v {
                    0 => Ok(LenientBool(false)),
                    1 => Ok(LenientBool(true)),
                    _ => Err(E::custom(format!("{v} is not a boolean"))),
                }
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
                u64::try_from(v)
                    .map_err(|_| E::custom(format!("{v} is not a boolean")))
                    .and_then(|v| self.visit_u64(v))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                match v.trim() {
                    "1" | "true" | "TRUE" | "True" => Ok(LenientBool(true)),
                    "0" | "false" | "FALSE" | "False" => Ok(LenientBool(false)),
                    other => Err(E::custom(format!("`{other}` is not a boolean"))),
                }
            }
        }
        deserializer.deserialize_any(BoolVisitor)
    }
}

/// A point in time sent as seconds since the Unix epoch, as a number or a string.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct EpochSeconds(pub DateTime<Utc>);

impl EpochSeconds {
    /// The instant for `seconds` since the epoch; `None` when out of range.
    pub fn from_seconds(seconds: i64) -> Option<Self> {
        DateTime::from_timestamp(seconds, 0).map(Self)
    }

    /// Seconds since the epoch.
    pub fn seconds(&self) -> i64 {
        self.0.timestamp()
    }
}

impl fmt::Display for EpochSeconds {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.timestamp().fmt(f)
    }
}

impl Serialize for EpochSeconds {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let nanos = self.0.timestamp_subsec_nanos();
        if nanos == 0 {
            serializer.serialize_i64(self.0.timestamp())
        } else {
            serializer.serialize_f64(self.0.timestamp() as f64 + f64::from(nanos) / 1e9)
        }
    }
}

impl<'de> Deserialize<'de> for EpochSeconds {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let Lenient(seconds) = Lenient::<f64>::deserialize(deserializer)?;
        if !seconds.is_finite() {
            return Err(de::Error::custom("epoch seconds must be finite"));
        }
        let whole = seconds.floor();
        let nanos = ((seconds - whole) * 1e9).round() as u32;
        DateTime::from_timestamp(whole as i64, nanos.min(999_999_999))
            .map(EpochSeconds)
            .ok_or_else(|| de::Error::custom(format!("{seconds} is out of range for a date")))
    }
}

/// A date and time as RFC 3339 with or without an offset, with `T` or a space between date and
/// time (`2024-05-01T10:00:00+02:00`, `2024-05-01T10:00:00`, `2024-05-01 10:00:00`).
///
/// The text received is kept and written back unchanged.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct FlexibleDateTime {
    text: String,
    local: NaiveDateTime,
    offset: Option<FixedOffset>,
}

impl FlexibleDateTime {
    /// Parses one of the accepted forms.
    pub fn parse(text: &str) -> Result<Self, chrono::ParseError> {
        let trimmed = text.trim();
        if let Ok(with_offset) = DateTime::parse_from_rfc3339(trimmed) {
            return Ok(Self {
                text: text.to_owned(),
                local: with_offset.naive_local(),
                offset: Some(*with_offset.offset()),
            });
        }
        let local = NaiveDateTime::parse_from_str(trimmed, "%Y-%m-%dT%H:%M:%S%.f")
            .or_else(|_| NaiveDateTime::parse_from_str(trimmed, "%Y-%m-%d %H:%M:%S%.f"))?;
        Ok(Self {
            text: text.to_owned(),
            local,
            offset: None,
        })
    }

    /// The date and time as written, without offset.
    pub fn local(&self) -> NaiveDateTime {
        self.local
    }

    /// The offset, when the text had one.
    pub fn offset(&self) -> Option<FixedOffset> {
        self.offset
    }

    /// The instant, reading a text without offset in `assumed` (the provider's or account's
    /// zone, which the API documents separately).
    pub fn to_utc(&self, assumed: FixedOffset) -> Option<DateTime<Utc>> {
        let offset = self.offset.unwrap_or(assumed);
        offset
            .from_local_datetime(&self.local)
            .single()
            .map(|moment| moment.with_timezone(&Utc))
    }

    /// The text as received.
    pub fn as_str(&self) -> &str {
        &self.text
    }
}

impl fmt::Display for FlexibleDateTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl FromStr for FlexibleDateTime {
    type Err = chrono::ParseError;
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Self::parse(text)
    }
}

impl Serialize for FlexibleDateTime {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.text)
    }
}

impl<'de> Deserialize<'de> for FlexibleDateTime {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Self::parse(&text)
            .map_err(|err| de::Error::custom(format!("`{text}` is not a date and time: {err}")))
    }
}

/// A point in time in whichever form the provider sent it: epoch seconds (a number or a numeric
/// string, with or without a fraction), or ISO 8601 / RFC 3339 text (with or without a fraction,
/// `Z`, an offset such as `+02:00` or `+0200`, or none; `T` or a space between date and time).
///
/// Every model field that holds a time uses this type, because the providers' documentation and
/// their own schemas disagree on the form (the VBC seed shows `1595959736`, its OpenAPI file
/// `format: date-time`). What was received is kept and written back unchanged: a number stays a
/// number, text stays the same text. Text that is neither form (a schema that only says
/// `type: string` allows any) is kept too, with no instant: [`Timestamp::local`] is `None`.
///
/// Only the received form is stored; the instant is worked out from it when asked (for text, a
/// parse of a few hundred instructions on each call of [`local`](Self::local),
/// [`utc`](Self::utc), ...). A page of answers therefore decodes its times for the price of
/// reading them, and a `Timestamp` is no larger than the text it holds.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Timestamp {
    received: TimeForm,
}

/// How a [`Timestamp`] was received.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TimeForm {
    /// A JSON number (epoch seconds).
    Number(serde_json::Number),
    /// A JSON string: numeric epoch seconds, date-time text, or text that is neither.
    Text(String),
}

impl Timestamp {
    /// The instant `seconds` after the Unix epoch, written as a number.
    pub fn from_epoch_seconds(seconds: i64) -> Option<Self> {
        DateTime::from_timestamp(seconds, 0)?;
        Some(Self {
            received: TimeForm::Number(seconds.into()),
        })
    }

    /// Reads text: numeric epoch seconds or a date-time. Anything else is an error here (use
    /// serde to keep such text as received).
    pub fn parse(text: &str) -> Result<Self, TimestampError> {
        parse_time_text(text).ok_or_else(|| TimestampError {
            text: text.to_owned(),
        })?;
        Ok(Self {
            received: TimeForm::Text(text.to_owned()),
        })
    }

    /// The date and time as written and its offset, from the received form.
    fn parts(&self) -> Option<(NaiveDateTime, Option<FixedOffset>)> {
        match &self.received {
            TimeForm::Number(number) => {
                let moment = match number.as_i64() {
                    Some(seconds) => DateTime::from_timestamp(seconds, 0),
                    // Above i64::MAX: far past any date chrono holds.
                    None if number.is_u64() => None,
                    None => number.as_f64().and_then(epoch_instant),
                };
                moment.map(|moment| (moment.naive_utc(), Some(utc_offset())))
            }
            TimeForm::Text(text) => parse_time_text(text),
        }
    }

    /// The date and time as written (UTC for epoch seconds); `None` when the text was
    /// neither a date-time nor epoch seconds.
    pub fn local(&self) -> Option<NaiveDateTime> {
        self.parts().map(|(local, _)| local)
    }

    /// The offset, when known: UTC for epoch seconds, the text's own offset otherwise.
    pub fn offset(&self) -> Option<FixedOffset> {
        self.parts().and_then(|(_, offset)| offset)
    }

    /// The instant, when the form says it (epoch seconds, or text with an offset).
    pub fn utc(&self) -> Option<DateTime<Utc>> {
        let (local, offset) = self.parts()?;
        in_utc(local, offset?)
    }

    /// The instant, reading text without an offset in `assumed` (the provider's or account's
    /// zone, which the API documents separately).
    pub fn to_utc(&self, assumed: FixedOffset) -> Option<DateTime<Utc>> {
        let (local, offset) = self.parts()?;
        in_utc(local, offset.unwrap_or(assumed))
    }

    /// Seconds since the Unix epoch, when the instant is known.
    pub fn epoch_seconds(&self) -> Option<i64> {
        self.utc().map(|moment| moment.timestamp())
    }

    /// What was received.
    pub fn received(&self) -> &TimeForm {
        &self.received
    }
}

impl fmt::Debug for Timestamp {
    /// `Timestamp(1595959736)` or `Timestamp("2024-05-01T10:00:00Z")`: what was received.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.received {
            TimeForm::Number(number) => write!(f, "Timestamp({number})"),
            TimeForm::Text(text) => write!(f, "Timestamp({text:?})"),
        }
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.received {
            TimeForm::Number(number) => number.fmt(f),
            TimeForm::Text(text) => f.write_str(text),
        }
    }
}

impl FromStr for Timestamp {
    type Err = TimestampError;
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Self::parse(text)
    }
}

/// Text that is neither epoch seconds nor a date-time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimestampError {
    text: String,
}

impl fmt::Display for TimestampError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "`{}` is neither epoch seconds nor an ISO 8601 date and time",
            self.text
        )
    }
}

impl std::error::Error for TimestampError {}

fn in_utc(local: NaiveDateTime, offset: FixedOffset) -> Option<DateTime<Utc>> {
    offset
        .from_local_datetime(&local)
        .single()
        .map(|moment| moment.with_timezone(&Utc))
}

fn utc_offset() -> FixedOffset {
    FixedOffset::east_opt(0).unwrap_or_else(|| unreachable!("0 is a valid offset"))
}

fn epoch_instant(seconds: f64) -> Option<DateTime<Utc>> {
    if !seconds.is_finite() {
        return None;
    }
    let whole = seconds.floor();
    if whole < i64::MIN as f64 || whole > i64::MAX as f64 {
        return None;
    }
    let nanos = ((seconds - whole) * 1e9).round() as u32;
    DateTime::from_timestamp(whole as i64, nanos.min(999_999_999))
}

/// Epoch seconds in text, or one of the date-time forms.
fn parse_time_text(text: &str) -> Option<(NaiveDateTime, Option<FixedOffset>)> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return None;
    }
    if trimmed
        .bytes()
        .all(|b| b.is_ascii_digit() || b == b'.' || b == b'-')
    {
        let moment = epoch_instant(trimmed.parse::<f64>().ok()?)?;
        return Some((moment.naive_utc(), Some(utc_offset())));
    }
    // RFC 3339 (chrono accepts `T`, `t` or a space, `Z` or `±hh:mm`), then ISO 8601 `±hhmm`.
    let with_offset = DateTime::parse_from_rfc3339(trimmed)
        .or_else(|_| DateTime::parse_from_str(trimmed, "%Y-%m-%dT%H:%M:%S%.f%z"))
        .or_else(|_| DateTime::parse_from_str(trimmed, "%Y-%m-%d %H:%M:%S%.f%z"));
    if let Ok(moment) = with_offset {
        return Some((moment.naive_local(), Some(*moment.offset())));
    }
    NaiveDateTime::parse_from_str(trimmed, "%Y-%m-%dT%H:%M:%S%.f")
        .or_else(|_| NaiveDateTime::parse_from_str(trimmed, "%Y-%m-%d %H:%M:%S%.f"))
        .ok()
        .map(|local| (local, None))
}

impl Serialize for Timestamp {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match &self.received {
            TimeForm::Number(number) => number.serialize(serializer),
            TimeForm::Text(text) => serializer.serialize_str(text),
        }
    }
}

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct TimeVisitor;
        impl Visitor<'_> for TimeVisitor {
            type Value = Timestamp;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("epoch seconds or a date and time")
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
                Ok(Timestamp {
                    received: TimeForm::Number(v.into()),
                })
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
                Ok(Timestamp {
                    received: TimeForm::Number(v.into()),
                })
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
                let number = serde_json::Number::from_f64(v)
                    .ok_or_else(|| E::custom("epoch seconds must be finite"))?;
                Ok(Timestamp {
                    received: TimeForm::Number(number),
                })
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                Ok(Timestamp {
                    received: TimeForm::Text(v.to_owned()),
                })
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
                Ok(Timestamp {
                    received: TimeForm::Text(v),
                })
            }
        }
        deserializer.deserialize_any(TimeVisitor)
    }
}

/// Reads an optional member whose "not set" is an empty string as well as `null` (VBC sends
/// `end_time: ""` for a call that has not ended). Used by [`lossless!`](crate::lossless) for the
/// `optional_blank` members the generator emits for optional times: `""` or blanks decode as
/// `None`, anything else as `T`.
#[derive(Debug, Clone, PartialEq)]
pub struct BlankIsNone<T>(pub Option<T>);

impl<'de, T: Deserialize<'de>> Deserialize<'de> for BlankIsNone<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // One visitor that hands every other value straight on to `T`, through serde's
        // value deserializers: no `serde_json::Value` in between, so `T` sees exactly what a
        // plain field of type `T` would see, and nothing is buffered or allocated for it.
        struct BlankVisitor<T>(PhantomData<fn() -> T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for BlankVisitor<T> {
            type Value = BlankIsNone<T>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a value, null or an empty string")
            }
            fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
                Ok(BlankIsNone(None))
            }
            fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
                Ok(BlankIsNone(None))
            }
            fn visit_some<D: Deserializer<'de>>(self, inner: D) -> Result<Self::Value, D::Error> {
                inner.deserialize_any(self)
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                if v.trim().is_empty() {
                    return Ok(BlankIsNone(None));
                }
                present(StrDeserializer::new(v))
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
                if v.trim().is_empty() {
                    return Ok(BlankIsNone(None));
                }
                present(BorrowedStrDeserializer::new(v))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
                if v.trim().is_empty() {
                    return Ok(BlankIsNone(None));
                }
                present(StringDeserializer::new(v))
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
                present(v.into_deserializer())
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
                present(v.into_deserializer())
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
                present(v.into_deserializer())
            }
            fn visit_i128<E: de::Error>(self, v: i128) -> Result<Self::Value, E> {
                present(v.into_deserializer())
            }
            fn visit_u128<E: de::Error>(self, v: u128) -> Result<Self::Value, E> {
                present(v.into_deserializer())
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
                present(v.into_deserializer())
            }
            fn visit_seq<A: de::SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
                present(SeqAccessDeserializer::new(seq))
            }
            fn visit_map<A: de::MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
                present(MapAccessDeserializer::new(map))
            }
        }
        fn present<'de, T: Deserialize<'de>, D: Deserializer<'de>>(
            value: D,
        ) -> Result<BlankIsNone<T>, D::Error> {
            T::deserialize(value).map(|decoded| BlankIsNone(Some(decoded)))
        }
        deserializer.deserialize_any(BlankVisitor(PhantomData))
    }
}

/// A number that a provider's schema also allows to be something else (VBC page counters are
/// `type: string`): a number or numeric string decodes to [`MaybeNumber::Number`]; anything
/// else is kept as received in [`MaybeNumber::Other`] instead of failing the whole answer.
#[derive(Debug, Clone, PartialEq)]
pub enum MaybeNumber<T> {
    /// A number, or text that reads as one.
    Number(T),
    /// Anything else, as received.
    Other(serde_json::Value),
}

impl<T: Copy> MaybeNumber<T> {
    /// The number, when it is one.
    pub fn number(&self) -> Option<T> {
        match self {
            Self::Number(number) => Some(*number),
            Self::Other(_) => None,
        }
    }
}

impl<T> From<T> for MaybeNumber<T> {
    fn from(number: T) -> Self {
        Self::Number(number)
    }
}

impl<T: Serialize> Serialize for MaybeNumber<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Self::Number(number) => number.serialize(serializer),
            Self::Other(value) => value.serialize(serializer),
        }
    }
}

impl<'de, T> Deserialize<'de> for MaybeNumber<T>
where
    T: FromStr,
{
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // A direct visitor: a counter that is a number (the usual case) is read from a stack
        // buffer, with no `serde_json::Value` and no allocation; only what is kept as
        // `Other` becomes a `Value`.
        struct CounterVisitor<T>(PhantomData<fn() -> T>);
        impl<T: FromStr> CounterVisitor<T> {
            fn integer(text: &str, received: serde_json::Number) -> MaybeNumber<T> {
                match text.parse::<T>() {
                    Ok(number) => MaybeNumber::Number(number),
                    Err(_) => MaybeNumber::Other(serde_json::Value::Number(received)),
                }
            }
            fn text(text: &str) -> Option<MaybeNumber<T>> {
                text.trim().parse::<T>().ok().map(MaybeNumber::Number)
            }
        }
        impl<'de, T: FromStr> Visitor<'de> for CounterVisitor<T> {
            type Value = MaybeNumber<T>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("any JSON value")
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
                Ok(Self::integer(itoa::Buffer::new().format(v), v.into()))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
                Ok(Self::integer(itoa::Buffer::new().format(v), v.into()))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
                // As a `Value` would write it (`2.0`, not `2`): a fraction is no counter.
                Ok(match serde_json::Number::from_f64(v) {
                    Some(number) => Self::integer(&number.to_string(), number),
                    None => MaybeNumber::Other(serde_json::Value::Null),
                })
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                Ok(Self::text(v)
                    .unwrap_or_else(|| MaybeNumber::Other(serde_json::Value::String(v.to_owned()))))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
                Ok(Self::text(&v).unwrap_or(MaybeNumber::Other(serde_json::Value::String(v))))
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
                Ok(MaybeNumber::Other(serde_json::Value::Bool(v)))
            }
            fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
                Ok(MaybeNumber::Other(serde_json::Value::Null))
            }
            fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
                Ok(MaybeNumber::Other(serde_json::Value::Null))
            }
            fn visit_some<D: Deserializer<'de>>(self, inner: D) -> Result<Self::Value, D::Error> {
                inner.deserialize_any(self)
            }
            fn visit_seq<A: de::SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
                serde_json::Value::deserialize(SeqAccessDeserializer::new(seq))
                    .map(MaybeNumber::Other)
            }
            fn visit_map<A: de::MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
                serde_json::Value::deserialize(MapAccessDeserializer::new(map))
                    .map(MaybeNumber::Other)
            }
        }
        deserializer.deserialize_any(CounterVisitor(PhantomData))
    }
}

/// Declares a string enum whose unknown values are kept instead of failing to decode.
///
/// ```
/// ccapi_transport::open_enum! {
///     /// A call's status.
///     pub enum CallStatus {
///         /// The call is ringing.
///         Ringing = "ringing",
///         /// The call is up.
///         OnCall = "on-call",
///     }
/// }
/// let status: CallStatus = serde_json::from_str(r#""parked""#).unwrap();
/// assert_eq!(status, CallStatus::Unknown("parked".into()));
/// assert_eq!(status.as_str(), "parked");
/// assert_eq!(serde_json::to_string(&CallStatus::OnCall).unwrap(), r#""on-call""#);
///
/// // What a caller sends must be documented:
/// assert_eq!(CallStatus::documented("status", "on-call").unwrap(), CallStatus::OnCall);
/// let refused = CallStatus::documented("status", "parked").unwrap_err();
/// assert_eq!(
///     refused.to_string(),
///     "invalid input for `status`: `parked` is not one of ringing, on-call"
/// );
/// ```
#[macro_export]
macro_rules! open_enum {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $text:literal ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        $vis enum $name {
            $( $(#[$vmeta])* $variant, )+
            /// A value this version of the crate does not know, kept as received.
            Unknown(::std::string::String),
        }

        impl $name {
            /// Every documented value, in documentation order.
            pub const KNOWN: &'static [&'static str] = &[$($text),+];

            /// The value as the provider writes it.
            pub fn as_str(&self) -> &str {
                match self {
                    $( Self::$variant => $text, )+
                    Self::Unknown(text) => text,
                }
            }

            /// One of the documented values, for what a caller sends (`FromStr` keeps any
            /// value, as answers need); anything else is an
            /// [`Error::InvalidInput`]($crate::Error::InvalidInput) for `field`.
            pub fn documented(field: &'static str, text: &str) -> ::std::result::Result<Self, $crate::Error> {
                match text {
                    $( $text => ::std::result::Result::Ok(Self::$variant), )+
                    other => ::std::result::Result::Err($crate::Error::invalid_input(
                        field,
                        ::std::format!("`{other}` is not one of {}", Self::KNOWN.join(", ")),
                    )),
                }
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = ::std::convert::Infallible;
            fn from_str(text: &str) -> ::std::result::Result<Self, Self::Err> {
                ::std::result::Result::Ok(match text {
                    $( $text => Self::$variant, )+
                    other => Self::Unknown(other.to_owned()),
                })
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl $crate::__private::serde::Serialize for $name {
            fn serialize<S: $crate::__private::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::std::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> $crate::__private::serde::Deserialize<'de> for $name {
            fn deserialize<D: $crate::__private::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::std::result::Result<Self, D::Error> {
                // A visitor of its own, so that a documented value borrows the text instead of
                // allocating a `String` only to drop it.
                struct __TextVisitor;
                impl<'de> $crate::__private::serde::de::Visitor<'de> for __TextVisitor {
                    type Value = $name;
                    fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                        f.write_str("a string")
                    }
                    fn visit_str<__E: $crate::__private::serde::de::Error>(
                        self,
                        text: &str,
                    ) -> ::std::result::Result<$name, __E> {
                        ::std::result::Result::Ok(match text {
                            $( $text => $name::$variant, )+
                            other => $name::Unknown(other.to_owned()),
                        })
                    }
                    fn visit_string<__E: $crate::__private::serde::de::Error>(
                        self,
                        text: ::std::string::String,
                    ) -> ::std::result::Result<$name, __E> {
                        ::std::result::Result::Ok(match text.as_str() {
                            $( $text => $name::$variant, )+
                            _ => $name::Unknown(text),
                        })
                    }
                }
                deserializer.deserialize_str(__TextVisitor)
            }
        }
    };
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

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Deserialize, Serialize, PartialEq)]
    struct Sample {
        id: LenientString,
        page: Lenient<u64>,
        ratio: Lenient<f64>,
        available: LenientBool,
        start: EpochSeconds,
        created: FlexibleDateTime,
    }

    #[test]
    fn number_and_string_forms_decode_to_the_same_value() {
        let as_numbers: Sample = serde_json::from_str(
            r#"{"id": 42, "page": 2, "ratio": 1, "available": 1,
                "start": 1700000000, "created": "2024-05-01T10:00:00+02:00"}"#,
        )
        .expect("numbers");
        let as_strings: Sample = serde_json::from_str(
            r#"{"id": "42", "page": " 2", "ratio": "1.0", "available": "true",
                "start": "1700000000", "created": "2024-05-01T10:00:00+02:00"}"#,
        )
        .expect("strings");
        assert_eq!(as_numbers, as_strings);
        assert_eq!(as_numbers.id.as_str(), "42");
        assert_eq!(as_numbers.page.0, 2);
        assert_eq!(as_numbers.start.seconds(), 1_700_000_000);
        assert_eq!(
            serde_json::to_value(&as_strings).expect("encodes"),
            serde_json::json!({"id": "42", "page": 2, "ratio": 1.0, "available": true,
                "start": 1700000000, "created": "2024-05-01T10:00:00+02:00"})
        );
    }

    #[test]
    fn bad_forms_are_decode_errors_not_panics() {
        assert!(serde_json::from_str::<Lenient<u64>>(r#""12a""#).is_err());
        assert!(serde_json::from_str::<Lenient<u64>>("-1").is_err());
        assert!(serde_json::from_str::<Lenient<u64>>("1.5").is_err());
        assert!(serde_json::from_str::<LenientBool>("2").is_err());
        assert!(serde_json::from_str::<EpochSeconds>(r#""yesterday""#).is_err());
        assert!(serde_json::from_str::<EpochSeconds>("1e300").is_err());
        assert!(serde_json::from_str::<FlexibleDateTime>(r#""01/05/2024""#).is_err());
    }

    #[test]
    fn date_times_with_and_without_offset() {
        let plain = FlexibleDateTime::parse("2024-05-01 10:00:00").expect("space form");
        assert_eq!(plain.offset(), None);
        let t_form = FlexibleDateTime::parse("2024-05-01T10:00:00").expect("T form");
        assert_eq!(plain.local(), t_form.local());
        let utc = FixedOffset::east_opt(0).expect("valid");
        let zoned = FlexibleDateTime::parse("2024-05-01T12:00:00+02:00").expect("offset");
        assert_eq!(zoned.to_utc(utc), plain.to_utc(utc));
        assert_eq!(zoned.as_str(), "2024-05-01T12:00:00+02:00");
        let fraction = FlexibleDateTime::parse("2024-05-01T10:00:00.250Z").expect("fraction");
        assert_eq!(fraction.offset(), Some(utc));
    }

    #[test]
    fn timestamps_read_every_form_and_write_back_what_was_received() {
        let utc = |text: &str| {
            serde_json::from_value::<Timestamp>(serde_json::json!(text))
                .expect("decodes")
                .utc()
        };
        let expected = DateTime::parse_from_rfc3339("2024-05-01T10:00:00Z")
            .expect("valid")
            .with_timezone(&Utc);
        for text in [
            "1714557600",
            " 1714557600 ",
            "2024-05-01T10:00:00Z",
            "2024-05-01T10:00:00.0Z",
            "2024-05-01T12:00:00+02:00",
            "2024-05-01T12:00:00+0200",
            "2024-05-01 10:00:00Z",
            "2024-05-01 12:00:00.000+02:00",
        ] {
            assert_eq!(utc(text), Some(expected), "{text}");
        }
        for json in [
            "1714557600",
            "1714557600.0",
            "\"1714557600\"",
            "\"2024-05-01T10:00:00.0Z\"",
        ] {
            let time: Timestamp = serde_json::from_str(json).expect(json);
            assert_eq!(time.utc(), Some(expected), "{json}");
            assert_eq!(serde_json::to_string(&time).expect("encodes"), json);
        }
        // No offset: the caller says which zone the provider meant.
        let local: Timestamp = serde_json::from_str("\"2024-05-01 12:00:00\"").expect("local");
        assert_eq!(local.utc(), None);
        let paris = FixedOffset::east_opt(7200).expect("valid");
        assert_eq!(local.to_utc(paris), Some(expected));
        // The Prism-generated form of the VBC schema, far in the past.
        let old: Timestamp = serde_json::from_str("\"1968-09-05T22:51:01.0Z\"").expect("1968");
        assert_eq!(old.epoch_seconds(), Some(-41_648_939));
    }

    #[test]
    fn timestamps_keep_text_that_is_no_time() {
        let kept: Timestamp = serde_json::from_str("\"consequat mollit\"").expect("kept");
        assert_eq!(kept.local(), None);
        assert_eq!(kept.received(), &TimeForm::Text("consequat mollit".into()));
        assert_eq!(
            serde_json::to_string(&kept).expect("encodes"),
            "\"consequat mollit\""
        );
        assert!(Timestamp::parse("consequat").is_err());
        assert!(serde_json::from_str::<Timestamp>("true").is_err());
        let huge: Timestamp = serde_json::from_str("1e300").expect("kept");
        assert_eq!(huge.utc(), None);
        assert_eq!(
            Timestamp::from_epoch_seconds(1_714_557_600)
                .expect("in range")
                .to_string(),
            "1714557600"
        );
    }

    #[test]
    fn secret_text_reads_numbers_and_strings_and_never_prints() {
        use secrecy::ExposeSecret;
        let number: SecretText = serde_json::from_str("4821").expect("number");
        let text: SecretText = serde_json::from_str("\"4821\"").expect("text");
        assert_eq!(number.secret().expose_secret(), "4821");
        assert_eq!(text.secret().expose_secret(), "4821");
        assert_eq!(format!("{number:?}"), "SecretText(** redacted **)");
    }

    #[test]
    fn blank_means_none() {
        for blank in ["\"\"", "\"  \"", "null"] {
            let read: BlankIsNone<Timestamp> = serde_json::from_str(blank).expect(blank);
            assert_eq!(read.0, None, "{blank}");
        }
        let read: BlankIsNone<Timestamp> = serde_json::from_str("1714557600").expect("a time");
        assert_eq!(read.0.and_then(|t| t.epoch_seconds()), Some(1_714_557_600));
        assert!(serde_json::from_str::<BlankIsNone<Timestamp>>("true").is_err());
    }

    #[test]
    fn counters_that_are_no_number_are_kept() {
        let page: MaybeNumber<i64> = serde_json::from_str("\" 3\"").expect("text");
        assert_eq!(page.number(), Some(3));
        let odd: MaybeNumber<i64> = serde_json::from_str("\"adipisicing\"").expect("kept");
        assert_eq!(odd.number(), None);
        assert_eq!(
            serde_json::to_string(&odd).expect("encodes"),
            "\"adipisicing\""
        );
        assert_eq!(serde_json::to_string(&page).expect("encodes"), "3");
        let fraction: MaybeNumber<i64> = serde_json::from_str("2.5").expect("kept");
        assert_eq!(fraction, MaybeNumber::Other(serde_json::json!(2.5)));
    }

    /// What `MaybeNumber` did before it had a visitor of its own (through a `Value`): the
    /// reference the direct visitor must agree with.
    fn counter_through_a_value<T: FromStr>(json: &str) -> MaybeNumber<T> {
        let value: serde_json::Value = serde_json::from_str(json).expect("JSON");
        let number = match &value {
            serde_json::Value::Number(number) => number.to_string().parse::<T>().ok(),
            serde_json::Value::String(text) => text.trim().parse::<T>().ok(),
            _ => None,
        };
        number.map_or(MaybeNumber::Other(value), MaybeNumber::Number)
    }

    const VALUES: &[&str] = &[
        "0",
        "3",
        "-3",
        "9223372036854775807",
        "9223372036854775808",
        "18446744073709551615",
        "-9223372036854775808",
        "2.5",
        "3.0",
        "1e300",
        "\" 7 \"",
        "\"seven\"",
        "\"\"",
        "\"\\u0037\"",
        "true",
        "null",
        "[1, \"2\"]",
        "{\"page\": 1}",
    ];

    #[test]
    fn counters_decode_as_they_did_through_a_value() {
        for json in VALUES {
            let direct: MaybeNumber<i64> = serde_json::from_str(json).expect(json);
            assert_eq!(
                direct,
                counter_through_a_value::<i64>(json),
                "{json} as i64"
            );
            let direct: MaybeNumber<u64> = serde_json::from_str(json).expect(json);
            assert_eq!(
                direct,
                counter_through_a_value::<u64>(json),
                "{json} as u64"
            );
            let direct: MaybeNumber<f64> = serde_json::from_str(json).expect(json);
            assert_eq!(
                direct,
                counter_through_a_value::<f64>(json),
                "{json} as f64"
            );
            // From a `Value` too (owned strings: `visit_string`).
            let value: serde_json::Value = serde_json::from_str(json).expect(json);
            let owned: MaybeNumber<i64> = serde_json::from_value(value).expect(json);
            assert_eq!(
                owned,
                counter_through_a_value::<i64>(json),
                "{json} from a Value"
            );
        }
    }

    #[test]
    fn lenient_strings_keep_the_text_whichever_form_and_length() {
        let cases = [
            ("1234", "1234"),
            ("\"1234\"", "1234"),
            ("-9223372036854775808", "-9223372036854775808"),
            ("18446744073709551615", "18446744073709551615"),
            ("4.0", "4"),
            ("4.25", "4.25"),
            ("true", "true"),
            ("\"\"", ""),
            ("\"exactly twenty bytes\"", "exactly twenty bytes"),
            ("\"twenty-one bytes long\"", "twenty-one bytes long"),
            (
                "\"café à l'été, ça dépasse vingt octets\"",
                "café à l'été, ça dépasse vingt octets",
            ),
            ("\"café à l'été\"", "café à l'été"),
            ("\"\\u00e9té\"", "été"),
        ];
        for (json, text) in cases {
            let read: LenientString = serde_json::from_str(json).expect(json);
            assert_eq!(read.as_str(), text, "{json}");
            assert_eq!(
                read,
                LenientString::new(text),
                "{json}: equal to the same text"
            );
            assert_eq!(&*read, text);
            assert_eq!(read.to_string(), text);
            assert_eq!(format!("{read:?}"), format!("LenientString({text:?})"));
            assert_eq!(
                serde_json::to_value(&read).expect("encodes"),
                serde_json::json!(text)
            );
            assert_eq!(read.clone().into_string(), text);
            let value: serde_json::Value = serde_json::from_str(json).expect(json);
            let owned: LenientString = serde_json::from_value(value).expect(json);
            assert_eq!(owned.as_str(), text, "{json} from a Value");
        }
        // A number and its text are one key.
        let number: LenientString = serde_json::from_str("42").expect("number");
        let text: LenientString = serde_json::from_str("\"42\"").expect("text");
        let long = LenientString::new("42");
        let set: std::collections::HashSet<_> = [number.clone(), text, long].into_iter().collect();
        assert_eq!(set.len(), 1);
        assert_eq!(
            number.cmp(&LenientString::new("5")),
            std::cmp::Ordering::Less,
            "ordered as text"
        );
        assert_eq!(number, "42");
        assert!(serde_json::from_str::<LenientString>("[1]").is_err());
        assert!(serde_json::from_str::<LenientString>("null").is_err());
    }

    #[test]
    fn blank_means_none_and_anything_else_reaches_the_inner_type_unchanged() {
        #[derive(Debug, PartialEq, Deserialize)]
        struct Span {
            from: u64,
            to: u64,
        }
        let span: BlankIsNone<Span> =
            serde_json::from_str(r#"{"from": 1, "to": 2}"#).expect("an object");
        assert_eq!(span.0, Some(Span { from: 1, to: 2 }));
        let list: BlankIsNone<Vec<LenientString>> =
            serde_json::from_str(r#"[1, "b"]"#).expect("an array");
        assert_eq!(list.0, Some(vec!["1".into(), "b".into()]));
        let text: BlankIsNone<Timestamp> =
            serde_json::from_str("\"2024-05-01T10:00:00Z\"").expect("a time");
        assert_eq!(text.0.and_then(|t| t.epoch_seconds()), Some(1_714_557_600));
        let escaped: BlankIsNone<String> = serde_json::from_str("\"a\\nb\"").expect("escaped");
        assert_eq!(escaped.0.as_deref(), Some("a\nb"));
        let negative: BlankIsNone<Timestamp> = serde_json::from_str("-60").expect("before 1970");
        assert_eq!(negative.0.and_then(|t| t.epoch_seconds()), Some(-60));
        let fraction: BlankIsNone<Timestamp> = serde_json::from_str("0.5").expect("a fraction");
        assert_eq!(
            fraction
                .0
                .and_then(|t| t.utc())
                .map(|t| t.timestamp_subsec_millis()),
            Some(500)
        );
        let owned: BlankIsNone<Timestamp> =
            serde_json::from_value(serde_json::json!("  ")).expect("blank from a Value");
        assert_eq!(owned.0, None);
        // The inner type's own error, as a plain field of that type would give it.
        let refused = serde_json::from_str::<BlankIsNone<Timestamp>>("true").expect_err("bool");
        assert_eq!(
            refused.to_string(),
            "invalid type: boolean `true`, expected epoch seconds or a date and time at line 1 column 4"
        );
    }

    #[test]
    fn whole_epoch_seconds_past_the_range_are_kept_without_an_instant() {
        for json in [
            "18446744073709551615",
            "9223372036854775807",
            "-9223372036854775808",
        ] {
            let kept: Timestamp = serde_json::from_str(json).expect(json);
            assert_eq!(kept.utc(), None, "{json}");
            assert_eq!(serde_json::to_string(&kept).expect("encodes"), json);
        }
        let moment: Timestamp = serde_json::from_str("1595959736").expect("in range");
        assert_eq!(moment.epoch_seconds(), Some(1_595_959_736));
    }

    /// Model sizes are part of the decoding cost (each value is moved into its `Vec`; a
    /// `Vec` of four legs over 1 KiB leaves malloc's thread cache): hold what was won.
    #[test]
    #[cfg(target_pointer_width = "64")]
    fn lenient_types_stay_small() {
        assert_eq!(std::mem::size_of::<Timestamp>(), 24);
        assert_eq!(std::mem::size_of::<Option<Timestamp>>(), 24);
        assert_eq!(std::mem::size_of::<LenientString>(), 32);
        assert_eq!(std::mem::size_of::<Option<LenientString>>(), 32);
    }

    #[test]
    fn open_enums_read_borrowed_and_owned_text_alike() {
        crate::open_enum! {
            /// A test enum.
            enum Mode {
                /// One.
                One = "one",
            }
        }
        let borrowed: Mode = serde_json::from_str("\"one\"").expect("borrowed");
        let owned: Mode = serde_json::from_value(serde_json::json!("one")).expect("owned");
        let escaped: Mode = serde_json::from_str("\"\\u006fne\"").expect("escaped");
        assert_eq!([&borrowed, &owned, &escaped], [&Mode::One; 3]);
        assert_eq!(Mode::KNOWN, ["one"]);
        assert_eq!(
            Mode::documented("mode", "one").expect("documented"),
            Mode::One
        );
        let unknown: Mode = serde_json::from_value(serde_json::json!("two")).expect("kept");
        assert_eq!(unknown, Mode::Unknown("two".into()));
        let refused = serde_json::from_str::<Mode>("5").expect_err("a number");
        assert_eq!(
            refused.to_string(),
            "invalid type: integer `5`, expected a string at line 1 column 1"
        );
    }

    #[test]
    fn fractional_epoch_seconds_round_trip() {
        let moment: EpochSeconds = serde_json::from_str("1700000000.5").expect("float");
        assert_eq!(moment.0.timestamp_subsec_millis(), 500);
        assert_eq!(
            serde_json::to_string(&moment).expect("encodes"),
            "1700000000.5"
        );
    }
}
