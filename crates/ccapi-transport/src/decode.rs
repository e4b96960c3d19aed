//! Lenient decoding for values that providers send in more than one form.
//!
//! | type | accepts | writes |
//! |---|---|---|
//! | [`LenientString`] | `"42"`, `42`, `4.2`, `true` | a string |
//! | [`Lenient<T>`] (numbers) | `42`, `"42"`, `" 42 "` | a number |
//! | [`LenientBool`] | `true`, `1`, `"1"`, `"true"` (and the false forms) | a boolean |
//! | [`EpochSeconds`] | `1700000000`, `"1700000000"`, `1700000000.5` | a number |
//! | [`FlexibleDateTime`] | RFC 3339 with or without offset, `T` or space, fractions | the text received |
//! | [`open_enum!`](crate::open_enum) enums | documented values, anything else kept as `Unknown` | the text |
//!
//! JSON served as `text/plain` needs no helper: the transport decodes bodies whatever their
//! `Content-Type`.

use std::fmt;
use std::marker::PhantomData;
use std::str::FromStr;

use chrono::{DateTime, FixedOffset, NaiveDateTime, TimeZone, Utc};
use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};

/// Text that may arrive as a JSON string or as a number (ids documented as strings).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct LenientString(pub String);

impl LenientString {
    /// The text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for LenientString {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(&self.0)
    }
}

impl From<&str> for LenientString {
    fn from(text: &str) -> Self {
        Self(text.to_owned())
    }
}

impl From<String> for LenientString {
    fn from(text: String) -> Self {
        Self(text)
    }
}

impl Serialize for LenientString {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
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
                Ok(LenientString(v.to_owned()))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
                Ok(LenientString(v))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
                Ok(LenientString(v.to_string()))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
                Ok(LenientString(v.to_string()))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
                Ok(LenientString(v.to_string()))
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
                Ok(LenientString(v.to_string()))
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
                Self::parse(&v.to_string())
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
                Self::parse(&v.to_string())
            }
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
                let text = <::std::string::String as $crate::__private::serde::Deserialize>::deserialize(deserializer)?;
                ::std::result::Result::Ok(match text.parse::<Self>() {
                    ::std::result::Result::Ok(value) => value,
                    ::std::result::Result::Err(never) => match never {},
                })
            }
        }
    };
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
    fn fractional_epoch_seconds_round_trip() {
        let moment: EpochSeconds = serde_json::from_str("1700000000.5").expect("float");
        assert_eq!(moment.0.timestamp_subsec_millis(), 500);
        assert_eq!(
            serde_json::to_string(&moment).expect("encodes"),
            "1700000000.5"
        );
    }
}
