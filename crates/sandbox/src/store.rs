//! In-memory collections of JSON resources, keyed by their id member, in insertion order.

use serde_json::{Map, Value};

/// One collection.
#[derive(Debug, Clone)]
pub struct Collection {
    id_key: &'static str,
    items: Vec<Value>,
    next_id: u64,
    numeric_ids: bool,
}

/// The text of an id member (numbers and strings alike).
pub fn id_text(value: &Value) -> Option<String> {
    match value {
        Value::String(text) => Some(text.clone()),
        Value::Number(number) => Some(number.to_string()),
        _ => None,
    }
}

impl Collection {
    /// A collection seeded with `items`; new ids are numbers after the largest numeric seed
    /// id (or `prefix-N` strings when `numeric_ids` is false).
    pub fn new(id_key: &'static str, items: Vec<Value>, numeric_ids: bool) -> Self {
        let largest = items
            .iter()
            .filter_map(|item| item.get(id_key).and_then(id_text))
            .filter_map(|id| id.parse::<u64>().ok())
            .max()
            .unwrap_or(0);
        Self {
            id_key,
            items,
            next_id: largest.max(1000) + 1,
            numeric_ids,
        }
    }

    /// Every item, in order.
    pub fn all(&self) -> &[Value] {
        &self.items
    }

    /// The item whose id is `id`.
    pub fn get(&self, id: &str) -> Option<&Value> {
        self.items
            .iter()
            .find(|item| item.get(self.id_key).and_then(id_text).as_deref() == Some(id))
    }

    /// The first item for which `matches` holds.
    pub fn find(&self, matches: impl Fn(&Value) -> bool) -> Option<&Value> {
        self.items.iter().find(|item| matches(item))
    }

    /// Adds `fields` as a new item with a fresh id; returns it.
    pub fn insert(&mut self, mut fields: Map<String, Value>, prefix: &str) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        let id_value = if self.numeric_ids {
            Value::from(id)
        } else {
            Value::from(format!("{prefix}-{id}"))
        };
        fields.insert(self.id_key.to_owned(), id_value);
        let item = Value::Object(fields);
        self.items.push(item.clone());
        item
    }

    /// Merges `changes` into the item `id`; returns it, or `None` when absent.
    pub fn update(&mut self, id: &str, changes: Map<String, Value>) -> Option<Value> {
        let key = self.id_key;
        let item = self
            .items
            .iter_mut()
            .find(|item| item.get(key).and_then(id_text).as_deref() == Some(id))?;
        if let Value::Object(members) = item {
            for (name, value) in changes {
                if name != key {
                    members.insert(name, value);
                }
            }
        }
        Some(item.clone())
    }

    /// Removes the item `id`; whether it existed.
    pub fn remove(&mut self, id: &str) -> bool {
        let key = self.id_key;
        let before = self.items.len();
        self.items
            .retain(|item| item.get(key).and_then(id_text).as_deref() != Some(id));
        self.items.len() != before
    }
}

/// Form pairs as a JSON object: `a[b]=1` nests, `a[]=1&a[]=2` makes arrays, numbers and
/// booleans-as-digits stay text unless `typed` says which members are numbers.
pub fn form_object(pairs: &[(String, String)]) -> Map<String, Value> {
    let mut object = Map::new();
    for (key, value) in pairs {
        if let Some(name) = key.strip_suffix("[]") {
            let entry = object
                .entry(name.to_owned())
                .or_insert_with(|| Value::Array(Vec::new()));
            if let Value::Array(items) = entry {
                items.push(scalar(value));
            }
        } else if let Some((outer, rest)) = key.split_once('[') {
            let inner = rest.trim_end_matches(']');
            let entry = object
                .entry(outer.to_owned())
                .or_insert_with(|| Value::Object(Map::new()));
            if let Value::Object(members) = entry {
                members.insert(inner.to_owned(), scalar(value));
            }
        } else {
            object.insert(key.clone(), scalar(value));
        }
    }
    object
}

/// Integers as numbers, everything else as text.
fn scalar(text: &str) -> Value {
    match text.parse::<i64>() {
        Ok(number) if number.to_string() == text => Value::from(number),
        _ => Value::from(text),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn collections_insert_update_and_remove() {
        let mut calls = Collection::new("id", vec![json!({"id": 7, "name": "a"})], true);
        let added = calls.insert(Map::from_iter([("name".to_owned(), json!("b"))]), "x");
        assert_eq!(added, json!({"name": "b", "id": 1001}));
        assert_eq!(
            calls.update("7", Map::from_iter([("name".to_owned(), json!("c"))])),
            Some(json!({"id": 7, "name": "c"}))
        );
        assert!(calls.remove("1001"));
        assert!(!calls.remove("1001"));
        assert_eq!(calls.all().len(), 1);
    }

    #[test]
    fn forms_nest_and_collect_arrays() {
        let pairs = vec![
            ("chat[available]".to_owned(), "1".to_owned()),
            ("roles[]".to_owned(), "operator".to_owned()),
            ("roles[]".to_owned(), "expert".to_owned()),
            ("name".to_owned(), "Doe".to_owned()),
            ("phone".to_owned(), "0612".to_owned()),
        ];
        assert_eq!(
            Value::Object(form_object(&pairs)),
            json!({"chat": {"available": 1}, "roles": ["operator", "expert"], "name": "Doe", "phone": "0612"})
        );
    }
}
