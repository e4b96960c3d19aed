use std::collections::HashMap;

use bytes::Bytes;
use hyper::header::HeaderMap;
use hyper::Method;
use serde_json::json;

use super::*;

const DOCUMENT: &str = r##"{
  "paths": {
    "/operator/{id}": {"put": {
      "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "integer"}}],
      "requestBody": {"required": true, "content": {"application/x-www-form-urlencoded": {
        "schema": {"$ref": "#/components/schemas/OperatorInput"}}}}
    }},
    "/operator": {"get": {"parameters": [
      {"name": "page", "in": "query", "schema": {"type": "integer"}},
      {"name": "from", "in": "query", "schema": {"type": "string", "format": "date-time"}},
      {"name": "formatHistory", "in": "query", "required": true, "schema": {"type": "string", "enum": ["0"]}},
      {"name": "filters", "in": "query", "style": "deepObject", "schema": {"type": "object"}}
    ]}},
    "/accounts": {"post": {"requestBody": {"required": true, "content": {"application/json": {
      "schema": {"type": "object", "required": ["email"], "properties": {
        "email": {"type": "string"},
        "tags": {"type": ["array", "null"], "items": {"type": "object", "properties": {"tag": {"type": "string"}}}}
      }}}}}}}
  },
  "components": {"schemas": {"OperatorInput": {"type": "object", "properties": {
    "chat_enabled": {"type": ["boolean", "null"]},
    "chat_max_number": {"type": ["integer", "null"]},
    "pseudo": {"type": ["string", "null"]},
    "roles": {"type": ["array", "null"], "items": {"anyOf": [{"enum": ["admin"]}, {"type": "string"}]}}
  }}}}
}"##;

fn request(method: Method, path: &[(&str, &str)], query: &[(&str, &str)], body: &str) -> Request {
    Request {
        method,
        path: String::new(),
        params: path
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect::<HashMap<_, _>>(),
        query: query
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect(),
        headers: HeaderMap::new(),
        body: Bytes::from(body.to_owned()),
        fields: None,
        ignored_parameters: Vec::new(),
    }
}

#[test]
fn a_form_is_read_as_the_document_types_it_and_a_bad_member_is_refused() {
    let contract = Contract::new("", &[DOCUMENT]);
    let put = |id: &str, body: &str| {
        contract.check(
            "/operator/{id}",
            &request(Method::PUT, &[("id", id)], &[], body),
        )
    };
    let typed = put(
        "12",
        "chat_enabled=true&chat_max_number=4&pseudo=0612&roles[]=admin&other=x",
    )
    .expect("accepted")
    .fields
    .expect("a form");
    assert_eq!(
        Value::Object(typed),
        json!({"chat_enabled": true, "chat_max_number": 4, "pseudo": "0612", "roles": ["admin"], "other": "x"})
    );
    assert_eq!(
        put("12", "chat_max_number=null"),
        Err(invalid("chat_max_number"))
    );
    assert_eq!(
        put("12", "chat_enabled=maybe"),
        Err(invalid("chat_enabled"))
    );
    assert_eq!(put("abc", "pseudo=x"), Err(invalid("id")));
    assert_eq!(put("12", ""), Err(Refusal("The body is empty.".to_owned())));
}

#[test]
fn query_parameters_hold_their_types_and_required_ones_are_there() {
    let contract = Contract::new("", &[DOCUMENT]);
    let get =
        |query: &[(&str, &str)]| contract.check("/operator", &request(Method::GET, &[], query, ""));
    let fixed = ("formatHistory", "0");
    assert_eq!(
        get(&[
            fixed,
            ("page", "2"),
            ("from", "2024-05-02T10:00:00+02:00"),
            ("filters[name]", "x")
        ]),
        Ok(Checked::default())
    );
    assert_eq!(get(&[fixed, ("page", "two")]), Err(invalid("page")));
    assert_eq!(
        get(&[fixed, ("page", "1"), ("page", "2")]),
        Err(invalid("page"))
    );
    assert_eq!(get(&[fixed, ("from", "")]), Err(invalid("from")));
    assert_eq!(
        get(&[fixed, ("from", "2024-02-30T10:00:00Z")]),
        Err(invalid("from"))
    );
    assert_eq!(get(&[fixed, ("filters", "x")]), Err(invalid("filters")));
    assert_eq!(
        get(&[fixed, ("filters[a][b]", "x")]),
        Err(invalid("filters[a][b]"))
    );
    // A list as PHP writes it: indexed members, each index once, not mixed with the plain form.
    assert_eq!(
        get(&[fixed, ("filters[a][0]", "x"), ("filters[a][1]", "y")]),
        Ok(Checked::default())
    );
    assert_eq!(
        get(&[fixed, ("filters[a][0]", "x"), ("filters[a][0]", "y")]),
        Err(invalid("filters[a][0]"))
    );
    assert_eq!(
        get(&[fixed, ("filters[a]", "x"), ("filters[a][0]", "y")]),
        Err(invalid("filters[a][0]"))
    );
    assert_eq!(get(&[fixed, ("filters[]", "x")]), Err(invalid("filters[]")));
    assert_eq!(
        get(&[fixed, ("filters[a]", "x"), ("filters[a]", "y")]),
        Err(invalid("filters[a]"))
    );
    assert_eq!(
        get(&[("formatHistory", "1")]),
        Err(invalid("formatHistory"))
    );
    assert_eq!(
        get(&[]),
        Err(Refusal("Field 'formatHistory' is missing.".to_owned()))
    );
}

#[test]
fn an_undeclared_parameter_is_ignored_and_named_or_refused_when_strict() {
    let query = [
        ("formatHistory", "0"),
        ("fulll", "1"),
        ("bc", "1"),
        ("bc", "2"),
    ];
    let get =
        |contract: &Contract| contract.check("/operator", &request(Method::GET, &[], &query, ""));
    assert_eq!(
        get(&Contract::new("", &[DOCUMENT])),
        Ok(Checked {
            fields: None,
            ignored_parameters: vec!["fulll".to_owned(), "bc".to_owned()],
        })
    );
    assert_eq!(
        get(&Contract::new("", &[DOCUMENT]).strict_parameters(true)),
        Err(Refusal("Unknown parameter 'fulll'.".to_owned()))
    );
}

#[test]
fn the_body_is_read_as_its_content_type_says_where_several_are_accepted() {
    const LOGIN: &str = r##"{"paths": {"/auth/login": {"post": {"requestBody": {"required": true,
      "content": {
        "application/json": {"schema": {"$ref": "#/components/schemas/Login"}},
        "application/x-www-form-urlencoded": {"schema": {"$ref": "#/components/schemas/Login"}}
      }}}}},
      "components": {"schemas": {"Login": {"type": "object", "required": ["username"],
        "properties": {"username": {"type": "string"}, "remember": {"type": "boolean"}}}}}}"##;
    let contract = Contract::new("", &[LOGIN]);
    let post = |content_type: Option<&'static str>, body: &str| {
        let mut sent = request(Method::POST, &[], &[], body);
        if let Some(kind) = content_type {
            sent.headers.insert(
                "content-type",
                hyper::header::HeaderValue::from_static(kind),
            );
        }
        contract.check("/auth/login", &sent)
    };
    let form = post(
        Some("application/x-www-form-urlencoded; charset=UTF-8"),
        "username=a&remember=true",
    );
    assert_eq!(
        form.map(|checked| checked.fields),
        Ok(Some(
            json!({"username": "a", "remember": true})
                .as_object()
                .cloned()
                .unwrap_or_default()
        ))
    );
    assert_eq!(
        post(Some("application/json"), r#"{"username": "a"}"#),
        Ok(Checked::default())
    );
    // No content type: JSON when it reads as JSON, else a form.
    assert_eq!(post(None, r#"{"username": "a"}"#), Ok(Checked::default()));
    assert!(post(None, "username=a").is_ok_and(|checked| checked.fields.is_some()));
    assert_eq!(
        post(Some("application/x-www-form-urlencoded"), "remember=yes"),
        Err(invalid("remember"))
    );
}

#[test]
fn a_json_body_is_checked_member_by_member() {
    let contract = Contract::new("", &[DOCUMENT]);
    let post = |body: &str| contract.check("/accounts", &request(Method::POST, &[], &[], body));
    assert_eq!(
        post(r#"{"email": "a@b.c", "tags": [{"tag": "vip"}], "future": 1}"#),
        Ok(Checked::default())
    );
    assert_eq!(post(r#"{"email": {}}"#), Err(invalid("email")));
    assert_eq!(
        post(r#"{"tags": null}"#),
        Err(Refusal("Field 'email' is missing.".to_owned()))
    );
    assert_eq!(
        post(r#"{"email": "a", "tags": [{"tag": 3}]}"#),
        Err(invalid("tags[0].tag"))
    );
    assert_eq!(post("{"), Err(Refusal("The body is not JSON.".to_owned())));
    // An operation no document describes is not checked.
    assert_eq!(
        contract.check("/nowhere", &request(Method::GET, &[], &[("page", "x")], "")),
        Ok(Checked::default())
    );
}

#[test]
fn dates_and_times_are_real_ones() {
    assert!(is_date("2024-02-29") && !is_date("2023-02-29") && !is_date("2024-13-01"));
    assert!(is_date_time("2024-05-02T10:00:00.123Z"));
    assert!(!is_date_time("2024-05-02 10:00:00") && !is_date_time("2024-05-02T25:00:00Z"));
}
