//! From fixtures to samples: the values each type's `from` selects (each fixture used by some
//! type), the credential names they hold, and the order types are inferred and resolved in.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::rc::Rc;

use serde_json::Value;

use super::config::{CrateConfig, SampleSource};
use super::emit::RoundTripCase;
use super::shape::Origin;

pub(super) type Samples<'v> = HashMap<String, Vec<(&'v Value, Origin)>>;

/// Every member name, as spelled in the fixtures, that holds a credential: a generic name
/// (`access_token`, `clientSecret`) or one marked `secret = true`. The decode snapshots
/// redact these.
pub(super) fn secret_names_in(parsed: &BTreeMap<&str, Value>, marked: &[&str]) -> Vec<String> {
    fn walk(value: &Value, marked: &[&str], out: &mut BTreeSet<String>) {
        match value {
            Value::Object(members) => {
                for (name, member) in members {
                    if ccapi_transport::redact::is_secret_member(name, marked) {
                        out.insert(name.clone());
                    }
                    walk(member, marked, out);
                }
            }
            Value::Array(items) => items.iter().for_each(|item| walk(item, marked, out)),
            _ => {}
        }
    }
    let mut names = BTreeSet::new();
    for value in parsed.values() {
        walk(value, marked, &mut names);
    }
    names.into_iter().collect()
}

/// Every value each type's `from` selects, and one round-trip case per (type, file, selector).
/// Every fixture must be used by some type.
pub(super) fn collect_samples<'v>(
    crate_name: &str,
    config: &CrateConfig,
    parsed: &'v BTreeMap<&str, Value>,
) -> Result<(Samples<'v>, Vec<RoundTripCase>), String> {
    let mut samples: Samples<'v> = HashMap::new();
    let mut cases = Vec::new();
    let mut used: BTreeSet<&str> = BTreeSet::new();
    for (type_name, type_config) in &config.types {
        for text in &type_config.from {
            let source = SampleSource::parse(text).map_err(|err| {
                format!("fixtures/{crate_name}/api.toml: types.{type_name}.from: {err}")
            })?;
            let mut matched = false;
            for (path, value) in parsed.iter().filter(|(path, _)| source.matches(path)) {
                matched = true;
                used.insert(path);
                let file: Rc<str> = Rc::from(*path);
                let mut selected = Vec::new();
                select(value, &source.pointer, String::new(), &mut selected).map_err(|err| {
                    format!("fixtures/{crate_name}/{path}: {err} (selected by types.{type_name}.from `{text}`)")
                })?;
                for (pointer, value) in selected {
                    samples.entry(type_name.clone()).or_default().push((
                        value,
                        Origin {
                            file: file.clone(),
                            pointer,
                        },
                    ));
                }
                let selector = if source.pointer.is_empty() {
                    String::new()
                } else {
                    format!("/{}", source.pointer.join("/"))
                };
                cases.push(RoundTripCase {
                    type_name: type_name.clone(),
                    file: (*path).to_owned(),
                    selector,
                });
            }
            if !matched {
                return Err(format!(
                    "fixtures/{crate_name}/api.toml: types.{type_name}.from `{text}` matches no \
                     fixture file"
                ));
            }
        }
    }
    for (type_name, hand_written) in &config.hand_written {
        if config.types.contains_key(type_name) || config.enums.contains_key(type_name) {
            return Err(format!(
                "fixtures/{crate_name}/api.toml: hand_written.{type_name} is also a generated type"
            ));
        }
        for text in &hand_written.from {
            let source = SampleSource::parse(text).map_err(|err| {
                format!("fixtures/{crate_name}/api.toml: hand_written.{type_name}.from: {err}")
            })?;
            let matched: Vec<&str> = parsed
                .iter()
                .filter(|(path, _)| source.matches(path))
                .map(|(path, value)| {
                    let mut selected = Vec::new();
                    select(value, &source.pointer, String::new(), &mut selected)
                        .map(|()| *path)
                        .map_err(|err| {
                            format!("fixtures/{crate_name}/{path}: {err} (selected by hand_written.{type_name}.from `{text}`)")
                        })
                })
                .collect::<Result<_, _>>()?;
            if matched.is_empty() {
                return Err(format!(
                    "fixtures/{crate_name}/api.toml: hand_written.{type_name}.from `{text}` matches no fixture file"
                ));
            }
            for path in matched {
                used.insert(path);
                cases.push(RoundTripCase {
                    type_name: type_name.clone(),
                    file: path.to_owned(),
                    selector: if source.pointer.is_empty() {
                        String::new()
                    } else {
                        format!("/{}", source.pointer.join("/"))
                    },
                });
            }
        }
    }
    let unused: Vec<&str> = parsed
        .keys()
        .copied()
        .filter(|path| !used.contains(path))
        .collect();
    if !unused.is_empty() {
        return Err(format!(
            "fixtures/{crate_name}: no type's `from` in api.toml uses {}",
            unused.join(", ")
        ));
    }
    Ok((samples, cases))
}

/// The values at `pointer`, where `*` selects every element of an array.
pub(super) fn select<'v>(
    value: &'v Value,
    pointer: &[String],
    at: String,
    out: &mut Vec<(String, &'v Value)>,
) -> Result<(), String> {
    let Some((segment, rest)) = pointer.split_first() else {
        out.push((at, value));
        return Ok(());
    };
    match (segment.as_str(), value) {
        ("*", Value::Array(items)) => {
            for (index, item) in items.iter().enumerate() {
                select(item, rest, format!("{at}/{index}"), out)?;
            }
            Ok(())
        }
        ("*", _) => Err(format!("{} is not an array", display_pointer(&at))),
        (key, Value::Object(members)) => match members.get(key) {
            Some(member) => select(member, rest, format!("{at}/{key}"), out),
            None => Err(format!("{} has no member `{key}`", display_pointer(&at))),
        },
        (key, Value::Array(items)) => match key.parse::<usize>().ok().and_then(|i| items.get(i)) {
            Some(item) => select(item, rest, format!("{at}/{key}"), out),
            None => Err(format!("{} has no element {key}", display_pointer(&at))),
        },
        (key, _) => Err(format!(
            "{} is a scalar, it has no member `{key}`",
            display_pointer(&at)
        )),
    }
}

pub(super) fn display_pointer(at: &str) -> String {
    if at.is_empty() {
        "the document".to_owned()
    } else {
        format!("`{at}`")
    }
}

/// Which side of a `model` reference comes first.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Direction {
    /// A type after the types that hand it samples (inference).
    ReferrersFirst,
    /// A type before the types that use it (resolution).
    ModelsFirst,
}

/// The types in `direction`, alphabetical where the references leave a choice.
pub(super) fn type_order(
    config: &CrateConfig,
    direction: Direction,
) -> Result<Vec<String>, String> {
    // For each type, the types that must come before it.
    let mut before: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for (type_name, type_config) in &config.types {
        before.entry(type_name).or_default();
        for (path, field) in &type_config.fields {
            if let Some(model) = &field.model {
                if !config.types.contains_key(model) {
                    return Err(format!(
                        "types.{type_name}.fields.\"{path}\": `model = \"{model}\"` is not an entry of [types]"
                    ));
                }
                if model != type_name {
                    match direction {
                        Direction::ReferrersFirst => {
                            before.entry(model).or_default().insert(type_name)
                        }
                        Direction::ModelsFirst => {
                            before.entry(type_name).or_default().insert(model)
                        }
                    };
                }
            }
        }
    }
    let mut order = Vec::new();
    let mut done: BTreeSet<&str> = BTreeSet::new();
    while done.len() < before.len() {
        let ready: Vec<&str> = before
            .iter()
            .filter(|(name, from)| !done.contains(*name) && from.iter().all(|r| done.contains(r)))
            .map(|(name, _)| *name)
            .collect();
        if ready.is_empty() {
            let stuck: Vec<&str> = before
                .keys()
                .copied()
                .filter(|name| !done.contains(name))
                .collect();
            return Err(format!(
                "types {} hand samples to each other through `model` in a cycle; break it with a \
                 hand-written `type`",
                stuck.join(", ")
            ));
        }
        for name in ready {
            done.insert(name);
            order.push(name.to_owned());
        }
    }
    Ok(order)
}
