//! The routes of Ziwo's official clients, on the wire (`ASWATFZLLC/ziwo-core-front`,
//! `ASWATFZLLC/android-ziwo-sdk`): click to call with the agent's token, the agent's own
//! session routes, the login with the Android SDK's extras, and an idle current call.

use ccapi_transport::{ExposeSecret, RetryPolicy};
use chrono::NaiveDate;
use httpmock::prelude::*;
use httpmock::HttpMockRequest;
use serde_json::json;
use ziwo_cti::session::{AgentCallQuery, CallDirection};
use ziwo_cti::{Client, ClientConfig, Credentials, Error};

const TOKEN: &str = "agent-session-token";

fn client_with(server: &MockServer, credentials: Credentials) -> Client {
    let config = ClientConfig::new(&server.base_url(), "ziwo-cti-tests")
        .expect("a valid base URL")
        .retry(RetryPolicy::disabled());
    Client::with_config(config, credentials).expect("a client")
}

fn agent(server: &MockServer) -> Client {
    client_with(server, Credentials::AccessToken(TOKEN.into()))
}

fn fixture(path: &str) -> String {
    let full = format!("{}/../../fixtures/{path}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&full).unwrap_or_else(|err| panic!("{full}: {err}"))
}

fn raw(path: &'static str, query: Option<&'static str>) -> impl Fn(&HttpMockRequest) -> bool {
    move |req: &HttpMockRequest| req.uri().path() == path && req.uri().query() == query
}

#[tokio::test]
async fn click_to_call_posts_roaming_only_with_the_agents_token() {
    let server = MockServer::start_async().await;
    let mock = server
        .mock_async(|when, then| {
            when.method(POST)
                .is_true(raw("/integrations/cti/agents/call/%2B971501234567", None))
                .header("access_token", TOKEN)
                .header("content-type", "application/json")
                .json_body(json!({"roamingOnly": true}));
            then.status(200)
                .body(fixture("ziwo-cti/session/click_to_call.response.json"));
        })
        .await;
    let call = agent(&server)
        .session()
        .click_to_call("+971501234567", true)
        .await
        .expect("a call");
    assert_eq!(call.call_id, "c2c-4f1e9a7b-2d3c-4b5a-8e9f-0a1b2c3d4e5f");
    mock.assert_calls_async(1).await;
    // Not an international number: refused before sending.
    assert!(matches!(
        agent(&server).session().click_to_call("0501", false).await,
        Err(Error::InvalidInput { .. })
    ));
    mock.assert_calls_async(1).await;
}

#[tokio::test]
async fn the_agent_session_routes_send_what_the_official_clients_send() {
    let server = MockServer::start_async().await;
    let ok = r#"{"result": true, "content": {}, "info": {}}"#;
    let mut puts = Vec::new();
    for path in ["/agents/autologin", "/agents/logout", "/agents/autologout"] {
        puts.push(
            server
                .mock_async(|when, then| {
                    when.method(PUT)
                        .is_true(raw(path, None))
                        .header("access_token", TOKEN)
                        .json_body(json!({}));
                    then.status(200).body(ok);
                })
                .await,
        );
    }
    let status = server
        .mock_async(|when, then| {
            when.method(PUT)
                .is_true(raw("/agents/status", None))
                .header("access_token", TOKEN)
                .header("content-type", "application/x-www-form-urlencoded")
                .body("number=7");
            then.status(200).body(ok);
        })
        .await;
    let profile = server
        .mock_async(|when, then| {
            when.method(GET)
                .is_true(raw("/profile", None))
                .header("access_token", TOKEN);
            then.status(200)
                // The web client's `ccPassword` is a number; the fixture holds a marker there.
                .body(fixture("ziwo-core/auth/login.response.web.json").replace(
                    r#""ccPassword": "<redacted:secret>""#,
                    r#""ccPassword": 77312"#,
                ));
        })
        .await;
    let lists = server
        .mock_async(|when, then| {
            when.method(GET)
                .is_true(|req: &HttpMockRequest| {
                    [
                        "/agents/channels/calls/listQueues",
                        "/agents/channels/calls/listNumbers",
                    ]
                    .contains(&req.uri().path())
                        && req.uri().query().is_none()
                })
                .header("access_token", TOKEN);
            then.status(200)
                .body(r#"{"result": true, "content": [{"id": 3, "name": "Support"}], "info": {}}"#);
        })
        .await;
    let calls = server
        .mock_async(|when, then| {
            when.method(GET)
                .is_true(raw(
                    "/agents/channels/calls/",
                    Some("skip=10&limit=5&directions%5B%5D=inbound&directions%5B%5D=outbound&abandoned=false&fromDate=2024-05-01&toDate=2024-05-31"),
                ))
                .header("access_token", TOKEN);
            then.status(200).body(
                r#"{"result": true, "content": [{"id": 5196, "audioQuality": 92}], "info": {"totalRecords": 11}}"#,
            );
        })
        .await;

    let session = agent(&server).session();
    session.autologin().await.expect("autologin");
    session.logout().await.expect("logout");
    session.autologout().await.expect("autologout");
    session.set_status(7).await.expect("a configured status id");
    let me = session.profile().await.expect("the profile");
    assert_eq!(me.role_id, Some(3));
    assert_eq!(
        me.cc_password
            .as_ref()
            .map(|p| p.secret().expose_secret().to_owned()),
        Some("77312".to_owned()),
        "a numeric ccPassword decodes"
    );
    assert!(!format!("{me:?}").contains("77312"), "and never prints");
    assert_eq!(
        session.queues().await.expect("queues")[0].id().as_deref(),
        Some("3")
    );
    assert_eq!(session.numbers().await.expect("numbers").len(), 1);
    let page = session
        .calls(
            &AgentCallQuery::new()
                .skip(10)
                .limit(5)
                .direction(CallDirection::Inbound)
                .direction(CallDirection::Outbound)
                .abandoned(false)
                .from_date(NaiveDate::from_ymd_opt(2024, 5, 1).expect("a day"))
                .to_date(NaiveDate::from_ymd_opt(2024, 5, 31).expect("a day")),
        )
        .await
        .expect("the agent's calls");
    assert_eq!(page.total, Some(11));
    assert_eq!(page.items[0].get("audioQuality"), Some(&json!(92)));
    for mock in &puts {
        mock.assert_calls_async(1).await;
    }
    status.assert_calls_async(1).await;
    profile.assert_calls_async(1).await;
    lists.assert_calls_async(2).await;
    calls.assert_calls_async(1).await;
}

#[tokio::test]
async fn a_login_sends_the_android_sdks_extras_and_keeps_every_member() {
    let server = MockServer::start_async().await;
    let login = server
        .mock_async(|when, then| {
            when.method(POST)
                .is_true(raw("/auth/login", Some("callCenter=acme")))
                .json_body(json!({
                    "username": "omar@acme.com",
                    "password": "pw",
                    "vertoSessionId": "verto-1"
                }));
            // The fixture holds markers where the SDK's answer has credentials: this test's own.
            then.status(200).body(
                fixture("ziwo-core/auth/login.response.android.json")
                    .replacen(
                        "<redacted:secret>",
                        "c3f0a1e2-77aa-4b1c-9d0e-5f6a7b8c9d0e",
                        1,
                    )
                    .replacen("<redacted:secret>", "90817", 1),
            );
        })
        .await;
    let client = client_with(&server, Credentials::login("omar@acme.com", "pw".into()));
    let user = client
        .connection()
        .login_with(
            &ziwo_cti::LoginOptions::new()
                .verto_session_id("verto-1")
                .call_center("acme"),
        )
        .await
        .expect("logged in");
    assert_eq!(user.wrap_up_time, Some(10));
    assert_eq!(user.auto_answer, Some(false));
    assert_eq!(user.cc_login.as_ref().map(|l| l.as_str()), Some("5556"));
    assert_eq!(
        user.cc_password
            .as_ref()
            .map(|p| p.secret().expose_secret().to_owned()),
        Some("90817".to_owned())
    );
    let shown = format!("{user:?}");
    assert!(
        !shown.contains("90817") && !shown.contains("c3f0a1e2"),
        "{shown}"
    );
    login.assert_calls_async(1).await;
}

#[tokio::test]
async fn an_idle_agent_has_no_call_whatever_form_idle_takes() {
    for content in [
        json!(null),
        json!({}),
        json!([]),
        json!({"queueInfo": null}),
        json!({"queueInfo": {}}),
        json!({"queueInfo": []}),
    ] {
        let server = MockServer::start_async().await;
        server
            .mock_async(|when, then| {
                when.method(GET).path("/integrations/cti/agents/5555/call");
                then.status(200)
                    .json_body(json!({"result": true, "content": content, "info": {}}));
            })
            .await;
        let call = client_with(&server, Credentials::ApiKey("key".into()))
            .agent("5555")
            .current_call()
            .await
            .unwrap_or_else(|err| panic!("{content}: {err}"));
        assert!(call.queue_info.is_none(), "{content}");
    }
    let server = MockServer::start_async().await;
    server
        .mock_async(|when, then| {
            when.method(GET).path("/integrations/cti/agents/5555/call");
            then.status(200)
                .body(fixture("ziwo-cti/agents/current_call.response.full.json"));
        })
        .await;
    let call = client_with(&server, Credentials::ApiKey("key".into()))
        .agent("5555")
        .current_call()
        .await
        .expect("a call")
        .queue_info
        .expect("on a call");
    assert_eq!(
        call.caller_id.as_ref().map(|c| c.as_str()),
        Some("+971501234567")
    );
    assert_eq!(call.callee_id.as_ref().map(|c| c.as_str()), Some("5555"));
    assert_eq!(
        call.did_called.as_ref().map(|c| c.as_str()),
        Some("061234567")
    );
}

/// The agent app's sign-in routes of the official clients: the WebRTC settings, the team's
/// agents, the countries, the device token, the profile change and the call-center ping.
#[tokio::test]
async fn the_sign_in_routes_send_what_the_official_clients_send_and_decode_what_they_read() {
    let server = MockServer::start_async().await;
    let config = server
        .mock_async(|when, then| {
            when.method(GET)
                .is_true(raw("/fs/webrtc/config", None))
                .header("access_token", TOKEN);
            then.status(200)
                .body(fixture("ziwo-cti/session/webrtc_config.response.json"));
        })
        .await;
    let agents = server
        .mock_async(|when, then| {
            when.method(GET)
                .is_true(raw("/agent/agents", Some("skip=20")))
                .header("access_token", TOKEN);
            then.status(200)
                .body(fixture("ziwo-cti/session/agents.response.json"));
        })
        .await;
    let countries = server
        .mock_async(|when, then| {
            when.method(GET)
                .is_true(raw("/static/countries", None))
                .header("access_token", TOKEN);
            then.status(200)
                .body(fixture("ziwo-cti/static/countries.response.json"));
        })
        .await;
    let device = server
        .mock_async(|when, then| {
            when.method(PUT)
                .is_true(raw("/auth/device", Some("deviceToken=fcm%3Atoken-1")))
                .header("access_token", TOKEN)
                .is_true(|req: &HttpMockRequest| req.body().is_empty());
            then.status(200)
                .body(r#"{"result": true, "content": {}, "info": {}}"#);
        })
        .await;
    let update = server
        .mock_async(|when, then| {
            when.method(PUT)
                .is_true(raw("/agents", None))
                .header("access_token", TOKEN)
                .header("content-type", "application/json")
                .json_body(json!({"lastName": "Agent", "languageCode": "ar"}));
            then.status(200)
                .body(r#"{"result": true, "content": {"lastName": "Agent"}, "info": {}}"#);
        })
        .await;
    let session = agent(&server).session();

    let settings = session.webrtc_config().await.expect("the settings");
    let socket = settings.web_socket.expect("a web socket");
    assert_eq!(
        (socket.protocol.as_deref(), socket.port),
        (Some("wss"), Some(8082))
    );
    let team = session.agents(20).await.expect("the agents");
    assert_eq!(team.len(), 2);
    assert_eq!(team[0].id, Some(7));
    assert_eq!(
        team[0].cc_login.as_ref().map(|login| login.as_str()),
        Some("1001")
    );
    let live = team[0].live_info.as_ref().expect("a live state");
    assert_eq!(live.state.as_deref(), Some("available"));
    assert_eq!(
        live.status.as_ref().map(|status| status.as_str()),
        Some("1")
    );
    assert!(team[1].live_info.is_none());
    let known = session.countries().await.expect("the countries");
    assert_eq!(known[0].calling_code.as_deref(), Some("971"));
    let mobile = known[0]
        .sample
        .as_ref()
        .and_then(|sample| sample.numbers.as_ref())
        .and_then(|numbers| numbers.mobile.as_ref())
        .expect("a sample");
    assert_eq!(
        mobile.international_format.as_deref(),
        Some("+971 50 123 4567")
    );
    assert_eq!(known[1].calling_code, None);
    session
        .register_device("fcm:token-1")
        .await
        .expect("registered");
    let changes = ziwo_cti::models::AgentUpdate {
        last_name: Some("Agent".into()),
        language_code: Some("ar".into()),
        ..Default::default()
    };
    let answer = session.update(&changes).await.expect("updated");
    assert_eq!(answer, json!({"lastName": "Agent"}));
    for mock in [&config, &agents, &countries, &device, &update] {
        mock.assert_calls_async(1).await;
    }
    // Checked before anything is sent.
    assert!(matches!(
        session.register_device(" ").await,
        Err(Error::InvalidInput { .. })
    ));
    let password_alone = ziwo_cti::models::AgentUpdate {
        password: Some("new".to_owned().into()),
        ..Default::default()
    };
    assert!(matches!(
        session.update(&password_alone).await,
        Err(Error::InvalidInput { .. })
    ));
}

#[tokio::test]
async fn ping_checks_the_call_center_without_credentials() {
    let server = MockServer::start_async().await;
    let ping = server
        .mock_async(|when, then| {
            when.method(GET)
                .is_true(raw("/monitor/ping", Some("callCenter=acme")))
                .is_true(|req: &HttpMockRequest| {
                    req.headers().get("access_token").is_none()
                        && req.headers().get("api_key").is_none()
                });
            then.status(200)
                .body(r#"{"result": true, "content": {}, "info": {}}"#);
        })
        .await;
    let client = client_with(
        &server,
        Credentials::login("agent@example.com", "secret".into()),
    );
    client
        .ping(Some("acme"))
        .await
        .expect("the instance answers");
    ping.assert_calls_async(1).await;
}
