//! Every CTI operation on the wire: the path (with `agent-{ccLogin}`), the `api_key` header,
//! the form body, and the decoded answer.

use httpmock::prelude::*;
use serde_json::json;
use ziwo_cti::{AgentStatus, Client, ClientConfig, Credentials, Error};

const KEY: &str = "test-ziwo-api-key";
const FORM: &str = "application/x-www-form-urlencoded";

fn client(server: &MockServer) -> Client {
    let config = ClientConfig::new(&server.base_url(), "ziwo-cti-tests")
        .expect("a valid base URL")
        .retry(ccapi_transport::RetryPolicy::disabled());
    Client::with_config(config, Credentials::ApiKey(KEY.into())).expect("a client")
}

fn fixture(path: &str) -> String {
    let full = format!(
        "{}/../../fixtures/ziwo-cti/{path}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(&full).unwrap_or_else(|err| panic!("{full}: {err}"))
}

#[tokio::test]
async fn every_agent_operation_sends_its_form_with_the_api_key() {
    let server = MockServer::start_async().await;
    let ok = r#"{"result": true, "content": {"status": "done"}, "info": {}}"#;
    let mut mocks = Vec::new();
    for (method, path, body) in [
        (POST, "/integrations/cti/agents/5555/login/agent-5555", ""),
        (
            PUT,
            "/integrations/cti/agents/5555/status",
            "number=2&comment=lunch",
        ),
        (PUT, "/integrations/cti/agents/5555/status", "number=1"),
        (
            POST,
            "/integrations/cti/agents/5555/call",
            "number=00971501234567&comment=order+%2342",
        ),
        (
            POST,
            "/integrations/cti/agents/5555/ivr",
            "number=%2B971501234567&ivr=survey&comment=after+call",
        ),
        (POST, "/integrations/cti/agents/5555/logout", ""),
    ] {
        mocks.push(
            server
                .mock_async(|when, then| {
                    when.method(method)
                        .path(path)
                        .header("api_key", KEY)
                        .header_missing("access_token")
                        .header("content-type", FORM)
                        .body(body);
                    then.status(200).body(ok);
                })
                .await,
        );
    }
    let agent = client(&server).agent("5555");
    assert_eq!(
        agent.login().await.expect("logged in"),
        json!({"status": "done"})
    );
    agent
        .set_status(AgentStatus::OnBreak, Some("lunch"))
        .await
        .expect("on break");
    agent
        .set_status(AgentStatus::Available, None)
        .await
        .expect("available");
    agent
        .call("00971501234567", Some("order #42"))
        .await
        .expect("calling");
    agent
        .call_to_ivr("+971501234567", "survey", Some("after call"))
        .await
        .expect("IVR");
    agent.logout().await.expect("logged out");
    for mock in &mocks {
        mock.assert_calls_async(1).await;
    }
}

#[tokio::test]
async fn the_current_call_decodes_with_or_without_a_call() {
    let server = MockServer::start_async().await;
    let busy = server
        .mock_async(|when, then| {
            when.method(GET)
                .path("/integrations/cti/agents/5555/call")
                .header("api_key", KEY)
                .is_true(|req: &httpmock::HttpMockRequest| {
                    req.body().is_empty() && req.uri().query().is_none()
                });
            then.status(200)
                .body(fixture("agents/current_call.response.json"));
        })
        .await;
    let idle = server
        .mock_async(|when, then| {
            when.method(GET)
                .path("/integrations/cti/agents/6666/call")
                .header("api_key", KEY);
            then.status(200)
                .body(fixture("agents/current_call.response.idle.json"));
        })
        .await;
    let client = client(&server);
    let call = client
        .agent("5555")
        .current_call()
        .await
        .expect("a call")
        .queue_info
        .expect("on a call");
    assert_eq!(
        call.call_id.as_deref(),
        Some("8c3e2f1a-5b6d-4e7f-9a0b-1c2d3e4f5a6b")
    );
    assert_eq!(call.call_state.as_deref(), Some("active"));
    assert_eq!(call.direction.as_deref(), Some("inbound"));
    assert_eq!(
        client
            .agent("6666")
            .current_call()
            .await
            .expect("idle")
            .queue_info,
        None
    );
    busy.assert_calls_async(1).await;
    idle.assert_calls_async(1).await;
}

#[tokio::test]
async fn refusals_and_bad_numbers() {
    let server = MockServer::start_async().await;
    let refused = server
        .mock_async(|when, then| {
            when.path("/integrations/cti/agents/7777/login/agent-7777");
            then.status(200)
                .body(r#"{"result": false, "info": {"message": "Agent not found"}}"#);
        })
        .await;
    let client = client(&server);
    let error = client.agent("7777").login().await.expect_err("refused");
    assert_eq!(error.provider_message(), Some("Agent not found"));
    refused.assert_calls_async(1).await;
    for (number, ivr) in [
        ("0501234567", "x"),
        ("+97150abc", "x"),
        ("00971501234567", " "),
    ] {
        let error = if ivr == "x" {
            client.agent("7777").call(number, None).await
        } else {
            client.agent("7777").call_to_ivr(number, ivr, None).await
        }
        .expect_err("refused before sending");
        assert!(matches!(error, Error::InvalidInput { .. }), "{error:?}");
    }
    assert!(Client::new("evil.com/x", "k".into()).is_err());
}
