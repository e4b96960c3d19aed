//! What each API accepts, from its OpenAPI document (`docs/openapi/<api>.json`, written by
//! `cargo xtask codegen` from the crates' manifests and models): the sandbox refuses a
//! request the document does not allow (a path parameter, query parameter or body member of
//! the wrong type, a required one missing) with `400` in the provider's error shape, as the
//! providers validate their input (iAdvize: "Value of field 'my_field' is not valid."). A form
//! body's members are read as the document types them (`chat_enabled=true` is a boolean,
//! `order=3` a number), so what the sandbox stores and answers has the documented types.
//!
//! Only what the documents use is checked: `type`, `enum`, `const`, `anyOf`, `allOf`,
//! `properties`, `required`, `items`, `additionalProperties` and `$ref`, and the `date` and
//! `date-time` formats of query parameters.

use serde_json::{Map, Value};

use crate::router::Request;

/// The operations of one or more documents served under one mount.
#[derive(Debug, Default)]
pub struct Contract {
    operations: Vec<Operation>,
    /// Refuse a query parameter the document does not declare, instead of ignoring it.
    strict_parameters: bool,
}

/// What a request the contract allows carries beyond its declared members.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Checked {
    /// A form body's members as the document types them (`None`: not a form, or an operation
    /// the documents do not describe).
    pub fields: Option<Map<String, Value>>,
    /// The query parameters the document does not declare, in the order sent: ignored, as the
    /// real services ignore them (Ziwo's web client's `bc` cache-buster, iAdvize's PHP client's
    /// `page`/`limit` on every request).
    pub ignored_parameters: Vec<String>,
}

#[derive(Debug)]
struct Operation {
    /// The document's `operationId` (the catalog id, `visitor.list`).
    id: String,
    /// Query parameters that carry credentials (`key`, `apiKey`): allowed everywhere.
    credentials: std::sync::Arc<Vec<String>>,
    method: String,
    /// The path template's shape ([`shape_of`]), under the mount.
    shape: String,
    parameters: Vec<Value>,
    /// The media types the operation's body may have, each with its schema (the first is the
    /// one the crates send), and whether a body is required.
    bodies: Vec<(String, Value)>,
    body_required: bool,
    /// The document's `components.schemas`, for `$ref`.
    schemas: std::sync::Arc<Map<String, Value>>,
}

/// Why a request is refused: the message the provider's error carries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal(pub String);

fn invalid(field: &str) -> Refusal {
    Refusal(format!("Value of field '{field}' is not valid."))
}

impl Contract {
    /// The operations of `documents` (OpenAPI documents as JSON text), their paths under
    /// `prefix` within the mount (VBC's `/t/vbc.prod/telephony/v3`; usually empty). A text that
    /// is not a document adds nothing.
    pub fn new(prefix: &str, documents: &[&str]) -> Self {
        let mut operations = Vec::new();
        for text in documents {
            let Ok(document) = serde_json::from_str::<Value>(text) else {
                continue;
            };
            let schemas = std::sync::Arc::new(
                document["components"]["schemas"]
                    .as_object()
                    .cloned()
                    .unwrap_or_default(),
            );
            let credentials = std::sync::Arc::new(
                document["components"]["securitySchemes"]
                    .as_object()
                    .into_iter()
                    .flatten()
                    .filter(|(_, scheme)| scheme["in"] == "query")
                    .filter_map(|(_, scheme)| scheme["name"].as_str().map(str::to_owned))
                    .collect::<Vec<_>>(),
            );
            for (template, item) in document["paths"].as_object().into_iter().flatten() {
                for (method, op) in item.as_object().into_iter().flatten() {
                    let bodies = op["requestBody"]["content"]
                        .as_object()
                        .into_iter()
                        .flatten()
                        .map(|(media, entry)| (media.clone(), entry["schema"].clone()))
                        .collect();
                    operations.push(Operation {
                        id: op["operationId"].as_str().unwrap_or_default().to_owned(),
                        credentials: std::sync::Arc::clone(&credentials),
                        method: method.to_ascii_uppercase(),
                        shape: shape_of(&format!("{prefix}{template}")),
                        parameters: op["parameters"].as_array().cloned().unwrap_or_default(),
                        bodies,
                        body_required: op["requestBody"]["required"].as_bool().unwrap_or(false),
                        schemas: std::sync::Arc::clone(&schemas),
                    });
                }
            }
        }
        Self {
            operations,
            strict_parameters: false,
        }
    }

    /// Refuses a query parameter the documents do not declare (`Unknown parameter 'x'.`),
    /// where by default it is ignored and listed in [`Checked::ignored_parameters`]: for tests
    /// that want a misspelt key to fail.
    pub fn strict_parameters(mut self, strict: bool) -> Self {
        self.strict_parameters = strict;
        self
    }

    /// The `operationId` of the operation at `template` for `method`.
    pub fn operation_id(&self, method: &str, template: &str) -> Option<&str> {
        let shape = shape_of(template);
        self.operations
            .iter()
            .find(|op| op.method == method && op.shape == shape)
            .map(|op| op.id.as_str())
            .filter(|id| !id.is_empty())
    }

    /// Every `operationId` of the documents.
    pub fn operation_ids(&self) -> Vec<&str> {
        self.operations
            .iter()
            .map(|op| op.id.as_str())
            .filter(|id| !id.is_empty())
            .collect()
    }

    /// Checks `request`, routed to `template`.
    pub fn check(&self, template: &str, request: &Request) -> Result<Checked, Refusal> {
        let shape = shape_of(template);
        let Some(op) = self
            .operations
            .iter()
            .find(|op| op.method == request.method.as_str() && op.shape == shape)
        else {
            return Ok(Checked::default());
        };
        let ignored_parameters = op.undeclared_parameters(request);
        if let (true, Some(key)) = (self.strict_parameters, ignored_parameters.first()) {
            return Err(Refusal(format!("Unknown parameter '{key}'.")));
        }
        op.check_parameters(request)?;
        Ok(Checked {
            fields: op.check_body(request)?,
            ignored_parameters,
        })
    }
}

impl Operation {
    fn resolve<'s>(&'s self, schema: &'s Value) -> &'s Value {
        match schema["$ref"].as_str() {
            Some(reference) => reference
                .strip_prefix("#/components/schemas/")
                .and_then(|name| self.schemas.get(name))
                .unwrap_or(&Value::Null),
            None => schema,
        }
    }

    /// The query keys the document neither declares nor reads credentials from, each once.
    fn undeclared_parameters(&self, request: &Request) -> Vec<String> {
        let mut undeclared: Vec<String> = Vec::new();
        for (key, _) in &request.query {
            let declared = self.credentials.iter().any(|name| name == key)
                || self.parameters.iter().any(|parameter| {
                    let name = parameter["name"].as_str().unwrap_or_default();
                    parameter["in"] == "query"
                        && (name == key
                            || (parameter["style"] == "deepObject"
                                && key.starts_with(name)
                                && key[name.len()..].starts_with('[')))
                });
            if !declared && !undeclared.contains(key) {
                undeclared.push(key.clone());
            }
        }
        undeclared
    }

    fn check_parameters(&self, request: &Request) -> Result<(), Refusal> {
        for parameter in &self.parameters {
            let name = parameter["name"].as_str().unwrap_or_default();
            let schema = &parameter["schema"];
            let required = parameter["required"].as_bool().unwrap_or(false);
            match parameter["in"].as_str() {
                Some("path") => {
                    // A route naming the parameter otherwise leaves it unchecked.
                    if let Some(value) = request.params.get(name) {
                        if !self.text_fits(value, schema) {
                            return Err(invalid(name));
                        }
                    }
                }
                Some("query") if parameter["style"] == "deepObject" => {
                    // `filters[x]=…`: one text value per member name, or a list as PHP's
                    // `http_build_query` writes one (`filters[x][0]=…&filters[x][1]=…`, iAdvize's
                    // PHP client); a bare `filters=`, an empty or otherwise nested name
                    // (`filters[a][b]`) or a repeated one is no member.
                    if request.query(name).is_some() {
                        return Err(invalid(name));
                    }
                    let mut seen = Vec::new();
                    for (key, _) in &request.query {
                        let Some(member) = key
                            .strip_prefix(name)
                            .and_then(|rest| rest.strip_prefix('['))
                        else {
                            continue;
                        };
                        let member = member.strip_suffix(']').unwrap_or("");
                        let (member, index) = match member.split_once("][") {
                            Some((member, index))
                                if !index.is_empty()
                                    && index.bytes().all(|b| b.is_ascii_digit()) =>
                            {
                                (member, Some(index))
                            }
                            _ => (member, None),
                        };
                        let entry = (member, index);
                        if member.is_empty()
                            || member.contains(['[', ']'])
                            || seen.contains(&entry)
                            || seen.iter().any(|(other, other_index)| {
                                *other == member && other_index.is_some() != index.is_some()
                            })
                        {
                            return Err(invalid(key));
                        }
                        seen.push(entry);
                    }
                }
                Some("query") => {
                    let values = request.query_all(name);
                    if values.is_empty() && required {
                        return Err(Refusal(format!("Field '{name}' is missing.")));
                    }
                    let item = if schema["type"] == "array" {
                        &schema["items"]
                    } else {
                        if values.len() > 1 {
                            return Err(invalid(name));
                        }
                        schema
                    };
                    if values.iter().any(|value| !self.text_fits(value, item)) {
                        return Err(invalid(name));
                    }
                }
                _ => {}
            }
        }
        Ok(())
    }

    /// The body's media type and schema: the one of the request's `Content-Type` where the
    /// operation accepts several (Ziwo's login takes JSON and forms). Without a content type
    /// among them: JSON if the body reads as JSON and JSON is accepted, else the one declared
    /// (a form where it is one of several).
    fn body_schema(&self, request: &Request) -> Option<&(String, Value)> {
        let find = |wanted: &str| {
            self.bodies
                .iter()
                .find(|(media, _)| media.eq_ignore_ascii_case(wanted))
        };
        let sent = request
            .header("content-type")
            .and_then(|value| value.split(';').next())
            .map(str::trim);
        if let Some(declared) = sent.and_then(find) {
            return Some(declared);
        }
        if self.bodies.len() < 2 {
            return self.bodies.first();
        }
        let json = serde_json::from_slice::<Value>(&request.body).is_ok();
        json.then(|| find("application/json"))
            .flatten()
            .or_else(|| find("application/x-www-form-urlencoded"))
            .or(self.bodies.first())
    }

    fn check_body(&self, request: &Request) -> Result<Option<Map<String, Value>>, Refusal> {
        let Some((media, schema)) = self.body_schema(request) else {
            return Ok(None);
        };
        if request.body.iter().all(u8::is_ascii_whitespace) {
            return if self.body_required {
                Err(Refusal("The body is empty.".to_owned()))
            } else {
                Ok(None)
            };
        }
        if media == "application/x-www-form-urlencoded" {
            let raw = crate::store::form_object(&request.form());
            let typed = self.read_form(Value::Object(raw), schema, "")?;
            self.fits(&typed, schema, "")?;
            return Ok(typed.as_object().cloned());
        }
        let value: Value = serde_json::from_slice(&request.body)
            .map_err(|_| Refusal("The body is not JSON.".to_owned()))?;
        self.fits(&value, schema, "")?;
        Ok(None)
    }

    /// Whether a path or query text holds what `schema` says.
    fn text_fits(&self, text: &str, schema: &Value) -> bool {
        let schema = self.resolve(schema);
        if let Some(options) = schema["anyOf"].as_array() {
            return options.iter().any(|option| self.text_fits(text, option));
        }
        if let Some(values) = schema["enum"].as_array() {
            return values.iter().any(|value| match value {
                Value::String(known) => known == text,
                // A number or boolean of the enum, written as text.
                other => serde_json::from_str::<Value>(text).is_ok_and(|parsed| parsed == *other),
            });
        }
        match schema["type"].as_str() {
            Some("integer") => text.parse::<i64>().is_ok(),
            Some("number") => text.parse::<f64>().is_ok_and(f64::is_finite),
            Some("boolean") => matches!(text, "true" | "false"),
            Some("string") => match schema["format"].as_str() {
                Some("date") => is_date(text),
                Some("date-time") => is_date_time(text),
                _ => true,
            },
            _ => true,
        }
    }

    /// A form's members (all text, or numbers where they looked like integers) as `schema`
    /// types them; a member it cannot read is refused.
    fn read_form(&self, value: Value, schema: &Value, at: &str) -> Result<Value, Refusal> {
        let schema = self.resolve(schema);
        if let Some(parts) = schema["allOf"].as_array() {
            return parts
                .iter()
                .try_fold(value, |value, part| self.read_form(value, part, at));
        }
        if schema.get("anyOf").is_some() {
            return Ok(value);
        }
        let types = types_of(schema);
        match value {
            Value::Object(members) => {
                let mut typed = Map::new();
                for (name, member) in members {
                    let place = if at.is_empty() {
                        name.clone()
                    } else {
                        format!("{at}[{name}]")
                    };
                    let member_schema = &schema["properties"][&name];
                    let read = if member_schema.is_null() {
                        member
                    } else {
                        self.read_form(member, member_schema, &place)?
                    };
                    typed.insert(name, read);
                }
                Ok(Value::Object(typed))
            }
            Value::Array(items) => items
                .into_iter()
                .map(|item| self.read_form(item, &schema["items"], at))
                .collect::<Result<Vec<_>, _>>()
                .map(Value::Array),
            scalar => {
                let text = match &scalar {
                    Value::String(text) => text.clone(),
                    other => other.to_string(),
                };
                let read = if types.contains(&"integer") && text.parse::<i64>().is_ok() {
                    text.parse::<i64>().map(Value::from).unwrap_or(scalar)
                } else if types.contains(&"number") && text.parse::<f64>().is_ok_and(f64::is_finite)
                {
                    text.parse::<f64>().map(Value::from).unwrap_or(scalar)
                } else if types.contains(&"boolean") && matches!(text.as_str(), "true" | "1") {
                    Value::Bool(true)
                } else if types.contains(&"boolean") && matches!(text.as_str(), "false" | "0") {
                    Value::Bool(false)
                } else if types.contains(&"array") {
                    // One value given without `[]`: a list of one.
                    self.read_form(Value::Array(vec![Value::String(text)]), schema, at)?
                } else if types.contains(&"string") {
                    Value::String(text)
                } else if types.is_empty() {
                    scalar
                } else {
                    return Err(invalid(at));
                };
                Ok(read)
            }
        }
    }

    /// Whether `value` holds what `schema` says; the refusal names the first member that does not.
    fn fits(&self, value: &Value, schema: &Value, at: &str) -> Result<(), Refusal> {
        let schema = self.resolve(schema);
        let field = if at.is_empty() { "body" } else { at };
        if let Some(parts) = schema["allOf"].as_array() {
            for part in parts {
                self.fits(value, part, at)?;
            }
        }
        if let Some(options) = schema["anyOf"].as_array() {
            if !options
                .iter()
                .any(|option| self.fits(value, option, at).is_ok())
            {
                return Err(invalid(field));
            }
        }
        if let Some(expected) = schema.get("const") {
            if value != expected {
                return Err(invalid(field));
            }
        }
        if let Some(values) = schema["enum"].as_array() {
            if !values.contains(value) {
                return Err(invalid(field));
            }
        }
        let types = types_of(schema);
        if !types.is_empty() && !types.iter().any(|ty| is_type(value, ty)) {
            return Err(invalid(field));
        }
        match value {
            Value::Object(members) => {
                for name in schema["required"].as_array().into_iter().flatten() {
                    let name = name.as_str().unwrap_or_default();
                    if !members.contains_key(name) {
                        return Err(Refusal(format!("Field '{}' is missing.", join(at, name))));
                    }
                }
                for (name, member) in members {
                    let member_schema = match &schema["properties"][name] {
                        Value::Null => &schema["additionalProperties"],
                        known => known,
                    };
                    if member_schema.is_object() {
                        self.fits(member, member_schema, &join(at, name))?;
                    }
                }
            }
            Value::Array(items) if schema["items"].is_object() => {
                for (index, item) in items.iter().enumerate() {
                    self.fits(item, &schema["items"], &format!("{field}[{index}]"))?;
                }
            }
            _ => {}
        }
        Ok(())
    }
}

/// `/calls/{id}/legs` → `/calls/{}/legs`: the shape of a path template, whatever its
/// parameters are named (the sandbox's routes and the crates' rows may name them otherwise).
pub fn shape_of(template: &str) -> String {
    let mut shape = String::with_capacity(template.len());
    let mut in_braces = false;
    for c in template.chars() {
        match c {
            '{' => {
                in_braces = true;
                shape.push_str("{}");
            }
            '}' => in_braces = false,
            _ if in_braces => {}
            _ => shape.push(c),
        }
    }
    shape
}

fn join(at: &str, name: &str) -> String {
    if at.is_empty() {
        name.to_owned()
    } else {
        format!("{at}.{name}")
    }
}

fn types_of(schema: &Value) -> Vec<&str> {
    match &schema["type"] {
        Value::String(one) => vec![one.as_str()],
        Value::Array(many) => many.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    }
}

fn is_type(value: &Value, ty: &str) -> bool {
    match ty {
        "string" => value.is_string(),
        "integer" => value.is_i64() || value.is_u64(),
        "number" => value.is_number(),
        "boolean" => value.is_boolean(),
        "array" => value.is_array(),
        "object" => value.is_object(),
        "null" => value.is_null(),
        _ => true,
    }
}

/// `YYYY-MM-DD`, a real day of the Gregorian calendar.
fn is_date(text: &str) -> bool {
    let parts: Vec<&str> = text.split('-').collect();
    let [year, month, day] = parts.as_slice() else {
        return false;
    };
    let digits =
        |part: &str, len: usize| part.len() == len && part.bytes().all(|b| b.is_ascii_digit());
    if !(digits(year, 4) && digits(month, 2) && digits(day, 2)) {
        return false;
    }
    let (year, month, day): (u32, u32, u32) = (
        year.parse().unwrap_or(0),
        month.parse().unwrap_or(0),
        day.parse().unwrap_or(0),
    );
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&day)
}

/// RFC 3339: a date, `T`, `HH:MM:SS` with an optional fraction, and `Z` or `±HH:MM`.
fn is_date_time(text: &str) -> bool {
    let Some((date, time)) = text.split_once(['T', 't']) else {
        return false;
    };
    if !is_date(date) || time.len() < 9 {
        return false;
    }
    let (clock, zone) = time.split_at(8);
    let clock_ok = clock.len() == 8
        && clock.as_bytes()[2] == b':'
        && clock.as_bytes()[5] == b':'
        && [&clock[0..2], &clock[3..5], &clock[6..8]]
            .iter()
            .zip([24, 60, 61])
            .all(|(part, limit)| part.parse::<u32>().is_ok_and(|n| n < limit) && part.len() == 2);
    let zone = match zone.strip_prefix('.') {
        Some(rest) => {
            let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
            if digits == 0 {
                return false;
            }
            &rest[digits..]
        }
        None => zone,
    };
    let zone_ok = matches!(zone, "Z" | "z")
        || (zone.len() == 6
            && matches!(zone.as_bytes()[0], b'+' | b'-')
            && zone.as_bytes()[3] == b':'
            && zone[1..3].parse::<u32>().is_ok_and(|h| h < 24)
            && zone[4..6].parse::<u32>().is_ok_and(|m| m < 60));
    clock_ok && zone_ok
}

#[cfg(test)]
mod tests;
