//! The type of one value: a nested struct, a model of its own, a container, or a scalar
//! with its overrides (enums, secrets, times, lenient forms).

use super::naming::{display_path, struct_name};
use super::{wrap, Resolver, Scope, TypeRef};
use crate::codegen::config::{DateTimeKind, FieldConfig, LenientKind};
use crate::codegen::shape::{Kind, Node};

impl<'c> Resolver<'c> {
    /// `own` is the override at exactly `path`; `inherited` is a leaf override carried from the
    /// array or map holding this value; `field_name` and `parent` name a nested struct.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn resolve_type(
        &mut self,
        scope: &Scope<'_>,
        path: &str,
        node: &Node,
        own: Option<&FieldConfig>,
        inherited: Option<&FieldConfig>,
        field_name: &str,
        parent: &str,
        element: bool,
        introduced: &mut Vec<String>,
    ) -> Result<TypeRef, String> {
        if let Some(rust_type) = own.and_then(|config| config.rust_type.as_deref()) {
            return Ok(TypeRef::opaque(rust_type, true));
        }
        let leaf = inherited.or(own.filter(|config| config.has_leaf_override()));
        let resolved = match &node.kind {
            Kind::Conflict(pair) => {
                let (left, left_origin, right, right_origin) = pair.as_ref();
                return Err(format!(
                    "type `{}`: `{}` is {} in {left_origin} but {} in {right_origin}; samples this \
                     different need an override in api.toml (`type = \"...\"` for a hand-written \
                     type, or `lenient`)",
                    scope.type_name,
                    display_path(path),
                    left.describe(),
                    right.describe()
                ));
            }
            Kind::Array(element_node) => {
                let element_path = format!("{path}[]");
                let element_own = self
                    .override_at(scope, &element_path)
                    .or(if leaf.is_none() { own } else { None });
                let inner = self.resolve_type(
                    scope,
                    &element_path,
                    element_node,
                    element_own,
                    leaf,
                    field_name,
                    parent,
                    true,
                    introduced,
                )?;
                wrap(&inner, element_node.nullable, |ty| format!("Vec<{ty}>"))
            }
            Kind::Map(value_node) => {
                let value_path = format!("{path}{{}}");
                let value_own = self.override_at(scope, &value_path);
                let inner = self.resolve_type(
                    scope,
                    &value_path,
                    value_node,
                    value_own,
                    leaf,
                    field_name,
                    parent,
                    true,
                    introduced,
                )?;
                wrap(&inner, value_node.nullable, |ty| {
                    format!("std::collections::BTreeMap<String, {ty}>")
                })
            }
            Kind::Object(shape) => {
                let (name, fixed) = match own.and_then(|config| config.name.clone()) {
                    Some(name) => (name, true),
                    None => (struct_name(field_name, element), false),
                };
                let doc = own
                    .and_then(|config| config.doc.clone())
                    .unwrap_or_else(|| {
                        if element {
                            format!("One element of `{field_name}` in [`{parent}`].")
                        } else {
                            format!("The `{field_name}` object of [`{parent}`].")
                        }
                    });
                let name =
                    self.resolve_struct(scope, name, fixed, path, shape, doc, parent, introduced)?;
                let (defaultable, comparable) = self.struct_defaultable(&name);
                TypeRef {
                    ty: name,
                    defaultable,
                    comparable,
                    secret: false,
                }
            }
            Kind::Replaced => match leaf.and_then(|config| config.model.as_deref()) {
                Some(model) => self.model_ref(scope, path, model)?,
                None => {
                    return Err(format!(
                        "type `{}`: `{}` has no hand-written type",
                        scope.type_name,
                        display_path(path)
                    ))
                }
            },
            Kind::Unknown
            | Kind::Bool
            | Kind::Integer
            | Kind::Float
            | Kind::String
            | Kind::NumberOrString => self.scalar(scope, path, node, leaf)?,
        };
        Ok(resolved)
    }

    pub(super) fn model_ref(
        &mut self,
        scope: &Scope<'_>,
        path: &str,
        model: &str,
    ) -> Result<TypeRef, String> {
        if !self.config.types.contains_key(model) {
            return Err(format!(
                "types.{}.fields.\"{path}\": `model = \"{model}\"` is not an entry of [types]",
                scope.type_name
            ));
        }
        self.model_refs
            .insert((scope.type_name.to_owned(), model.to_owned()));
        let (defaultable, comparable) = self.struct_defaultable(model);
        Ok(TypeRef {
            ty: model.to_owned(),
            defaultable,
            comparable,
            secret: false,
        })
    }

    pub(super) fn scalar(
        &mut self,
        scope: &Scope<'_>,
        path: &str,
        node: &Node,
        leaf: Option<&FieldConfig>,
    ) -> Result<TypeRef, String> {
        let kind = &node.kind;
        let mismatch = |wanted: &str| {
            Err(format!(
                "types.{}.fields.\"{path}\" is declared {wanted}, but the samples show {} ({})",
                scope.type_name,
                kind.describe(),
                node.origin
            ))
        };
        let textual = matches!(kind, Kind::String | Kind::Unknown);
        let Some(config) = leaf else {
            return Ok(match kind {
                Kind::Unknown => TypeRef::plain("serde_json::Value"),
                Kind::Bool => TypeRef::plain("bool"),
                Kind::Integer => TypeRef::plain("i64"),
                Kind::Float => TypeRef::plain("f64"),
                Kind::String => TypeRef::plain("String"),
                _ => TypeRef::plain("ccapi_transport::decode::LenientString"),
            });
        };
        if let Some(model) = &config.model {
            if matches!(kind, Kind::Unknown) {
                return self.model_ref(scope, path, model);
            }
            return mismatch("an object (`model`)");
        }
        if config.secret {
            // `lenient = "string"` says so where the fixtures, their secrets replaced by
            // markers, no longer show the numbers.
            if matches!(kind, Kind::NumberOrString)
                || (config.lenient == Some(LenientKind::String) && textual)
            {
                // A credential the providers' own clients disagree on (Ziwo's `ccPassword`: a
                // number in the web client, a string in the Android SDK).
                return Ok(TypeRef::opaque(
                    "ccapi_transport::decode::SecretText",
                    false,
                ));
            }
            if !textual {
                return mismatch("a secret string");
            }
            return Ok(TypeRef {
                ty: "ccapi_transport::SecretString".to_owned(),
                defaultable: false,
                comparable: false,
                secret: true,
            });
        }
        if let Some(name) = &config.enumeration {
            if !self.config.enums.contains_key(name) {
                return Err(format!(
                    "types.{}.fields.\"{path}\": `enum = \"{name}\"` is not an entry of [enums]",
                    scope.type_name
                ));
            }
            if !textual {
                return mismatch("an enum (strings)");
            }
            self.used_enums.insert(name.clone());
            return Ok(TypeRef::opaque(name, true));
        }
        if let Some(datetime) = config.datetime {
            return match datetime {
                // One type for both documented forms: providers' schemas disagree with their
                // prose (VBC: epoch numbers in the seed, `format: date-time` in its OpenAPI).
                DateTimeKind::Text if textual => {
                    Ok(TypeRef::opaque("ccapi_transport::decode::Timestamp", true))
                }
                DateTimeKind::Text => mismatch("a date-time text"),
                DateTimeKind::Epoch if !matches!(kind, Kind::Bool) => {
                    Ok(TypeRef::opaque("ccapi_transport::decode::Timestamp", true))
                }
                DateTimeKind::Epoch => mismatch("epoch seconds"),
            };
        }
        if let Some(lenient) = config.lenient {
            return Ok(TypeRef::plain(match lenient {
                LenientKind::String => "ccapi_transport::decode::LenientString",
                LenientKind::Integer => "ccapi_transport::decode::Lenient<i64>",
                LenientKind::Float => "ccapi_transport::decode::Lenient<f64>",
                LenientKind::Bool => "ccapi_transport::decode::LenientBool",
                LenientKind::IntegerOrText => {
                    return Ok(TypeRef::opaque(
                        "ccapi_transport::decode::MaybeNumber<i64>",
                        true,
                    ))
                }
            }));
        }
        Err(format!(
            "types.{}.fields.\"{path}\": internal error, no leaf override applies",
            scope.type_name
        ))
    }
}
