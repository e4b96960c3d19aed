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
        Ok(None)
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
    assert_eq!(
        get(&[fixed, ("fulll", "1")]),
        Err(Refusal("Unknown parameter 'fulll'.".to_owned()))
    );
}

#[test]
fn a_json_body_is_checked_member_by_member() {
    let contract = Contract::new("", &[DOCUMENT]);
    let post = |body: &str| contract.check("/accounts", &request(Method::POST, &[], &[], body));
    assert_eq!(
        post(r#"{"email": "a@b.c", "tags": [{"tag": "vip"}], "future": 1}"#),
        Ok(None)
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
        Ok(None)
    );
}

#[test]
fn dates_and_times_are_real_ones() {
    assert!(is_date("2024-02-29") && !is_date("2023-02-29") && !is_date("2024-13-01"));
    assert!(is_date_time("2024-05-02T10:00:00.123Z"));
    assert!(!is_date_time("2024-05-02 10:00:00") && !is_date_time("2024-05-02T25:00:00Z"));
}
