//! The commands derived from operation rows: the command of a row that no hand-written command
//! covers ([`OpSpec::derived`](crate::spec::OpSpec::derived)), so a new row in a crate's
//! operation table is a command at once, with the crate's credentials, envelope, retries and
//! exit codes; and the typed commands of plain rows ([`OpSpec::typed`](crate::spec::OpSpec::typed),
//! [`OpSpec::empty`](crate::spec::OpSpec::empty)): path parameters in, the crate's model out.

use ccapi_transport::endpoint::BodyKind;
use ccapi_transport::{Form, Operation, Query, Transport};
use futures::future::BoxFuture;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

use crate::invocation::{one, Call, Failure, Outcome};

/// Runs a derived command.
pub fn run(call: Call) -> BoxFuture<'static, Result<Outcome, Failure>> {
    Box::pin(async move {
        let (transport, operation) = request(&call)?;
        // Text first: an answer may be JSON, bare text or nothing at all.
        let answer = transport.execute_text(operation).await?;
        Ok(if answer.trim().is_empty() {
            Outcome::Nothing
        } else {
            match serde_json::from_str(&answer) {
                Ok(value) => Outcome::Value(value),
                Err(_) => Outcome::Text(answer),
            }
        })
    })
}

/// Runs a typed command: the row's request, its answer decoded as the crate's model `T`.
pub fn typed<T>(call: Call) -> BoxFuture<'static, Result<Outcome, Failure>>
where
    T: DeserializeOwned + Serialize + Send + 'static,
{
    Box::pin(async move {
        let (transport, operation) = request(&call)?;
        one(transport.execute::<T>(operation).await?)
    })
}

/// Runs a command whose answer is empty (a `DELETE`).
pub fn empty(call: Call) -> BoxFuture<'static, Result<Outcome, Failure>> {
    Box::pin(async move {
        let (transport, operation) = request(&call)?;
        transport.execute_empty(operation).await?;
        Ok(Outcome::Nothing)
    })
}

/// The transport of the call's API and the request of its row: path parameters, `--query`
/// pairs, the row's fixed query, and `--body` as the row encodes it.
fn request(call: &Call) -> Result<(Transport, Operation), Failure> {
    let (api, Some(row)) = call.operation else {
        return Err(Failure::Broken("a derived command without its row".into()));
    };
    let mut operation = row.request();
    for (name, value) in row.path_params().into_iter().zip(&call.params) {
        operation = operation.path_param(name, value);
    }
    let mut query = Query::new();
    for pair in call.options.get("query").into_iter().flatten() {
        let (name, value) = pair
            .split_once('=')
            .filter(|(name, _)| !name.is_empty())
            .ok_or_else(|| Failure::Usage(format!("--query `{pair}`: expected name=value")))?;
        query.push(name.to_owned(), value);
    }
    for (name, value) in row.fixed_query {
        query.push(*name, value);
    }
    operation = operation.query(query);
    match (&call.body, row.body) {
        (Some(text), kind) => {
            let body: Value = serde_json::from_str(text)
                .map_err(|err| Failure::Usage(format!("--body is not JSON: {err}")))?;
            operation = match kind {
                BodyKind::Json => operation.json(&body),
                BodyKind::Form => operation.form(&form(&body)?),
                _ => return Err(Failure::Usage(format!("{} sends no body", row.id))),
            };
        }
        // A form row without members still sends its (empty) form, as the typed methods
        // do: Ziwo's `PUT …/block` expects one.
        (None, BodyKind::Form) => operation = operation.form(&Form::new()),
        (None, _) => {}
    }
    Ok((call.env.transport(api)?, operation))
}

/// A form from a JSON object of strings and numbers: a boolean or a nested value has no
/// encoding every provider shares, so it is refused rather than guessed.
fn form(body: &Value) -> Result<Form, Failure> {
    let Value::Object(members) = body else {
        return Err(Failure::Usage(
            "--body: a form is a JSON object of strings and numbers".into(),
        ));
    };
    let mut form = Form::new();
    for (name, value) in members {
        form = match value {
            Value::String(text) => form.field(name.as_str(), text),
            Value::Number(number) => form.field(name.as_str(), number),
            _ => {
                return Err(Failure::Usage(format!(
                    "--body `{name}`: write booleans and nested values as the provider's form \
                     text (`1`, `true`, `chat[available]`)"
                )))
            }
        };
    }
    Ok(form)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_form_takes_strings_and_numbers_and_refuses_the_rest() {
        let encoded = form(&serde_json::json!({"name": "Sales", "timeout": 30}))
            .expect("a form")
            .encode();
        assert_eq!(encoded, "name=Sales&timeout=30");
        for refused in [
            serde_json::json!({"active": true}),
            serde_json::json!({"nested": {"a": 1}}),
            serde_json::json!(["not", "an", "object"]),
        ] {
            assert!(
                matches!(form(&refused), Err(Failure::Usage(_))),
                "{refused}"
            );
        }
    }
}

#[cfg(test)]
mod wire {
    use std::collections::HashMap;

    use ccapi_sandbox::credentials as sandbox;
    use httpmock::prelude::*;

    use super::*;
    use crate::clients::{Env, SandboxUrls};
    use crate::spec::OpSpec;

    /// A call of `spec` against `server` standing where the sandbox would be (so the sandbox's
    /// credentials are used), with `params`, `--query` pairs and `--body`.
    fn call(
        server: &MockServer,
        spec: &OpSpec,
        params: &[&str],
        query: &[&str],
        body: Option<&str>,
    ) -> Call {
        let mut options = HashMap::new();
        if !query.is_empty() {
            options.insert(
                "query".to_owned(),
                query.iter().map(|q| (*q).to_owned()).collect(),
            );
        }
        Call {
            params: params.iter().map(|p| (*p).to_owned()).collect(),
            options,
            body: body.map(str::to_owned),
            all: false,
            out: None,
            progress: false,
            style: crate::output::Style {
                table: false,
                ndjson: false,
                show_secrets: false,
                page_info: false,
            },
            env: Env {
                base_url: None,
                sandbox: Some(SandboxUrls::at(&server.base_url())),
                ..Env::default()
            },
            operation: (spec.api, spec.row),
        }
    }

    fn derived(api: &'static str, row: &'static ccapi_transport::Endpoint) -> OpSpec {
        let mut spec = OpSpec::derived(api, row);
        spec.row = Some(row);
        spec
    }

    #[tokio::test]
    async fn a_derived_get_sends_its_row_with_the_path_the_query_and_the_key() {
        let server = MockServer::start_async().await;
        let mock = server
            .mock_async(|when, then| {
                when.method(GET)
                    .path("/iadvize/api/2/conversation.json-unicode/42")
                    // The caller's pairs, then the row's fixed ones, in this order.
                    .is_true(|req: &httpmock::HttpMockRequest| {
                        req.uri().query() == Some("full=1&formatHistory=0")
                    })
                    .header("X-API-Key", sandbox::IADVIZE_API_KEY);
                then.status(200).json_body(serde_json::json!({
                    "meta": {"status": "success"}, "data": {"id": 42, "new": true}
                }));
            })
            .await;
        let spec = derived("iadvize-rest", &iadvize_rest::operations::CONVERSATION_GET);
        assert_eq!(
            spec.about,
            "GET /conversation.json-unicode/{id} (derived from the operation's row)"
        );
        assert!(!spec.body);
        let outcome = (spec.run)(call(&server, &spec, &["42"], &["full=1"], None))
            .await
            .expect("answered");
        assert!(
            matches!(&outcome, Outcome::Value(value) if *value == serde_json::json!({"id": 42, "new": true})),
            "{outcome:?}"
        );
        mock.assert_calls_async(1).await;
    }

    #[tokio::test]
    async fn a_derived_write_sends_its_body_as_the_row_says() {
        let server = MockServer::start_async().await;
        let mock = server
            .mock_async(|when, then| {
                when.method(PUT)
                    .path("/ziwo/integrations/crm/profiles/p-1")
                    .header("content-type", "application/x-www-form-urlencoded")
                    .body("firstName=Layla&age=30");
                then.status(200)
                    .json_body(serde_json::json!({"result": true, "content": {"id": "p-1"}}));
            })
            .await;
        server
            .mock_async(|when, then| {
                when.method(POST).path("/ziwo/auth/login");
                then.status(200).json_body(serde_json::json!({
                    "result": true, "content": {"access_token": "t"}
                }));
            })
            .await;
        let spec = derived("ziwo-crm", &ziwo_crm::operations::PROFILES_UPDATE);
        assert!(spec.body);
        let body = r#"{"firstName": "Layla", "age": 30}"#;
        let outcome = (spec.run)(call(&server, &spec, &["p-1"], &[], Some(body)))
            .await
            .expect("answered");
        assert!(
            matches!(&outcome, Outcome::Value(value) if *value == serde_json::json!({"id": "p-1"})),
            "{outcome:?}"
        );
        mock.assert_calls_async(1).await;

        let refused = (spec.run)(call(&server, &spec, &["p-1"], &["bad"], None)).await;
        assert!(matches!(refused, Err(Failure::Usage(_))));
        mock.assert_calls_async(1).await;

        // Without --body, a form row still sends its empty form.
        let blocked = server
            .mock_async(|when, then| {
                when.method(PUT)
                    .path("/ziwo/admin/callTrackers/ct-1/block")
                    .header("content-type", "application/x-www-form-urlencoded")
                    .body("");
                then.status(200)
                    .json_body(serde_json::json!({"result": true, "content": {}}));
            })
            .await;
        let block = derived("ziwo-admin", &ziwo_admin::operations::CALLTRACKERS_BLOCK);
        (block.run)(call(&server, &block, &["ct-1"], &[], None))
            .await
            .expect("blocked");
        blocked.assert_calls_async(1).await;
    }

    #[tokio::test]
    async fn a_typed_command_sends_its_row_and_prints_the_crates_model() {
        use agendize_calls::models::CallTracking;
        use agendize_calls::operations::{CALLTRACKINGS_DELETE, CALLTRACKINGS_GET};

        let fixture =
            include_str!("../../../fixtures/agendize-calls/calltrackings/get.response.json");
        let server = MockServer::start_async().await;
        let get = server
            .mock_async(|when, then| {
                when.method(GET)
                    .path("/agendize/api/2.0/calls/calltrackings/ct-8c41f2")
                    .is_true(|req: &httpmock::HttpMockRequest| req.uri().query().is_none())
                    .header("apiKey", sandbox::AGENDIZE_API_KEY)
                    .header("token", sandbox::AGENDIZE_TOKEN);
                then.status(200).body(fixture);
            })
            .await;
        let spec = OpSpec::typed::<CallTracking>(
            "agendize-calls",
            &CALLTRACKINGS_GET,
            "Get a call tracking number",
        );
        assert_eq!((spec.resource, spec.action), ("calltrackings", "get"));
        let spec = OpSpec {
            row: Some(&CALLTRACKINGS_GET),
            ..spec
        };
        let outcome = (spec.run)(call(&server, &spec, &["ct-8c41f2"], &[], None))
            .await
            .expect("answered");
        let decoded: CallTracking = serde_json::from_str(fixture).expect("the fixture decodes");
        assert_eq!(decoded.id, "ct-8c41f2");
        assert!(
            matches!(&outcome, Outcome::Value(value) if *value == serde_json::to_value(&decoded).expect("encodes")),
            "{outcome:?}"
        );
        get.assert_calls_async(1).await;

        let delete = server
            .mock_async(|when, then| {
                when.method(DELETE)
                    .path("/agendize/api/2.0/calls/calltrackings/ct-8c41f2")
                    .header("apiKey", sandbox::AGENDIZE_API_KEY);
                then.status(204);
            })
            .await;
        let spec = OpSpec {
            row: Some(&CALLTRACKINGS_DELETE),
            ..OpSpec::empty("agendize-calls", &CALLTRACKINGS_DELETE, "Delete")
        };
        let outcome = (spec.run)(call(&server, &spec, &["ct-8c41f2"], &[], None))
            .await
            .expect("answered");
        assert!(matches!(outcome, Outcome::Nothing), "{outcome:?}");
        delete.assert_calls_async(1).await;
    }
}
