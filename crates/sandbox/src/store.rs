//! In-memory collections of JSON resources, keyed by their id member, in insertion order:
//! lookups by id are O(1), and a collection holds at most
//! [`Options::max_records`](crate::Options::max_records) records, so a long test suite cannot
//! grow the sandbox without bound.

use std::collections::HashMap;

use serde_json::{Map, Value};

/// How many records a collection keeps by default ([`Options::max_records`](crate::Options::max_records)).
pub const DEFAULT_MAX_RECORDS: usize = 10_000;

/// One collection.
#[derive(Debug, Clone)]
pub struct Collection {
    id_key: &'static str,
    items: Vec<Value>,
    /// Where each id's item is in `items`.
    positions: HashMap<String, usize>,
    next_id: u64,
    numeric_ids: bool,
    max_records: usize,
}

/// A create refused because the collection holds its limit of records.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Full {
    /// The limit.
    pub max_records: usize,
}

impl std::fmt::Display for Full {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "the sandbox keeps at most {} records of a resource (Options::max_records, \
             `ccapi sandbox --max-records N`): delete some, or raise the limit",
            self.max_records
        )
    }
}

/// The number an id carries, for fresh ids to follow it: `1029` or `acc-1029` (ids past 10^15
/// are not followed, so one seeded `u64::MAX` cannot use the numbers up).
fn id_number(id: &str) -> Option<u64> {
    let digits = id.rsplit('-').next().unwrap_or(id);
    digits
        .parse::<u64>()
        .ok()
        .filter(|number| *number < 1_000_000_000_000_000)
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
    /// id (or `prefix-N` strings when `numeric_ids` is false). It keeps at most
    /// [`DEFAULT_MAX_RECORDS`] ([`Collection::max_records`]).
    pub fn new(id_key: &'static str, items: Vec<Value>, numeric_ids: bool) -> Self {
        let largest = items
            .iter()
            .filter_map(|item| item.get(id_key).and_then(id_text))
            .filter_map(|id| id_number(&id))
            .max()
            .unwrap_or(0);
        let mut collection = Self {
            id_key,
            items,
            positions: HashMap::new(),
            next_id: largest.max(1000) + 1,
            numeric_ids,
            max_records: DEFAULT_MAX_RECORDS,
        };
        collection.index_from(0);
        collection
    }

    /// At most `max_records` records: a create past it is refused ([`Full`]).
    pub fn max_records(mut self, max_records: usize) -> Self {
        self.max_records = max_records;
        self
    }

    /// Records the positions of the items from `start` on.
    fn index_from(&mut self, start: usize) {
        for (position, item) in self.items.iter().enumerate().skip(start) {
            if let Some(id) = item.get(self.id_key).and_then(id_text) {
                self.positions.insert(id, position);
            }
        }
    }

    /// Every item, in order.
    pub fn all(&self) -> &[Value] {
        &self.items
    }

    /// The item whose id is `id`.
    pub fn get(&self, id: &str) -> Option<&Value> {
        self.positions
            .get(id)
            .map(|&position| &self.items[position])
    }

    /// The first item for which `matches` holds.
    pub fn find(&self, matches: impl Fn(&Value) -> bool) -> Option<&Value> {
        self.items.iter().find(|item| matches(item))
    }

    /// Adds `fields` as a new item with a fresh id; returns it, or [`Full`] when the collection
    /// holds its limit.
    pub fn insert(&mut self, mut fields: Map<String, Value>, prefix: &str) -> Result<Value, Full> {
        if self.items.len() >= self.max_records {
            return Err(Full {
                max_records: self.max_records,
            });
        }
        // The next number no record holds yet (a seeded record may have taken one).
        let id_value = loop {
            let id = self.next_id;
            self.next_id = self.next_id.checked_add(1).ok_or(Full {
                max_records: self.max_records,
            })?;
            let candidate = if self.numeric_ids {
                Value::from(id)
            } else {
                Value::from(format!("{prefix}-{id}"))
            };
            if id_text(&candidate).is_some_and(|text| !self.positions.contains_key(&text)) {
                break candidate;
            }
        };
        fields.insert(self.id_key.to_owned(), id_value);
        let item = Value::Object(fields);
        self.items.push(item.clone());
        self.index_from(self.items.len() - 1);
        Ok(item)
    }

    /// Loads `records`: one with the id of a record replaces it, one without an id gets a fresh
    /// one (`prefix-N` or a number), and fresh ids follow the numbers loaded. Nothing is loaded when the new records
    /// would pass the limit. Returns how many were loaded.
    pub fn extend(
        &mut self,
        records: Vec<Map<String, Value>>,
        prefix: &str,
    ) -> Result<usize, Full> {
        let ids: Vec<Option<String>> = records
            .iter()
            .map(|record| record.get(self.id_key).and_then(id_text))
            .collect();
        let new = ids
            .iter()
            .filter(|id| {
                id.as_ref()
                    .is_none_or(|id| !self.positions.contains_key(id))
            })
            .count();
        if self.items.len() + new > self.max_records {
            return Err(Full {
                max_records: self.max_records,
            });
        }
        let count = records.len();
        for (record, id) in records.into_iter().zip(ids) {
            match id {
                Some(id) => {
                    if let Some(number) = id_number(&id) {
                        self.next_id = self.next_id.max(number + 1);
                    }
                    let record = Value::Object(record);
                    match self.positions.get(&id) {
                        Some(&position) => self.items[position] = record,
                        None => {
                            self.positions.insert(id, self.items.len());
                            self.items.push(record);
                        }
                    }
                }
                None => {
                    self.insert(record, prefix)?;
                }
            }
        }
        Ok(count)
    }

    /// Merges `changes` into the item `id`; returns it, or `None` when absent.
    pub fn update(&mut self, id: &str, changes: Map<String, Value>) -> Option<Value> {
        let key = self.id_key;
        let item = &mut self.items[*self.positions.get(id)?];
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
        let Some(position) = self.positions.remove(id) else {
            return false;
        };
        self.items.remove(position);
        self.index_from(position);
        true
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
        assert_eq!(added, Ok(json!({"name": "b", "id": 1001})));
        assert_eq!(
            calls.update("7", Map::from_iter([("name".to_owned(), json!("c"))])),
            Some(json!({"id": 7, "name": "c"}))
        );
        assert!(calls.remove("1001"));
        assert!(!calls.remove("1001"));
        assert_eq!(calls.all().len(), 1);
    }

    #[test]
    fn lookups_follow_removals_and_a_full_collection_refuses_creates() {
        let mut calls = Collection::new("id", Vec::new(), false).max_records(3);
        for name in ["a", "b", "c"] {
            calls
                .insert(Map::from_iter([("name".to_owned(), json!(name))]), "call")
                .expect("room");
        }
        assert_eq!(
            calls.insert(Map::new(), "call"),
            Err(Full { max_records: 3 })
        );
        assert!(calls.remove("call-1001"));
        assert_eq!(
            calls.get("call-1003"),
            Some(&json!({"name": "c", "id": "call-1003"}))
        );
        assert_eq!(calls.get("call-1001"), None);
        let added = calls.insert(Map::new(), "call").expect("room again");
        assert_eq!(calls.get("call-1004"), Some(&added));
        assert_eq!(
            calls.update(
                "call-1002",
                Map::from_iter([("name".to_owned(), json!("B"))])
            ),
            Some(json!({"name": "B", "id": "call-1002"}))
        );
        assert_eq!(calls.all().len(), 3);
        // A load replaces by id and refuses, whole, what would pass the limit.
        let object = |value: Value| value.as_object().cloned().unwrap_or_default();
        let replaced = json!({"id": "call-1002", "name": "seeded"});
        assert_eq!(calls.extend(vec![object(replaced.clone())], "call"), Ok(1));
        assert_eq!(calls.get("call-1002"), Some(&replaced));
        assert_eq!(
            calls.extend(vec![object(json!({"name": "d"}))], "call"),
            Err(Full { max_records: 3 })
        );
        assert_eq!(calls.all().len(), 3);
    }

    #[test]
    fn fresh_ids_skip_the_ids_seeds_and_loads_hold() {
        let mut accounts = Collection::new(
            "id",
            vec![json!({"id": "acc-1001"}), json!({"id": "acc-1003"})],
            false,
        );
        let fresh = accounts.insert(Map::new(), "acc").expect("room");
        assert_eq!(fresh, json!({"id": "acc-1004"}));
        let mut numbered = Collection::new("id", Vec::new(), true);
        numbered
            .extend(
                vec![Map::from_iter([("id".to_owned(), json!(u64::MAX))])],
                "n",
            )
            .expect("room");
        // A huge seeded id is not followed; the fresh one is the next free number.
        assert_eq!(numbered.insert(Map::new(), "n"), Ok(json!({"id": 1001})));
        numbered
            .extend(vec![Map::from_iter([("id".to_owned(), json!(1002))])], "n")
            .expect("room");
        assert_eq!(numbered.insert(Map::new(), "n"), Ok(json!({"id": 1003})));
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
