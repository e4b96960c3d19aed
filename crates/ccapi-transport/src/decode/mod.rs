//! Lenient decoding for values that providers send in more than one form.
//!
//! | type | accepts | writes |
//! |---|---|---|
//! | [`LenientString`] | `"42"`, `42`, `4.2`, `true` (up to 20 bytes kept inline) | a string |
//! | [`Lenient<T>`] (numbers) | `42`, `"42"`, `" 42 "` | a number |
//! | [`LenientBool`] | `true`, `1`, `"1"`, `"true"` (and the false forms) | a boolean |
//! | [`Timestamp`] | epoch seconds (a number or numeric text, fractions), RFC 3339 with or without offset, `T` or space; other text is kept, not refused | the form received |
//! | [`MaybeNumber<T>`] | a number or numeric string; anything else is kept, not refused | the form received |
//! | [`open_enum!`](crate::open_enum) enums | documented values, anything else kept as `Unknown` | the text |
//!
//! Each reads its value through a visitor of its own: no `serde_json::Value` in between, no
//! `fmt` machinery for numbers, no allocation for a documented enum value or a short id
//! (docs/performance.md, "Lenient decoders").
//!
//! JSON served as `text/plain` needs no helper: the transport decodes bodies whatever their
//! `Content-Type`.
//!
//! One module per concern: `text` (ids and credentials), `numbers`, `times`, `enums`; every
//! type is re-exported here.

mod enums;
mod numbers;
mod text;
mod times;

pub use numbers::{BlankIsNone, Lenient, LenientBool, MaybeNumber};
pub use text::{expose_optional_secret, expose_secret, LenientString, SecretText};
pub use times::{TimeForm, Timestamp, TimestampError};

#[cfg(test)]
mod tests;
