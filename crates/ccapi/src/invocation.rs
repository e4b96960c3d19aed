//! One parsed invocation: its path parameters, options and body, the exit-code classes of
//! failures, and what an operation returns.

use std::collections::HashMap;
use std::path::PathBuf;
use std::str::FromStr;
use std::sync::atomic::{AtomicBool, Ordering};

use ccapi_transport::Error;
use chrono::NaiveDate;
use futures::future::BoxFuture;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

use crate::clients::Env;

/// What went wrong, by exit code.
#[derive(Debug)]
pub enum Failure {
    /// 2: bad usage or invalid input; nothing was sent.
    Usage(String),
    /// 3: the provider refused (an HTTP error or an envelope failure).
    Refused(String),
    /// 4: the request did not complete, its answer did not decode, a local write failed, or
    /// input turned out unusable after requests were sent.
    Broken(String),
}

impl Failure {
    /// The process exit code.
    pub fn code(&self) -> u8 {
        match self {
            Self::Usage(_) => 2,
            Self::Refused(_) => 3,
            Self::Broken(_) => 4,
        }
    }

    /// The one-line message for stderr.
    pub fn message(&self) -> &str {
        match self {
            Self::Usage(message) | Self::Refused(message) | Self::Broken(message) => message,
        }
    }
}

impl From<Error> for Failure {
    fn from(error: Error) -> Self {
        let one_line = |text: String| text.replace('\n', " ");
        match &error {
            Error::InvalidInput { .. } => Self::Usage(one_line(error.to_string())),
            Error::Http { .. } | Error::Provider { .. } | Error::Auth { .. } => {
                Self::Refused(one_line(error.to_string()))
            }
            Error::Decode {
                status,
                path,
                message,
                ..
            } => {
                // Without the body excerpt: a body may hold data that does not belong in logs.
                Self::Broken(one_line(format!(
                    "could not decode the answer (HTTP {status}) at `{path}`: {message}"
                )))
            }
            Error::TooLarge { .. } => Self::Broken(format!(
                "{}; on the command line: --max-response-bytes BYTES",
                one_line(error.to_string())
            )),
            Error::Transport { .. }
                if error.to_string().contains("ClientConfig::total_timeout") =>
            {
                Self::Broken(format!(
                    "{}; on the command line: --timeout SECONDS",
                    one_line(error.to_string())
                ))
            }
            _ => Self::Broken(one_line(error.to_string())),
        }
    }
}

/// What an operation produced.
#[derive(Debug)]
pub enum Outcome {
    /// One decoded value.
    Value(Value),
    /// A list: printed as a JSON array, or one item per line with `--ndjson`.
    List(Vec<Value>),
    /// One page of a list, with the provider's paging metadata (`--page-info` prints it).
    Page {
        /// The items, printed as a list.
        items: Vec<Value>,
        /// iAdvize `pagination`, Ziwo `info`, or the VBC page block, as received.
        info: Value,
    },
    /// A bare value such as an id.
    Text(String),
    /// Nothing to print (deletions).
    Nothing,
    /// A download written to a file.
    Downloaded {
        /// Bytes written.
        bytes: u64,
        /// Where.
        path: PathBuf,
    },
}

/// An operation's implementation.
pub type Handler = fn(Call) -> BoxFuture<'static, Result<Outcome, Failure>>;

/// Whether results show only the documented members (`--output table`); set once by `main`.
static DOCUMENTED_ONLY: AtomicBool = AtomicBool::new(false);

/// Print only the documented members of each model (tables), not the unknown ones.
pub fn show_documented_only(documented_only: bool) {
    DOCUMENTED_ONLY.store(documented_only, Ordering::Relaxed);
}

/// A provider value as JSON with its member names: everything it sent, or for tables only what
/// its model documents.
fn encode<T: Serialize>(value: T) -> Result<Value, Failure> {
    let encoded = if DOCUMENTED_ONLY.load(Ordering::Relaxed) {
        ccapi_transport::model::without_extra(|| serde_json::to_value(value))
    } else {
        serde_json::to_value(value)
    };
    encoded.map_err(|err| Failure::Broken(format!("cannot encode the answer: {err}")))
}

/// One value, encoded with the provider's member names.
pub fn one<T: Serialize>(value: T) -> Result<Outcome, Failure> {
    encode(value).map(Outcome::Value)
}

/// A list of values.
pub fn many<T: Serialize>(items: Vec<T>) -> Result<Outcome, Failure> {
    items
        .into_iter()
        .map(encode)
        .collect::<Result<Vec<_>, _>>()
        .map(Outcome::List)
}

/// A page of a listing: its items and its paging metadata.
pub trait Paged {
    /// The items, encoded, and the metadata as JSON.
    fn into_parts(self) -> Result<(Vec<Value>, Value), Failure>;
}

/// iAdvize and Ziwo pages: the paging block as the provider sent it (`pagination`, `info`).
impl<T: Serialize> Paged for ccapi_transport::paginate::Page<T> {
    fn into_parts(self) -> Result<(Vec<Value>, Value), Failure> {
        Ok((encode_all(self.items)?, self.paging))
    }
}

impl Paged for cc_voice::models::CallPage {
    fn into_parts(mut self) -> Result<(Vec<Value>, Value), Failure> {
        let items = encode_all(self.calls.take().unwrap_or_default())?;
        Ok((items, encode(&self)?))
    }
}

impl Paged for cc_voice::models::DevicePage {
    fn into_parts(mut self) -> Result<(Vec<Value>, Value), Failure> {
        let items = encode_all(self.devices.take().unwrap_or_default())?;
        Ok((items, encode(&self)?))
    }
}

/// One page of a listing, its metadata kept for `--page-info`.
pub fn page(page: impl Paged) -> Result<Outcome, Failure> {
    let (items, info) = page.into_parts()?;
    Ok(Outcome::Page { items, info })
}

fn encode_all<T: Serialize>(items: Vec<T>) -> Result<Vec<Value>, Failure> {
    items.into_iter().map(encode).collect()
}

/// A parsed invocation.
#[derive(Debug)]
pub struct Call {
    /// Path parameters, in path order.
    pub params: Vec<String>,
    /// Options by long name (kebab case), values in order.
    pub options: HashMap<String, Vec<String>>,
    /// The `--body` JSON text, already read from a file or stdin.
    pub body: Option<String>,
    /// `--all`: every page.
    pub all: bool,
    /// `--out`: where a download goes.
    pub out: Option<PathBuf>,
    /// Print progress on stderr (`--all` on a terminal).
    pub progress: bool,
    /// How results are printed (listings with `--all` print as they go).
    pub style: crate::output::Style,
    /// Where the APIs are and the credentials.
    pub env: Env,
    /// The API (`iadvize-rest`) and the operation's row.
    pub operation: (&'static str, Option<&'static ccapi_transport::Endpoint>),
}

impl Call {
    /// The `index`-th path parameter.
    pub fn param(&self, index: usize) -> &str {
        self.params.get(index).map_or("", String::as_str)
    }

    /// An option's last value.
    pub fn opt(&self, name: &str) -> Option<&str> {
        self.options
            .get(name)
            .and_then(|values| values.last())
            .map(String::as_str)
    }

    /// Every value of a repeatable option.
    pub fn opts(&self, name: &str) -> Vec<&str> {
        self.options
            .get(name)
            .map(|values| values.iter().map(String::as_str).collect())
            .unwrap_or_default()
    }

    /// An option parsed as `T`.
    pub fn parsed<T: FromStr>(&self, name: &str) -> Result<Option<T>, Failure>
    where
        T::Err: std::fmt::Display,
    {
        self.opt(name)
            .map(|text| {
                text.parse::<T>()
                    .map_err(|err| Failure::Usage(format!("--{name} `{text}`: {err}")))
            })
            .transpose()
    }

    /// A `YYYY-MM-DD` option.
    pub fn date(&self, name: &str) -> Result<Option<NaiveDate>, Failure> {
        self.opt(name)
            .map(|text| {
                NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|err| {
                    Failure::Usage(format!("--{name} `{text}`: expected YYYY-MM-DD ({err})"))
                })
            })
            .transpose()
    }

    /// The body as the operation's typed request; a usage error names the field that does not
    /// fit.
    pub fn body<T: DeserializeOwned>(&self) -> Result<T, Failure> {
        let text = self
            .body
            .as_deref()
            .ok_or_else(|| Failure::Usage("this operation needs --body".into()))?;
        let mut deserializer = serde_json::Deserializer::from_str(text);
        serde_path_to_error::deserialize(&mut deserializer).map_err(|err| {
            let path = err.path().to_string();
            let at = if path == "." {
                String::new()
            } else {
                format!(" at `{path}`")
            };
            Failure::Usage(format!(
                "--body does not fit the request{at}: {}",
                err.inner()
            ))
        })
    }

    /// The input of an operation whose body members also have flags (`--whisper agent` or
    /// `--body '{"whisper":"agent"}'`): each `(flag, member)` pair names a flag and the body member
    /// it stands for. Giving `--body` and any of those flags is a usage error, so nothing the
    /// caller gave is silently ignored; `T` refuses members it does not know.
    pub fn body_or_flags<T: DeserializeOwned>(&self, flags: &[(&str, &str)]) -> Result<T, Failure> {
        let given: Vec<&str> = flags
            .iter()
            .filter(|(flag, _)| self.options.contains_key(*flag))
            .map(|(flag, _)| *flag)
            .collect();
        if self.body.is_some() {
            if let Some(flag) = given.first() {
                return Err(Failure::Usage(format!(
                    "give --body or --{flag}, not both: the flags are shortcuts for the body's \
                     members"
                )));
            }
            return self.body();
        }
        // A flag without a value (`--roaming-only`) stands for `true`.
        let members: serde_json::Map<String, Value> = flags
            .iter()
            .filter_map(|(flag, member)| {
                let values = self.options.get(*flag)?;
                let value = values
                    .last()
                    .map_or(Value::Bool(true), |v| Value::from(v.as_str()));
                Some(((*member).to_owned(), value))
            })
            .collect();
        let flag_of = |member: &str| {
            flags
                .iter()
                .find(|(_, name)| *name == member)
                .map(|(flag, _)| (*flag).to_owned())
        };
        serde_path_to_error::deserialize(Value::Object(members)).map_err(|err| {
            let message = err.inner().to_string();
            // A required member left out is reported at the document (`.`): name its flag.
            let missing = message
                .strip_prefix("missing field `")
                .and_then(|rest| rest.strip_suffix('`'));
            if let Some(member) = missing {
                return Failure::Usage(match flag_of(member) {
                    Some(flag) => {
                        format!("--{flag} is required (or give the whole request as --body)")
                    }
                    None => format!("the request needs `{member}`: give it in --body"),
                });
            }
            let member = err.path().to_string();
            let flag = flag_of(&member).unwrap_or(member);
            Failure::Usage(format!("--{flag}: {message}"))
        })
    }

    /// A listing operation: every page with `--all` (streamed from `all`), else the one page
    /// `one` fetches, with its paging metadata. `one` is not polled under `--all`.
    pub async fn list_or_all<T, P>(
        &self,
        all: impl FnOnce() -> ccapi_transport::paginate::Listing<T>,
        one: impl std::future::Future<Output = Result<P, Error>>,
    ) -> Result<Outcome, Failure>
    where
        T: Serialize + Send + 'static,
        P: Paged,
    {
        if self.all {
            self.stream_all(all()).await
        } else {
            page(one.await?)
        }
    }

    /// Prints every item of every page as it arrives (`--all`), holding no more than a table
    /// chunk; a progress line on stderr when asked. An error after some pages still leaves a
    /// valid JSON array on stdout, then fails (exit 3 or 4, the error on stderr).
    pub async fn stream_all<T, S>(&self, stream: S) -> Result<Outcome, Failure>
    where
        T: Serialize,
        S: futures::Stream<Item = Result<T, Error>>,
    {
        use futures::StreamExt;
        let broken =
            |err: std::io::Error| Failure::Broken(format!("cannot write the result: {err}"));
        let mut stream = std::pin::pin!(stream);
        let mut list = crate::output::StreamedList::new(
            crate::output::Scrubbed::new(
                std::io::BufWriter::new(std::io::stdout()),
                self.style.show_secrets,
            ),
            self.style,
        );
        while let Some(item) = stream.next().await {
            let value = match item {
                Ok(item) => encode(item)?,
                Err(error) => {
                    list.finish().map_err(broken)?;
                    return Err(error.into());
                }
            };
            list.item(value).map_err(broken)?;
            if self.progress && list.count().is_multiple_of(50) {
                eprint!("\rfetched {} items", list.count());
            }
        }
        if self.progress {
            eprintln!("\rfetched {} items", list.count());
        }
        list.finish().map_err(broken)?;
        Ok(Outcome::Nothing)
    }
}
