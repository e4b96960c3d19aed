//! The web service a Ziwo call tracker calls, behind a small hyper server: `POST /start`
//! answers routing rules for the number dialled, `POST /end` receives the CDR. Both check the
//! `X-API-Key` header in constant time.
//!
//! ```sh
//! WEBHOOK_KEY=some-random-uuid cargo run -p ziwo-admin --example call_tracker_webhooks
//! curl -s -H 'X-API-Key: some-random-uuid' -d didCalled=061234567 http://127.0.0.1:7000/start
//! curl -s -H 'X-API-Key: some-random-uuid' -H 'content-type: application/json' \
//!      -d @fixtures/ziwo-admin/webhooks/end-call.request.json http://127.0.0.1:7000/end
//! ```
//!
//! Point the call tracker's `startRequestURL` / `endRequestURL` at this service, with the same
//! key as `startRequestAPIKey` / `endRequestAPIKey`.

use std::convert::Infallible;
use std::sync::Arc;

use ccapi_transport::SecretString;
use http_body_util::{BodyExt, Full};
use hyper::body::{Bytes, Incoming};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Method, Request, Response, StatusCode};
use hyper_util::rt::TokioIo;
use ziwo_admin::models::{Rule, StartCallAnswer};
use ziwo_admin::webhooks::{self, api_key_matches, StartCall, API_KEY_HEADER};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let key: Arc<SecretString> = Arc::new(
        std::env::var("WEBHOOK_KEY")
            .unwrap_or_else(|_| "some-random-uuid".into())
            .into(),
    );
    let address = std::env::var("WEBHOOK_ADDRESS").unwrap_or_else(|_| "127.0.0.1:7000".into());
    let listener = tokio::net::TcpListener::bind(&address).await?;
    println!("call tracker webhooks on http://{address} (/start, /end)");
    loop {
        let (stream, _) = listener.accept().await?;
        let key = key.clone();
        tokio::spawn(async move {
            let service = service_fn(move |request| handle(request, key.clone()));
            if let Err(err) = http1::Builder::new()
                .serve_connection(TokioIo::new(stream), service)
                .await
            {
                eprintln!("connection error: {err}");
            }
        });
    }
}

async fn handle(
    request: Request<Incoming>,
    key: Arc<SecretString>,
) -> Result<Response<Full<Bytes>>, Infallible> {
    let header = request
        .headers()
        .get(API_KEY_HEADER)
        .and_then(|value| value.to_str().ok())
        .map(str::to_owned);
    if !api_key_matches(header.as_deref(), &key) {
        return Ok(reply(
            StatusCode::UNAUTHORIZED,
            r#"{"result": false, "message": "bad key"}"#.into(),
        ));
    }
    let route = (request.method().clone(), request.uri().path().to_owned());
    let content_type = request
        .headers()
        .get(hyper::header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .map(str::to_owned);
    let body = match request.into_body().collect().await {
        Ok(body) => body.to_bytes(),
        Err(_) => return Ok(reply(StatusCode::BAD_REQUEST, String::new())),
    };
    Ok(match (route.0, route.1.as_str()) {
        (Method::POST, "/start") => match StartCall::from_body(content_type.as_deref(), &body) {
            Ok(start) => {
                // Your routing logic: here, one number for 10 seconds.
                let answer = StartCallAnswer::new(
                    start.did_called.clone(),
                    vec![Rule::new("call", "0505874603", start.did_called, 10)],
                );
                reply(StatusCode::OK, webhooks::answer_body(&answer))
            }
            Err(err) => reply(
                StatusCode::BAD_REQUEST,
                format!(r#"{{"result": false, "message": "{err}"}}"#),
            ),
        },
        (Method::POST, "/end") => match webhooks::end_call(&body) {
            Ok(cdr) => {
                println!(
                    "call {} ended: {:?}, {} s",
                    cdr.call_id.as_deref().unwrap_or("?"),
                    cdr.disposition,
                    cdr.duration.unwrap_or(0)
                );
                reply(StatusCode::OK, r#"{"result": true, "content": {}}"#.into())
            }
            Err(err) => reply(
                StatusCode::BAD_REQUEST,
                format!(r#"{{"result": false, "message": "{err}"}}"#),
            ),
        },
        _ => reply(StatusCode::NOT_FOUND, String::new()),
    })
}

fn reply(status: StatusCode, body: String) -> Response<Full<Bytes>> {
    let mut response = Response::new(Full::new(Bytes::from(body)));
    *response.status_mut() = status;
    response.headers_mut().insert(
        "content-type",
        hyper::header::HeaderValue::from_static("application/json"),
    );
    response
}
