//! Fixture round trips (feature `fixtures`): a recorded JSON document decodes into a model type
//! and re-encodes to the same JSON, key by key, so a model can neither drop nor rename a field.
//!
//! The comparison accepts exactly the normalizations the model types make on purpose:
//! - a member that is `null` in the fixture may be absent after re-encoding (`Option::None` is
//!   skipped), and the other way round; so may an empty string (an optional time not set yet,
//!   read as `None`: [`BlankIsNone`](crate::decode::BlankIsNone));
//! - numbers compare by value (`5` and `5.0`);
//! - a scalar and its text compare equal (`42` and `"42"`, `true` and `"1"`): the lenient types
//!   of [`decode`](crate::decode) accept both forms and write one.
//!
//! Everything else must match: every member of the fixture must come back, with the same name,
//! and nothing may be added.
//!
//! Each value is checked twice: as recorded, and with members no model names injected at every
//! object level ([`INJECTED_MEMBER`], and at the top an object [`INJECTED_OBJECT`] with nested
//! members). A model that drops what it does not know fails the second pass.
//!
//! ```
//! # #[derive(serde::Serialize)]
//! # struct Owner {
//! #     id: String,
//! #     #[serde(rename = "userName")]
//! #     user_name: String,
//! #     #[serde(flatten)]
//! #     extra: ccapi_transport::model::Extra,
//! # }
//! # ccapi_transport::lossless!(Owner { required id = "id", required user_name = "userName" });
//! ccapi_transport::fixture::assert_round_trip::<Owner>(
//!     "owner.json",
//!     r#"{"id": "1", "userName": "a@b.c"}"#,
//!     "",
//! );
//! ```

use std::fmt;

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

/// Why a fixture did not survive the round trip.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoundTripReport {
    /// One line per difference: a JSON pointer and what happened there.
    pub differences: Vec<String>,
}

impl fmt::Display for RoundTripReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for line in &self.differences {
            writeln!(f, "  {line}")?;
        }
        Ok(())
    }
}

/// Decodes every value `selector` picks from `fixture` as `T`, re-encodes it and compares.
///
/// `selector` is a JSON pointer where `*` stands for every element of an array (`/items/*`);
/// `""` is the whole document.
pub fn check_round_trip<T>(fixture: &str, selector: &str) -> Result<usize, RoundTripReport>
where
    T: DeserializeOwned + Serialize,
{
    let mut differences = Vec::new();
    let document: Value = serde_json::from_str(fixture).map_err(|err| RoundTripReport {
        differences: vec![format!("the fixture is not JSON: {err}")],
    })?;
    let mut selected = Vec::new();
    let segments: Vec<&str> = match selector.strip_prefix('/') {
        Some(rest) => rest.split('/').collect(),
        None => Vec::new(),
    };
    select(
        &document,
        &segments,
        String::new(),
        &mut selected,
        &mut differences,
    );
    for (pointer, original) in &selected {
        round_trip::<T>(original, pointer, "", &mut differences);
        let mut injected = (*original).clone();
        if let Value::Object(members) = &mut injected {
            members.insert(
                INJECTED_OBJECT.to_owned(),
                serde_json::json!({"nested": [1, "two", {"deeper": true}], "at": null}),
            );
        }
        inject_everywhere(&mut injected);
        round_trip::<T>(
            &injected,
            pointer,
            " (with unknown members injected)",
            &mut differences,
        );
    }
    if differences.is_empty() {
        Ok(selected.len())
    } else {
        Err(RoundTripReport { differences })
    }
}

/// The member the round trip adds to every object of a fixture: no model names it.
pub const INJECTED_MEMBER: &str = "ccapiUnknownMember";

/// The object member the round trip adds at the top of each value, with nested members.
pub const INJECTED_OBJECT: &str = "ccapiUnknownObject";

fn inject_everywhere(value: &mut Value) {
    match value {
        Value::Object(members) => {
            for member in members.values_mut() {
                inject_everywhere(member);
            }
            // A string, so that an object read as a map of strings (HTTP headers) still decodes.
            members.insert(INJECTED_MEMBER.to_owned(), Value::from("kept"));
        }
        Value::Array(items) => items.iter_mut().for_each(inject_everywhere),
        _ => {}
    }
}

fn round_trip<T>(original: &Value, pointer: &str, pass: &str, differences: &mut Vec<String>)
where
    T: DeserializeOwned + Serialize,
{
    let decoded: T = match serde_path_to_error::deserialize(original) {
        Ok(decoded) => decoded,
        Err(err) => {
            differences.push(format!(
                "{}{pass}: does not decode at `{}`: {}",
                or_root(pointer),
                err.path(),
                err.inner()
            ));
            return;
        }
    };
    match serde_json::to_value(&decoded) {
        Ok(encoded) => {
            let before = differences.len();
            compare(original, &encoded, pointer, differences);
            for line in &mut differences[before..] {
                line.push_str(pass);
            }
        }
        Err(err) => differences.push(format!(
            "{}{pass}: does not encode: {err}",
            or_root(pointer)
        )),
    }
}

/// The values `selector` picks in `fixture`, decoded as `T` and encoded again: what a snapshot
/// of the typed value shows. One value for a selector without `*`, an array of them otherwise.
///
/// # Panics
///
/// For tests: when the fixture is not JSON, the selector picks nothing, or a value does not
/// decode or encode.
#[track_caller]
pub fn decoded<T>(fixture: &str, selector: &str) -> Value
where
    T: DeserializeOwned + Serialize,
{
    let document: Value = serde_json::from_str(fixture).expect("the fixture is JSON");
    let segments: Vec<&str> = match selector.strip_prefix('/') {
        Some(rest) => rest.split('/').collect(),
        None => Vec::new(),
    };
    let mut selected = Vec::new();
    let mut differences = Vec::new();
    select(
        &document,
        &segments,
        String::new(),
        &mut selected,
        &mut differences,
    );
    assert!(differences.is_empty(), "{}", differences.join("\n"));
    let typed: Vec<Value> = selected
        .into_iter()
        .map(|(pointer, value)| {
            let decoded: T = serde_json::from_value(value.clone())
                .unwrap_or_else(|err| panic!("{}: does not decode: {err}", or_root(&pointer)));
            serde_json::to_value(&decoded)
                .unwrap_or_else(|err| panic!("{}: does not encode: {err}", or_root(&pointer)))
        })
        .collect();
    if segments.contains(&"*") {
        Value::Array(typed)
    } else {
        typed.into_iter().next().unwrap_or(Value::Null)
    }
}

/// [`check_round_trip`] for tests: panics with every difference, naming the fixture.
#[track_caller]
pub fn assert_round_trip<T>(name: &str, fixture: &str, selector: &str)
where
    T: DeserializeOwned + Serialize,
{
    if let Err(report) = check_round_trip::<T>(fixture, selector) {
        panic!(
            "{name}{selector} does not round-trip through {}:\n{report}",
            std::any::type_name::<T>()
        );
    }
}

fn select<'v>(
    value: &'v Value,
    segments: &[&str],
    at: String,
    out: &mut Vec<(String, &'v Value)>,
    differences: &mut Vec<String>,
) {
    let Some((segment, rest)) = segments.split_first() else {
        out.push((at, value));
        return;
    };
    match (*segment, value) {
        ("*", Value::Array(items)) => {
            for (index, item) in items.iter().enumerate() {
                select(item, rest, format!("{at}/{index}"), out, differences);
            }
        }
        (key, Value::Object(members)) if members.contains_key(key) => {
            select(&members[key], rest, format!("{at}/{key}"), out, differences);
        }
        (key, _) => differences.push(format!("{at}: the selector's `{key}` selects nothing")),
    }
}

fn compare(original: &Value, encoded: &Value, at: &str, differences: &mut Vec<String>) {
    match (original, encoded) {
        (Value::Object(left), Value::Object(right)) => {
            for (key, value) in left {
                let here = format!("{at}/{key}");
                match right.get(key) {
                    Some(other) => compare(value, other, &here, differences),
                    None if value.is_null() || is_blank(value) => {}
                    None => differences.push(format!("{here}: dropped")),
                }
            }
            for (key, value) in right {
                if !left.contains_key(key) && !value.is_null() {
                    differences.push(format!("{at}/{key}: added ({value})"));
                }
            }
        }
        (Value::Array(left), Value::Array(right)) => {
            if left.len() != right.len() {
                differences.push(format!(
                    "{at}: {} elements became {}",
                    left.len(),
                    right.len()
                ));
                return;
            }
            for (index, (value, other)) in left.iter().zip(right).enumerate() {
                compare(value, other, &format!("{at}/{index}"), differences);
            }
        }
        (left, right) if scalars_agree(left, right) => {}
        (left, right) => differences.push(format!("{}: {left} became {right}", or_root(at))),
    }
}

/// `""`: what some providers send for a time not set yet, read as `None` on purpose.
fn is_blank(value: &Value) -> bool {
    value.as_str().is_some_and(|text| text.trim().is_empty())
}

fn or_root(at: &str) -> &str {
    if at.is_empty() {
        "/"
    } else {
        at
    }
}

/// Equal, or the same scalar in the two forms the lenient decoders accept.
fn scalars_agree(left: &Value, right: &Value) -> bool {
    if left == right {
        return true;
    }
    if let (Some(a), Some(b)) = (as_number(left), as_number(right)) {
        return a == b;
    }
    matches!((as_bool(left), as_bool(right)), (Some(a), Some(b)) if a == b)
}

fn as_number(value: &Value) -> Option<f64> {
    match value {
        Value::Number(number) => number.as_f64(),
        Value::String(text) => text.trim().parse().ok(),
        _ => None,
    }
}

fn as_bool(value: &Value) -> Option<bool> {
    match value {
        Value::Bool(flag) => Some(*flag),
        Value::Number(number) => match number.as_u64() {
            Some(0) => Some(false),
            Some(1) => Some(true),
            _ => None,
        },
        Value::String(text) => match text.as_str() {
            "1" | "true" | "TRUE" | "True" => Some(true),
            "0" | "false" | "FALSE" | "False" => Some(false),
            _ => None,
        },
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Extra;
    use serde::Deserialize;

    #[derive(Serialize)]
    struct Tracking {
        id: crate::decode::LenientString,
        #[serde(rename = "userName", skip_serializing_if = "Option::is_none")]
        user_name: Option<String>,
        credit: f64,
        #[serde(flatten)]
        extra: Extra,
    }
    crate::lossless!(Tracking {
        required id = "id",
        optional user_name = "userName",
        required credit = "credit",
    });

    #[derive(Serialize)]
    struct Renamed {
        id: String,
        #[serde(rename = "user_name", skip_serializing_if = "Option::is_none")]
        user_name: Option<String>,
        #[serde(flatten)]
        extra: Extra,
    }
    crate::lossless!(Renamed { required id = "id", optional user_name = "user_name" });

    /// What a model written with serde's plain derive does: drops what it does not name.
    #[derive(Serialize, Deserialize)]
    struct Forgetful {
        id: String,
    }

    #[test]
    fn booleans_written_as_digits_agree_with_booleans() {
        assert!(scalars_agree(
            &serde_json::json!(1),
            &serde_json::json!(true)
        ));
        assert!(scalars_agree(
            &serde_json::json!("0"),
            &serde_json::json!(false)
        ));
        assert!(!scalars_agree(
            &serde_json::json!(2),
            &serde_json::json!(true)
        ));
        assert!(!scalars_agree(
            &serde_json::json!("abc"),
            &serde_json::json!(5)
        ));
    }

    #[test]
    fn lenient_forms_nulls_and_number_widths_agree() {
        let fixture = r#"{"items": [{"id": 7, "userName": null, "credit": 5},
                                    {"id": "8", "credit": 1.5}]}"#;
        assert_eq!(check_round_trip::<Tracking>(fixture, "/items/*"), Ok(2));
    }

    #[test]
    fn dropped_renamed_and_changed_members_are_reported() {
        // A misnamed member is kept as unknown, so it comes back: what fails is the field.
        let renamed: Renamed =
            serde_json::from_str(r#"{"id": "1", "userName": "x"}"#).expect("decodes");
        assert_eq!(renamed.user_name, None);
        let report = check_round_trip::<Tracking>(r#"{"id": "1", "credit": true}"#, "")
            .expect_err("a boolean is not a number");
        assert_eq!(report.differences.len(), 2, "{report}");
        assert!(
            report.differences[0].starts_with("/: does not decode at `credit`"),
            "{report}"
        );
        let report = check_round_trip::<Tracking>(r#"{"id": 1, "credit": 1}"#, "/items/*")
            .expect_err("nothing selected");
        assert_eq!(
            report.differences,
            vec![": the selector's `items` selects nothing"]
        );
    }

    #[test]
    fn a_model_that_drops_unknown_members_fails_the_injected_pass() {
        let mut report = check_round_trip::<Forgetful>(r#"{"id": "1"}"#, "")
            .expect_err("unknown members are dropped");
        report.differences.sort();
        assert_eq!(
            report.differences,
            vec![
                "/ccapiUnknownMember: dropped (with unknown members injected)",
                "/ccapiUnknownObject: dropped (with unknown members injected)",
            ]
        );
    }
}
