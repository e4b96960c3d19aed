//! Every write operation on the wire (form bodies as iAdvize expects them, tags as a JSON
//! array), envelope failures, and the checks that refuse a request before sending.

use ccapi_transport::decode::LenientBool;
use chrono::NaiveDate;
use httpmock::prelude::*;
use httpmock::HttpMockRequest;
use iadvize_rest::models::{
    ChannelSwitch, GroupInput, Indicator, LiveUpdate, NewTag, OdigoCallback, OperatorInput,
    SkillInput, VisitorInput, WebsiteUpdate,
};
use iadvize_rest::query::{ConversationQuery, OperatorQuery, StatisticQuery};
use iadvize_rest::Error;

mod common;
use common::{client, fixture, KEY};

const FORM: &str = "application/x-www-form-urlencoded";

fn no_query(req: &HttpMockRequest) -> bool {
    req.uri().query().is_none()
}

const SUCCESS: &str = r#"{"meta": {"status": "success"}}"#;

#[tokio::test]
async fn operators_are_created_updated_and_deleted_with_forms() {
    let server = MockServer::start_async().await;
    let create = server
        .mock_async(|when, then| {
            when.method(POST)
                .path("/api/2/operator")
                .is_true(no_query)
                .header("X-API-Key", KEY)
                .header("content-type", FORM)
                .body(
                    "name=Doe&first_name=Jane&pseudo=Jane&email=jane.doe%40example-shop.com&external_id=crm-77\
                     &roles%5B%5D=operator&chat_enabled=1&call_enabled=0&video_enabled=0&chat_max_number=3\
                     &chat_and_call=0&chat_priority=10&call_priority=0&video_priority=0\
                     &language_list%5B%5D=fr&language_list%5B%5D=en&language_admin=fr&group_id=1984\
                     &website_list%5B%5D=1&skill_list%5B%5D=12",
                );
            then.status(200).body(fixture("operator/create.response.json"));
        })
        .await;
    let update = server
        .mock_async(|when, then| {
            when.method(PUT)
                .path("/api/2/operator/125")
                .header("X-API-Key", KEY)
                .header("content-type", FORM)
                .body("pseudo=JaneD&chat_enabled=1&chat_max_number=4");
            then.status(200)
                .body(fixture("operator/create.response.json"));
        })
        .await;
    let delete = server
        .mock_async(|when, then| {
            when.method(DELETE)
                .path("/api/2/operator/125")
                .header("X-API-Key", KEY)
                .body("");
            then.status(200).body(SUCCESS);
        })
        .await;
    let operators = client(&server).operators();
    let input: OperatorInput =
        serde_json::from_str(&fixture("operator/create.request.json")).expect("decodes");
    let created = operators.create(&input).await.expect("created");
    assert_eq!(created.id, 125);
    assert_eq!(created.first_name.as_deref(), Some("Jane"));
    let changes = OperatorInput {
        pseudo: Some("JaneD".to_owned()),
        chat_max_number: Some(4),
        chat_enabled: Some(true),
        ..OperatorInput::default()
    };
    operators.update(125, &changes).await.expect("updated");
    operators.delete(125).await.expect("deleted");
    create.assert_calls_async(1).await;
    update.assert_calls_async(1).await;
    delete.assert_calls_async(1).await;
}

#[tokio::test]
async fn availability_is_set_per_channel_with_nested_form_fields() {
    let server = MockServer::start_async().await;
    let mock = server
        .mock_async(|when, then| {
            when.method(PUT)
                .path("/api/2/operator/123/live")
                .header("X-API-Key", KEY)
                .header("content-type", FORM)
                .body("chat%5Bavailable%5D=1&call%5Bavailable%5D=0&video%5Bavailable%5D=1&connected=0");
            then.status(200)
                .body(r#"{"meta": {"status": "success", "message": "Operator is now available for chat channel."}}"#);
        })
        .await;
    let switch = |on| {
        Some(ChannelSwitch {
            available: Some(LenientBool(on)),
            extra: Default::default(),
        })
    };
    let update = LiveUpdate {
        chat: switch(true),
        call: switch(false),
        video: switch(true),
        connected: Some(LenientBool(false)),
        extra: Default::default(),
    };
    let message = client(&server)
        .operators()
        .set_live(123, &update)
        .await
        .expect("set");
    assert_eq!(
        message.as_deref(),
        Some("Operator is now available for chat channel.")
    );
    mock.assert_calls_async(1).await;
}

#[tokio::test]
async fn groups_skills_visitors_and_websites_use_forms() {
    let server = MockServer::start_async().await;
    let mut mocks = Vec::new();
    for (method, path, body, answer) in [
        (POST, "/api/2/group", "name=Sales&parent_id=1984", "group/create.response.json"),
        (PUT, "/api/2/group/1990", "name=Sales&parent_id=1984", "group/create.response.json"),
        (POST, "/api/2/skill", "name=Garden&order=3&parent_id=12", "skill/get.response.json"),
        (PUT, "/api/2/skill/12", "name=Garden&order=3&parent_id=12", "skill/get.response.json"),
        (
            POST,
            "/api/2/visitor",
            "unique_id=7f3e&external_id=crm-600&lastname=Petit&firstname=Hugo&address=3+place+Royale&city=Nantes\
             &zip=44000&country=France&phone=%2B33600000000&email=hugo.petit%40example.org&website_id=1",
            "visitor/get.response.json",
        ),
        (PUT, "/api/2/visitor/560", "city=Rennes&phone=%2B33700000000", "visitor/get.response.json"),
        (
            PUT,
            "/api/2/website/1",
            "label=Example+shop+%28FR%29&url=https%3A%2F%2Fwww.example-shop.fr&currency=EUR&language_admin=fr\
             &timezone=Europe%2FParis",
            "website/update.response.json",
        ),
    ] {
        mocks.push(
            server
                .mock_async(|when, then| {
                    when.method(method).path(path).header("X-API-Key", KEY).header("content-type", FORM).body(body);
                    then.status(200).body(fixture(answer));
                })
                .await,
        );
    }
    for path in ["/api/2/group/1990", "/api/2/skill/12", "/api/2/visitor/560"] {
        mocks.push(
            server
                .mock_async(|when, then| {
                    when.method(DELETE).path(path).header("X-API-Key", KEY);
                    then.status(200).body(SUCCESS);
                })
                .await,
        );
    }
    let client = client(&server);
    let group: GroupInput =
        serde_json::from_str(&fixture("group/create.request.json")).expect("decodes");
    assert_eq!(
        client.groups().create(&group).await.expect("created").id,
        1990
    );
    client.groups().update(1990, &group).await.expect("updated");
    let skill: SkillInput =
        serde_json::from_str(&fixture("skill/create.request.json")).expect("decodes");
    client.skills().create(&skill).await.expect("created");
    client.skills().update(12, &skill).await.expect("updated");
    let visitor: VisitorInput =
        serde_json::from_str(&fixture("visitor/create.request.json")).expect("decodes");
    client.visitors().create(&visitor).await.expect("created");
    let moved = VisitorInput {
        city: Some("Rennes".to_owned()),
        phone: Some("+33700000000".to_owned()),
        ..VisitorInput::default()
    };
    client
        .visitors()
        .update(560, &moved)
        .await
        .expect("updated");
    let website: WebsiteUpdate =
        serde_json::from_str(&fixture("website/update.request.json")).expect("decodes");
    let updated = client
        .websites()
        .update(1, &website)
        .await
        .expect("updated");
    assert_eq!(updated.label.as_deref(), Some("Example shop (FR)"));
    client.groups().delete(1990).await.expect("deleted");
    client.skills().delete(12).await.expect("deleted");
    client.visitors().delete(560).await.expect("deleted");
    for mock in &mocks {
        mock.assert_calls_async(1).await;
    }
}

#[tokio::test]
async fn tags_are_created_from_a_json_array() {
    let server = MockServer::start_async().await;
    let mock = server
        .mock_async(|when, then| {
            when.method(POST)
                .path("/api/2/tag")
                .header("X-API-Key", KEY)
                .header("content-type", "application/json")
                .json_body(serde_json::json!([
                    {"name": "my_value", "website_id": 1},
                    {"name": "my_value_2", "website_id": 1}
                ]));
            then.status(200).body(fixture("tag/create.response.json"));
        })
        .await;
    let tags = [
        NewTag {
            name: "my_value".to_owned(),
            website_id: 1,
            extra: Default::default(),
        },
        NewTag {
            name: "my_value_2".to_owned(),
            website_id: 1,
            extra: Default::default(),
        },
    ];
    let created = client(&server).tags().create(&tags).await.expect("created");
    assert_eq!(
        created.iter().map(|tag| tag.id).collect::<Vec<_>>(),
        [123, 124]
    );
    mock.assert_calls_async(1).await;
}

#[tokio::test]
async fn odigo_callbacks_post_forms() {
    let server = MockServer::start_async().await;
    let body = "operator_external_id=MyExternalId&website_id=1&phone_number=0614037735";
    let pickup = server
        .mock_async(|when, then| {
            when.method(POST)
                .path("/api/2/odigocallback/pickup")
                .header("content-type", FORM)
                .body(body);
            then.status(200)
                .body(fixture("odigocallback/pickup.response.json"));
        })
        .await;
    let hangup = server
        .mock_async(|when, then| {
            when.method(POST)
                .path("/api/2/odigocallback/hangup")
                .header("content-type", FORM)
                .body(body);
            then.status(200)
                .body(r#"{"meta": {"status": "success"}, "data": []}"#);
        })
        .await;
    let call = OdigoCallback {
        operator_external_id: "MyExternalId".to_owned(),
        website_id: 1,
        phone_number: "0614037735".to_owned(),
        extra: Default::default(),
    };
    let callbacks = client(&server).odigo_callbacks();
    let picked = callbacks.pickup(&call).await.expect("picked up");
    assert_eq!(picked.conversation_id, Some(139));
    assert_eq!(picked.skill_id, None);
    callbacks.hangup(&call).await.expect("hung up");
    pickup.assert_calls_async(1).await;
    hangup.assert_calls_async(1).await;
}

#[tokio::test]
async fn fail_and_error_are_errors_on_200_and_on_4xx() {
    let server = MockServer::start_async().await;
    server
        .mock_async(|when, then| {
            when.method(GET).path("/api/2/visitor/456");
            then.status(200).body(
                r#"{"meta": {"status": "fail", "message": "Unknown 'visitor' with 'id' 456."}}"#,
            );
        })
        .await;
    server
        .mock_async(|when, then| {
            when.method(GET).path("/api/2/visitor/457");
            then.status(403)
                .body(r#"{"meta": {"status": "error", "message": "Forbidden"}}"#);
        })
        .await;
    server
        .mock_async(|when, then| {
            when.method(POST).path("/api/2/group");
            then.status(400)
                .body(r#"{"meta": {"status": "fail", "message": "Field 'name' is missing."}}"#);
        })
        .await;
    let client = client(&server);
    let error = client.visitors().get(456).await.expect_err("fail on 200");
    assert!(matches!(error, Error::Provider { .. }), "{error:?}");
    assert_eq!(
        error.provider_message(),
        Some("Unknown 'visitor' with 'id' 456.")
    );
    assert_eq!(error.provider_code(), Some("fail"));
    let error = client.visitors().get(457).await.expect_err("error on 403");
    assert_eq!(error.status().map(|s| s.as_u16()), Some(403));
    assert_eq!(error.provider_message(), Some("Forbidden"));
    assert_eq!(error.provider_code(), Some("error"));
    let error = client
        .groups()
        .create(&GroupInput::default())
        .await
        .expect_err("fail on 400");
    assert_eq!(error.provider_message(), Some("Field 'name' is missing."));
}

#[tokio::test]
async fn impossible_requests_are_refused_with_nothing_sent() {
    let server = MockServer::start_async().await;
    let mock = server
        .mock_async(|_, then| {
            then.status(200).body(SUCCESS);
        })
        .await;
    let client = client(&server);
    let field = |error: Error| match error {
        Error::InvalidInput { field, .. } => field.map(|f| f.into_owned()),
        other => panic!("expected an input error, got {other:?}"),
    };
    let error = client
        .operators()
        .list(&OperatorQuery::new().limit(101))
        .await
        .expect_err("limit 101");
    assert_eq!(field(error).as_deref(), Some("limit"));
    let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).expect("a date");
    let four_months = ConversationQuery::new()
        .from(day(2024, 1, 1))
        .to(day(2024, 5, 2));
    let error = client
        .conversations()
        .list(&four_months)
        .await
        .expect_err("over 3 months");
    assert_eq!(field(error).as_deref(), Some("to"));
    let streamed: Vec<_> =
        futures::StreamExt::collect(client.conversations().list_all(&four_months)).await;
    assert!(matches!(
        streamed.as_slice(),
        [Err(Error::InvalidInput { .. })]
    ));
    let two = StatisticQuery::new()
        .indicators([Indicator::ContactNumber, Indicator::ContactDuration])
        .granularity(iadvize_rest::models::Granularity::Day);
    let error = client
        .statistics()
        .get(&two)
        .await
        .expect_err("granularity with two indicators");
    assert_eq!(field(error).as_deref(), Some("granularity"));
    let error = client.tags().create(&[]).await.expect_err("no tag");
    assert_eq!(field(error).as_deref(), Some("tags"));
    let online = LiveUpdate {
        connected: Some(LenientBool(true)),
        ..LiveUpdate::default()
    };
    let error = client
        .operators()
        .set_live(1, &online)
        .await
        .expect_err("connect");
    assert_eq!(field(error).as_deref(), Some("connected"));
    mock.assert_calls_async(0).await;
}
