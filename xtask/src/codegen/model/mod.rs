//! From merged shapes and overrides to Rust items: struct and field names, types, optionality,
//! doc comments. Identical nested shapes become one struct.

use std::collections::{BTreeSet, HashMap};

use super::config::{CrateConfig, FieldConfig, TypeConfig};
use super::shape::{Kind, Node, ObjectShape};

mod naming;
mod types;

pub use naming::{rust_field_name, struct_name, variant_name};

/// A generated struct.
#[derive(Debug, Clone)]
pub struct StructDef {
    /// Rust name.
    pub name: String,
    /// Doc comment.
    pub doc: String,
    /// Members in first-seen order.
    pub fields: Vec<FieldDef>,
    /// Every member has a `Default`.
    pub defaultable: bool,
    /// Every member has `PartialEq` (no secret inside).
    pub comparable: bool,
    /// Only answers hold it (no request type uses it): `#[non_exhaustive]`, so the provider
    /// adding a member is not a breaking change for code that builds it by hand.
    pub non_exhaustive: bool,
}

/// A generated struct member.
#[derive(Debug, Clone)]
pub struct FieldDef {
    /// Name in the JSON.
    pub json_name: String,
    /// Rust name (may be a raw identifier).
    pub rust_name: String,
    /// Rust type, without the `Option` that `optional` adds.
    pub ty: String,
    /// Wrapped in `Option`, skipped when `None`.
    pub optional: bool,
    /// A `SecretString`, written with its value exposed (it is sent to the provider).
    pub secret: bool,
    /// An optional time: `""` reads as `None` too (`optional_blank` in `lossless!`).
    pub blank_is_none: bool,
    /// Doc comment.
    pub doc: String,
}

/// A resolved Rust type.
#[derive(Debug, Clone)]
struct TypeRef {
    ty: String,
    defaultable: bool,
    comparable: bool,
    secret: bool,
}

impl TypeRef {
    fn plain(ty: &str) -> Self {
        Self {
            ty: ty.to_owned(),
            defaultable: true,
            comparable: true,
            secret: false,
        }
    }

    fn opaque(ty: &str, comparable: bool) -> Self {
        Self {
            ty: ty.to_owned(),
            defaultable: false,
            comparable,
            secret: false,
        }
    }
}

/// Everything generated for one crate, in emission order.
#[derive(Debug, Default)]
pub struct Resolved {
    /// Structs: each root type followed by the structs first introduced by it.
    pub structs: Vec<StructDef>,
}

/// Turns merged shapes into structs. One per crate.
pub struct Resolver<'c> {
    config: &'c CrateConfig,
    structs: HashMap<String, StructDef>,
    by_signature: HashMap<String, String>,
    signatures: HashMap<String, String>,
    reserved: BTreeSet<String>,
    /// Struct names in the order they were introduced, per root type.
    introduced: HashMap<String, Vec<String>>,
    /// Per struct, the root types whose samples hold it.
    users: HashMap<String, BTreeSet<String>>,
    /// `model = "X"` references: (the root type holding the field, X).
    model_refs: BTreeSet<(String, String)>,
    /// Override keys (`Type`, `path`) that matched some field.
    used_overrides: BTreeSet<(String, String)>,
    used_enums: BTreeSet<String>,
}

/// What the resolver is working on: the root type and its overrides.
struct Scope<'a> {
    type_name: &'a str,
    config: &'a TypeConfig,
}

impl<'c> Resolver<'c> {
    /// A resolver for one crate's configuration.
    pub fn new(config: &'c CrateConfig) -> Self {
        let reserved = config
            .types
            .keys()
            .chain(config.enums.keys())
            .cloned()
            .collect();
        Self {
            config,
            structs: HashMap::new(),
            by_signature: HashMap::new(),
            signatures: HashMap::new(),
            reserved,
            introduced: HashMap::new(),
            users: HashMap::new(),
            model_refs: BTreeSet::new(),
            used_overrides: BTreeSet::new(),
            used_enums: BTreeSet::new(),
        }
    }

    /// Resolves the root type `type_name` from its merged samples.
    pub fn resolve_root(&mut self, type_name: &str, node: &Node) -> Result<(), String> {
        let config = &self.config.types[type_name];
        let Kind::Object(shape) = &node.kind else {
            return Err(format!(
                "type `{type_name}`: the samples are {}, not objects (first: {})",
                node.kind.describe(),
                node.origin
            ));
        };
        let scope = Scope { type_name, config };
        let mut introduced = Vec::new();
        self.resolve_struct(
            &scope,
            type_name.to_owned(),
            true,
            "",
            shape,
            config.doc.clone(),
            "",
            &mut introduced,
        )?;
        self.introduced.insert(type_name.to_owned(), introduced);
        Ok(())
    }

    /// Checks that every override and enum was used, and returns the structs in emission order:
    /// root types alphabetically, each followed by the structs it introduced.
    pub fn finish(mut self) -> Result<Resolved, String> {
        let mut problems = Vec::new();
        for (type_name, config) in &self.config.types {
            for path in config.fields.keys() {
                if !self
                    .used_overrides
                    .contains(&(type_name.clone(), path.clone()))
                {
                    problems.push(format!(
                        "types.{type_name}.fields.\"{path}\" names a field that no sample of `{type_name}` has"
                    ));
                }
            }
        }
        for name in self.config.enums.keys() {
            if !self.used_enums.contains(name) {
                problems.push(format!("enums.{name} is not used by any field"));
            }
        }
        if !problems.is_empty() {
            return Err(problems.join("\n"));
        }
        let built = self.built_by_callers();
        for (name, def) in &mut self.structs {
            def.non_exhaustive = self
                .users
                .get(name)
                .is_some_and(|users| users.iter().all(|root| !built.contains(root)));
        }
        let mut structs = Vec::new();
        for type_name in self.config.types.keys() {
            // The root first, then the structs it introduced, in the order they were met.
            let introduced = self.introduced.remove(type_name).unwrap_or_default();
            let root = std::iter::once(type_name.clone());
            let nested = introduced.into_iter().filter(|name| name != type_name);
            for name in root.chain(nested) {
                if let Some(def) = self.structs.remove(&name) {
                    structs.push(def);
                }
            }
        }
        Ok(Resolved { structs })
    }

    /// The root types a caller builds: those made from request samples (or from anything but
    /// `*.response*` files), and every type one of them names with `model = "…"`.
    fn built_by_callers(&self) -> BTreeSet<String> {
        let mut built: BTreeSet<String> = self
            .config
            .types
            .iter()
            .filter(|(_, config)| {
                config.from.is_empty()
                    || config.from.iter().any(|source| {
                        let file = source.split('#').next().unwrap_or_default();
                        !file.contains(".response")
                    })
            })
            .map(|(name, _)| name.clone())
            .collect();
        loop {
            let more: Vec<String> = self
                .model_refs
                .iter()
                .filter(|(holder, model)| built.contains(holder) && !built.contains(model))
                .map(|(_, model)| model.clone())
                .collect();
            if more.is_empty() {
                return built;
            }
            built.extend(more);
        }
    }

    fn used_by(&mut self, name: &str, scope: &Scope<'_>) {
        self.users
            .entry(name.to_owned())
            .or_default()
            .insert(scope.type_name.to_owned());
    }

    /// Whether a generated struct has `Default` (false until it is resolved).
    fn struct_defaultable(&self, name: &str) -> (bool, bool) {
        self.structs
            .get(name)
            .map_or((false, false), |def| (def.defaultable, def.comparable))
    }

    fn override_at<'a>(&mut self, scope: &Scope<'a>, path: &str) -> Option<&'a FieldConfig> {
        let found = scope.config.fields.get(path);
        if found.is_some() {
            self.used_overrides
                .insert((scope.type_name.to_owned(), path.to_owned()));
        }
        found
    }

    #[allow(clippy::too_many_arguments)]
    fn resolve_struct(
        &mut self,
        scope: &Scope<'_>,
        name: String,
        name_fixed: bool,
        path: &str,
        shape: &ObjectShape,
        doc: String,
        parent: &str,
        introduced: &mut Vec<String>,
    ) -> Result<String, String> {
        let mut fields = Vec::new();
        let mut rust_names: HashMap<String, String> = HashMap::new();
        for (json_name, member) in &shape.fields {
            let member_path = if path.is_empty() {
                json_name.clone()
            } else {
                format!("{path}.{json_name}")
            };
            let own = self.override_at(scope, &member_path);
            let resolved = self.resolve_type(
                scope,
                &member_path,
                &member.node,
                own,
                None,
                json_name,
                &name,
                false,
                introduced,
            )?;
            let inferred_optional =
                member.present < shape.samples || member.node.nullable || scope.config.all_optional;
            let optional = match own.and_then(|config| config.optional) {
                Some(false) if member.present < shape.samples || member.node.nullable => {
                    return Err(format!(
                        "types.{}.fields.\"{member_path}\" says `optional = false`, but the samples \
                         show it missing or null (first sample: {})",
                        scope.type_name, member.node.origin
                    ))
                }
                Some(forced) => forced,
                None => inferred_optional,
            };
            if resolved.secret && resolved.ty != "ccapi_transport::SecretString" {
                return Err(format!(
                    "types.{}.fields.\"{member_path}\": `secret = true` needs a string field, not `{}`",
                    scope.type_name, resolved.ty
                ));
            }
            let rust_name = match own.and_then(|config| config.rename.clone()) {
                Some(rename) if rename == super::emit::EXTRA_FIELD => {
                    return Err(format!(
                        "types.{}.fields.\"{member_path}\": `rename = \"{rename}\"` takes the name \
                         of the field that keeps unknown members; choose another",
                        scope.type_name
                    ));
                }
                Some(rename) => rename,
                None => rust_field_name(json_name),
            };
            if let Some(previous) = rust_names.insert(rust_name.clone(), json_name.clone()) {
                return Err(format!(
                    "type `{name}`: `{previous}` and `{json_name}` both become the Rust field \
                     `{rust_name}`; give one a `rename` in api.toml"
                ));
            }
            let doc = own.and_then(|config| config.doc.clone()).unwrap_or_else(|| {
                format!("`{json_name}` as the provider sends it (not described in its documentation).")
            });
            fields.push((
                FieldDef {
                    json_name: json_name.clone(),
                    rust_name,
                    ty: resolved.ty.clone(),
                    optional,
                    secret: resolved.secret,
                    blank_is_none: optional && resolved.ty == "ccapi_transport::decode::Timestamp",
                    doc,
                },
                resolved,
            ));
        }
        let defaultable = fields
            .iter()
            .all(|(field, resolved)| field.optional || resolved.defaultable);
        let comparable = fields.iter().all(|(_, resolved)| resolved.comparable);
        let fields: Vec<FieldDef> = fields.into_iter().map(|(field, _)| field).collect();
        let signature = fields
            .iter()
            .map(|field| {
                format!(
                    "{}|{}|{}|{}|{}",
                    field.json_name, field.rust_name, field.ty, field.optional, field.secret
                )
            })
            .collect::<Vec<_>>()
            .join(";");
        let is_root = path.is_empty();
        if !is_root && !name_fixed {
            if let Some(existing) = self.by_signature.get(&signature).cloned() {
                self.used_by(&existing, scope);
                return Ok(existing);
            }
        }
        if name_fixed && self.signatures.get(&name) == Some(&signature) {
            self.used_by(&name, scope);
            return Ok(name);
        }
        let name = if self.structs.contains_key(&name)
            || (!is_root && self.reserved.contains(&name))
        {
            if name_fixed {
                return Err(format!(
                    "type `{}`: `{path}` is named `{name}`, but another shape already has that name; \
                     choose another `name` in api.toml",
                    scope.type_name
                ));
            }
            let prefixed = format!("{parent}{name}");
            if self.structs.contains_key(&prefixed) || self.reserved.contains(&prefixed) {
                return Err(format!(
                    "type `{}`: two different shapes would be named `{name}` (at `{path}`); give \
                     one a `name` in api.toml",
                    scope.type_name
                ));
            }
            prefixed
        } else {
            name
        };
        self.signatures.insert(name.clone(), signature.clone());
        self.by_signature
            .entry(signature)
            .or_insert_with(|| name.clone());
        introduced.push(name.clone());
        self.structs.insert(
            name.clone(),
            StructDef {
                name: name.clone(),
                doc,
                fields,
                defaultable,
                comparable,
                non_exhaustive: false,
            },
        );
        self.used_by(&name, scope);
        Ok(name)
    }
}

fn wrap(inner: &TypeRef, nullable: bool, container: impl Fn(&str) -> String) -> TypeRef {
    let element = if nullable {
        format!("Option<{}>", inner.ty)
    } else {
        inner.ty.clone()
    };
    TypeRef {
        ty: container(&element),
        defaultable: true,
        comparable: inner.comparable,
        secret: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_names_become_rust_names() {
        assert_eq!(
            rust_field_name("trackingPhoneNumber"),
            "tracking_phone_number"
        );
        assert_eq!(rust_field_name("logoURL"), "logo_url");
        assert_eq!(rust_field_name("callerID"), "caller_id");
        assert_eq!(rust_field_name("type"), "r#type");
        assert_eq!(rust_field_name("ref"), "r#ref");
        assert_eq!(rust_field_name("self"), "self_");
        assert_eq!(rust_field_name("2fa"), "_2fa");
        assert_eq!(rust_field_name("content-type"), "content_type");
        assert_eq!(struct_name("tags", true), "Tag");
        assert_eq!(struct_name("callFlows", true), "CallFlow");
        assert_eq!(struct_name("entries", true), "Entry");
        assert_eq!(struct_name("address", true), "Address");
        assert_eq!(struct_name("status", true), "Status");
        assert_eq!(struct_name("whiteLabel", false), "WhiteLabel");
        assert_eq!(variant_name("on-call"), "OnCall");
        assert_eq!(variant_name("USD"), "Usd");
        assert_eq!(variant_name("0"), "V0");
    }
}
