//! Every CRM operation on the wire, the assumed-path prefix override, and customer search.

use httpmock::prelude::*;
use httpmock::HttpMockRequest;
use ziwo_crm::models::Record;
use ziwo_crm::{
    Client, ClientConfig, Credentials, CrmPaths, CustomerSearch, Entity, Error, ListOptions,
};

const TOKEN: &str = "b10c6840-a9e7-11e8-8476-8d2a2f09b159";
const FORM: &str = "application/x-www-form-urlencoded";
const OK_EMPTY: &str = r#"{"result": true, "content": {}, "info": {}}"#;

fn client(server: &MockServer) -> Client {
    let config = ClientConfig::new(&server.base_url(), "ziwo-crm-tests")
        .expect("a valid base URL")
        .retry(ccapi_transport::RetryPolicy::disabled());
    Client::with_config(config, Credentials::AccessToken(TOKEN.into())).expect("a client")
}

#[tokio::test]
async fn entities_are_created_updated_deleted_linked_and_unlinked() {
    let server = MockServer::start_async().await;
    let created = r#"{"result": true, "content": {"id": 55}, "info": {}}"#;
    let mut mocks = Vec::new();
    for (method, path, body, answer) in [
        (
            POST,
            "/integrations/crm/profiles",
            "firstName=Layla&email=layla%40example.com",
            created,
        ),
        (
            PUT,
            "/integrations/crm/profiles/55",
            "gender=female",
            created,
        ),
        (DELETE, "/integrations/crm/profiles/55", "", OK_EMPTY),
        (
            POST,
            "/integrations/crm/addresses",
            "line1=Villa+12&city=Dubai",
            created,
        ),
        (
            PUT,
            "/integrations/crm/addresses/7",
            "city=Abu+Dhabi",
            created,
        ),
        (DELETE, "/integrations/crm/addresses/7", "", OK_EMPTY),
        (
            POST,
            "/integrations/crm/numbers",
            "number=00971501234567",
            created,
        ),
        (DELETE, "/integrations/crm/numbers/9", "", OK_EMPTY),
        (
            POST,
            "/integrations/crm/socialAccounts",
            "type=twitter&handle=%40layla",
            created,
        ),
        (
            PUT,
            "/integrations/crm/socialAccounts/3",
            "handle=%40layla_h",
            created,
        ),
        (DELETE, "/integrations/crm/socialAccounts/3", "", OK_EMPTY),
        (
            PUT,
            "/integrations/crm/profiles/55/addresses/7",
            "",
            OK_EMPTY,
        ),
        (PUT, "/integrations/crm/profiles/55/numbers/9", "", OK_EMPTY),
        (
            PUT,
            "/integrations/crm/profiles/55/socialAccounts/3",
            "",
            OK_EMPTY,
        ),
        (
            DELETE,
            "/integrations/crm/profiles/55/addresses/7",
            "",
            OK_EMPTY,
        ),
        (
            DELETE,
            "/integrations/crm/profiles/55/numbers/9",
            "",
            OK_EMPTY,
        ),
        (
            DELETE,
            "/integrations/crm/profiles/55/socialAccounts/3",
            "",
            OK_EMPTY,
        ),
    ] {
        mocks.push(
            server
                .mock_async(|when, then| {
                    let when = when
                        .method(method)
                        .path(path)
                        .header("access_token", TOKEN)
                        .body(body);
                    if !body.is_empty() {
                        when.header("content-type", FORM);
                    }
                    then.status(200).body(answer);
                })
                .await,
        );
    }
    let client = client(&server);
    let profile = client
        .profiles()
        .create(
            &Record::new()
                .with("firstName", "Layla")
                .with("email", "layla@example.com"),
        )
        .await
        .expect("created");
    assert_eq!(profile.id().as_deref(), Some("55"));
    client
        .profiles()
        .update("55", &Record::new().with("gender", "female"))
        .await
        .expect("updated");
    client
        .addresses()
        .create(
            &Record::new()
                .with("line1", "Villa 12")
                .with("city", "Dubai"),
        )
        .await
        .expect("created");
    client
        .addresses()
        .update("7", &Record::new().with("city", "Abu Dhabi"))
        .await
        .expect("updated");
    client
        .numbers()
        .create(&Record::new().with("number", "00971501234567"))
        .await
        .expect("created");
    client
        .social_accounts()
        .create(
            &Record::new()
                .with("type", "twitter")
                .with("handle", "@layla"),
        )
        .await
        .expect("created");
    client
        .social_accounts()
        .update("3", &Record::new().with("handle", "@layla_h"))
        .await
        .expect("updated");
    for (entity, id) in [
        (Entity::Address, "7"),
        (Entity::Number, "9"),
        (Entity::SocialAccount, "3"),
    ] {
        client
            .profiles()
            .link("55", entity, id)
            .await
            .expect("linked");
        client
            .profiles()
            .unlink("55", entity, id)
            .await
            .expect("unlinked");
    }
    client.addresses().delete("7").await.expect("deleted");
    client.numbers().delete("9").await.expect("deleted");
    client.social_accounts().delete("3").await.expect("deleted");
    client.profiles().delete("55").await.expect("deleted");
    for mock in &mocks {
        mock.assert_calls_async(1).await;
    }
}

#[tokio::test]
async fn the_assumed_prefix_can_be_overridden_and_search_is_typed() {
    let server = MockServer::start_async().await;
    let moved = server
        .mock_async(|when, then| {
            when.method(POST)
                .path("/v2/cdb/profiles")
                .body("firstName=Omar");
            then.status(200)
                .body(r#"{"result": true, "content": {"id": 1}, "info": {}}"#);
        })
        .await;
    let search = server
        .mock_async(|when, then| {
            when.method(GET)
                .path("/agent/crm/customers")
                .is_true(|req: &HttpMockRequest| {
                    req.uri().query() == Some("limit=20&skip=40&order=%7EcreatedAt&phone=00971501234567&q=layla&dataset=vip")
                })
                .header("access_token", TOKEN);
            then.status(200).body(
                std::fs::read_to_string(format!(
                    "{}/../../fixtures/ziwo-crm/customers/search.response.json",
                    env!("CARGO_MANIFEST_DIR")
                ))
                .expect("the fixture"),
            );
        })
        .await;
    let client = client(&server)
        .with_paths(CrmPaths::new().prefix("/v2/cdb/"))
        .expect("valid paths");
    client
        .profiles()
        .create(&Record::new().with("firstName", "Omar"))
        .await
        .expect("created");
    let found = client
        .customers()
        .search(
            &CustomerSearch::new()
                .phone("00971501234567")
                .text("layla")
                .dataset("vip")
                .options(
                    ListOptions::new()
                        .limit(20)
                        .skip(40)
                        .order_by_descending("createdAt"),
                ),
        )
        .await
        .expect("customers");
    assert_eq!(found.total, Some(1));
    assert_eq!(found.items[0].id().as_deref(), Some("101"));
    assert_eq!(
        found.items[0]
            .get("profile")
            .and_then(|p| p.get("firstName")),
        Some(&serde_json::json!("Layla"))
    );
    moved.assert_calls_async(1).await;
    search.assert_calls_async(1).await;
}

#[tokio::test]
async fn bad_input_is_refused_before_sending() {
    let server = MockServer::start_async().await;
    let mock = server
        .mock_async(|_, then| {
            then.status(200).body(OK_EMPTY);
        })
        .await;
    let client = client(&server);
    assert!(matches!(
        client.profiles().create(&Record::new()).await,
        Err(Error::InvalidInput { .. })
    ));
    assert!(matches!(
        client.profiles().delete("").await,
        Err(Error::InvalidInput { .. })
    ));
    assert!(matches!(
        client.profiles().link("55", Entity::Number, "..").await,
        Err(Error::InvalidInput { .. })
    ));
    let limit = CustomerSearch::new().options(ListOptions::new().limit(501));
    assert!(matches!(
        client.customers().search(&limit).await,
        Err(Error::InvalidInput { .. })
    ));
    assert!(client
        .clone()
        .with_paths(CrmPaths::new().prefix("no-slash"))
        .is_err());
    mock.assert_calls_async(0).await;
}

#[tokio::test]
async fn customer_search_takes_limits_above_the_admin_lists_fifty() {
    let server = MockServer::start_async().await;
    let search = server
        .mock_async(|when, then| {
            when.method(GET)
                .path("/agent/crm/customers")
                .is_true(|req: &HttpMockRequest| req.uri().query() == Some("limit=500&q=layla"))
                .header("access_token", TOKEN);
            then.status(200)
                .body(r#"{"result": true, "content": [], "info": {"total": 0}}"#);
        })
        .await;
    let page = client(&server)
        .customers()
        .search(
            &CustomerSearch::new()
                .text("layla")
                .options(ListOptions::new().limit(500)),
        )
        .await
        .expect("searched");
    assert_eq!(page.total, Some(0));
    search.assert_calls_async(1).await;
}
