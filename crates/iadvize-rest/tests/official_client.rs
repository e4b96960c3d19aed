//! What iAdvize's official PHP client (`iadvize/api-rest-client`) and real answers need beyond
//! the seed's examples: the `sd.` host, short lists without `full=1`, an unrated operator's
//! `null` rate, numeric targeting rule ids, and the `note_delay` spelling.

use httpmock::prelude::*;
use httpmock::HttpMockRequest;
use iadvize_rest::query::{CallMeetingQuery, VisitorQuery};
use iadvize_rest::Host;

mod common;
use common::{client, fixture, KEY};

fn query_is(expected: Option<&'static str>) -> impl Fn(&HttpMockRequest) -> bool {
    move |req: &HttpMockRequest| req.uri().query() == expected
}

#[test]
fn the_official_clients_host_is_offered() {
    assert_eq!(Host::Sd.base_url(), "https://sd.iadvize.com/api/2");
    assert_eq!(Host::default().base_url(), "https://www.iadvize.com/api/2");
}

#[tokio::test]
async fn without_full_a_list_is_ids_and_links_and_full_asks_for_the_rest() {
    let server = MockServer::start_async().await;
    let short = server
        .mock_async(|when, then| {
            when.method(GET)
                .path("/api/2/visitor")
                .is_true(query_is(None))
                .header("X-API-Key", KEY);
            then.status(200).body(
                r#"{"meta": {"status": "success"}, "data": [{"id": 560, "_link": "/visitor/560"}],
                    "pagination": {"page": 1, "pages": 1, "limit": 20, "count": 1}}"#,
            );
        })
        .await;
    let full = server
        .mock_async(|when, then| {
            when.method(GET)
                .path("/api/2/visitor")
                .is_true(query_is(Some("full=1")));
            then.status(200).body(fixture("visitor/list.response.json"));
        })
        .await;
    let client = client(&server);
    let summaries = client
        .visitors()
        .list(&VisitorQuery::new())
        .await
        .expect("a short list");
    assert_eq!(summaries.items[0].id, 560);
    assert_eq!(summaries.items[0].link.as_deref(), Some("/visitor/560"));
    assert_eq!(summaries.items[0].email, None);
    let whole = client
        .visitors()
        .list(&VisitorQuery::new().full())
        .await
        .expect("a full list");
    assert!(whole.items[0].email.is_some());
    short.assert_calls_async(1).await;
    full.assert_calls_async(1).await;
}

#[tokio::test]
async fn null_rates_numeric_rule_ids_and_both_delay_spellings_decode() {
    let server = MockServer::start_async().await;
    for (path, file) in [
        (
            "/api/2/operator/124/statistic",
            "operator/statistic.response.unrated.json",
        ),
        (
            "/api/2/callmeeting",
            "callmeeting/list.response.numeric-ids.json",
        ),
        (
            "/api/2/satisfaction/32",
            "satisfaction/get.response.note-delay.json",
        ),
        ("/api/2/satisfaction/31", "satisfaction/get.response.json"),
    ] {
        let body = fixture(file);
        server
            .mock_async(|when, then| {
                when.method(GET).path(path).header("X-API-Key", KEY);
                then.status(200).body(body);
            })
            .await;
    }
    let client = client(&server);
    let unrated = client.operators().statistic(124).await.expect("statistics");
    assert_eq!(unrated.satisfaction_global_rate, None);
    let meetings = client
        .call_meetings()
        .list(&CallMeetingQuery::new())
        .await
        .expect("meetings");
    assert_eq!(
        meetings.items[0]
            .targeting_rule_id
            .as_ref()
            .map(|id| id.as_str()),
        Some("108")
    );
    let spelled_note = client.satisfactions().get(32).await.expect("a note");
    let spelled_node = client.satisfactions().get(31).await.expect("a note");
    assert_eq!(spelled_note.delay_note(), Some(70.0));
    assert_eq!(spelled_node.delay_note(), Some(50.0));
}
