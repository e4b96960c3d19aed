//! Query strings in the shapes the providers use: plain pairs, repeated keys,
//! `key[]=v` arrays and `filters[name]=v` maps.

use std::fmt;

/// The query of one request, in the order the pairs were added.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Query {
    pairs: Vec<(String, String)>,
}

impl Query {
    /// An empty query.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds `key=value`.
    pub fn push(&mut self, key: impl Into<String>, value: impl ToString) -> &mut Self {
        self.pairs.push((key.into(), value.to_string()));
        self
    }

    /// Adds `key=value` when `value` is `Some`; nothing otherwise.
    pub fn push_opt<V: ToString>(&mut self, key: impl Into<String>, value: Option<V>) -> &mut Self {
        if let Some(value) = value {
            self.push(key, value);
        }
        self
    }

    /// Adds `key=v` once per value (`dataset=a&dataset=b`).
    pub fn push_repeated<V: ToString>(
        &mut self,
        key: &str,
        values: impl IntoIterator<Item = V>,
    ) -> &mut Self {
        for value in values {
            self.push(key, value);
        }
        self
    }

    /// Adds `key[]=v` once per value (`callTrackers[]=a&callTrackers[]=b`).
    pub fn push_array<V: ToString>(
        &mut self,
        key: &str,
        values: impl IntoIterator<Item = V>,
    ) -> &mut Self {
        let key = format!("{key}[]");
        self.push_repeated(&key, values)
    }

    /// Adds `map[name]=value` (`filters[website_id]=12`).
    pub fn push_keyed(&mut self, map: &str, name: &str, value: impl ToString) -> &mut Self {
        self.push(format!("{map}[{name}]"), value)
    }

    /// The pairs, unencoded, in order.
    pub fn pairs(&self) -> impl Iterator<Item = (&str, &str)> {
        self.pairs.iter().map(|(k, v)| (k.as_str(), v.as_str()))
    }

    /// Whether no pair was added.
    pub fn is_empty(&self) -> bool {
        self.pairs.is_empty()
    }

    /// The encoded query string (`application/x-www-form-urlencoded`), without `?`.
    pub fn encode(&self) -> String {
        let mut serializer = url::form_urlencoded::Serializer::new(String::new());
        for (key, value) in &self.pairs {
            serializer.append_pair(key, value);
        }
        serializer.finish()
    }
}

impl fmt::Debug for Query {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.pairs()).finish()
    }
}

impl<K: Into<String>, V: ToString> FromIterator<(K, V)> for Query {
    fn from_iter<I: IntoIterator<Item = (K, V)>>(iter: I) -> Self {
        let mut query = Self::new();
        for (key, value) in iter {
            query.push(key, value);
        }
        query
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_shape_encodes_as_providers_expect() {
        let mut query = Query::new();
        query
            .push("limit", 10)
            .push_opt("skip", None::<u32>)
            .push_repeated("dataset", ["a", "b c"])
            .push_array("callTrackers", ["x&y"])
            .push_keyed("filters", "name", "Jo*");
        assert_eq!(
            query.encode(),
            "limit=10&dataset=a&dataset=b+c&callTrackers%5B%5D=x%26y&filters%5Bname%5D=Jo*"
        );
    }
}
