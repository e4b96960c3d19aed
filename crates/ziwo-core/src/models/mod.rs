//! Ziwo models shared by the three crates: generated from `fixtures/ziwo-core` (see
//! `docs/codegen.md`), plus the list and record shapes a sample cannot express.

mod generated;

pub use generated::*;

use ccapi_transport::model::Extra;
use serde::de::{DeserializeOwned, Deserializer};
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// A list's `content`: an array, or (as the seed's call-tracker list example shows) a single
/// object, read as a list of one.
#[derive(Debug, Clone, PartialEq)]
pub struct Listed<T>(pub Vec<T>);

impl<'de, T: DeserializeOwned> Deserialize<'de> for Listed<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Shape<T> {
            Many(Vec<T>),
            Nothing(()),
            One(T),
        }
        Ok(Listed(match Shape::<T>::deserialize(deserializer)? {
            Shape::Many(items) => items,
            Shape::One(item) => vec![item],
            Shape::Nothing(_) => Vec::new(),
        }))
    }
}

/// A Ziwo entity whose members the documentation does not list (agents, queues, numbers, CRM
/// profiles...): its JSON object, kept whole, with typed access to the identifier.
///
/// Send one as a body with the members Ziwo expects; read one with [`Record::get`]. Members
/// keep the order they were received or added in (a form body lists them in that order).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(transparent)]
pub struct Record(pub Extra);

impl<'de> Deserialize<'de> for Record {
    /// An object, or `null` (an empty record: Ziwo answers some changes with no content).
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(Record(
            Option::<Extra>::deserialize(deserializer)?.unwrap_or_default(),
        ))
    }
}

impl Record {
    /// An empty record.
    pub fn new() -> Self {
        Self::default()
    }

    /// The record with `name` set to `value`.
    pub fn with(mut self, name: &str, value: impl Into<Value>) -> Self {
        self.0.insert(name, value);
        self
    }

    /// A member.
    pub fn get(&self, name: &str) -> Option<&Value> {
        self.0.get(name)
    }

    /// The `id` member as text (Ziwo ids are numbers or strings).
    pub fn id(&self) -> Option<String> {
        ccapi_transport::envelope::scalar_text(self.0.get("id")?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_read_arrays_single_objects_and_nothing() {
        let many: Listed<Record> =
            serde_json::from_str(r#"[{"id": 1}, {"id": "2"}]"#).expect("decodes");
        assert_eq!(
            many.0.iter().filter_map(Record::id).collect::<Vec<_>>(),
            ["1", "2"]
        );
        let one: Listed<Record> =
            serde_json::from_str(r#"{"id": 1, "name": "CT"}"#).expect("decodes");
        assert_eq!(one.0.len(), 1);
        let none: Listed<Record> = serde_json::from_str("null").expect("decodes");
        assert!(none.0.is_empty());
        let empty: Record = serde_json::from_str("null").expect("decodes");
        assert_eq!(empty, Record::new());
    }
}
