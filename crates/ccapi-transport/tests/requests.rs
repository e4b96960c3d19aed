//! What goes on the wire for paths, queries and bodies, and how answers decode.

mod common;

use ccapi_transport::auth::NoAuth;
use ccapi_transport::{BoolStyle, Error, Form, Method, Operation, Query, StatusCode};
use common::{raw_path, raw_query, transport, transport_with, ResultEnvelope};
use httpmock::MockServer;
use serde::{Deserialize, Serialize};
use serde_json::json;

#[derive(Debug, Deserialize, PartialEq)]
struct Item {
    id: u64,
    name: String,
}

#[tokio::test]
async fn reserved_characters_in_path_parameters_round_trip_as_one_segment() {
    let server = MockServer::start_async().await;
    let id = "a/b?c#d@e+f%g h";
    let mock = server
        .mock_async(|when, then| {
            when.method("GET")
                .is_true(raw_path("/accounts/a%2Fb%3Fc%23d%40e%2Bf%25g%20h/tags"))
                .is_true(raw_query(None));
            then.status(200).json_body(json!({"id": 1, "name": "x"}));
        })
        .await;
    let item: Item = transport(&server, NoAuth)
        .execute(Operation::get("/accounts/{id}/tags").path_param("id", id))
        .await
        .expect("decodes");
    assert_eq!(
        item,
        Item {
            id: 1,
            name: "x".into()
        }
    );
    mock.assert_async().await;
    // What the server decodes is exactly what the caller gave.
    let decoded = percent_encoding::percent_decode_str("a%2Fb%3Fc%23d%40e%2Bf%25g%20h")
        .decode_utf8()
        .expect("utf-8");
    assert_eq!(decoded, id);
}

#[tokio::test]
async fn query_shapes_are_encoded_in_order() {
    let server = MockServer::start_async().await;
    let mock = server
        .mock_async(|when, then| {
            when.method("GET")
                .path("/callHistory")
                .is_true(raw_query(Some(
                    "limit=10&dataset=a&dataset=b+c&callTrackers%5B%5D=x&filters%5Bname%5D=Jo*",
                )));
            then.status(200).json_body(json!([]));
        })
        .await;
    let mut query = Query::new();
    query
        .push("limit", 10)
        .push_repeated("dataset", ["a", "b c"])
        .push_array("callTrackers", ["x"])
        .push_keyed("filters", "name", "Jo*");
    let items: Vec<Item> = transport(&server, NoAuth)
        .execute(Operation::get("/callHistory").query(query))
        .await
        .expect("decodes");
    assert!(items.is_empty());
    mock.assert_async().await;
}

#[derive(Serialize)]
struct NewAccount<'a> {
    email: &'a str,
    tags: Vec<&'a str>,
}

#[tokio::test]
async fn json_and_form_bodies_are_sent_exactly() {
    let server = MockServer::start_async().await;
    let json_mock = server
        .mock_async(|when, then| {
            when.method("POST")
                .path("/accounts")
                .header("content-type", "application/json")
                .body(r#"{"email":"a@b.c","tags":["x"]}"#);
            then.status(201).json_body(json!({"id": 7, "name": "a"}));
        })
        .await;
    let form_mock = server
        .mock_async(|when, then| {
            when.method("PUT")
                .path("/operator/3/live")
                .header("content-type", "application/x-www-form-urlencoded")
                .body("chat%5Bavailable%5D=1&call%5Bavailable%5D=0");
            then.status(200).json_body(json!({"id": 3, "name": "op"}));
        })
        .await;
    let client = transport(&server, NoAuth);
    let created: Item = client
        .execute(Operation::post("/accounts").json(&NewAccount {
            email: "a@b.c",
            tags: vec!["x"],
        }))
        .await
        .expect("created");
    assert_eq!(
        created,
        Item {
            id: 7,
            name: "a".into()
        }
    );
    #[derive(serde::Serialize)]
    struct Available {
        available: bool,
    }
    #[derive(serde::Serialize)]
    struct Live {
        chat: Available,
        call: Available,
    }
    let form = Form::from_serialize(
        &Live {
            chat: Available { available: true },
            call: Available { available: false },
        },
        BoolStyle::Digits,
    )
    .expect("an object");
    let live: Item = client
        .execute(
            Operation::put("/operator/{id}/live")
                .path_param("id", 3)
                .form(&form),
        )
        .await
        .expect("updated");
    assert_eq!(live.id, 3);
    json_mock.assert_async().await;
    form_mock.assert_async().await;
}

#[tokio::test]
async fn json_served_as_text_plain_decodes() {
    let server = MockServer::start_async().await;
    server
        .mock_async(|when, then| {
            when.method("GET").path("/calls/1");
            then.status(200)
                .header("content-type", "text/plain;charset=UTF-8")
                .body(r#"{"id": 1, "name": "plain"}"#);
        })
        .await;
    let item: Item = transport(&server, NoAuth)
        .execute(Operation::get("/calls/1"))
        .await
        .expect("decodes");
    assert_eq!(item.name, "plain");
}

#[tokio::test]
async fn bare_text_answers_are_returned_quoted_or_not() {
    let server = MockServer::start_async().await;
    server
        .mock_async(|when, then| {
            when.method("POST").path("/quoted");
            then.status(200)
                .header("content-type", "text/plain")
                .body("\"e2610a31-88be-4f12-90c0-ee98dbfaf80b\"\n");
        })
        .await;
    server
        .mock_async(|when, then| {
            when.method("POST").path("/bare");
            then.status(200)
                .body("  e2610a31-88be-4f12-90c0-ee98dbfaf80b\n");
        })
        .await;
    server
        .mock_async(|when, then| {
            when.method("POST").path("/refused");
            then.status(200)
                .body(r#"{"result": false, "message": "no such agent"}"#);
        })
        .await;
    let transport = transport_with(&server, NoAuth, ResultEnvelope);
    for path in ["/quoted", "/bare"] {
        let text = transport
            .execute_text(Operation::post(path))
            .await
            .expect("a text answer");
        assert_eq!(text, "e2610a31-88be-4f12-90c0-ee98dbfaf80b", "{path}");
    }
    let error = transport
        .execute_text(Operation::post("/refused"))
        .await
        .expect_err("an envelope failure");
    assert_eq!(error.provider_message(), Some("no such agent"));
}

#[tokio::test]
async fn decode_errors_name_the_failing_field_and_keep_the_body() {
    let server = MockServer::start_async().await;
    let body_text = r#"{"items":[{"id":1,"name":"a"},{"id":"x","name":"b"}]}"#;
    server
        .mock_async(|when, then| {
            when.method("GET").path("/items");
            then.status(200).body(body_text);
        })
        .await;
    #[derive(Debug, Deserialize)]
    struct Items {
        #[allow(dead_code)]
        items: Vec<Item>,
    }
    let err = transport(&server, NoAuth)
        .execute::<Items>(Operation::get("/items"))
        .await
        .expect_err("a decode error");
    match &err {
        Error::Decode {
            status, path, body, ..
        } => {
            assert_eq!(*status, StatusCode::OK);
            assert_eq!(path, "items[1].id");
            assert_eq!(body.text(), body_text);
            assert!(!body.is_truncated());
            let source = std::error::Error::source(&err).expect("the decoder's error is kept");
            let serde_error = source
                .downcast_ref::<serde_json::Error>()
                .expect("a serde_json::Error");
            assert!(serde_error.is_data(), "{serde_error}");
        }
        other => panic!("expected a decode error, got {other:?}"),
    }
    assert!(!err.is_retryable());
}

#[tokio::test]
async fn text_beyond_ascii_decodes_and_bytes_that_are_not_utf8_fail_at_their_field() {
    // The payload's UTF-8 is checked once, then parsed as text; a body that is not UTF-8
    // takes the byte parser, which still names the member.
    let server = MockServer::start_async().await;
    server
        .mock_async(|when, then| {
            when.method("GET").path("/items/1");
            then.status(200)
                .body(r#"{"id":1,"name":"Zoé \u00e9 😀 \"quoted\""}"#);
        })
        .await;
    let mut not_utf8 = br#"{"id":2,"name":"caf"#.to_vec();
    not_utf8.extend_from_slice(b"\xe9\"}");
    server
        .mock_async(|when, then| {
            when.method("GET").path("/items/2");
            then.status(200).body(not_utf8.clone());
        })
        .await;
    let transport = transport(&server, NoAuth);
    let item: Item = transport
        .execute(Operation::get("/items/1"))
        .await
        .expect("UTF-8 text decodes");
    assert_eq!(
        item,
        Item {
            id: 1,
            name: "Zoé é 😀 \"quoted\"".into()
        }
    );
    let err = transport
        .execute::<Item>(Operation::get("/items/2"))
        .await
        .expect_err("a Latin-1 byte is not JSON text");
    match &err {
        Error::Decode { path, body, .. } => {
            assert_eq!(path, "name");
            assert_eq!(body.as_bytes(), not_utf8.as_slice());
            let source = std::error::Error::source(&err).expect("the decoder's error is kept");
            let serde_error = source
                .downcast_ref::<serde_json::Error>()
                .expect("a serde_json::Error");
            assert!(
                serde_error
                    .to_string()
                    .contains("invalid unicode code point"),
                "{serde_error}"
            );
        }
        other => panic!("expected a decode error, got {other:?}"),
    }
}

#[tokio::test]
async fn http_errors_carry_status_message_code_and_body() {
    let server = MockServer::start_async().await;
    server
        .mock_async(|when, then| {
            when.method("GET").path("/accounts/404");
            then.status(404)
                .json_body(json!({"code": "not_found", "message": "no such account"}));
        })
        .await;
    let err = transport(&server, NoAuth)
        .execute::<Item>(Operation::get("/accounts/404"))
        .await
        .expect_err("404");
    assert!(err.is_not_found());
    assert_eq!(err.provider_message(), Some("no such account"));
    assert_eq!(err.provider_code(), Some("not_found"));
    assert_eq!(
        err.body().map(|b| b.text().into_owned()),
        Some(r#"{"code":"not_found","message":"no such account"}"#.to_owned())
    );
}

#[tokio::test]
async fn envelopes_unwrap_payloads_and_turn_refusals_into_errors() {
    let server = MockServer::start_async().await;
    server
        .mock_async(|when, then| {
            when.method("GET").path("/admin/callTrackers/1");
            then.status(200).json_body(
                json!({"result": true, "content": {"id": 1, "name": "t"}, "info": {"total": 1}}),
            );
        })
        .await;
    server
        .mock_async(|when, then| {
            when.method("PUT").path("/admin/callTrackers/1/block");
            then.status(200)
                .json_body(json!({"result": false, "info": {"message": "already blocked"}}));
        })
        .await;
    let client = transport_with(&server, NoAuth, ResultEnvelope);
    let decoded = client
        .execute_with_meta::<Item>(Operation::get("/admin/callTrackers/1"))
        .await
        .expect("decodes");
    assert_eq!(
        decoded.value,
        Item {
            id: 1,
            name: "t".into()
        }
    );
    assert_eq!(decoded.meta.get("info"), Some(&json!({"total": 1})));
    let err = client
        .execute_empty(Operation::new(Method::PUT, "/admin/callTrackers/1/block"))
        .await
        .expect_err("refused");
    match err {
        Error::Provider {
            status, message, ..
        } => {
            assert_eq!(status, StatusCode::OK);
            assert_eq!(message, "already blocked");
        }
        other => panic!("expected a provider refusal, got {other:?}"),
    }
}

#[tokio::test]
async fn invalid_input_is_refused_before_anything_is_sent() {
    let server = MockServer::start_async().await;
    let any = server
        .mock_async(|when, then| {
            when.any_request();
            then.status(200).body("{}");
        })
        .await;
    let client = transport(&server, NoAuth);
    for op in [
        Operation::get("/a/{id}").path_param("id", ".."),
        Operation::get("/a/{id}").path_param("id", ""),
        Operation::get("/a/{id}"),
        Operation::get("/a").header("bad header", "x"),
    ] {
        let err = client.execute_empty(op).await.expect_err("invalid input");
        assert!(matches!(err, Error::InvalidInput { .. }), "{err}");
    }
    any.assert_calls_async(0).await;
}
