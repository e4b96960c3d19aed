//! Operations stated once: each provider crate declares its operations as data, one
//! [`Endpoint`] per catalog id, in its `operations` module.
//!
//! A row says what the provider's documentation (or, failing it, the evidence) says about one
//! operation: its id, method, path template (whose `{placeholders}` are its path parameters),
//! how it pages, how its body is encoded, and where the route comes from. The crate's methods
//! build their requests from the rows ([`Endpoint::request`]), so the span and the
//! [hooks](crate::hook) of every request carry the id (`operation = "visitor.list"`); the crate's
//! docs table ([`docs_table`]), the command line and the sandbox's routes are checked against,
//! or derived from, the same rows (`ccapi`'s `tables` tests).
//!
//! The row's [`BodyKind`] says how the operation's body is encoded; the crate's method is what
//! encodes it, so the two agree by review and by the method's wire test, not by the type system.
//!
//! ```
//! use ccapi_transport::endpoint::{Endpoint, Paging};
//!
//! const VISITOR_LIST: Endpoint = Endpoint::get("visitor.list", "/visitor").paged(Paging::PageNumber);
//! const VISITOR_UPDATE: Endpoint = Endpoint::put("visitor.update", "/visitor/{id}").form();
//!
//! assert_eq!(VISITOR_UPDATE.path_params(), ["id"]);
//! assert_eq!((VISITOR_LIST.resource(), VISITOR_LIST.action()), ("visitor", "list"));
//! let op = VISITOR_UPDATE.request().path_param("id", 560);
//! assert_eq!(op.path_template(), "/visitor/{id}");
//! ```

use std::borrow::Cow;
use std::fmt::Write as _;

use reqwest::Method;

use crate::request::Operation;

/// The HTTP method of a row (a `Copy` stand-in for [`Method`], so rows can be constants).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Verb {
    /// `GET`.
    Get,
    /// `POST`.
    Post,
    /// `PUT`.
    Put,
    /// `PATCH`.
    Patch,
    /// `DELETE`.
    Delete,
}

impl Verb {
    /// The method sent.
    pub fn method(self) -> Method {
        match self {
            Self::Get => Method::GET,
            Self::Post => Method::POST,
            Self::Put => Method::PUT,
            Self::Patch => Method::PATCH,
            Self::Delete => Method::DELETE,
        }
    }

    /// `GET`, `POST`, ...
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Get => "GET",
            Self::Post => "POST",
            Self::Put => "PUT",
            Self::Patch => "PATCH",
            Self::Delete => "DELETE",
        }
    }
}

/// How a listing pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Paging {
    /// One answer holds everything (or the operation is no listing).
    Unpaged,
    /// 1-based page numbers (iAdvize `page`; cc-voice `page` and its `next_page_uri` links).
    PageNumber,
    /// Item offsets (Ziwo `skip` and `limit`).
    Offset,
}

/// How the request body is encoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum BodyKind {
    /// No body.
    Empty,
    /// `application/json`.
    Json,
    /// `application/x-www-form-urlencoded`.
    Form,
}

/// What a query parameter holds, as it is written in the query string.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ParamKind {
    /// Text.
    Text,
    /// A whole number.
    Integer,
    /// `true`/`false` (or the provider's `1`/`0`: see the parameter's doc).
    Boolean,
    /// An RFC 3339 date and time.
    DateTime,
    /// A calendar date (`YYYY-MM-DD`).
    Date,
    /// Several values: the name repeated, or the values joined with commas (the doc says which).
    List,
    /// A family of parameters `name[key]=value` (iAdvize `filters[status]=…`).
    Map,
}

/// One query parameter an operation accepts, as the provider documents it (or, marked in
/// `doc`, as the code calling live instances sends it). The crate's method is what sends it;
/// the row states it for readers and generated documents (OpenAPI).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct QueryParam {
    /// The name in the query string.
    pub name: &'static str,
    /// What it holds.
    pub kind: ParamKind,
    /// What it does.
    pub doc: &'static str,
}

impl QueryParam {
    /// A parameter `name` holding `kind`.
    pub const fn new(name: &'static str, kind: ParamKind, doc: &'static str) -> Self {
        Self { name, kind, doc }
    }
}

/// Where a route comes from: how far a user can trust it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Source {
    /// The provider's documentation gives this method and path.
    Documented,
    /// Not in the documentation; code that calls live instances uses it (the file is cited).
    Evidenced(&'static str),
    /// Nowhere published: the closest honest guess, overridable; the reason is given.
    Assumed(&'static str),
}

/// One row of a crate's operation table; see the [module docs](self).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct Endpoint {
    /// The catalog id, `resource.action` (`visitor.list`).
    pub id: &'static str,
    /// The method.
    pub verb: Verb,
    /// The path template under the API's base URL; `{name}` is a path parameter.
    pub path: &'static str,
    /// How it pages.
    pub paging: Paging,
    /// How its body is encoded.
    pub body: BodyKind,
    /// Query pairs every request of the operation carries (iAdvize `formatHistory=0`), sent
    /// after the caller's.
    pub fixed_query: &'static [(&'static str, &'static str)],
    /// The query parameters a caller may set (paging ones included).
    pub query: &'static [QueryParam],
    /// Where the route comes from.
    pub source: Source,
}

impl Endpoint {
    /// A documented, unpaged operation without a body.
    pub const fn new(id: &'static str, verb: Verb, path: &'static str) -> Self {
        Self {
            id,
            verb,
            path,
            paging: Paging::Unpaged,
            body: BodyKind::Empty,
            fixed_query: &[],
            query: &[],
            source: Source::Documented,
        }
    }

    /// A `GET` row.
    pub const fn get(id: &'static str, path: &'static str) -> Self {
        Self::new(id, Verb::Get, path)
    }

    /// A `POST` row.
    pub const fn post(id: &'static str, path: &'static str) -> Self {
        Self::new(id, Verb::Post, path)
    }

    /// A `PUT` row.
    pub const fn put(id: &'static str, path: &'static str) -> Self {
        Self::new(id, Verb::Put, path)
    }

    /// A `PATCH` row.
    pub const fn patch(id: &'static str, path: &'static str) -> Self {
        Self::new(id, Verb::Patch, path)
    }

    /// A `DELETE` row.
    pub const fn delete(id: &'static str, path: &'static str) -> Self {
        Self::new(id, Verb::Delete, path)
    }

    /// A listing that pages as `paging` says.
    pub const fn paged(mut self, paging: Paging) -> Self {
        self.paging = paging;
        self
    }

    /// Sends a JSON body.
    pub const fn json(mut self) -> Self {
        self.body = BodyKind::Json;
        self
    }

    /// Sends a form body.
    pub const fn form(mut self) -> Self {
        self.body = BodyKind::Form;
        self
    }

    /// Always sends these query pairs, after the caller's.
    pub const fn fixed_query(mut self, pairs: &'static [(&'static str, &'static str)]) -> Self {
        self.fixed_query = pairs;
        self
    }

    /// Accepts these query parameters.
    pub const fn query(mut self, params: &'static [QueryParam]) -> Self {
        self.query = params;
        self
    }

    /// Not documented; `by` names the code that calls live instances with it.
    pub const fn evidenced(mut self, by: &'static str) -> Self {
        self.source = Source::Evidenced(by);
        self
    }

    /// Published nowhere; `why` says what the guess rests on.
    pub const fn assumed(mut self, why: &'static str) -> Self {
        self.source = Source::Assumed(why);
        self
    }

    /// The resource half of the id (`visitor`).
    pub fn resource(&self) -> &'static str {
        self.id
            .split_once('.')
            .map_or(self.id, |(resource, _)| resource)
    }

    /// The action half of the id (`list`).
    pub fn action(&self) -> &'static str {
        self.id.split_once('.').map_or("", |(_, action)| action)
    }

    /// Whether the route is assumed.
    pub fn is_assumed(&self) -> bool {
        matches!(self.source, Source::Assumed(_))
    }

    /// The path parameters, in path order, each once (`agent-{ccLogin}` after `{ccLogin}`
    /// names it once).
    pub fn path_params(&self) -> Vec<&'static str> {
        let mut names = Vec::new();
        let mut rest = self.path;
        while let Some(open) = rest.find('{') {
            let after = &rest[open + 1..];
            let Some(close) = after.find('}') else { break };
            let name = &after[..close];
            if !names.contains(&name) {
                names.push(name);
            }
            rest = &after[close + 1..];
        }
        names
    }

    /// The request of this operation: its method, path template and id. Path parameters,
    /// query and body are the caller's to add.
    pub fn request(&self) -> Operation {
        self.request_at(self.path)
    }

    /// The request of this operation at another path template (an assumed route the user
    /// moved).
    pub fn request_at(&self, path: impl Into<Cow<'static, str>>) -> Operation {
        Operation::new(self.verb.method(), path).id(self.id)
    }
}

/// The operation table of `rows` as Markdown, for crate docs: id, method and path, paging,
/// body, and where the route comes from.
pub fn docs_table(rows: &[Endpoint]) -> String {
    let mut out = String::from(
        "| operation | method and path | paging | body | source |\n|---|---|---|---|---|\n",
    );
    for row in rows {
        let mut path = row.path.to_owned();
        for (index, (name, value)) in row.fixed_query.iter().enumerate() {
            path.push(if index == 0 { '?' } else { '&' });
            let _ = write!(path, "{name}={value}");
        }
        let paging = match row.paging {
            Paging::Unpaged => "",
            Paging::PageNumber => "page number",
            Paging::Offset => "offset",
        };
        let body = match row.body {
            BodyKind::Empty => "",
            BodyKind::Json => "JSON",
            BodyKind::Form => "form",
        };
        let source = match row.source {
            Source::Documented => "documented".to_owned(),
            Source::Evidenced(by) => format!("evidenced: {by}"),
            Source::Assumed(why) => format!("**assumed**: {why}"),
        };
        let _ = writeln!(
            out,
            "| `{}` | `{} {path}` | {paging} | {body} | {source} |",
            row.id,
            row.verb.as_str()
        );
    }
    out
}

/// Checks that `module_source` (an `operations.rs`, read with `include_str!`) holds the docs
/// table of `rows` in its `//!` lines; the error holds the table to paste.
pub fn check_docs_table(module_source: &str, rows: &[Endpoint]) -> Result<(), String> {
    let documented: String = module_source
        .lines()
        .filter_map(|line| line.strip_prefix("//!"))
        .map(|line| line.strip_prefix(' ').unwrap_or(line))
        .filter(|line| line.starts_with('|'))
        .map(|line| format!("{line}\n"))
        .collect();
    let expected = docs_table(rows);
    if documented == expected {
        Ok(())
    } else {
        let pasted: String = expected
            .lines()
            .map(|line| format!("//! {line}\n"))
            .collect();
        Err(format!(
            "the operations module's docs table does not match its rows; replace it with:\n{pasted}"
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LOGIN: Endpoint = Endpoint::post(
        "agents.login",
        "/integrations/cti/agents/{ccLogin}/login/agent-{ccLogin}",
    )
    .form()
    .evidenced("a client that probed a live instance");
    const CONVERSATIONS: Endpoint =
        Endpoint::get("conversation.list", "/conversation.json-unicode")
            .paged(Paging::PageNumber)
            .fixed_query(&[("formatHistory", "0")]);

    #[test]
    fn a_row_names_its_parts_and_builds_its_request() {
        assert_eq!(LOGIN.path_params(), ["ccLogin"]);
        assert_eq!((LOGIN.resource(), LOGIN.action()), ("agents", "login"));
        assert!(!LOGIN.is_assumed());
        let op = LOGIN.request();
        assert_eq!(op.method(), Method::POST);
        assert_eq!(op.path_template(), LOGIN.path);
        assert_eq!(op.name(), "agents.login");
        let moved = LOGIN.request_at("/v2/agents/{ccLogin}/login");
        assert_eq!(moved.path_template(), "/v2/agents/{ccLogin}/login");
        assert_eq!(moved.name(), "agents.login");
    }

    #[test]
    fn the_docs_table_is_rendered_and_checked() {
        let table = docs_table(&[CONVERSATIONS, LOGIN]);
        assert_eq!(
            table,
            "| operation | method and path | paging | body | source |\n\
             |---|---|---|---|---|\n\
             | `conversation.list` | `GET /conversation.json-unicode?formatHistory=0` | page number |  | documented |\n\
             | `agents.login` | `POST /integrations/cti/agents/{ccLogin}/login/agent-{ccLogin}` |  | form | evidenced: a client that probed a live instance |\n"
        );
        let module: String = table.lines().map(|line| format!("//! {line}\n")).collect();
        let module = format!("//! Operations.\n//!\n{module}\nuse x;\n");
        assert_eq!(check_docs_table(&module, &[CONVERSATIONS, LOGIN]), Ok(()));
        let error = check_docs_table(&module, &[CONVERSATIONS]).expect_err("a row is missing");
        assert!(error.contains("//! | `conversation.list`"), "{error}");
    }
}
