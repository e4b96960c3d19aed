//! The shape lattice, after json_typegen: every sample is inferred into a [`Node`], and nodes are
//! merged pairwise. A merge never fails; a pair of shapes that no Rust type can hold becomes a
//! [`Kind::Conflict`] that remembers both samples, reported later with the field's path.

use std::fmt;
use std::rc::Rc;

use indexmap::IndexMap;
use serde_json::Value;

use super::config::{FieldConfig, TypeConfig};

/// Where a shape was seen: a fixture file and the JSON pointer inside it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    /// Path relative to `fixtures/<crate>`.
    pub file: Rc<str>,
    /// JSON pointer inside the file.
    pub pointer: String,
}

impl Origin {
    fn child(&self, segment: &str) -> Origin {
        let escaped = segment.replace('~', "~0").replace('/', "~1");
        Origin {
            file: self.file.clone(),
            pointer: format!("{}/{escaped}", self.pointer),
        }
    }
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let pointer = if self.pointer.is_empty() {
            "/"
        } else {
            &self.pointer
        };
        write!(f, "{} at {pointer}", self.file)
    }
}

/// The inferred shape of every value seen at one place.
#[derive(Debug, Clone)]
pub struct Node {
    /// What the values were.
    pub kind: Kind,
    /// Some value here was `null`.
    pub nullable: bool,
    /// The first sample that gave `kind`.
    pub origin: Origin,
}

/// The kinds of the lattice. `Unknown` is the bottom (only `null` or empty arrays seen).
#[derive(Debug, Clone)]
pub enum Kind {
    /// Nothing but `null` (or no element at all) seen here.
    Unknown,
    /// `true` / `false`.
    Bool,
    /// Whole numbers only.
    Integer,
    /// Some number with a fraction or an exponent.
    Float,
    /// Text.
    String,
    /// Numbers in some samples and text in others.
    NumberOrString,
    /// An array; its elements merged into one node.
    Array(Box<Node>),
    /// An object with named members.
    Object(ObjectShape),
    /// An object whose keys are data (`map = true`); its values merged into one node.
    Map(Box<Node>),
    /// A `type = ...` override: not inferred.
    Replaced,
    /// Two shapes that cannot be merged, with the sample each came from.
    Conflict(Box<(Kind, Origin, Kind, Origin)>),
}

impl Kind {
    /// A short description for messages.
    pub fn describe(&self) -> &'static str {
        match self {
            Kind::Unknown => "null",
            Kind::Bool => "a boolean",
            Kind::Integer => "an integer",
            Kind::Float => "a number",
            Kind::String => "a string",
            Kind::NumberOrString => "a number or a string",
            Kind::Array(_) => "an array",
            Kind::Object(_) => "an object",
            Kind::Map(_) => "a map",
            Kind::Replaced => "a hand-written type",
            Kind::Conflict(_) => "conflicting values",
        }
    }
}

/// The members of an object, in first-seen order, with how many samples had each.
#[derive(Debug, Clone, Default)]
pub struct ObjectShape {
    /// Members by JSON name.
    pub fields: IndexMap<String, FieldShape>,
    /// How many object samples were merged here.
    pub samples: usize,
}

/// One member of an object.
#[derive(Debug, Clone)]
pub struct FieldShape {
    /// The merged shape of the member's values.
    pub node: Node,
    /// How many of the object samples had the member.
    pub present: usize,
}

/// A value handed to another generated type by a `model = ...` override.
#[derive(Debug, Clone)]
pub struct ModelSample {
    /// The receiving type.
    pub model: String,
    /// The value.
    pub value: Value,
    /// Where it was.
    pub origin: Origin,
}

/// Infers one sample of a type, with that type's overrides.
pub struct Inference<'a> {
    config: &'a TypeConfig,
    /// Samples handed on to other types through `model` overrides.
    pub handed_on: Vec<ModelSample>,
}

impl<'a> Inference<'a> {
    /// An inference for the type configured by `config`.
    pub fn new(config: &'a TypeConfig) -> Self {
        Self {
            config,
            handed_on: Vec::new(),
        }
    }

    /// The shape of one sample of the whole type.
    pub fn infer_root(&mut self, value: &Value, origin: Origin) -> Node {
        self.infer(value, "", origin, None)
    }

    /// `path` is the override key of this place; `leaf` is an override inherited from the
    /// array or map that contains it.
    fn infer(
        &mut self,
        value: &Value,
        path: &str,
        origin: Origin,
        leaf: Option<&'a FieldConfig>,
    ) -> Node {
        let own = self.config.fields.get(path);
        let here = leaf.or(own);
        if value.is_null() {
            return Node {
                kind: Kind::Unknown,
                nullable: true,
                origin,
            };
        }
        if let Some(config) = own {
            if config.rust_type.is_some() {
                return Node {
                    kind: Kind::Replaced,
                    nullable: false,
                    origin,
                };
            }
        }
        let kind = match value {
            Value::Null => Kind::Unknown,
            Value::Bool(_) => Kind::Bool,
            Value::Number(number) if number.is_i64() || number.is_u64() => Kind::Integer,
            Value::Number(_) => Kind::Float,
            Value::String(_) => Kind::String,
            Value::Array(items) => {
                let inherited = here.filter(|config| config.has_leaf_override());
                let element_path = format!("{path}[]");
                let mut element = Node {
                    kind: Kind::Unknown,
                    nullable: false,
                    origin: origin.child("0"),
                };
                for (index, item) in items.iter().enumerate() {
                    let node = self.infer(
                        item,
                        &element_path,
                        origin.child(&index.to_string()),
                        inherited,
                    );
                    element = if index == 0 {
                        node
                    } else {
                        merge(element, node)
                    };
                }
                Kind::Array(Box::new(element))
            }
            Value::Object(members) => {
                if let Some(config) = here {
                    if let Some(model) = &config.model {
                        self.handed_on.push(ModelSample {
                            model: model.clone(),
                            value: value.clone(),
                            origin: origin.clone(),
                        });
                        return Node {
                            kind: Kind::Replaced,
                            nullable: false,
                            origin,
                        };
                    }
                }
                if own.is_some_and(|config| config.map) || leaf.is_some_and(|config| config.map) {
                    let inherited = here.filter(|config| config.has_leaf_override());
                    let value_path = format!("{path}{{}}");
                    let mut merged: Option<Node> = None;
                    for (key, member) in members {
                        let node = self.infer(member, &value_path, origin.child(key), inherited);
                        merged = Some(match merged {
                            None => node,
                            Some(previous) => merge(previous, node),
                        });
                    }
                    Kind::Map(Box::new(merged.unwrap_or(Node {
                        kind: Kind::Unknown,
                        nullable: false,
                        origin: origin.clone(),
                    })))
                } else {
                    let mut shape = ObjectShape {
                        fields: IndexMap::new(),
                        samples: 1,
                    };
                    for (key, member) in members {
                        let member_path = if path.is_empty() {
                            key.clone()
                        } else {
                            format!("{path}.{key}")
                        };
                        let node = self.infer(member, &member_path, origin.child(key), None);
                        shape
                            .fields
                            .insert(key.clone(), FieldShape { node, present: 1 });
                    }
                    Kind::Object(shape)
                }
            }
        };
        Node {
            kind,
            nullable: false,
            origin,
        }
    }
}

/// The least shape that holds both.
pub fn merge(left: Node, right: Node) -> Node {
    let nullable = left.nullable || right.nullable;
    let (kind, origin) = match (left.kind, right.kind) {
        (Kind::Unknown, kind) => (kind, right.origin),
        (kind, Kind::Unknown) => (kind, left.origin),
        (conflict @ Kind::Conflict(_), _) => (conflict, left.origin),
        (_, conflict @ Kind::Conflict(_)) => (conflict, right.origin),
        (Kind::Bool, Kind::Bool) => (Kind::Bool, left.origin),
        (Kind::Integer, Kind::Integer) => (Kind::Integer, left.origin),
        (Kind::String, Kind::String) => (Kind::String, left.origin),
        (Kind::Replaced, Kind::Replaced) => (Kind::Replaced, left.origin),
        (Kind::Integer | Kind::Float, Kind::Integer | Kind::Float) => (Kind::Float, left.origin),
        (
            Kind::Integer | Kind::Float | Kind::String | Kind::NumberOrString,
            Kind::Integer | Kind::Float | Kind::String | Kind::NumberOrString,
        ) => (Kind::NumberOrString, left.origin),
        (Kind::Array(a), Kind::Array(b)) => (Kind::Array(Box::new(merge(*a, *b))), left.origin),
        (Kind::Map(a), Kind::Map(b)) => (Kind::Map(Box::new(merge(*a, *b))), left.origin),
        (Kind::Object(a), Kind::Object(b)) => (Kind::Object(merge_objects(a, b)), left.origin),
        (a, b) => (
            Kind::Conflict(Box::new((a, left.origin.clone(), b, right.origin))),
            left.origin,
        ),
    };
    Node {
        kind,
        nullable,
        origin,
    }
}

fn merge_objects(mut left: ObjectShape, right: ObjectShape) -> ObjectShape {
    for (key, field) in right.fields {
        match left.fields.shift_remove_full(&key) {
            Some((index, _, existing)) => {
                let merged = FieldShape {
                    node: merge(existing.node, field.node),
                    present: existing.present + field.present,
                };
                left.fields.shift_insert(index, key, merged);
            }
            None => {
                left.fields.insert(key, field);
            }
        }
    }
    left.samples += right.samples;
    left
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn infer_all(samples: &[Value]) -> Node {
        let config = TypeConfig::default();
        let mut inference = Inference::new(&config);
        samples
            .iter()
            .enumerate()
            .map(|(index, sample)| {
                inference.infer_root(
                    sample,
                    Origin {
                        file: Rc::from(format!("sample{index}.json")),
                        pointer: String::new(),
                    },
                )
            })
            .reduce(merge)
            .expect("at least one sample")
    }

    fn object(node: &Node) -> &ObjectShape {
        match &node.kind {
            Kind::Object(shape) => shape,
            other => panic!("expected an object, got {other:?}"),
        }
    }

    #[test]
    fn members_missing_or_null_somewhere_are_counted() {
        let node = infer_all(&[
            json!({"a": 1, "b": null}),
            json!({"a": 2, "b": "x", "c": true}),
        ]);
        let shape = object(&node);
        assert_eq!(shape.samples, 2);
        assert_eq!(shape.fields["a"].present, 2);
        assert!(matches!(shape.fields["b"].node.kind, Kind::String));
        assert!(shape.fields["b"].node.nullable);
        assert_eq!(shape.fields["c"].present, 1);
        assert_eq!(
            shape.fields.keys().collect::<Vec<_>>(),
            ["a", "b", "c"],
            "first-seen order"
        );
    }

    #[test]
    fn numbers_widen_and_meet_strings_as_lenient() {
        let node = infer_all(&[json!({"n": 1, "id": 7}), json!({"n": 1.5, "id": "7"})]);
        let shape = object(&node);
        assert!(matches!(shape.fields["n"].node.kind, Kind::Float));
        assert!(matches!(shape.fields["id"].node.kind, Kind::NumberOrString));
    }

    #[test]
    fn arrays_merge_their_elements_and_conflicts_keep_both_origins() {
        let node = infer_all(&[
            json!({"xs": [1, 2.5], "o": {"k": 1}}),
            json!({"xs": [], "o": "text"}),
        ]);
        let shape = object(&node);
        match &shape.fields["xs"].node.kind {
            Kind::Array(element) => assert!(matches!(element.kind, Kind::Float)),
            other => panic!("{other:?}"),
        }
        match &shape.fields["o"].node.kind {
            Kind::Conflict(pair) => {
                assert_eq!(pair.1.to_string(), "sample0.json at /o");
                assert_eq!(pair.3.to_string(), "sample1.json at /o");
            }
            other => panic!("{other:?}"),
        }
    }
}
