//! `application/x-www-form-urlencoded` bodies, flat or nested (`chat[available]=1`).

use std::fmt;

use serde::Serialize;

use crate::error::Error;

/// How booleans are written in a form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum BoolStyle {
    /// `true` / `false`.
    #[default]
    Words,
    /// `1` / `0` (iAdvize).
    Digits,
}

/// A form body: ordered `name=value` pairs.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Form {
    pairs: Vec<(String, String)>,
}

impl Form {
    /// An empty form (sent as an empty body with the form content type).
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds `name=value`.
    pub fn field(mut self, name: impl Into<String>, value: impl ToString) -> Self {
        self.pairs.push((name.into(), value.to_string()));
        self
    }

    /// Adds `name=value` when `value` is `Some`.
    pub fn field_opt<V: ToString>(self, name: impl Into<String>, value: Option<V>) -> Self {
        match value {
            Some(value) => self.field(name, value),
            None => self,
        }
    }

    /// Builds a form from any serializable value: object members become fields, nested objects
    /// become `outer[inner]`, arrays become `name[]` repeated, `null` members are left out.
    ///
    /// Fails with [`Error::InvalidInput`] when `value` is not an object.
    pub fn from_serialize<T: Serialize + ?Sized>(
        value: &T,
        bools: BoolStyle,
    ) -> Result<Self, Error> {
        // Through JSON text into nodes that keep member order, whatever serde_json's features:
        // fields go out in declaration order, then the members of `extra` as received.
        let text = serde_json::to_string(value)
            .map_err(|err| Error::invalid_request(format!("body cannot be serialized: {err}")))?;
        let node: Node = serde_json::from_str(&text)
            .map_err(|err| Error::invalid_request(format!("body cannot be serialized: {err}")))?;
        let Node::Object(members) = node else {
            return Err(Error::invalid_request(
                "a form body must be an object with named fields",
            ));
        };
        let mut form = Self::new();
        for (name, value) in members {
            flatten(&mut form.pairs, name, value, bools);
        }
        Ok(form)
    }

    /// The pairs, unencoded, in order.
    pub fn pairs(&self) -> impl Iterator<Item = (&str, &str)> {
        self.pairs.iter().map(|(k, v)| (k.as_str(), v.as_str()))
    }

    /// The encoded body.
    pub fn encode(&self) -> String {
        let mut serializer = url::form_urlencoded::Serializer::new(String::new());
        for (key, value) in &self.pairs {
            serializer.append_pair(key, value);
        }
        serializer.finish()
    }
}

/// A JSON value whose objects keep their members in order.
enum Node {
    Null,
    Bool(bool),
    Number(serde_json::Number),
    String(String),
    Array(Vec<Node>),
    Object(Vec<(String, Node)>),
}

impl<'de> serde::Deserialize<'de> for Node {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct NodeVisitor;
        impl<'de> serde::de::Visitor<'de> for NodeVisitor {
            type Value = Node;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("JSON")
            }
            fn visit_unit<E>(self) -> Result<Node, E> {
                Ok(Node::Null)
            }
            fn visit_none<E>(self) -> Result<Node, E> {
                Ok(Node::Null)
            }
            fn visit_bool<E>(self, v: bool) -> Result<Node, E> {
                Ok(Node::Bool(v))
            }
            fn visit_i64<E>(self, v: i64) -> Result<Node, E> {
                Ok(Node::Number(v.into()))
            }
            fn visit_u64<E>(self, v: u64) -> Result<Node, E> {
                Ok(Node::Number(v.into()))
            }
            fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Node, E> {
                serde_json::Number::from_f64(v)
                    .map(Node::Number)
                    .ok_or_else(|| E::custom("a number that is not finite"))
            }
            fn visit_str<E>(self, v: &str) -> Result<Node, E> {
                Ok(Node::String(v.to_owned()))
            }
            fn visit_string<E>(self, v: String) -> Result<Node, E> {
                Ok(Node::String(v))
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Node, A::Error> {
                let mut items = Vec::new();
                while let Some(item) = seq.next_element()? {
                    items.push(item);
                }
                Ok(Node::Array(items))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Node, A::Error> {
                let mut members = Vec::new();
                while let Some(member) = map.next_entry()? {
                    members.push(member);
                }
                Ok(Node::Object(members))
            }
        }
        deserializer.deserialize_any(NodeVisitor)
    }
}

fn flatten(out: &mut Vec<(String, String)>, name: String, value: Node, bools: BoolStyle) {
    match value {
        Node::Null => {}
        Node::Bool(flag) => {
            let text = match (bools, flag) {
                (BoolStyle::Words, true) => "true",
                (BoolStyle::Words, false) => "false",
                (BoolStyle::Digits, true) => "1",
                (BoolStyle::Digits, false) => "0",
            };
            out.push((name, text.to_owned()));
        }
        Node::Number(number) => out.push((name, number.to_string())),
        Node::String(text) => out.push((name, text)),
        Node::Array(items) => {
            for item in items {
                flatten(out, format!("{name}[]"), item, bools);
            }
        }
        Node::Object(members) => {
            for (inner, value) in members {
                flatten(out, format!("{name}[{inner}]"), value, bools);
            }
        }
    }
}

impl fmt::Debug for Form {
    /// Names only: form bodies carry passwords (logins, token grants).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Form")
            .field(
                "fields",
                &self.pairs.iter().map(|(k, _)| k).collect::<Vec<_>>(),
            )
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Serialize)]
    struct Availability {
        chat: Channel,
        connected: Option<bool>,
        tags: Vec<&'static str>,
    }

    #[derive(Serialize)]
    struct Channel {
        available: bool,
    }

    #[test]
    fn nested_values_use_brackets_and_nulls_are_left_out() {
        let form = Form::from_serialize(
            &Availability {
                chat: Channel { available: true },
                connected: None,
                tags: vec!["a b", "c"],
            },
            BoolStyle::Digits,
        )
        .expect("an object");
        assert_eq!(
            form.encode(),
            "chat%5Bavailable%5D=1&tags%5B%5D=a+b&tags%5B%5D=c"
        );
    }

    #[test]
    fn non_objects_are_refused_and_debug_hides_values() {
        assert!(Form::from_serialize(&[1, 2], BoolStyle::Words).is_err());
        let form = Form::new().field("password", "hunter2");
        assert_eq!(format!("{form:?}"), r#"Form { fields: ["password"] }"#);
    }
}
