//! An operation is data: method, path template, parameters, query, body.
//!
//! Provider crates describe each call as an [`Operation`] and hand it to
//! [`Transport`](crate::Transport); they never touch reqwest.
//!
//! ```
//! use ccapi_transport::{Operation, Query};
//!
//! let mut query = Query::new();
//! query.push("limit", 10);
//! let op = Operation::get("/admin/callTrackers/{idOrName}")
//!     .path_param("idOrName", "sales line")
//!     .query(query);
//! assert_eq!(op.path_template(), "/admin/callTrackers/{idOrName}");
//! ```

use std::borrow::Cow;
use std::fmt;

use bytes::Bytes;
use reqwest::header::{HeaderName, HeaderValue};
use reqwest::Method;
use serde::Serialize;

use crate::error::Error;
use crate::form::Form;
use crate::query::Query;

/// A request body, serialized once so that a retry resends the same bytes.
#[derive(Clone, Default)]
pub enum Body {
    /// No body.
    #[default]
    Empty,
    /// `application/json`.
    Json(Bytes),
    /// `application/x-www-form-urlencoded`.
    Form(Bytes),
}

impl Body {
    pub(crate) fn content_type(&self) -> Option<&'static str> {
        match self {
            Self::Empty => None,
            Self::Json(_) => Some("application/json"),
            Self::Form(_) => Some("application/x-www-form-urlencoded"),
        }
    }

    pub(crate) fn bytes(&self) -> Option<&Bytes> {
        match self {
            Self::Empty => None,
            Self::Json(bytes) | Self::Form(bytes) => Some(bytes),
        }
    }
}

impl fmt::Debug for Body {
    /// Sizes only: bodies may carry passwords.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Empty => f.write_str("Empty"),
            Self::Json(bytes) => write!(f, "Json({} bytes)", bytes.len()),
            Self::Form(bytes) => write!(f, "Form({} bytes)", bytes.len()),
        }
    }
}

/// One provider call, described as data.
#[derive(Clone)]
pub struct Operation {
    pub(crate) method: Method,
    pub(crate) template: Cow<'static, str>,
    pub(crate) path_params: Vec<(&'static str, String)>,
    pub(crate) query: Query,
    pub(crate) body: Body,
    pub(crate) headers: Vec<(HeaderName, HeaderValue)>,
    pub(crate) idempotent: Option<bool>,
    pub(crate) authenticated: bool,
    pub(crate) deferred_error: Option<(Option<Cow<'static, str>>, String)>,
    pub(crate) id: Option<&'static str>,
    pub(crate) sensitive: Vec<secrecy::SecretString>,
}

impl Operation {
    /// An operation with any method.
    pub fn new(method: Method, template: impl Into<Cow<'static, str>>) -> Self {
        Self {
            method,
            template: template.into(),
            path_params: Vec::new(),
            query: Query::new(),
            body: Body::Empty,
            headers: Vec::new(),
            idempotent: None,
            authenticated: true,
            deferred_error: None,
            id: None,
            sensitive: Vec::new(),
        }
    }

    /// Names the operation by its catalog id (`calltrackings.get`): the `operation` of its
    /// span and of the [hooks](crate::hook). Without one, both say the method and template.
    pub fn id(mut self, id: &'static str) -> Self {
        self.id = Some(id);
        self
    }

    /// The operation's name: its id, or `METHOD /template`.
    pub(crate) fn name(&self) -> Cow<'_, str> {
        match self.id {
            Some(id) => Cow::Borrowed(id),
            None => Cow::Owned(format!("{} {}", self.method, self.template)),
        }
    }

    /// A `GET` operation.
    pub fn get(template: impl Into<Cow<'static, str>>) -> Self {
        Self::new(Method::GET, template)
    }

    /// A `POST` operation.
    pub fn post(template: impl Into<Cow<'static, str>>) -> Self {
        Self::new(Method::POST, template)
    }

    /// A `PUT` operation.
    pub fn put(template: impl Into<Cow<'static, str>>) -> Self {
        Self::new(Method::PUT, template)
    }

    /// A `PATCH` operation.
    pub fn patch(template: impl Into<Cow<'static, str>>) -> Self {
        Self::new(Method::PATCH, template)
    }

    /// A `DELETE` operation.
    pub fn delete(template: impl Into<Cow<'static, str>>) -> Self {
        Self::new(Method::DELETE, template)
    }

    /// Fills the `{name}` placeholder of the path template; the value is percent-encoded as
    /// one segment.
    pub fn path_param(mut self, name: &'static str, value: impl fmt::Display) -> Self {
        self.path_params.push((name, value.to_string()));
        self
    }

    /// Sets the query (replacing any set before).
    pub fn query(mut self, query: Query) -> Self {
        self.query = query;
        self
    }

    /// Sends `value` as a JSON body.
    pub fn json<T: Serialize + ?Sized>(mut self, value: &T) -> Self {
        match serde_json::to_vec(value) {
            Ok(bytes) => self.body = Body::Json(bytes.into()),
            Err(err) => self.defer(Error::invalid_request(format!(
                "body cannot be serialized as JSON: {err}"
            ))),
        }
        self
    }

    /// Sends `form` as an `application/x-www-form-urlencoded` body.
    pub fn form(mut self, form: &Form) -> Self {
        self.body = Body::Form(form.encode().into());
        self
    }

    /// Adds a header to this request only (after the client's default headers).
    pub fn header(mut self, name: &str, value: &str) -> Self {
        match (
            HeaderName::from_bytes(name.as_bytes()),
            HeaderValue::from_str(value),
        ) {
            (Ok(name), Ok(value)) => self.headers.push((name, value)),
            _ => self.defer(Error::invalid_input(
                name.to_owned(),
                "not a valid HTTP header name or value",
            )),
        }
        self
    }

    /// Overrides whether the operation may be sent twice. By default `GET`, `HEAD`, `PUT`,
    /// `DELETE` and `OPTIONS` are idempotent and `POST` and `PATCH` are not.
    pub fn idempotent(mut self, idempotent: bool) -> Self {
        self.idempotent = Some(idempotent);
        self
    }

    /// Sends the operation without credentials (login and token endpoints).
    pub fn unauthenticated(mut self) -> Self {
        self.authenticated = false;
        self
    }

    /// Names a credential this operation carries outside the [`Auth`](crate::auth::Auth)
    /// scheme (a password in a login body): like the scheme's, it is scrubbed from every error
    /// the call returns ([`Error::without_secrets`](crate::Error::without_secrets)).
    pub fn sensitive(mut self, value: &secrecy::SecretString) -> Self {
        self.sensitive.push(value.clone());
        self
    }

    /// Records an input error found while building; it is returned before anything is sent.
    /// The first error wins.
    pub fn defer(&mut self, error: Error) {
        if self.deferred_error.is_none() {
            self.deferred_error = Some(match error {
                Error::InvalidInput { field, message } => (field, message),
                other => (None, other.to_string()),
            });
        }
    }

    /// The HTTP method.
    pub fn method(&self) -> &Method {
        &self.method
    }

    /// The path template, as logged in traces.
    pub fn path_template(&self) -> &str {
        &self.template
    }

    /// The body, as it will be sent.
    pub fn body(&self) -> &Body {
        &self.body
    }

    /// Whether the operation may be sent again after it may have reached the server.
    pub fn is_idempotent(&self) -> bool {
        self.idempotent.unwrap_or(matches!(
            self.method,
            Method::GET | Method::HEAD | Method::PUT | Method::DELETE | Method::OPTIONS
        ))
    }

    /// The URL of this operation under `base`: the path with its parameters filled and
    /// encoded, and the query, set on a copy of `base`. Only the path and query are parsed:
    /// scheme, host and port are `base`'s as parsed once, so the URL cannot leave its origin,
    /// and no request pays for parsing the host again.
    pub(crate) fn url(&self, base: &url::Url) -> Result<url::Url, Error> {
        if let Some((field, message)) = &self.deferred_error {
            return Err(Error::InvalidInput {
                field: field.clone(),
                message: message.clone(),
            });
        }
        let base_path = base.path().trim_end_matches('/');
        let mut path = String::with_capacity(base_path.len() + self.template.len() + 32);
        path.push_str(base_path);
        crate::path::render_into(&mut path, &self.template, &self.path_params)?;
        let query = self.query.encode();
        let mut url = base.clone();
        url.set_path(&path);
        url.set_query((!query.is_empty()).then_some(query.as_str()));
        Ok(url)
    }
}

impl fmt::Debug for Operation {
    /// Shows what identifies the call, never a header value or a body.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Operation")
            .field("method", &self.method)
            .field("template", &self.template)
            .field("path_params", &self.path_params)
            .field("query", &self.query)
            .field("body", &self.body)
            .field(
                "headers",
                &self.headers.iter().map(|(n, _)| n).collect::<Vec<_>>(),
            )
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_keep_the_base_path_and_encode_values_into_one_segment() {
        let mut query = Query::new();
        query.push("q", "a b&c");
        let op = Operation::get("/calls/{id}")
            .path_param("id", "x/y?z")
            .query(query);
        for base in [
            "https://api.example.com/vbc",
            "https://api.example.com/vbc/",
        ] {
            let base = url::Url::parse(base).expect("a base URL");
            let url = op.url(&base).expect("a URL");
            assert_eq!(
                url.as_str(),
                "https://api.example.com/vbc/calls/x%2Fy%3Fz?q=a+b%26c"
            );
        }
        let root = url::Url::parse("http://127.0.0.1:8080").expect("a base URL");
        let url = Operation::get("/health").url(&root).expect("a URL");
        assert_eq!(url.as_str(), "http://127.0.0.1:8080/health");
        assert_eq!(url.query(), None);
    }
}
