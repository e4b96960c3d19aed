//! Calls: every operation on the wire, both forms of every value, pagination and errors.

mod common;

use cc_voice::models::{CallStatus, CallType, Contact, ContactType, Direction, NewCall, SortOrder};
use cc_voice::{Error, ListFilter};
use chrono::{TimeZone, Utc};
use common::{bare, client, fixture, fixture_json, TOKEN};
use futures::{StreamExt, TryStreamExt};
use httpmock::prelude::*;
use httpmock::HttpMockRequest;

const BASE: &str = "/t/vbc.prod/telephony/v3";

#[tokio::test]
async fn list_sends_the_filters_and_decodes_numbers_and_strings_alike() {
    let server = MockServer::start_async().await;
    let mock = server
        .mock_async(|when, then| {
            when.method(GET)
                .path(format!("{BASE}/cc/accounts/1234/calls"))
                .is_true(|req: &HttpMockRequest| {
                    req.uri().query()
                        == Some("extension=1001&page_size=1&order=desc&start_time=1595955770&end_time=1595959770")
                })
                .header("authorization", format!("Bearer {TOKEN}"));
            then.status(200)
                .header("content-type", "text/plain")
                .body(fixture("calls/list.response.json"));
        })
        .await;
    let filter = ListFilter::new()
        .extension("1001")
        .page_size(1)
        .order(SortOrder::Descending)
        .start_time(
            Utc.timestamp_opt(1_595_955_770, 0)
                .single()
                .expect("a time"),
        )
        .end_time(
            Utc.timestamp_opt(1_595_959_770, 0)
                .single()
                .expect("a time"),
        );
    let page = client(&server)
        .calls("1234")
        .list(&filter)
        .await
        .expect("a page");
    mock.assert_calls_async(1).await;
    let calls = page.calls.as_ref().expect("calls");
    assert_eq!(
        calls[0].account_id.as_ref().map(|id| id.as_str()),
        Some("1234")
    );
    assert_eq!(
        calls[0].start_time.as_ref().and_then(|t| t.epoch_seconds()),
        Some(1_595_959_736)
    );
    assert_eq!(calls[0].status, Some(CallStatus::Busy));
    assert_eq!(page.pages.as_ref().and_then(|p| p.number()), Some(1));
    insta::assert_debug_snapshot!(page);

    // The OpenAPI file's string forms decode to the same typed values.
    let strings: cc_voice::models::CallPage =
        serde_json::from_str(&fixture("calls/list.response.openapi.json")).expect("decodes");
    let call = &strings.calls.expect("calls")[0];
    assert_eq!(call.account_id.as_ref().map(|id| id.as_str()), Some("1234"));
    assert_eq!(
        call.start_time.as_ref().and_then(|t| t.epoch_seconds()),
        Some(1_595_959_736)
    );
    assert_eq!(call.status, Some(CallStatus::OnCall));
    assert_eq!(call.direction, Some(Direction::Outbound));
    assert_eq!(strings.pages.as_ref().and_then(|p| p.number()), Some(2));
}

#[tokio::test]
async fn list_all_follows_the_pages_and_stops_early_when_asked() {
    let server = MockServer::start_async().await;
    let page = |number: u32, pages: u32, ids: &[&str]| {
        serde_json::json!({
            "calls": ids.iter().map(|id| serde_json::json!({"call_id": id, "status": "ringing"})).collect::<Vec<_>>(),
            "current_page": number.to_string(),
            "next_page": (number + 1).to_string(),
            "pages": pages,
            "page_size": 2
        })
    };
    let first = server
        .mock_async(|when, then| {
            when.method(GET)
                .path(format!("{BASE}/cc/accounts/1234/calls"))
                .is_true(|req: &HttpMockRequest| req.uri().query() == Some("page_size=2"));
            then.status(200).json_body(page(1, 3, &["a", "b"]));
        })
        .await;
    let second = server
        .mock_async(|when, then| {
            when.method(GET)
                .path(format!("{BASE}/cc/accounts/1234/calls"))
                .is_true(|req: &HttpMockRequest| req.uri().query() == Some("page_size=2&page=2"));
            then.status(200).json_body(page(2, 3, &["c", "d"]));
        })
        .await;
    let third = server
        .mock_async(|when, then| {
            when.method(GET)
                .path(format!("{BASE}/cc/accounts/1234/calls"))
                .is_true(|req: &HttpMockRequest| req.uri().query() == Some("page_size=2&page=3"));
            then.status(200).json_body(page(3, 3, &["e"]));
        })
        .await;
    let calls = client(&server).calls("1234");
    let filter = ListFilter::new().page_size(2);
    let ids: Vec<String> = calls
        .list_all(&filter)
        .map_ok(|call| call.call_id)
        .try_collect()
        .await
        .expect("every page");
    assert_eq!(ids, ["a", "b", "c", "d", "e"]);
    first.assert_calls_async(1).await;
    second.assert_calls_async(1).await;
    third.assert_calls_async(1).await;

    let first_three: Vec<_> = calls
        .list_all(&filter)
        .take(3)
        .try_collect()
        .await
        .expect("three");
    assert_eq!(first_three.len(), 3);
    first.assert_calls_async(2).await;
    second.assert_calls_async(2).await;
    third.assert_calls_async(1).await;
}

#[tokio::test]
async fn create_sends_the_body_and_returns_the_call_id_quoted_or_not() {
    let server = MockServer::start_async().await;
    let quoted = server
        .mock_async(|when, then| {
            when.method(POST)
                .path(format!("{BASE}/cc/accounts/1234/calls"))
                .is_true(|req: &HttpMockRequest| req.uri().query().is_none())
                .header("authorization", format!("Bearer {TOKEN}"))
                .header("content-type", "application/json")
                .json_body(serde_json::json!({
                    "from": {"destination": "1234", "type": "extension"},
                    "to": {"destination": "1234567890", "type": "pstn"},
                    "type": "click2dial"
                }));
            then.status(200)
                .header("content-type", "text/plain")
                .body("\"e2610a31-88be-4f12-90c0-ee98dbfaf80b\"");
        })
        .await;
    let call = NewCall {
        from: Contact::extension("1234"),
        to: Contact::pstn("1234567890"),
        call_type: CallType::ClickToDial,
        extra: Default::default(),
    };
    let id = client(&server)
        .calls("1234")
        .create(&call)
        .await
        .expect("created");
    assert_eq!(id, "e2610a31-88be-4f12-90c0-ee98dbfaf80b");
    quoted.assert_calls_async(1).await;

    // The seed's example, with numbers, decodes into the same request type.
    let seed: NewCall =
        serde_json::from_str(&fixture("calls/create.request.json")).expect("decodes");
    assert_eq!(seed.from, Contact::new(ContactType::Extension, "1234"));
    assert_eq!(seed.to.destination.as_str(), "1234567890");
}

#[tokio::test]
async fn get_answer_transfer_park_and_delete() {
    let server = MockServer::start_async().await;
    let call_path = format!("{BASE}/cc/accounts/1234/calls/3fa85f64-5717-4562-b3fc-2c963f66afa6");
    let get = server
        .mock_async(|when, then| {
            when.method(GET)
                .path(&call_path)
                .is_true(bare)
                .header("authorization", format!("Bearer {TOKEN}"));
            then.status(200).body(fixture("calls/get.response.json"));
        })
        .await;
    let mut updates = Vec::new();
    for variant in ["answer", "transfer", "park"] {
        let body = fixture_json(&format!("calls/update.request.{variant}.json"));
        // The fixtures use numbers in places; the client sends strings (the OpenAPI types).
        let body = stringify_destinations(body);
        updates.push(
            server
                .mock_async(|when, then| {
                    when.method(PUT)
                        .path(&call_path)
                        .header("authorization", format!("Bearer {TOKEN}"))
                        .json_body(body);
                    then.status(200).body(fixture("calls/update.response.json"));
                })
                .await,
        );
    }
    let delete = server
        .mock_async(|when, then| {
            when.method(DELETE).path(&call_path).is_true(bare);
            then.status(200).body(fixture("calls/delete.response.json"));
        })
        .await;

    let calls = client(&server).calls("1234");
    let id = "3fa85f64-5717-4562-b3fc-2c963f66afa6";
    let call = calls.get(id).await.expect("a call");
    assert_eq!(call.call_id, id);
    let legs = call.legs.expect("legs");
    assert_eq!(legs[0].leg_id, "3fa85f64-5717-4562-b3fc-2c963f66afa6");
    assert_eq!(
        legs[0].end_time.as_ref().and_then(|t| t.epoch_seconds()),
        Some(1_595_959_736)
    );

    let answered = calls
        .answer(id, Contact::device("1234"))
        .await
        .expect("answered");
    assert_eq!(answered.call_state.as_deref(), Some("string"));
    calls
        .transfer(id, Contact::pstn("1234567890"), Contact::pstn("1234567890"))
        .await
        .expect("transferred");
    calls
        .park(id, Contact::extension("1001"))
        .await
        .expect("parked");
    let ended = calls.delete(id).await.expect("deleted");
    assert_eq!(ended.call_state.as_deref(), Some("terminated"));
    assert_eq!(ended.account_id.map(String::from), Some("1234".to_owned()));

    get.assert_calls_async(1).await;
    for update in &updates {
        update.assert_calls_async(1).await;
    }
    delete.assert_calls_async(1).await;
}

fn stringify_destinations(mut body: serde_json::Value) -> serde_json::Value {
    for side in ["from", "to"] {
        if let Some(destination) = body.pointer_mut(&format!("/{side}/destination")) {
            if let Some(number) = destination.as_u64() {
                *destination = serde_json::Value::String(number.to_string());
            }
        }
    }
    body
}

#[tokio::test]
async fn errors_carry_the_code_as_number_or_text() {
    let server = MockServer::start_async().await;
    server
        .mock_async(|when, then| {
            when.path(format!("{BASE}/cc/accounts/1234/calls/gone"));
            then.status(404).header("content-type", "text/plain").body(
                r#"{"code": "404", "message": "No matching resource found for given API Request"}"#,
            );
        })
        .await;
    server
        .mock_async(|when, then| {
            when.path(format!("{BASE}/cc/accounts/1234/calls/forbidden"));
            then.status(401)
                .body(r#"{"code": 401, "message": "User is not permitted to make a request against this account"}"#);
        })
        .await;
    server
        .mock_async(|when, then| {
            when.path(format!("{BASE}/cc/accounts/1234/calls/garbled"));
            then.status(200).body(r#"{"call_id": 42"#);
        })
        .await;
    let calls = client(&server).calls("1234");
    let error = calls.get("gone").await.expect_err("404");
    assert!(error.is_not_found());
    assert_eq!(error.provider_code(), Some("404"));
    assert_eq!(
        error.provider_message(),
        Some("No matching resource found for given API Request")
    );
    let error = calls.get("forbidden").await.expect_err("401");
    assert!(matches!(error, Error::Auth { .. }), "{error:?}");
    let error = calls.get("garbled").await.expect_err("malformed");
    assert!(matches!(error, Error::Decode { .. }), "{error:?}");
}

#[tokio::test]
async fn impossible_filters_are_refused_before_sending() {
    let server = MockServer::start_async().await;
    let mock = server
        .mock_async(|_, then| {
            then.status(200).body("{}");
        })
        .await;
    let calls = client(&server).calls("1234");
    let error = calls
        .list(&ListFilter::new().page_size(0))
        .await
        .expect_err("page size 0");
    assert!(matches!(&error, Error::InvalidInput { field: Some(f), .. } if f == "page_size"));
    let late = Utc
        .timestamp_opt(1_700_000_000, 0)
        .single()
        .expect("a time");
    let early = Utc
        .timestamp_opt(1_600_000_000, 0)
        .single()
        .expect("a time");
    let inverted = ListFilter::new().start_time(late).end_time(early);
    let streamed: Vec<_> = calls.list_all(&inverted).collect().await;
    assert_eq!(streamed.len(), 1);
    assert!(matches!(&streamed[0], Err(Error::InvalidInput { .. })));
    mock.assert_calls_async(0).await;
}

#[tokio::test]
async fn listing_follows_the_next_page_uri_the_answer_gives() {
    let server = MockServer::start_async().await;
    let call = |id: &str| serde_json::json!({"call_id": id, "status": "ringing"});
    let first = server
        .mock_async(|when, then| {
            when.method(GET)
                .path(format!("{BASE}/cc/accounts/1234/calls"))
                .is_true(|req: &httpmock::HttpMockRequest| {
                    req.uri().query() == Some("page_size=2")
                });
            then.status(200).json_body(serde_json::json!({
                "calls": [call("c-1"), call("c-2")],
                "current_page": "1",
                "pages": "placeholder",
                "first_page_uri": "/cc/accounts/1234/calls?page_size=2",
                "next_page_uri": "/cc/accounts/1234/calls?page_size=2&cursor=eyJvIjoyfQ%3D%3D",
            }));
        })
        .await;
    let second = server
        .mock_async(|when, then| {
            when.method(GET)
                .path(format!("{BASE}/cc/accounts/1234/calls"))
                .is_true(|req: &httpmock::HttpMockRequest| {
                    req.uri().query() == Some("page_size=2&cursor=eyJvIjoyfQ%3D%3D")
                });
            then.status(200).json_body(serde_json::json!({
                "calls": [call("c-3")],
                "first_page_uri": "/cc/accounts/1234/calls?page_size=2",
                "next_page_uri": "/cc/accounts/1234/calls?page_size=2&cursor=eyJvIjoyfQ%3D%3D",
            }));
        })
        .await;
    let ids: Vec<String> = client(&server)
        .calls("1234")
        .list_all(&ListFilter::new().page_size(2))
        .map_ok(|call| call.call_id)
        .try_collect()
        .await
        .expect("every call");
    assert_eq!(ids, ["c-1", "c-2", "c-3"]);
    first.assert_calls_async(1).await;
    second.assert_calls_async(1).await;
}

#[tokio::test]
async fn a_call_that_has_not_ended_has_no_end_time() {
    let server = MockServer::start_async().await;
    server
        .mock_async(|when, then| {
            when.method(GET)
                .path(format!(
                    "{BASE}/cc/accounts/1234/calls/5b0e7c1a-8d2f-4e3b-9a6c-7f1e2d3c4b5a"
                ))
                .header("authorization", format!("Bearer {TOKEN}"));
            then.status(200)
                .body(fixture("calls/get.response.ongoing.json"));
        })
        .await;
    let call = client(&server)
        .calls("1234")
        .get("5b0e7c1a-8d2f-4e3b-9a6c-7f1e2d3c4b5a")
        .await
        .expect("an ongoing call");
    assert_eq!(call.end_time, None, "`end_time: \"\"` is no end time");
    assert!(call.start_time.is_some());
    let legs = call.legs.expect("legs");
    assert!(legs.iter().all(|leg| leg.end_time.is_none()));
}

#[tokio::test]
async fn next_page_links_that_alternate_end_with_a_page_cycle_not_a_loop() {
    let server = MockServer::start_async().await;
    let path = format!("{BASE}/cc/accounts/1234/calls");
    let page = |id: &str, next: &str| {
        serde_json::json!({
            "calls": [{"call_id": id, "status": "ringing"}],
            "next_page_uri": format!("/cc/accounts/1234/calls?page_size=1&page={next}"),
        })
    };
    let mut mocks = Vec::new();
    for (query, id, next) in [
        ("page_size=1", "a", "2"),
        ("page_size=1&page=2", "b", "3"),
        ("page_size=1&page=3", "c", "2"),
    ] {
        let answer = page(id, next);
        let path = path.clone();
        mocks.push(
            server
                .mock_async(move |when, then| {
                    when.method(GET)
                        .path(path)
                        .is_true(move |req: &HttpMockRequest| req.uri().query() == Some(query));
                    then.status(200).json_body(answer);
                })
                .await,
        );
    }
    let results: Vec<Result<String, Error>> = client(&server)
        .calls("1234")
        .list_all(&ListFilter::new().page_size(1))
        .map_ok(|call| call.call_id)
        .collect()
        .await;
    let (ids, errors): (Vec<_>, Vec<_>) = results.into_iter().partition(Result::is_ok);
    let ids: Vec<String> = ids.into_iter().map(Result::unwrap_or_default).collect();
    assert_eq!(ids, ["a", "b", "c"]);
    assert_eq!(errors.len(), 1);
    assert!(
        matches!(&errors[0], Err(Error::PageCycle { pages: 3, .. })),
        "{errors:?}"
    );
    for mock in &mocks {
        mock.assert_calls_async(1).await;
    }
}
