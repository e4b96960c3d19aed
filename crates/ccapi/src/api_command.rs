//! `ccapi api <api> <METHOD> <PATH>`: any request, with the credentials, envelope, retries,
//! redaction and exit codes of an API's crate, for the endpoints no operation covers yet.
//!
//! A `GET` of a paged operation of the API's table prints its page as a list (`--ndjson`,
//! `--output table`, `--page-info` with the provider's counters), and `--all` walks every page
//! with the provider's counters and the transport's look-ahead: iAdvize `data` with
//! `pagination` (`page`; 20 a page unless `limit` says), Ziwo `content` with
//! `info.total`/`totalRecords` (`skip`; 50 unless `limit` says), VBC `calls`/`devices` with
//! `current_page`/`pages` (`page`). Any other request prints its answer as it is; `--all` on a
//! path no paged operation has is refused rather than guessed.

use ccapi_transport::endpoint::{Paging as EndpointPaging, Verb};
use ccapi_transport::paginate::{numbered_next, offset_next, Listing, Page, PageCursor};
use ccapi_transport::{Form, Method, Operation, Query, Transport};
use clap::ArgMatches;
use serde_json::Value;

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
    let mut operation = Operation::new(method.clone(), path.to_owned()).query(query);
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
    let paging = Paging::of(text("api"));
    let paged = method == Method::GET && is_paged(text("api"), path);
    if matches.get_flag("all") {
        if method != Method::GET {
            return Err(Failure::Usage("--all pages a GET only".into()));
        }
        if !paged {
            return Err(Failure::Usage(format!(
                "--all: `{path}` is not a paged operation of {}; without --all, one answer prints",
                text("api")
            )));
        }
        let listing = paging.listing(transport, path.to_owned(), pairs("query")?)?;
        stream(matches, listing).await?;
        drop(sandbox);
        return Ok(());
    }
    if paged {
        // The envelope's counters kept (iAdvize `pagination`, Ziwo `info`) for `--page-info`.
        let decoded = transport.execute_with_meta::<Value>(operation).await?;
        let answer = paging.whole(decoded.value, decoded.meta);
        let outcome = match paging.items(&answer) {
            Some(items) => Outcome::Page {
                items,
                info: paging.info(&answer),
            },
            None => Outcome::Value(answer),
        };
        crate::print_outcome(matches, outcome)?;
        drop(sandbox);
        return Ok(());
    }
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

/// Whether `path` is a `GET` of a paged operation of `api`'s table (`{name}` matching any
/// segment).
fn is_paged(api: &str, path: &str) -> bool {
    let segments: Vec<&str> = path.trim_matches('/').split('/').collect();
    crate::tables::TABLES
        .iter()
        .filter(|(name, _)| *name == api)
        .flat_map(|(_, rows)| rows.iter())
        .filter(|row| row.verb == Verb::Get && row.paging != EndpointPaging::Unpaged)
        .any(|row| {
            let template: Vec<&str> = row.path.trim_matches('/').split('/').collect();
            template.len() == segments.len()
                && template
                    .iter()
                    .zip(&segments)
                    .all(|(part, segment)| part.starts_with('{') || part == segment)
        })
}

/// How an API's answers hold a page of a listing: the crates' paging rules, over raw JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Paging {
    /// `data` and `pagination.{page, pages}`; the `page` parameter.
    Iadvize,
    /// `content` and `info.total`; the `skip` parameter (`limit` as asked, else 50).
    Ziwo,
    /// `calls` or `devices` and `current_page`/`pages`; `page`.
    Vbc,
    /// `items`, not paged.
    Agendize,
}

impl Paging {
    fn of(api: &str) -> Self {
        match api {
            "iadvize-rest" => Self::Iadvize,
            "cc-voice" => Self::Vbc,
            api if api.starts_with("ziwo") => Self::Ziwo,
            _ => Self::Agendize,
        }
    }

    /// The answer in its provider's shape again, from the payload the crate's envelope opened
    /// and the envelope's other members (iAdvize `pagination`, Ziwo `info`).
    fn whole(self, payload: Value, meta: serde_json::Map<String, Value>) -> Value {
        let member = match self {
            Self::Iadvize => "data",
            Self::Ziwo => "content",
            Self::Vbc | Self::Agendize => return payload,
        };
        let mut answer = meta;
        answer.insert(member.to_owned(), payload);
        Value::Object(answer)
    }

    /// The page's items, when the answer is a page of a listing.
    fn items(self, answer: &Value) -> Option<Vec<Value>> {
        if let Value::Array(items) = answer {
            return Some(items.clone());
        }
        let list = match self {
            Self::Iadvize => &answer["data"],
            Self::Ziwo => &answer["content"],
            Self::Agendize => &answer["items"],
            Self::Vbc => ["calls", "devices"]
                .iter()
                .map(|member| &answer[*member])
                .find(|list| list.is_array())?,
        };
        list.as_array().cloned()
    }

    /// What the provider says about the listing, as the typed commands' `--page-info` shows.
    fn info(self, answer: &Value) -> Value {
        match self {
            Self::Iadvize => answer["pagination"].clone(),
            Self::Ziwo => answer["info"].clone(),
            Self::Vbc => {
                let counters: serde_json::Map<String, Value> = answer
                    .as_object()
                    .into_iter()
                    .flatten()
                    .filter(|(name, _)| !matches!(name.as_str(), "calls" | "devices"))
                    .map(|(name, value)| (name.clone(), value.clone()))
                    .collect();
                Value::Object(counters)
            }
            Self::Agendize => Value::Null,
        }
    }

    /// The query parameter a cursor goes in, and where the listing starts: the page or offset
    /// the caller gave (a number, else a usage error), else the first.
    fn cursor(self, asked: &[(String, String)]) -> Result<(&'static str, PageCursor), Failure> {
        let key = if self == Self::Ziwo { "skip" } else { "page" };
        let given = number_of(asked, key)?;
        Ok(match self {
            Self::Ziwo => (key, PageCursor::Offset(given.unwrap_or(0))),
            _ => (key, PageCursor::Number(given.unwrap_or(1).max(1))),
        })
    }

    /// The page an answer holds and where the next one starts.
    fn page(self, answer: &Value, cursor: &PageCursor, limit: Option<u64>) -> Page<Value> {
        let items = self.items(answer).unwrap_or_default();
        let count = items.len();
        let number = |value: &Value| value.as_u64().or_else(|| value.as_str()?.parse().ok());
        let next = match (self, cursor) {
            (Self::Iadvize, PageCursor::Number(page)) => numbered_next(
                number(&answer["pagination"]["page"]).unwrap_or(*page),
                number(&answer["pagination"]["pages"]),
                count,
                limit
                    .or_else(|| number(&answer["pagination"]["limit"]))
                    .unwrap_or(20),
            ),
            (Self::Vbc, PageCursor::Number(page)) => numbered_next(
                number(&answer["current_page"]).unwrap_or(*page),
                number(&answer["pages"]),
                count,
                limit
                    .or_else(|| number(&answer["page_size"]))
                    .unwrap_or(100),
            ),
            (Self::Ziwo, PageCursor::Offset(skip)) => offset_next(
                *skip,
                limit.unwrap_or(50),
                count,
                answer.as_object().and_then(ziwo_core::pages::total),
            ),
            _ => None,
        };
        Page::new(items, next).with_paging(self.info(answer))
    }

    /// Every item of the `GET` of `path` with `asked`, page after page.
    fn listing(
        self,
        transport: Transport,
        path: String,
        asked: Vec<(String, String)>,
    ) -> Result<Listing<Value>, Failure> {
        let (key, first) = self.cursor(&asked)?;
        let limit = match number_of(&asked, "limit")? {
            Some(limit) => Some(limit),
            None => number_of(&asked, "page_size")?,
        };
        let fixed: Vec<(String, String)> =
            asked.into_iter().filter(|(name, _)| name != key).collect();
        let fetching = transport.clone();
        Ok(fetching.listing(first, move |cursor: PageCursor| {
            let (transport, path, fixed) = (transport.clone(), path.clone(), fixed.clone());
            async move {
                let mut query = Query::new();
                for (name, value) in &fixed {
                    query.push(name.clone(), value);
                }
                if let Some(value) = cursor.value() {
                    query.push(key, value);
                }
                let decoded = transport
                    .execute_with_meta::<Value>(Operation::new(Method::GET, path).query(query))
                    .await?;
                let answer = self.whole(decoded.value, decoded.meta);
                Ok(self.page(&answer, &cursor, limit))
            }
        }))
    }
}

/// The value of the query parameter `name` as a number, when given; a usage error when it is
/// not one (a page, offset or size the listing must follow).
fn number_of(asked: &[(String, String)], name: &str) -> Result<Option<u64>, Failure> {
    match asked.iter().find(|(key, _)| key == name) {
        None => Ok(None),
        Some((_, value)) => value
            .parse::<u64>()
            .map(Some)
            .map_err(|_| Failure::Usage(format!("--query {name}={value}: a whole number"))),
    }
}

/// Prints every item of `listing` as it arrives, as the typed commands' `--all` does.
async fn stream(matches: &ArgMatches, listing: Listing<Value>) -> Result<(), Failure> {
    use futures::StreamExt;
    let style = crate::style(matches);
    let broken = |err: std::io::Error| Failure::Broken(format!("cannot write the result: {err}"));
    let mut list = crate::output::StreamedList::new(
        crate::output::Scrubbed::new(
            std::io::BufWriter::new(std::io::stdout()),
            style.show_secrets,
        ),
        style,
    );
    let mut listing = std::pin::pin!(listing);
    while let Some(item) = listing.next().await {
        match item {
            Ok(value) => list.item(value).map_err(broken)?,
            Err(error) => {
                list.finish().map_err(broken)?;
                return Err(error.into());
            }
        }
    }
    list.finish().map_err(broken)
}
