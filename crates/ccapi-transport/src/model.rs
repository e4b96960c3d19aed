//! Lossless models: the members a model does not name are kept, in the order received, and
//! written back when the model is encoded.
//!
//! Every model of every ccapi provider crate, generated or hand-written, has one public field
//! `extra: Extra` and implements [`WithExtra`]. A member the provider added after the crate was
//! written is therefore never lost:
//!
//! ```
//! use ccapi_transport::model::{Extra, WithExtra};
//! use serde::Serialize;
//!
//! #[derive(Debug, Serialize)]
//! pub struct Tracking {
//!     pub id: String,
//!     #[serde(skip_serializing_if = "Option::is_none")]
//!     pub name: Option<String>,
//!     #[serde(flatten)]
//!     pub extra: Extra,
//! }
//! ccapi_transport::lossless!(Tracking { required id = "id", optional name = "name" });
//!
//! let tracking: Tracking =
//!     serde_json::from_str(r#"{"id": "7", "region": "eu", "owner": {"id": 3}}"#).unwrap();
//! assert_eq!(tracking.extra().get("region"), Some(&serde_json::json!("eu")));
//! assert_eq!(
//!     serde_json::to_value(&tracking).unwrap(),
//!     serde_json::json!({"id": "7", "region": "eu", "owner": {"id": 3}})
//! );
//! ```
//!
//! **Why a macro and not `#[serde(flatten)]` on both sides.** A flattened field makes serde's
//! derived `Deserialize` buffer every member of the object into its private `Content` type
//! before deciding where it goes (serde-rs/serde#1183): slower, and some inner types decode
//! differently from a buffer. [`lossless!`](crate::lossless) writes the `Deserialize` that a
//! derive would write for a plain struct (one pass over the map, known keys matched without
//! allocating), and sends every other key to [`Extra`]. Encoding uses serde's derive with
//! `#[serde(flatten)]`, which costs nothing when `extra` is empty.

use std::fmt;

use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};
use serde::ser::{Serialize, SerializeMap, Serializer};
use serde_json::Value;

use crate::redact::is_credential_name;

/// The members of a provider object that its model does not name, in the order received.
///
/// `Debug` prints the members with the values of credential-named ones (`token`, `password`,
/// `apiKey`, ...) replaced by `** redacted **`, at any depth: a member the crate does not know
/// may still hold a secret.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Extra(Vec<(String, Value)>);

impl Extra {
    /// No member.
    pub const fn new() -> Self {
        Self(Vec::new())
    }

    /// Whether there is no unknown member.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// How many unknown members there are.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// The member called `name`, as received.
    pub fn get(&self, name: &str) -> Option<&Value> {
        self.0
            .iter()
            .find(|(member, _)| member == name)
            .map(|(_, value)| value)
    }

    /// The members, in the order received.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = (&str, &Value)> {
        self.0.iter().map(|(name, value)| (name.as_str(), value))
    }

    /// Sets `name` to `value`: replaces the member if present, else appends it. Returns the
    /// value it replaced.
    ///
    /// This is how a caller sends a member the model does not name (a request field added
    /// after this crate was written).
    pub fn insert(&mut self, name: impl Into<String>, value: impl Into<Value>) -> Option<Value> {
        let name = name.into();
        let value = value.into();
        match self.0.iter_mut().find(|(member, _)| *member == name) {
            Some((_, slot)) => Some(std::mem::replace(slot, value)),
            None => {
                self.0.push((name, value));
                None
            }
        }
    }

    /// `self` with `name` set to `value` (see [`Extra::insert`]).
    pub fn with(mut self, name: impl Into<String>, value: impl Into<Value>) -> Self {
        self.insert(name, value);
        self
    }

    /// Removes the member called `name` and returns its value.
    pub fn remove(&mut self, name: &str) -> Option<Value> {
        let index = self.0.iter().position(|(member, _)| member == name)?;
        Some(self.0.remove(index).1)
    }

    /// Appends a member as received, without looking for an earlier one of the same name (a
    /// decoder keeps a repeated member twice, as the provider sent it).
    pub fn append(&mut self, name: String, value: Value) {
        self.0.push((name, value));
    }
}

impl fmt::Debug for Extra {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut map = f.debug_map();
        for (name, value) in &self.0 {
            if is_credential_name(name) && !value.is_null() {
                map.entry(name, &format_args!("** redacted **"));
            } else {
                let mut shown = value.clone();
                crate::redact::redact_for_debug(&mut shown, "** redacted **");
                map.entry(name, &shown);
            }
        }
        map.finish()
    }
}

impl<K: Into<String>, V: Into<Value>> FromIterator<(K, V)> for Extra {
    fn from_iter<I: IntoIterator<Item = (K, V)>>(members: I) -> Self {
        let mut extra = Self::new();
        for (name, value) in members {
            extra.insert(name, value);
        }
        extra
    }
}

impl IntoIterator for Extra {
    type Item = (String, Value);
    type IntoIter = std::vec::IntoIter<(String, Value)>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

thread_local! {
    static OMIT_EXTRA: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Runs `encode` with every [`Extra`] written as nothing: a view of only the documented members
/// (the command line's tables). Never use it to build a request: what the caller added to
/// `extra` would not be sent.
pub fn without_extra<R>(encode: impl FnOnce() -> R) -> R {
    struct Restore(bool);
    impl Drop for Restore {
        fn drop(&mut self) {
            OMIT_EXTRA.with(|omit| omit.set(self.0));
        }
    }
    let _restore = Restore(OMIT_EXTRA.with(|omit| omit.replace(true)));
    encode()
}

impl Serialize for Extra {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if OMIT_EXTRA.with(std::cell::Cell::get) {
            return serializer.serialize_map(Some(0))?.end();
        }
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (name, value) in &self.0 {
            map.serialize_entry(name, value)?;
        }
        map.end()
    }
}

impl<'de> Deserialize<'de> for Extra {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct MembersVisitor;
        impl<'de> Visitor<'de> for MembersVisitor {
            type Value = Extra;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Extra, A::Error> {
                let mut extra = Extra::new();
                while let Some((name, value)) = map.next_entry::<String, Value>()? {
                    extra.append(name, value);
                }
                Ok(extra)
            }
        }
        deserializer.deserialize_map(MembersVisitor)
    }
}

/// A model that keeps the members it does not name: the same accessor in every crate.
pub trait WithExtra {
    /// The members received that this model does not name, in the order received.
    fn extra(&self) -> &Extra;

    /// The unknown members, to change what is sent back (a request built from an answer).
    fn extra_mut(&mut self) -> &mut Extra;
}

/// Implements `Deserialize` and [`WithExtra`] for a struct with a public `extra: Extra` field
/// (see the [module docs](crate::model)).
///
/// Each member is `required name = "json"` (missing is an error, like a derived struct),
/// `optional name = "json"` (an `Option` field: missing or `null` is `None`), or
/// `optional_blank name = "json"` (also `None` for `""`: see
/// [`BlankIsNone`](crate::decode::BlankIsNone)). Members named
/// twice in one object are an error, as with serde's derive; unknown members repeated are kept
/// twice. Type parameters are allowed: `lossless!(Items<T> { optional items = "items" })`.
#[macro_export]
macro_rules! lossless {
    (
        $name:ident $(< $($param:ident),+ >)? {
            $( $presence:ident $field:ident = $json:literal ),* $(,)?
        }
    ) => {
        impl<'de $(, $($param: $crate::__private::serde::Deserialize<'de>),+)?>
            $crate::__private::serde::Deserialize<'de> for $name $(< $($param),+ >)?
        {
            fn deserialize<__D>(deserializer: __D) -> ::std::result::Result<Self, __D::Error>
            where
                __D: $crate::__private::serde::Deserializer<'de>,
            {
                // Fully qualified paths only: a model may itself be called `Visitor` or `Result`.
                use ::std::result::Result::{Err, Ok};
                use ::std::option::Option::{None, Some};

                #[allow(non_camel_case_types)]
                enum __Member {
                    $( $field, )*
                    __Unknown(::std::string::String),
                }

                struct __MemberVisitor;
                impl<'de> $crate::__private::serde::de::Visitor<'de> for __MemberVisitor {
                    type Value = __Member;
                    fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                        f.write_str("a member name")
                    }
                    fn visit_str<__E: $crate::__private::serde::de::Error>(
                        self,
                        name: &str,
                    ) -> ::std::result::Result<__Member, __E> {
                        Ok(match name {
                            $( $json => __Member::$field, )*
                            other => __Member::__Unknown(other.to_owned()),
                        })
                    }
                    fn visit_string<__E: $crate::__private::serde::de::Error>(
                        self,
                        name: ::std::string::String,
                    ) -> ::std::result::Result<__Member, __E> {
                        match name.as_str() {
                            $( $json => return Ok(__Member::$field), )*
                            _ => {}
                        }
                        Ok(__Member::__Unknown(name))
                    }
                }
                impl<'de> $crate::__private::serde::Deserialize<'de> for __Member {
                    fn deserialize<__D2>(
                        deserializer: __D2,
                    ) -> ::std::result::Result<Self, __D2::Error>
                    where
                        __D2: $crate::__private::serde::Deserializer<'de>,
                    {
                        deserializer.deserialize_identifier(__MemberVisitor)
                    }
                }

                struct __ObjectVisitor $(< $($param),+ >)? (
                    ::std::marker::PhantomData<fn() -> $name $(< $($param),+ >)?>,
                );
                impl<'de $(, $($param: $crate::__private::serde::Deserialize<'de>),+)?>
                    $crate::__private::serde::de::Visitor<'de> for __ObjectVisitor $(< $($param),+ >)?
                {
                    type Value = $name $(< $($param),+ >)?;
                    fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                        f.write_str(concat!("an object (", stringify!($name), ")"))
                    }
                    #[allow(non_snake_case)]
                    fn visit_map<__A: $crate::__private::serde::de::MapAccess<'de>>(
                        self,
                        mut __map: __A,
                    ) -> ::std::result::Result<Self::Value, __A::Error> {
                        $( let mut $field = None; )*
                        let mut __extra = $crate::model::Extra::new();
                        while let Some(__member) = __map.next_key::<__Member>()? {
                            match __member {
                                $(
                                    __Member::$field => {
                                        if ::std::option::Option::is_some(&$field) {
                                            return Err(<__A::Error as $crate::__private::serde::de::Error>::duplicate_field($json));
                                        }
                                        $field = Some($crate::lossless!(@read $presence __map));
                                    }
                                )*
                                __Member::__Unknown(__name) => {
                                    let __value: $crate::__private::serde_json::Value =
                                        __map.next_value()?;
                                    __extra.append(__name, __value);
                                }
                            }
                        }
                        Ok($name {
                            $( $field: $crate::lossless!(@take $presence $field $json __A), )*
                            extra: __extra,
                        })
                    }
                }
                deserializer.deserialize_map(__ObjectVisitor(::std::marker::PhantomData))
            }
        }

        impl $(< $($param),+ >)? $crate::model::WithExtra for $name $(< $($param),+ >)? {
            fn extra(&self) -> &$crate::model::Extra {
                &self.extra
            }
            fn extra_mut(&mut self) -> &mut $crate::model::Extra {
                &mut self.extra
            }
        }
    };
    (@take required $field:ident $json:literal $access:ident) => {
        match $field {
            Some(value) => value,
            None => return Err(<$access::Error as $crate::__private::serde::de::Error>::missing_field($json)),
        }
    };
    (@take optional $field:ident $json:literal $access:ident) => {
        $field.unwrap_or_default()
    };
    (@take optional_blank $field:ident $json:literal $access:ident) => {
        $field.unwrap_or_default()
    };
    (@read optional_blank $map:ident) => {
        $map.next_value::<$crate::decode::BlankIsNone<_>>()?.0
    };
    (@read $presence:ident $map:ident) => {
        $map.next_value()?
    };
}

#[cfg(test)]
mod tests {
    use serde::Serialize;
    use serde_json::json;

    use super::*;

    #[test]
    fn debug_of_unknown_members_hides_every_credential_the_rule_names() {
        let extra: Extra = [
            ("jwt", json!("canary-1")),
            ("cookie", json!("canary-2")),
            ("sessionId", json!("canary-3")),
            ("passcode", json!(4242)),
            ("auth", json!({"user": "canary-5"})),
            (
                "nested",
                json!([{"sipPassword": "canary-6", "tokenCount": 2}]),
            ),
            ("name", json!("shown")),
        ]
        .into_iter()
        .collect();
        let shown = format!("{extra:?}");
        assert!(
            !shown.contains("canary") && !shown.contains("4242"),
            "{shown}"
        );
        assert!(
            shown.contains("\"shown\"") && shown.contains("\"tokenCount\": Number(2)"),
            "{shown}"
        );
    }

    #[derive(Debug, Clone, Default, PartialEq, Serialize)]
    struct Owner {
        #[serde(skip_serializing_if = "Option::is_none")]
        id: Option<i64>,
        #[serde(flatten)]
        extra: Extra,
    }
    crate::lossless!(Owner { optional id = "id" });

    #[derive(Debug, Clone, PartialEq, Serialize)]
    struct Tracking {
        id: String,
        #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
        r#type: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        owner: Option<Owner>,
        #[serde(flatten)]
        extra: Extra,
    }
    crate::lossless!(Tracking {
        required id = "id",
        optional r#type = "type",
        optional owner = "owner",
    });

    #[derive(Debug, PartialEq, Serialize)]
    struct Items<T> {
        #[serde(skip_serializing_if = "Option::is_none")]
        items: Option<Vec<T>>,
        #[serde(flatten)]
        extra: Extra,
    }
    crate::lossless!(Items<T> { optional items = "items" });

    #[test]
    fn unknown_members_are_kept_in_order_at_every_level_and_written_back() {
        let text = r#"{"zeta": 1, "id": "7", "owner": {"id": 3, "team": {"name": "b"}},
                       "alpha": [true], "type": null}"#;
        let tracking: Tracking = serde_json::from_str(text).expect("decodes");
        assert_eq!(
            tracking
                .extra
                .iter()
                .map(|(name, _)| name)
                .collect::<Vec<_>>(),
            ["zeta", "alpha"]
        );
        assert_eq!(tracking.r#type, None);
        let owner = tracking.owner.as_ref().expect("owner");
        assert_eq!(owner.extra().get("team"), Some(&json!({"name": "b"})));
        assert_eq!(
            serde_json::to_string(&tracking).expect("encodes"),
            r#"{"id":"7","owner":{"id":3,"team":{"name":"b"}},"zeta":1,"alpha":[true]}"#
        );
    }

    #[test]
    fn required_missing_duplicate_and_wrong_shapes_are_errors() {
        let missing = serde_json::from_str::<Tracking>(r#"{"type": "x"}"#).expect_err("no id");
        assert!(
            missing.to_string().contains("missing field `id`"),
            "{missing}"
        );
        let twice =
            serde_json::from_str::<Tracking>(r#"{"id": "1", "id": "2"}"#).expect_err("duplicate");
        assert!(
            twice.to_string().contains("duplicate field `id`"),
            "{twice}"
        );
        let array = serde_json::from_str::<Tracking>(r#"["1"]"#).expect_err("array");
        assert!(
            array.to_string().contains("an object (Tracking)"),
            "{array}"
        );
        let wrong = serde_json::from_str::<Tracking>(r#"{"id": 5}"#).expect_err("number");
        assert!(wrong.to_string().contains("expected a string"), "{wrong}");
    }

    #[test]
    fn escaped_names_and_generic_models_decode() {
        // An escaped key reaches the visitor as an owned string.
        let tracking: Tracking =
            serde_json::from_str(r#"{"i\u0064": "1", "n\u00e9w": 2}"#).expect("decodes");
        assert_eq!(tracking.id, "1");
        assert_eq!(tracking.extra.get("new"), None);
        assert_eq!(tracking.extra.get("n\u{e9}w"), Some(&json!(2)));
        let items: Items<Owner> =
            serde_json::from_value(json!({"items": [{"id": 1, "x": 2}], "next": "t"}))
                .expect("decodes from a Value too");
        assert_eq!(items.extra.get("next"), Some(&json!("t")));
        assert_eq!(
            items.items.expect("items")[0].extra.get("x"),
            Some(&json!(2))
        );
    }

    #[test]
    fn debug_redacts_credential_named_members_at_any_depth() {
        let extra: Extra = serde_json::from_value(json!({
            "ssoToken": "live-1", "nested": {"password": "live-2", "name": "n"}, "plain": 1,
            "more": [{"startRequestAPIKey": "live-3", "sso_key": "live-4", "ccPassword": 5}]
        }))
        .expect("decodes");
        let shown = format!("{extra:?}");
        // Providers' own names too, by their shape: `Debug` needs no list of them.
        assert!(
            !shown.contains("live-") && !shown.contains("Number(5)"),
            "{shown}"
        );
        assert!(shown.contains("\"plain\": Number(1)"), "{shown}");
        assert_eq!(extra.get("ssoToken"), Some(&json!("live-1")));
    }

    #[test]
    fn a_documented_only_view_leaves_unknown_members_out() {
        let tracking: Tracking =
            serde_json::from_str(r#"{"id": "7", "new": 1, "owner": {"id": 2, "x": 3}}"#)
                .expect("decodes");
        assert_eq!(
            without_extra(|| serde_json::to_value(&tracking)).expect("encodes"),
            json!({"id": "7", "owner": {"id": 2}})
        );
        assert_eq!(
            serde_json::to_value(&tracking).expect("encodes"),
            json!({"id": "7", "owner": {"id": 2, "x": 3}, "new": 1}),
            "only inside the closure"
        );
    }

    #[test]
    fn callers_add_replace_and_remove_members() {
        let mut extra = Extra::new().with("a", 1).with("b", 2);
        assert_eq!(extra.insert("a", 3), Some(json!(1)));
        assert_eq!(extra.remove("b"), Some(json!(2)));
        assert_eq!(
            serde_json::to_value(&extra).expect("encodes"),
            json!({"a": 3})
        );
        assert_eq!(extra.len(), 1);
    }
}
