//! The models half of `fixtures/<crate>/api.toml`: which samples make which type, and what a
//! sample cannot say. The operations half is [`super::manifest`].
//!
//! ```toml
//! [types.Account]
//! doc = "A user account of the reseller."
//! from = ["accounts/get.response*.json", "accounts/list.response*.json#/items/*"]
//!
//! [types.Account.fields.password]
//! secret = true
//! doc = "Password of the user account. Write-only."
//!
//! [types.Account.fields."tags[].color"]
//! doc = "Colour of the tag, web format (`#xxxxxx`)."
//!
//! [enums.Currency]
//! doc = "Currency of an account."
//! values = ["USD", "CAD", "EUR", "GBP", "JPY"]
//!
//! [hand_written.StatisticRow]           # written by hand in models/mod.rs; round-tripped only
//! from = ["statistic/get.response*.json#/data/*"]
//! ```
//!
//! Field keys are paths inside the type: `.` between object members, `[]` for the elements of an
//! array, `{}` for the values of a map (`httpRequestHeader{}`).

use std::collections::BTreeMap;

use serde::Deserialize;

use super::manifest::{ApiSection, HandleConfig, OperationConfig, ParamConfig, ProviderSection};

/// One crate's manifest, `api.toml`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CrateConfig {
    /// `[api]`: the API's title, its core crate, the operations module's note.
    pub api: Option<ApiSection>,
    /// `[provider]`: in the manifest that owns the provider.
    pub provider: Option<ProviderSection>,
    /// `[params.<key>]`: the query parameters the operations name.
    #[serde(default)]
    pub params: BTreeMap<String, ParamConfig>,
    /// `[[operation]]`: the operations, in table order.
    #[serde(default)]
    pub operation: Vec<OperationConfig>,
    /// `[handles.<path>]`: the handles generated methods are written on.
    #[serde(default)]
    pub handles: BTreeMap<String, HandleConfig>,
    /// Module path of the generated models inside the crate (`models`).
    #[serde(default = "default_module")]
    pub module: String,
    /// Generated structs, by Rust name.
    #[serde(default)]
    pub types: BTreeMap<String, TypeConfig>,
    /// Generated string enums (with an `Unknown` variant), by Rust name.
    #[serde(default)]
    pub enums: BTreeMap<String, EnumConfig>,
    /// Hand-written types (exported by the models module) whose samples are only round-tripped,
    /// not inferred: shapes a sample cannot express, such as members whose names are data.
    #[serde(default)]
    pub hand_written: BTreeMap<String, HandWrittenConfig>,
}

/// A hand-written model type and the samples its round-trip test decodes.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HandWrittenConfig {
    /// Sample sources, as in [`TypeConfig::from`].
    pub from: Vec<String>,
}

fn default_module() -> String {
    "models".to_owned()
}

/// One generated struct.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TypeConfig {
    /// The type's doc comment.
    pub doc: String,
    /// Sample sources: `glob` or `glob#/json/pointer`, where `*` in the pointer selects every
    /// element of an array. Paths are relative to `fixtures/<crate>`.
    #[serde(default)]
    pub from: Vec<String>,
    /// Every field is an `Option`, whatever the samples show (request bodies, where the caller
    /// sends only what changes).
    #[serde(default)]
    pub all_optional: bool,
    /// Per-field overrides, by path inside the type.
    #[serde(default)]
    pub fields: BTreeMap<String, FieldConfig>,
}

/// What a sample cannot say about one field.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FieldConfig {
    /// Doc comment of the field (and of the struct generated for it, if it is an object).
    pub doc: Option<String>,
    /// Rust name of the field, instead of the snake_case JSON name.
    pub rename: Option<String>,
    /// Rust name of the struct generated for this object (or for the elements of this array).
    pub name: Option<String>,
    /// A credential: `SecretString`, redacted in `Debug` and by `cargo xtask record`.
    #[serde(default)]
    pub secret: bool,
    /// A string with documented values: the named entry of `[enums]`.
    #[serde(rename = "enum")]
    pub enumeration: Option<String>,
    /// A date and time.
    pub datetime: Option<DateTimeKind>,
    /// A scalar that arrives in more than one JSON form.
    pub lenient: Option<LenientKind>,
    /// Another generated type (an entry of `[types]`); the values here become its samples.
    pub model: Option<String>,
    /// A hand-written Rust type replacing the inferred one, e.g. `crate::models::WatchSchema`.
    #[serde(rename = "type")]
    pub rust_type: Option<String>,
    /// An object whose keys are data, not names: a `BTreeMap<String, _>`.
    #[serde(default)]
    pub map: bool,
    /// Force `Option` (true) or a required field (false) whatever the samples show.
    pub optional: Option<bool>,
}

impl CrateConfig {
    /// The JSON names of the members marked `secret = true`, sorted, each once. Fields are
    /// keyed by member path (`basicAuth.password`): a member's own name is the last part.
    pub fn secret_member_names(&self) -> Vec<&str> {
        let mut names: Vec<&str> = self
            .types
            .values()
            .flat_map(|def| &def.fields)
            .filter(|(_, field)| field.secret)
            .map(|(path, _)| path.rsplit('.').next().unwrap_or(path))
            .collect();
        names.sort_unstable();
        names.dedup();
        names
    }
}

impl FieldConfig {
    /// Overrides that describe the value's leaf type; they apply through arrays and maps, so
    /// `tools` with `enum = "Tool"` makes `Vec<Tool>`.
    pub fn has_leaf_override(&self) -> bool {
        self.secret
            || self.enumeration.is_some()
            || self.datetime.is_some()
            || self.lenient.is_some()
            || self.model.is_some()
    }
}

/// How a date and time is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DateTimeKind {
    /// Documented as text (RFC 3339 with or without offset, `T` or space). Decoded as a
    /// `Timestamp`, which also reads epoch seconds.
    Text,
    /// Documented as seconds since the Unix epoch, as a number or a numeric string. Decoded as a
    /// `Timestamp`, which also reads date-time text.
    Epoch,
}

/// Which lenient scalar a field decodes into.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LenientKind {
    /// `LenientString`: a string or a number, kept as text.
    String,
    /// `Lenient<i64>`: an integer or a numeric string.
    Integer,
    /// `Lenient<f64>`: a number or a numeric string.
    Float,
    /// `LenientBool`: `true`, `1`, `"1"`, `"true"` and the false forms.
    Bool,
    /// `MaybeNumber<i64>`: an integer or a numeric string; anything else is kept as received
    /// (page counters that a provider's schema types as free text).
    IntegerOrText,
}

/// One generated enum.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EnumConfig {
    /// The enum's doc comment.
    pub doc: String,
    /// The documented values, in documentation order.
    pub values: Vec<EnumValue>,
}

/// A documented enum value: the text alone, or with a Rust name and a doc comment.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum EnumValue {
    /// The value as the provider writes it.
    Text(String),
    /// The value with its variant name and doc.
    Detailed {
        /// The value as the provider writes it.
        value: String,
        /// The Rust variant name (default: the value in PascalCase).
        name: Option<String>,
        /// The variant's doc comment.
        doc: Option<String>,
    },
}

impl EnumValue {
    /// The value as the provider writes it.
    pub fn text(&self) -> &str {
        match self {
            EnumValue::Text(text) | EnumValue::Detailed { value: text, .. } => text,
        }
    }
}

/// A parsed `from` entry: a file glob and an optional pointer with `*` wildcards.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SampleSource {
    /// Glob over paths relative to `fixtures/<crate>`; `*` never crosses a `/`.
    pub glob: String,
    /// JSON pointer segments; `*` selects every element of an array.
    pub pointer: Vec<String>,
}

impl SampleSource {
    /// Parses `glob` or `glob#/pointer`.
    pub fn parse(text: &str) -> Result<Self, String> {
        let (glob, pointer) = match text.split_once('#') {
            Some((glob, pointer)) => (glob, pointer),
            None => (text, ""),
        };
        if glob.is_empty() || glob.starts_with('/') || glob.split('/').any(|part| part == "..") {
            return Err(format!(
                "`{text}`: the file pattern must be a relative path inside the crate's fixtures"
            ));
        }
        let pointer = if pointer.is_empty() {
            Vec::new()
        } else if let Some(rest) = pointer.strip_prefix('/') {
            rest.split('/')
                .map(|part| part.replace("~1", "/").replace("~0", "~"))
                .collect()
        } else {
            return Err(format!(
                "`{text}`: the pointer after `#` must start with `/`"
            ));
        };
        Ok(Self {
            glob: glob.to_owned(),
            pointer,
        })
    }

    /// Whether `path` (relative, `/`-separated) matches the glob.
    pub fn matches(&self, path: &str) -> bool {
        let pattern: Vec<&str> = self.glob.split('/').collect();
        let parts: Vec<&str> = path.split('/').collect();
        pattern.len() == parts.len()
            && pattern
                .iter()
                .zip(&parts)
                .all(|(pattern, part)| wildcard_match(pattern.as_bytes(), part.as_bytes()))
    }
}

/// `*` matches any run of bytes (including none); everything else matches itself.
fn wildcard_match(pattern: &[u8], text: &[u8]) -> bool {
    match pattern.split_first() {
        None => text.is_empty(),
        Some((b'*', rest)) => (0..=text.len()).any(|skip| wildcard_match(rest, &text[skip..])),
        Some((byte, rest)) => text.first() == Some(byte) && wildcard_match(rest, &text[1..]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sources_parse_globs_and_pointers() {
        let source = SampleSource::parse("accounts/list.response*.json#/items/*").expect("valid");
        assert_eq!(source.glob, "accounts/list.response*.json");
        assert_eq!(source.pointer, vec!["items".to_owned(), "*".to_owned()]);
        assert!(source.matches("accounts/list.response.json"));
        assert!(source.matches("accounts/list.response.recorded.json"));
        assert!(!source.matches("accounts/get.response.json"));
        assert!(!source.matches("other/accounts/list.response.json"));
        assert!(SampleSource::parse("../x.json").is_err());
        assert!(SampleSource::parse("x.json#items").is_err());
        assert_eq!(
            SampleSource::parse("x.json#/a~1b/c~0d")
                .expect("valid")
                .pointer,
            vec!["a/b".to_owned(), "c~d".to_owned()]
        );
    }

    #[test]
    fn unknown_override_keys_are_refused() {
        let error = toml::from_str::<CrateConfig>(
            "[types.A]\ndoc = \"a\"\nfrom = []\n[types.A.fields.x]\nsecrett = true\n",
        )
        .expect_err("typo refused");
        assert!(error.to_string().contains("secrett"), "{error}");
    }
}
