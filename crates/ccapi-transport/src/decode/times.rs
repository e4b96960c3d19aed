//! Times in whichever form the provider sent them: [`Timestamp`].

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, FixedOffset, NaiveDateTime, TimeZone, Utc};
use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};

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
