//! Every request the providers' own public clients send, replayed unchanged against the
//! sandbox, each answered as its client expects: the check on the sandbox that nobody here wrote
//! (its contract, examples and OpenAPI documents come from our own manifests).
//!
//! The requests are data, one file per client code base in `tests/official_clients/`, each
//! request citing the file and function that builds it (method, path, query in the order sent,
//! headers, body as encoded). Credentials are placeholders (`{ziwo_token}`: the token of the
//! client's last login). A request whose route no crate covers yet carries `uncovered = "why"`:
//! it is not replayed for its answer, but it must get an error in its provider's own shape (an
//! unknown route: the provider's not-found), which the client reads as an error.

use std::collections::BTreeMap;
use std::path::Path;

use ccapi_sandbox::{credentials, Options, Sandbox};
use serde::Deserialize;
use serde_json::Value;

/// One client code base and what it sends.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ClientFile {
    client: String,
    repo: String,
    commit: String,
    request: Vec<Sent>,
}

/// One request, as the client builds it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Sent {
    source: String,
    api: String,
    method: String,
    path: String,
    #[serde(default)]
    query: Vec<(String, String)>,
    #[serde(default)]
    headers: Vec<(String, String)>,
    body: Option<String>,
    expect_status: Vec<u16>,
    /// JSON pointers of the answer members the client reads.
    #[serde(default)]
    reads: Vec<String>,
    /// Members the client branches on, with the value it needs (`["/content/type", "agent"]`).
    #[serde(default)]
    equals: Vec<(String, String)>,
    /// Members whose presence the client reads as a failure (Agendize's Node module: `/error`).
    #[serde(default)]
    absent: Vec<String>,
    /// The client parses the answer as JSON, whatever members it reads (Ziwo's web client).
    #[serde(default)]
    json: bool,
    /// Why the route is not one of ours yet (the issue that adds it).
    uncovered: Option<String>,
    #[allow(dead_code)]
    note: Option<String>,
}

fn client_files() -> Vec<ClientFile> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/official_clients");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .expect("tests/official_clients")
        .map(|entry| entry.expect("an entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "toml"))
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|path| {
            let text = std::fs::read_to_string(path).expect("readable");
            toml::from_str(&text).unwrap_or_else(|err| panic!("{}: {err}", path.display()))
        })
        .collect()
}

/// The credentials a replay fills in, and the tokens it learns on the way.
struct Session {
    values: BTreeMap<&'static str, String>,
}

impl Session {
    async fn new(http: &reqwest::Client, sandbox: &Sandbox) -> Self {
        let mut values = BTreeMap::from([
            ("{ziwo_username}", credentials::ZIWO_USERNAME.to_owned()),
            (
                "{ziwo_agent_username}",
                credentials::ZIWO_AGENT_USERNAME.to_owned(),
            ),
            ("{ziwo_password}", credentials::ZIWO_PASSWORD.to_owned()),
            ("{ziwo_api_key}", credentials::ZIWO_API_KEY.to_owned()),
            ("{iadvize_api_key}", credentials::IADVIZE_API_KEY.to_owned()),
            (
                "{agendize_api_key}",
                credentials::AGENDIZE_API_KEY.to_owned(),
            ),
            ("{agendize_token}", credentials::AGENDIZE_TOKEN.to_owned()),
            ("{vbc_account_id}", credentials::VBC_ACCOUNT_ID.to_owned()),
        ]);
        let grant: Value = http
            .post(sandbox.vbc_token_url())
            .form(&credentials::VBC_PASSWORD_GRANT_FORM)
            .send()
            .await
            .expect("the token endpoint answers")
            .json()
            .await
            .expect("a token answer");
        let token = grant["access_token"].as_str().expect("an access token");
        values.insert("{vbc_token}", token.to_owned());
        Self { values }
    }

    fn fill(&self, text: &str) -> String {
        self.values
            .iter()
            .fold(text.to_owned(), |text, (name, value)| {
                text.replace(name, value)
            })
    }

    /// Keeps the token a login answered, for the client's next requests.
    fn learn(&mut self, sent: &Sent, answer: &Value) {
        if sent.api == "ziwo" && sent.path.starts_with("/auth/login") {
            if let Some(token) = answer
                .pointer("/content/access_token")
                .and_then(Value::as_str)
            {
                self.values.insert("{ziwo_token}", token.to_owned());
            }
        }
    }
}

fn base_url(sandbox: &Sandbox, api: &str) -> String {
    match api {
        "ziwo" => sandbox.ziwo_url(),
        "iadvize" => sandbox.iadvize_url(),
        "agendize" => sandbox.agendize_url(),
        "vbc" => sandbox.vbc_url(),
        other => panic!("no API `{other}`"),
    }
}

/// What one replayed request got.
struct Answer {
    status: u16,
    body: Value,
    text: String,
}

async fn send(http: &reqwest::Client, sandbox: &Sandbox, session: &Session, sent: &Sent) -> Answer {
    let mut url = format!(
        "{}{}",
        base_url(sandbox, &sent.api),
        session.fill(&sent.path)
    );
    if !sent.query.is_empty() {
        let mut query = url::form_urlencoded::Serializer::new(String::new());
        for (name, value) in &sent.query {
            query.append_pair(name, &session.fill(value));
        }
        url = format!("{url}?{}", query.finish());
    }
    let method = reqwest::Method::from_bytes(sent.method.as_bytes()).expect("a method");
    let mut request = http.request(method, url);
    for (name, value) in &sent.headers {
        request = request.header(name, session.fill(value));
    }
    if let Some(body) = &sent.body {
        request = request.body(session.fill(body));
    }
    let response = request.send().await.expect("the sandbox answers");
    let status = response.status().as_u16();
    let text = response.text().await.expect("a body");
    Answer {
        status,
        body: serde_json::from_str(&text).unwrap_or(Value::Null),
        text,
    }
}

/// What the client would not accept in `answer`, if anything.
fn unexpected(sent: &Sent, answer: &Answer) -> Option<String> {
    if !sent.expect_status.contains(&answer.status) {
        return Some(format!("status {}", answer.status));
    }
    if sent.json && serde_json::from_str::<Value>(&answer.text).is_err() {
        return Some("an answer that is not JSON".into());
    }
    let missing: Vec<&str> = sent
        .reads
        .iter()
        .filter(|pointer| answer.body.pointer(pointer).is_none())
        .map(String::as_str)
        .collect();
    if !missing.is_empty() {
        return Some(format!("no {}", missing.join(", ")));
    }
    if let Some(present) = sent
        .absent
        .iter()
        .find(|pointer| answer.body.pointer(pointer).is_some())
    {
        return Some(format!("{present} is there"));
    }
    sent.equals.iter().find_map(|(pointer, wanted)| {
        let got = answer.body.pointer(pointer);
        let matches =
            got.is_some_and(|got| got.as_str().map_or(got.to_string(), str::to_owned) == *wanted);
        (!matches).then(|| format!("{pointer} is {got:?}, not {wanted}"))
    })
}

/// An error in the provider's own shape, by API.
fn in_providers_error_shape(api: &str, answer: &Answer) -> bool {
    answer.status >= 400
        && match api {
            "ziwo" => answer.body["result"] == false,
            "iadvize" => answer.body["meta"]["status"] == "fail",
            "agendize" => answer.body["error"].is_object(),
            "vbc" => answer.body["message"].is_string() && answer.body["code"].is_string(),
            _ => false,
        }
}

/// A request its client would not accept.
struct Miss {
    client: String,
    method: String,
    path: String,
    source: String,
    why: String,
    answer: Answer,
}

impl std::fmt::Display for Miss {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} {} {} ({}): {}: {}",
            self.client, self.method, self.path, self.source, self.why, self.answer.text
        )
    }
}

/// Replays every client against its own sandbox (state carries from request to request, as in
/// the client's session); returns how many were replayed and the ones the client would not accept.
async fn replay(options: impl Fn() -> Options) -> (Vec<String>, Vec<Miss>) {
    let http = reqwest::Client::new();
    let mut coverage = Vec::new();
    let mut misses = Vec::new();
    for file in client_files() {
        assert!(
            !file.repo.is_empty() && file.commit.len() == 40,
            "{}: repo and commit",
            file.client
        );
        let sandbox = Sandbox::start_with(options()).await.expect("a sandbox");
        let mut session = Session::new(&http, &sandbox).await;
        let mut replayed = 0;
        let mut uncovered = Vec::new();
        for sent in &file.request {
            let answer = send(&http, &sandbox, &session, sent).await;
            if let Some(why) = &sent.uncovered {
                uncovered.push(format!("  uncovered: {} {}: {why}", sent.method, sent.path));
            }
            let why = match &sent.uncovered {
                Some(_) if !in_providers_error_shape(&sent.api, &answer) => {
                    Some("an uncovered route answered no error in its provider's shape".to_owned())
                }
                Some(_) => None,
                None => {
                    replayed += 1;
                    session.learn(sent, &answer.body);
                    unexpected(sent, &answer)
                }
            };
            if let Some(why) = why {
                misses.push(Miss {
                    client: file.client.clone(),
                    method: sent.method.clone(),
                    path: sent.path.clone(),
                    source: sent.source.clone(),
                    why,
                    answer,
                });
            }
        }
        coverage.push(format!(
            "{} ({} at {}): {replayed} replayed, {} uncovered",
            file.client,
            file.repo,
            &file.commit[..7],
            uncovered.len()
        ));
        coverage.extend(uncovered);
    }
    (coverage, misses)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_request_of_the_providers_own_clients_gets_the_answer_the_client_expects() {
    let (coverage, misses) = replay(Options::default).await;
    let lines: Vec<String> = misses.iter().map(ToString::to_string).collect();
    assert!(
        misses.is_empty(),
        "{} requests not answered as their client expects:\n{}",
        misses.len(),
        lines.join("\n")
    );
    // What is replayed and what waits for a route of ours: a request turned `uncovered`
    // changes this snapshot.
    insta::assert_snapshot!("coverage", coverage.join("\n"));
}

/// What `ccapi sandbox --strict` (`Options::strict_parameters`) refuses of the same requests:
/// the parameters the clients send that no document declares, by client and route.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn strict_parameters_refuse_what_the_documents_do_not_declare() {
    let (_, misses) = replay(|| Options {
        strict_parameters: true,
        ..Options::default()
    })
    .await;
    let mut refused: Vec<String> = misses
        .iter()
        .map(|miss| {
            let message = miss
                .answer
                .text
                .split("Unknown parameter '")
                .nth(1)
                .and_then(|rest| rest.split('\'').next());
            match (miss.answer.status, message) {
                (400, Some(parameter)) => {
                    format!("{} {} {}: {parameter}", miss.client, miss.method, miss.path)
                }
                (status, _) => format!(
                    "{} {} {}: {status}, after a refusal",
                    miss.client, miss.method, miss.path
                ),
            }
        })
        .collect();
    refused.dedup();
    insta::assert_snapshot!(refused.join("\n"));
}
