//! Every read operation on the wire: method, path, query (filters encoded), the API key, and
//! the decoded value, which must equal the fixture's `data` decoded the same way.

use std::future::Future;

use ccapi_transport::decode::MaybeNumber;
use ccapi_transport::paginate::PageCursor;
use chrono::NaiveDate;
use futures::{StreamExt, TryStreamExt};
use httpmock::prelude::*;
use httpmock::HttpMockRequest;
use iadvize_rest::models::{
    Channel, Granularity, HistoryMessage, Indicator, StatisticChannel, StatisticResource,
};
use iadvize_rest::query::{
    CallMeetingQuery, ClientQuery, ConversationQuery, GroupQuery, OperatorQuery, SatisfactionQuery,
    SkillQuery, StatisticQuery, TagQuery, TransactionQuery, VisitorQuery, WebsiteQuery,
};
use iadvize_rest::transactions::ConversationLink;
use iadvize_rest::{Client, Credentials, Error, Host, KeyPlacement};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

mod common;
use common::{client, client_with, fixture, KEY};

/// The fixture's `data`, decoded as `T` and encoded again: what a decoded value must equal.
fn expected<T: DeserializeOwned + Serialize>(path: &str) -> Value {
    let envelope: Value = serde_json::from_str(&fixture(path)).expect("JSON");
    let data: T = serde_json::from_value(envelope["data"].clone()).expect("the fixture decodes");
    serde_json::to_value(data).expect("encodes")
}

/// Serves `fixture` for `GET /api/2{path}` with exactly `query` and the API key, runs `call`
/// and checks it was one request and that the value equals the fixture's data.
async fn read<T, F, Fut>(path: &str, query: Option<&'static str>, fixture_path: &str, call: F) -> T
where
    T: DeserializeOwned + Serialize,
    F: FnOnce(Client) -> Fut,
    Fut: Future<Output = Result<T, Error>>,
{
    let server = MockServer::start_async().await;
    let full_path = format!("/api/2{path}");
    let mock = server
        .mock_async(|when, then| {
            when.method(GET)
                .is_true(move |req: &HttpMockRequest| {
                    req.uri().path() == full_path
                        && req.uri().query() == query
                        && req.body().is_empty()
                })
                .header("X-API-Key", KEY);
            then.status(200)
                .header("content-type", "application/json")
                .body(fixture(fixture_path));
        })
        .await;
    let value = call(client(&server))
        .await
        .unwrap_or_else(|err| panic!("{path}: {err}"));
    mock.assert_calls_async(1).await;
    assert_eq!(
        serde_json::to_value(&value).expect("encodes"),
        expected::<T>(fixture_path),
        "{path}"
    );
    value
}

#[tokio::test]
async fn clients_and_websites() {
    read(
        "/client",
        None,
        "client/list.response.json",
        |c| async move { Ok(c.clients().list(&ClientQuery::new()).await?.items) },
    )
    .await;
    read(
        "/client/1",
        None,
        "client/get.response.json",
        |c| async move { c.clients().get(1).await },
    )
    .await;
    read(
        "/website",
        Some("page=2&limit=10&full=1"),
        "website/list.response.json",
        |c| async move {
            Ok(c.websites()
                .list(&WebsiteQuery::new().page(2).limit(10).full())
                .await?
                .items)
        },
    )
    .await;
    read(
        "/website/1",
        None,
        "website/get.response.json",
        |c| async move { c.websites().get(1).await },
    )
    .await;
}

#[tokio::test]
async fn operators_with_every_filter_live_statistic_and_profile() {
    let operators = read(
        "/operator",
        Some(
            "limit=50&filters%5Bid%5D=123&filters%5Bgroup_id%5D=1984&filters%5Bwebsite_id%5D=1\
             &filters%5Bwebsite_list%5D=1%2C2%2C3&filters%5Bskill_id%5D=12&filters%5Bname%5D=*uli*\
             &filters%5Bexternal_id%5D=MyExternalId&filters%5Bconnected%5D=1",
        ),
        "operator/list.response.json",
        |c| async move {
            let query = OperatorQuery::new()
                .limit(50)
                .id(123)
                .group_id(1984)
                .website_id(1)
                .website_list(vec![1, 2, 3])
                .skill_id(12)
                .name("*uli*")
                .external_id("MyExternalId")
                .connected(true);
            Ok(c.operators().list(&query).await?.items)
        },
    )
    .await;
    assert_eq!(operators[0].roles.as_ref().map(Vec::len), Some(2));
    assert!(
        !format!("{:?}", operators[0]).contains("example-sso-key"),
        "the SSO key is redacted"
    );
    read(
        "/operator/123",
        None,
        "operator/get.response.json",
        |c| async move { c.operators().get(123).await },
    )
    .await;
    read(
        "/operator/live",
        Some("filters%5Bconnected%5D=0"),
        "operator/live_list.response.json",
        |c| async move {
            c.operators()
                .live_list(&OperatorQuery::new().connected(false))
                .await
        },
    )
    .await;
    let live = read(
        "/operator/123/live",
        None,
        "operator/live_get.response.json",
        |c| async move { c.operators().live(123).await },
    )
    .await;
    assert_eq!(live.call.and_then(|call| call.busy), Some(true));
    let statistic = read(
        "/operator/123/statistic",
        None,
        "operator/statistic.response.json",
        |c| async move { c.operators().statistic(123).await },
    )
    .await;
    assert_eq!(statistic.satisfaction_global_rate, Some(0.86));
    read(
        "/operator/123/profile",
        None,
        "operator/profile.response.json",
        |c| async move { c.operators().profile(123).await },
    )
    .await;
}

#[tokio::test]
async fn groups_skills_tags_visitors_and_call_meetings() {
    read(
        "/group",
        Some("filters%5Bparent_id%5D=1987"),
        "group/list.response.json",
        |c| async move {
            Ok(c.groups()
                .list(&GroupQuery::new().parent_id(1987))
                .await?
                .items)
        },
    )
    .await;
    read(
        "/group/1984",
        None,
        "group/get.response.json",
        |c| async move { c.groups().get(1984).await },
    )
    .await;
    read(
        "/skill",
        Some("filters%5Boperator_id%5D=123&filters%5Bparent_id%5D=12"),
        "skill/list.response.json",
        |c| async move {
            Ok(c.skills()
                .list(&SkillQuery::new().operator_id(123).parent_id(12))
                .await?
                .items)
        },
    )
    .await;
    read(
        "/skill/12",
        None,
        "skill/get.response.json",
        |c| async move { c.skills().get(12).await },
    )
    .await;
    let tags = read(
        "/tag",
        Some("filters%5Bwebsite_id%5D=1"),
        "tag/list.response.json",
        |c| async move { Ok(c.tags().list(&TagQuery::new().website_id(1)).await?.items) },
    )
    .await;
    assert_eq!(
        tags[0]
            .website_id
            .as_ref()
            .map(|ids| ids.as_slice().to_vec()),
        Some(vec![1])
    );
    assert_eq!(
        tags[1]
            .website_id
            .as_ref()
            .map(|ids| ids.as_slice().to_vec()),
        Some(vec![1, 2])
    );
    read("/tag/125", None, "tag/get.response.json", |c| async move {
        c.tags().get(125).await
    })
    .await;
    read(
        "/visitor",
        Some("filters%5Bunique_id%5D=0a15&filters%5Bexternal_id%5D=crm-560&filters%5Bwebsite_id%5D=1"),
        "visitor/list.response.json",
        |c| async move {
            Ok(c.visitors().list(&VisitorQuery::new().unique_id("0a15").external_id("crm-560").website_id(1)).await?.items)
        },
    )
    .await;
    read(
        "/visitor/560",
        None,
        "visitor/get.response.json",
        |c| async move { c.visitors().get(560).await },
    )
    .await;
    read(
        "/callmeeting",
        Some("filters%5Bwebsite_id%5D=1&filters%5Bfrom%5D=2015-03-31+19%3A00%3A00&filters%5Bto%5D=2015-06-30"),
        "callmeeting/list.response.json",
        |c| async move {
            let from = NaiveDate::from_ymd_opt(2015, 3, 31).and_then(|d| d.and_hms_opt(19, 0, 0)).expect("a time");
            let to = NaiveDate::from_ymd_opt(2015, 6, 30).expect("a date");
            Ok(c.call_meetings().list(&CallMeetingQuery::new().website_id(1).from(from).to(to)).await?.items)
        },
    )
    .await;
}

#[tokio::test]
async fn conversations_use_json_unicode_and_decode_the_history() {
    let conversations = read(
        "/conversation.json-unicode",
        Some(
            "filters%5Bchannel%5D=chat&filters%5Bfrom%5D=2016-02-01&filters%5Bto%5D=2016-04-30\
             &filters%5Bwebsite_id%5D=1&filters%5Boperator_id%5D=123&filters%5Bvisitor_id%5D=560\
             &filters%5Bskill_id%5D=12&filters%5Btag_id%5D=123&filters%5Brule_id%5D=77&formatHistory=0",
        ),
        "conversation/list.response.json",
        |c| async move {
            let day = |m, d| NaiveDate::from_ymd_opt(2016, m, d).expect("a date");
            let query = ConversationQuery::new()
                .channel(Channel::Chat)
                .from(day(2, 1))
                .to(day(4, 30))
                .website_id(1)
                .operator_id(123)
                .visitor_id(560)
                .skill_id(12)
                .tag_id(123)
                .rule_id(77);
            Ok(c.conversations().list(&query).await?.items)
        },
    )
    .await;
    let history = conversations[0].history.as_ref().expect("a history");
    assert!(matches!(&history[0], HistoryMessage::Link { url, .. } if url == "http://test.com/"));
    assert!(
        matches!(&history[1], HistoryMessage::VisitorText { text, timestamp_ms: Some(1455618264049), .. } if text == "Hello")
    );
    assert!(matches!(
        &history[4],
        HistoryMessage::OperatorRichContent { .. }
    ));
    assert!(matches!(
        &history[5],
        HistoryMessage::VisitorRichContent { .. }
    ));
    let unknown = &conversations[1].history.as_ref().expect("a history")[1];
    assert!(
        matches!(unknown, HistoryMessage::Unknown(tuple) if tuple.len() == 4),
        "kept, not dropped"
    );
    insta::assert_debug_snapshot!(conversations[0].history);

    read(
        "/conversation.json-unicode/666",
        Some("formatHistory=0"),
        "conversation/get.response.json",
        |c| async move { c.conversations().get(666).await },
    )
    .await;
}

#[tokio::test]
async fn transactions_satisfactions_and_statistics() {
    for (link, encoded) in [
        (ConversationLink::Id(666), "666"),
        (ConversationLink::None, "null"),
        (ConversationLink::Any, "%21null"),
    ] {
        let query: &'static str = Box::leak(
            format!("filters%5Bwebsite_id%5D=1&filters%5Boperator_id%5D=123&filters%5Bconversation_id%5D={encoded}")
                .into_boxed_str(),
        );
        read(
            "/transaction",
            Some(query),
            "transaction/list.response.json",
            |c| async move {
                Ok(c.transactions()
                    .list(
                        &TransactionQuery::new()
                            .website_id(1)
                            .operator_id(123)
                            .conversation(link),
                    )
                    .await?
                    .items)
            },
        )
        .await;
    }
    read(
        "/transaction/9001",
        None,
        "transaction/get.response.json",
        |c| async move { c.transactions().get(9001).await },
    )
    .await;
    read(
        "/satisfaction",
        Some("filters%5Bconversation_id%5D=666"),
        "satisfaction/list.response.json",
        |c| async move {
            Ok(c.satisfactions()
                .list(&SatisfactionQuery::new().conversation_id(666))
                .await?
                .items)
        },
    )
    .await;
    read(
        "/satisfaction/31",
        None,
        "satisfaction/get.response.json",
        |c| async move { c.satisfactions().get(31).await },
    )
    .await;

    let rows = read(
        "/statistic",
        Some(
            "filters%5Bwebsite_list%5D=1%2C2&filters%5Bchannel%5D=chat&filters%5Bresource%5D=operator\
             &filters%5Bindicators%5D=contact_number%2Ccontact_answered_duration%2Csatisfaction_global_rate\
             &filters%5Bfrom%5D=2024-05-01&filters%5Bto%5D=2024-05-31",
        ),
        "statistic/get.response.json",
        |c| async move {
            let day = |d| NaiveDate::from_ymd_opt(2024, 5, d).expect("a date");
            let query = StatisticQuery::new()
                .website_list(vec![1, 2])
                .channel(StatisticChannel::Chat)
                .resource(StatisticResource::Operator)
                .indicators([
                    Indicator::ContactNumber,
                    Indicator::ContactAnsweredDuration,
                    Indicator::SatisfactionGlobalRate,
                ])
                .from(day(1))
                .to(day(31));
            c.statistics().get(&query).await
        },
    )
    .await;
    assert_eq!(rows[0].value(&Indicator::ContactNumber), Some(42.0));
    assert_eq!(
        rows[1].value(&Indicator::ContactAnsweredDuration),
        Some(51.0)
    );
    assert_eq!(rows[0].label("resource_id").as_deref(), Some("123"));

    let daily = read(
        "/statistic",
        Some("filters%5Bindicators%5D=contact_number&filters%5Bgranularity%5D=day"),
        "statistic/get.response.granularity.json",
        |c| async move {
            let query = StatisticQuery::new()
                .indicators([Indicator::ContactNumber])
                .granularity(Granularity::Day);
            c.statistics().get(&query).await
        },
    )
    .await;
    assert_eq!(
        daily[1].value(&Indicator::ContactNumber),
        Some(15.0),
        "a numeric string is a value"
    );
    assert_eq!(daily[1].label("date").as_deref(), Some("2024-05-02"));
}

#[tokio::test]
async fn the_key_can_travel_as_a_query_parameter_or_basic_auth() {
    let server = MockServer::start_async().await;
    let by_query = server
        .mock_async(|when, then| {
            when.method(GET)
                .path("/api/2/client/1")
                .query_param("key", KEY)
                .header_missing("X-API-Key");
            then.status(200).body(fixture("client/get.response.json"));
        })
        .await;
    client_with(
        &server,
        Credentials::api_key_in(KEY.into(), KeyPlacement::Query),
    )
    .clients()
    .get(1)
    .await
    .expect("a client");
    by_query.assert_calls_async(1).await;
    let by_basic = server
        .mock_async(|when, then| {
            when.method(GET)
                .path("/api/2/client/2")
                // base64("test-iadvize-key:")
                .header("authorization", "Basic dGVzdC1pYWR2aXplLWtleTo=");
            then.status(200).body(fixture("client/get.response.json"));
        })
        .await;
    client_with(
        &server,
        Credentials::api_key_in(KEY.into(), KeyPlacement::Basic),
    )
    .clients()
    .get(2)
    .await
    .expect("a client");
    by_basic.assert_calls_async(1).await;
    assert_eq!(
        Host::HighAvailability.base_url(),
        "https://ha.iadvize.com/api/2"
    );
    assert_eq!(Host::default().base_url(), "https://www.iadvize.com/api/2");
}

#[tokio::test]
async fn list_all_walks_three_pages_and_take_stops_early() {
    let server = MockServer::start_async().await;
    let mut pages = Vec::new();
    for page in 1..=3 {
        let body = serde_json::json!({
            "meta": {"status": "success"},
            "data": [{"id": page * 10 + 1}, {"id": page * 10 + 2}],
            "pagination": {"page": page, "pages": 3, "limit": 2, "count": 6}
        });
        let query: &'static str = Box::leak(format!("page={page}&limit=2").into_boxed_str());
        pages.push(
            server
                .mock_async(|when, then| {
                    when.method(GET)
                        .path("/api/2/visitor")
                        .is_true(move |req: &HttpMockRequest| req.uri().query() == Some(query))
                        .header("X-API-Key", KEY);
                    then.status(200).json_body(body);
                })
                .await,
        );
    }
    let visitors = client(&server).visitors();
    let ids: Vec<i64> = visitors
        .list_all(&VisitorQuery::new().limit(2))
        .map_ok(|visitor| visitor.id)
        .try_collect()
        .await
        .expect("every page");
    assert_eq!(ids, [11, 12, 21, 22, 31, 32]);
    for page in &pages {
        page.assert_calls_async(1).await;
    }
    let first_three: Vec<_> = visitors
        .list_all(&VisitorQuery::new().limit(2))
        .take(3)
        .collect()
        .await;
    assert_eq!(first_three.len(), 3);
    pages[0].assert_calls_async(2).await;
    pages[1].assert_calls_async(2).await;
    pages[2].assert_calls_async(1).await;

    // Page by page: the transport's one page type, with iAdvize's block kept as received.
    let by_page: Vec<iadvize_rest::Page<iadvize_rest::models::Visitor>> = visitors
        .list_all(&VisitorQuery::new().limit(2))
        .by_page()
        .try_collect()
        .await
        .expect("every page");
    let next: Vec<_> = by_page.iter().map(|page| page.next.clone()).collect();
    assert_eq!(
        next,
        [
            Some(PageCursor::Number(2)),
            Some(PageCursor::Number(3)),
            None
        ]
    );
    assert!(by_page.iter().all(|page| page.total == Some(6)));
    let pagination = iadvize_rest::Pagination::of(&by_page[1]).expect("a pagination block");
    assert_eq!(pagination.page, Some(MaybeNumber::Number(2)));
    assert_eq!(pagination.count, Some(MaybeNumber::Number(6)));
    assert_eq!(
        by_page[2].paging,
        serde_json::json!({"page": 3, "pages": 3, "limit": 2, "count": 6})
    );
}

#[tokio::test]
async fn a_next_page_beyond_range_stops_the_listing_after_the_pages_fetched() {
    let server = MockServer::start_async().await;
    let last = u32::MAX.to_string();
    let mock = server
        .mock_async(|when, then| {
            when.method(GET)
                .path("/api/2/visitor")
                .query_param("page", last.as_str());
            then.status(200).json_body(serde_json::json!({
                "meta": {"status": "success"},
                "data": [{"id": 7}],
                "pagination": {"page": u32::MAX, "pages": u64::from(u32::MAX) + 5, "limit": 1}
            }));
        })
        .await;
    let results: Vec<Result<i64, Error>> = client(&server)
        .visitors()
        .list_all(&VisitorQuery::new().page(u32::MAX).limit(1))
        .map_ok(|visitor| visitor.id)
        .collect()
        .await;
    assert_eq!(results.len(), 2, "{results:?}");
    assert_eq!(results[0].as_ref().ok(), Some(&7));
    // Not InvalidInput: a request was sent before the page number ran out of range.
    assert!(
        matches!(&results[1], Err(Error::InvalidAfterSend { field: Some(field), message })
            if field == "page" && message == "page 4294967296 is out of range"),
        "{results:?}"
    );
    mock.assert_calls_async(1).await;
}

/// Records the operation of every attempt, as a metrics hook would.
#[derive(Default, Clone)]
struct Operations(std::sync::Arc<std::sync::Mutex<Vec<String>>>);

impl ccapi_transport::hook::Hook for Operations {
    fn before_send(&self, request: &mut ccapi_transport::hook::Outgoing<'_>) {
        self.0
            .lock()
            .expect("lock")
            .push(request.operation.to_owned());
    }
}

#[tokio::test]
async fn every_request_is_named_by_its_rows_catalog_id() {
    let server = MockServer::start_async().await;
    server
        .mock_async(|when, then| {
            when.method(GET).path("/api/2/visitor");
            then.status(200).json_body(serde_json::json!({
                "meta": {"status": "success"}, "data": [{"id": 7}],
                "pagination": {"page": 1, "pages": 1, "limit": 20, "count": 1}
            }));
        })
        .await;
    server
        .mock_async(|when, then| {
            when.method(GET).path("/api/2/conversation.json-unicode/9");
            then.status(200)
                .json_body(serde_json::json!({"meta": {"status": "success"}, "data": {"id": 9}}));
        })
        .await;
    let seen = Operations::default();
    let config = iadvize_rest::ClientConfig::new(&server.url("/api/2"), "iadvize-tests")
        .expect("a valid base URL")
        .hook(seen.clone());
    let client = Client::with_config(config, Credentials::api_key(KEY.into())).expect("a client");
    client
        .visitors()
        .list(&VisitorQuery::new())
        .await
        .expect("a page");
    client.conversations().get(9).await.expect("a conversation");
    assert_eq!(
        *seen.0.lock().expect("lock"),
        ["visitor.list", "conversation.get"]
    );
    assert_eq!(
        iadvize_rest::operations::VISITOR_LIST
            .request()
            .path_template(),
        "/visitor"
    );
}
