//! `ccapi api <api> <METHOD> <PATH>`: any request, with the credentials, envelope, retries,
//! redaction and exit codes of an API's crate, for the endpoints no operation covers yet.

use ccapi_transport::{Form, Method, Operation, Query, Transport};
use clap::ArgMatches;

use crate::invocation::{Failure, Outcome};

/// Runs `ccapi api …`.
pub async fn run(matches: &ArgMatches, api_matches: &ArgMatches) -> Result<(), Failure> {
    let text = |name: &str| {
        api_matches
            .get_one::<String>(name)
            .map(String::as_str)
            .unwrap_or_default()
    };
    let pairs = |name: &str| -> Result<Vec<(String, String)>, Failure> {
        api_matches
            .get_many::<String>(name)
            .into_iter()
            .flatten()
            .map(|pair| {
                pair.split_once('=')
                    .filter(|(key, _)| !key.is_empty())
                    .map(|(key, value)| (key.to_owned(), value.to_owned()))
                    .ok_or_else(|| {
                        Failure::Usage(format!("--{name} `{pair}`: expected name=value"))
                    })
            })
            .collect()
    };
    let method: Method = text("method")
        .to_ascii_uppercase()
        .parse()
        .map_err(|_| Failure::Usage(format!("`{}` is not an HTTP method", text("method"))))?;
    let path = text("path");
    if !path.starts_with('/') || path.contains(['{', '}', '?', '#']) {
        return Err(Failure::Usage(format!(
            "`{path}`: a path starting with /, without a query (use --query) or braces"
        )));
    }
    let mut query = Query::new();
    for (name, value) in pairs("query")? {
        query.push(name, value);
    }
    let mut operation = Operation::new(method, path.to_owned()).query(query);
    let form = pairs("form")?;
    if !form.is_empty() {
        let mut body = Form::new();
        for (name, value) in form {
            body = body.field(name, value);
        }
        operation = operation.form(&body);
    } else if let Some(body) = api_matches.get_one::<String>("body") {
        let text = crate::read_body(matches, body)?;
        let json: serde_json::Value = serde_json::from_str(&text)
            .map_err(|err| Failure::Usage(format!("--body is not JSON: {err}")))?;
        operation = operation.json(&json);
    }
    let sandbox = crate::start_sandbox(matches).await?;
    let env = crate::env(matches, sandbox.as_ref())?;
    let transport: Transport = env.transport(text("api"))?;
    // Text first: an answer may be JSON, bare text or nothing at all.
    let answer = transport.execute_text(operation).await?;
    let outcome = if answer.trim().is_empty() {
        Outcome::Nothing
    } else {
        match serde_json::from_str(&answer) {
            Ok(value) => Outcome::Value(value),
            Err(_) => Outcome::Text(answer),
        }
    };
    crate::print_outcome(matches, outcome)?;
    drop(sandbox);
    Ok(())
}
