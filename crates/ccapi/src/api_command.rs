//! `ccapi api <api> <METHOD> <PATH>`: any request, with the credentials, envelope, retries,
//! redaction and exit codes of an API's crate, for the endpoints no operation covers yet.
//!
//! An answer that holds a page of a listing, in its provider's shape, prints as a list
//! (`--ndjson`, `--output table`, `--page-info`), and `--all` walks every page of a `GET` with
//! the provider's paging rules and the typed commands' look-ahead: iAdvize `data` with
//! `pagination` (`page`), Ziwo `content` with `info.total` (`skip`), VBC's list member with
//! `current_page`/`pages` (`page`), Agendize `items` (one page).

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
    if matches.get_flag("all") {
        if method != Method::GET {
            return Err(Failure::Usage("--all pages a GET only".into()));
        }
        let listing = paging.listing(transport, path.to_owned(), pairs("query")?);
        stream(matches, listing).await?;
        drop(sandbox);
        return Ok(());
    }
    // Text first: an answer may be JSON, bare text or nothing at all.
    let answer = transport.execute_text(operation).await?;
    let outcome = if answer.trim().is_empty() {
        Outcome::Nothing
    } else {
        match serde_json::from_str::<Value>(&answer) {
            // The crate's envelope already opened (iAdvize `data`, Ziwo `content`): a list.
            Ok(Value::Array(items)) => Outcome::List(items),
            Ok(value) => match paging.items(&value) {
                Some(items) => Outcome::Page {
                    items,
                    info: paging.info(&value),
                },
                None => Outcome::Value(value),
            },
            Err(_) => Outcome::Text(answer),
        }
    };
    crate::print_outcome(matches, outcome)?;
    drop(sandbox);
    Ok(())
}

/// How an API's answers hold a page of a listing: the crates' paging rules, over raw JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Paging {
    /// `data` and `pagination.{page, pages}`; the `page` parameter.
    Iadvize,
    /// `content` and `info.total`; the `skip` parameter (`limit` as asked, else 50).
    Ziwo,
    /// The one list member (`calls`, `devices`, `legs`) and `current_page`/`pages`; `page`.
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
        let list = match self {
            Self::Iadvize => &answer["data"],
            Self::Ziwo => &answer["content"],
            Self::Agendize => &answer["items"],
            Self::Vbc => answer
                .as_object()?
                .values()
                .find(|member| member.is_array())?,
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
                    .filter(|(_, value)| !value.is_array())
                    .map(|(name, value)| (name.clone(), value.clone()))
                    .collect();
                Value::Object(counters)
            }
            Self::Agendize => Value::Null,
        }
    }

    /// The query parameter a cursor goes in, and where the listing starts.
    fn cursor(self, asked: &[(String, String)]) -> (&'static str, PageCursor) {
        let given = |name: &str| {
            asked
                .iter()
                .find(|(key, _)| key == name)
                .and_then(|(_, value)| value.parse::<u64>().ok())
        };
        match self {
            Self::Ziwo => ("skip", PageCursor::Offset(given("skip").unwrap_or(0))),
            _ => ("page", PageCursor::Number(given("page").unwrap_or(1))),
        }
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
                limit.unwrap_or(u64::MAX),
            ),
            (Self::Vbc, PageCursor::Number(page)) => numbered_next(
                number(&answer["current_page"]).unwrap_or(*page),
                number(&answer["pages"]),
                count,
                limit.unwrap_or(u64::MAX),
            ),
            (Self::Ziwo, PageCursor::Offset(skip)) => offset_next(
                *skip,
                limit.unwrap_or(50),
                count,
                number(&answer["info"]["total"]),
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
    ) -> Listing<Value> {
        let (key, first) = self.cursor(&asked);
        let limit = asked
            .iter()
            .find(|(name, _)| matches!(name.as_str(), "limit" | "page_size"))
            .and_then(|(_, value)| value.parse::<u64>().ok());
        let fixed: Vec<(String, String)> =
            asked.into_iter().filter(|(name, _)| name != key).collect();
        Listing::new(first, move |cursor: PageCursor| {
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
        })
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
