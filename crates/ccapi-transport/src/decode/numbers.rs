//! Numbers and booleans in more than one JSON form: [`Lenient`], [`LenientBool`],
//! [`MaybeNumber`], and [`BlankIsNone`] for an empty string that means "not set".

use std::fmt;
use std::marker::PhantomData;
use std::str::FromStr;

use serde::de::value::{
    BorrowedStrDeserializer, MapAccessDeserializer, SeqAccessDeserializer, StrDeserializer,
    StringDeserializer,
};
use serde::de::{self, Deserializer, IntoDeserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};

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
