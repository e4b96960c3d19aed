//! What every operation of a provider shares in its document: the credentials, the envelope
//! of an answer and the error shape, each beside the crate code it restates.

use ccapi_transport::endpoint::Endpoint;
use serde_json::{json, Value};

use super::Provider;

impl Provider {
    /// The credential schemes (restating each crate's `Credentials`), with the token endpoint
    /// of the manifest.
    pub(super) fn security_schemes(self, token_url: Option<&str>) -> Value {
        match self {
            // agendize_core::client::Credentials: keys as headers (default) or query
            // parameters, or an OAuth2 access token.
            Self::Agendize => json!({
                "apiKey": {"type": "apiKey", "in": "header", "name": "apiKey"},
                "token": {"type": "apiKey", "in": "header", "name": "token", "description": "The SSO token."},
                "apiKeyQuery": {"type": "apiKey", "in": "query", "name": "apiKey"},
                "tokenQuery": {"type": "apiKey", "in": "query", "name": "token"},
                // agendize_core::client::oauth2: the password grant, then refresh tokens.
                "oauth2": {"type": "oauth2", "flows": {
                    "password": {
                        "tokenUrl": token_url,
                        "refreshUrl": token_url,
                        "scopes": {}
                    }
                }}
            }),
            // ziwo_core::client::Credentials: the `access_token` of `POST /auth/login`, or an
            // `api_key`.
            Self::Ziwo => json!({
                "accessToken": {"type": "apiKey", "in": "header", "name": "access_token",
                    "description": "The `access_token` that `POST /auth/login` answers (`content.access_token`)."},
                "apiKey": {"type": "apiKey", "in": "header", "name": "api_key"}
            }),
            // iadvize_rest::KeyPlacement.
            Self::Iadvize => json!({
                "apiKey": {"type": "apiKey", "in": "header", "name": "X-API-Key"},
                "apiKeyQuery": {"type": "apiKey", "in": "query", "name": "key"},
                "basic": {"type": "http", "scheme": "basic", "description": "The key as user name, an empty password."}
            }),
            // cc_voice::auth: the password grant (the user name ends in `@vbc.prod`), single-use
            // refresh tokens, or a bearer token obtained elsewhere.
            Self::Vbc => json!({
                "oauth2": {"type": "oauth2", "flows": {
                    "password": {
                        "tokenUrl": token_url,
                        "refreshUrl": token_url,
                        "scopes": {"openid": "The scope the password grant asks for."}
                    }
                }},
                "bearerAuth": {"type": "http", "scheme": "bearer", "bearerFormat": "OAuth"}
            }),
        }
    }

    /// The security requirement of `row` (alternatives).
    pub(super) fn security(self, row: &Endpoint) -> Value {
        match self {
            Self::Agendize => {
                json!([{"apiKey": [], "token": []}, {"apiKeyQuery": [], "tokenQuery": []}, {"oauth2": []}])
            }
            Self::Ziwo if row.id == "auth.login" => json!([]),
            Self::Ziwo => json!([{"accessToken": []}, {"apiKey": []}]),
            Self::Iadvize => json!([{"apiKey": []}, {"apiKeyQuery": []}, {"basic": []}]),
            Self::Vbc => json!([{"oauth2": ["openid"]}, {"bearerAuth": []}]),
        }
    }

    /// The error shape (restating each crate's envelope and the sandbox's errors).
    pub(super) fn error_schema(self) -> Value {
        match self {
            // agendize_core::envelope: a top-level `error`, an object or a string.
            Self::Agendize => json!({
                "type": "object",
                "description": "A failure: a top-level `error`, an object with `code` and `message`, or a string.",
                "properties": {"error": {"anyOf": [
                    {"type": "object", "properties": {
                        "code": {"type": ["integer", "string"]},
                        "message": {"type": "string"}
                    }, "additionalProperties": true},
                    {"type": "string"}
                ]}},
                "required": ["error"],
                "additionalProperties": true
            }),
            // ziwo_core::envelope: `result: false`, the message in `info`, `content` or at the top.
            Self::Ziwo => json!({
                "type": "object",
                "description": "A failure: `result` is false; the message is in `info.message`, `content.message` or `message`.",
                "properties": {
                    "result": {"const": false},
                    "content": {},
                    "info": {"type": ["object", "null"], "additionalProperties": true},
                    "message": {"type": "string"}
                },
                "required": ["result"],
                "additionalProperties": true
            }),
            // iadvize_rest::envelope: `meta.status` is `fail` or `error`, with `meta.message`.
            Self::Iadvize => json!({
                "type": "object",
                "description": "A failure: `meta.status` is `fail` or `error`, with `meta.message`.",
                "properties": {"meta": {
                    "type": "object",
                    "properties": {
                        "status": {"enum": ["fail", "error"]},
                        "message": {}
                    },
                    "required": ["status"],
                    "additionalProperties": true
                }},
                "required": ["meta"],
                "additionalProperties": true
            }),
            // Vonage's OpenAPI file: `code` (a number or text) and `message`.
            Self::Vbc => json!({
                "type": "object",
                "description": "A failure: `code` (a number, or a number as text) and `message`.",
                "properties": {
                    "code": {"type": ["integer", "string"]},
                    "message": {"type": "string"}
                },
                "additionalProperties": true
            }),
        }
    }

    /// The answer of a successful call whose payload is `payload`, placed where the crate's
    /// envelope finds it (`pointer`, from the fixture's `from` entry).
    pub(super) fn success_schema(self, payload: Option<(Value, &[String])>, paged: bool) -> Value {
        let payload = payload.map(|(schema, pointer)| at_pointer(schema, pointer));
        match self {
            Self::Iadvize => {
                let mut properties = json!({"meta": {
                    "type": "object",
                    "properties": {"status": {"const": "success"}},
                    "required": ["status"],
                    "additionalProperties": true
                }});
                if paged {
                    properties["pagination"] = json!({
                        "type": "object",
                        "properties": {
                            "page": {"type": "integer"}, "pages": {"type": "integer"},
                            "limit": {"type": "integer"}, "count": {"type": "integer"}
                        },
                        "additionalProperties": true
                    });
                }
                merge_object(
                    json!({"type": "object", "properties": properties, "required": ["meta"], "additionalProperties": true}),
                    payload,
                )
            }
            Self::Ziwo => {
                let envelope = json!({
                    "type": "object",
                    "properties": {
                        "result": {"const": true},
                        "content": {},
                        "info": {"type": ["object", "null"], "additionalProperties": true,
                            "description": "Totals of a listing (`total`, `totalRecords`) and notices (`message`)."}
                    },
                    "required": ["result"],
                    "additionalProperties": true
                });
                merge_object(envelope, payload)
            }
            Self::Agendize | Self::Vbc => payload.unwrap_or_else(|| json!({})),
        }
    }

    /// The media types of successful answers.
    pub(super) fn answer_media_types(self) -> &'static [&'static str] {
        match self {
            // The live API labels JSON as `text/plain` on some routes (the sandbox too).
            Self::Vbc => &["application/json", "text/plain"],
            _ => &["application/json"],
        }
    }

    /// Whether an operation with no documented answer answers nothing at all.
    pub(super) fn answers_nothing(self, row: &Endpoint) -> bool {
        matches!(self, Self::Agendize | Self::Vbc)
            && row.verb == ccapi_transport::endpoint::Verb::Delete
    }
}

/// `schema` wrapped in the members `pointer` names (`["data", "*"]`: `{data: [schema]}`).
pub(super) fn at_pointer(schema: Value, pointer: &[String]) -> Value {
    pointer.iter().rev().fold(schema, |inner, segment| {
        if segment == "*" {
            json!({"type": "array", "items": inner})
        } else {
            json!({
                "type": "object",
                "properties": {segment.clone(): inner},
                "required": [segment],
                "additionalProperties": true
            })
        }
    })
}

/// `envelope` with `payload`'s properties (an object made by [`at_pointer`]) merged in.
fn merge_object(mut envelope: Value, payload: Option<Value>) -> Value {
    let Some(payload) = payload else {
        return envelope;
    };
    if let (Some(into), Some(from)) = (
        envelope["properties"].as_object_mut(),
        payload["properties"].as_object(),
    ) {
        for (name, schema) in from {
            into.insert(name.clone(), schema.clone());
        }
    }
    if let (Some(into), Some(from)) = (
        envelope["required"].as_array_mut(),
        payload["required"].as_array(),
    ) {
        into.extend(from.iter().cloned());
    }
    envelope
}
