//! The schemas of an API's models: the structs and open enums `cargo xtask codegen` resolves
//! from the fixtures, as the crates decode them.

use std::collections::BTreeMap;
use std::path::Path;

use serde_json::{json, Map, Value};

use crate::codegen::config::SampleSource;
use crate::codegen::model::StructDef;
use crate::codegen::{models_of, CrateModels};

/// The models of one API: every struct and enum of its model crates, and their `from` entries.
pub(super) struct Models {
    /// `fixtures/<crate>` of each model crate.
    fixture_dirs: Vec<std::path::PathBuf>,
    /// Every struct, by name.
    pub(super) structs: BTreeMap<String, StructDef>,
    /// Every open enum: its doc and values, by name.
    enums: BTreeMap<String, (String, Vec<String>)>,
    /// `(type, source)` of every generated type.
    sources: Vec<(String, SampleSource)>,
}

impl Models {
    pub(super) fn load(root: &Path, crates: &[String]) -> Result<Self, String> {
        let mut models = Self {
            fixture_dirs: crates
                .iter()
                .map(|name| root.join("fixtures").join(name))
                .collect(),
            structs: BTreeMap::new(),
            enums: BTreeMap::new(),
            sources: Vec::new(),
        };
        for crate_name in crates {
            let CrateModels { config, resolved } = models_of(root, crate_name)?;
            for def in resolved.structs {
                if models.structs.contains_key(&def.name) {
                    return Err(format!(
                        "{crate_name}: `{}` is also a model of another crate of the same API",
                        def.name
                    ));
                }
                models.structs.insert(def.name.clone(), def);
            }
            for (name, enumeration) in &config.enums {
                let values = enumeration
                    .values
                    .iter()
                    .map(|value| value.text().to_owned())
                    .collect();
                models
                    .enums
                    .insert(name.clone(), (enumeration.doc.clone(), values));
            }
            for (name, type_config) in &config.types {
                for text in &type_config.from {
                    models
                        .sources
                        .push((name.clone(), SampleSource::parse(text)?));
                }
            }
        }
        Ok(models)
    }

    /// The type (and where in the body it sits) of the fixture `file`.
    pub(super) fn sample_type(&self, file: &str) -> Option<(String, Vec<String>)> {
        self.sources
            .iter()
            .find(|(_, source)| source.matches(file))
            .map(|(name, source)| (name.clone(), source.pointer.clone()))
    }

    /// An example of the path parameter `name` of a `resource` operation: the member of that
    /// name (or the resource's `id`, for `id`, `…Id` and `idOrName`) in the documented answer
    /// of `<resource>.get`, which the sandbox also serves: so tools reach a real resource.
    pub(super) fn path_example(&self, resource: &str, name: &str) -> Option<Value> {
        let file = format!("{resource}/get.response.json");
        let (_, pointer) = self.sample_type(&file)?;
        let text = self
            .fixture_dirs
            .iter()
            .find_map(|dir| std::fs::read_to_string(dir.join(&file)).ok())?;
        let document: Value = serde_json::from_str(&text).ok()?;
        let payload = pointer
            .iter()
            .try_fold(&document, |value, segment| value.get(segment))?;
        let member = if payload.get(name).is_some() {
            name
        } else if name == "id" || name == "idOrName" || name.ends_with("Id") {
            "id"
        } else {
            return None;
        };
        payload
            .get(member)
            .filter(|value| value.is_string() || value.is_number())
            .cloned()
    }

    /// The schema of a Rust type as the generator writes it.
    fn type_schema(&self, ty: &str) -> Value {
        let ty = ty.trim();
        if let Some(inner) = generic(ty, "Vec") {
            return json!({"type": "array", "items": self.type_schema(inner)});
        }
        if let Some(inner) = generic(ty, "Option") {
            return nullable(self.type_schema(inner));
        }
        if let Some(args) = generic(ty, "std::collections::BTreeMap") {
            let value = args.split_once(',').map_or("String", |(_, value)| value);
            return json!({"type": "object", "additionalProperties": self.type_schema(value)});
        }
        if let Some(inner) = generic(ty, "ccapi_transport::decode::MaybeNumber")
            .or_else(|| generic(ty, "ccapi_transport::decode::Lenient"))
        {
            let number = self.type_schema(inner);
            return json!({"anyOf": [number, {"type": "string"}], "description": "A number, or a number written as text."});
        }
        if let Some(inner) = generic(ty, "crate::models::OneOrMany") {
            let one = self.type_schema(inner);
            return json!({"anyOf": [one.clone(), {"type": "array", "items": one}]});
        }
        match ty {
            "String" => json!({"type": "string"}),
            "i64" | "u64" | "i32" | "u32" => json!({"type": "integer"}),
            "f64" | "f32" => json!({"type": "number"}),
            "bool" => json!({"type": "boolean"}),
            "serde_json::Value" => json!({}),
            "ccapi_transport::SecretString" => {
                json!({"type": "string", "format": "password", "description": "A credential."})
            }
            "ccapi_transport::decode::SecretText" => json!({
                "type": ["string", "number"], "format": "password",
                "description": "A credential, as text or a number."
            }),
            // `Timestamp` keeps what it received: epoch seconds (a number or numeric text) or
            // date-time text.
            "ccapi_transport::decode::Timestamp" => json!({
                "type": ["string", "number"],
                "description": "A time as the provider writes it: epoch seconds, or date-time text (RFC 3339, `YYYY-MM-DD HH:MM:SS`, a date)."
            }),
            "ccapi_transport::decode::LenientString" => {
                json!({"type": ["string", "number"], "description": "Text, or a number the provider sends bare."})
            }
            "ccapi_transport::decode::LenientBool" => json!({
                "anyOf": [{"type": "boolean"}, {"enum": [0, 1, "0", "1", "true", "false"]}],
                "description": "A boolean, or `0`/`1` as a number or text."
            }),
            "crate::models::WatchSchema" => json!({
                "anyOf": [{"type": "object"}, {"type": "string"}],
                "description": "A JSON template, or a string template with JSONPath expressions."
            }),
            other => {
                let name = other.rsplit("::").next().unwrap_or(other);
                if self.structs.contains_key(name) || self.enums.contains_key(name) {
                    json!({"$ref": format!("#/components/schemas/{name}")})
                } else {
                    // A hand-written type (`History`, `LegTarget`): described in its crate's docs.
                    json!({"description": format!("`{name}`: see the crate's documentation.")})
                }
            }
        }
    }

    fn struct_schema(&self, def: &StructDef) -> Value {
        let mut properties = Map::new();
        let mut required = Vec::new();
        for field in &def.fields {
            let mut schema = self.type_schema(&field.ty);
            if field.secret {
                schema = json!({"allOf": [schema], "format": "password"});
            }
            if field.optional {
                schema = nullable(schema);
            } else {
                required.push(Value::from(field.json_name.as_str()));
            }
            if let Some(object) = schema.as_object_mut() {
                object.insert("description".into(), Value::from(field.doc.as_str()));
            }
            properties.insert(field.json_name.clone(), schema);
        }
        let mut schema = json!({
            "type": "object",
            "description": def.doc,
            "properties": properties,
            // Lossless models keep the members they do not name.
            "additionalProperties": true
        });
        if !required.is_empty() {
            schema["required"] = Value::Array(required);
        }
        schema
    }

    pub(super) fn components(&self) -> Value {
        let mut schemas = Map::new();
        for (name, def) in &self.structs {
            schemas.insert(name.clone(), self.struct_schema(def));
        }
        for (name, (doc, values)) in &self.enums {
            // Open: a value the provider adds later still decodes (the crates' `Unknown`).
            schemas.insert(
                name.clone(),
                json!({
                    "description": format!("{doc} Open: other values may come."),
                    "anyOf": [{"enum": values}, {"type": "string"}]
                }),
            );
        }
        Value::Object(schemas)
    }
}

/// The argument of `name<…>` in `ty`, if `ty` is that generic.
fn generic<'t>(ty: &'t str, name: &str) -> Option<&'t str> {
    ty.strip_prefix(name)?.strip_prefix('<')?.strip_suffix('>')
}

/// `schema`, or `null`.
fn nullable(schema: Value) -> Value {
    match schema.get("type") {
        Some(Value::String(one)) if schema.get("$ref").is_none() => {
            let mut schema = schema.clone();
            schema["type"] = json!([one, "null"]);
            schema
        }
        _ => json!({"anyOf": [schema, {"type": "null"}]}),
    }
}
