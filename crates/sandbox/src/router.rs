//! A small router: method plus a path template (`/calls/{id}`, `/recordings/{callID}.mp3`),
//! handlers that see the request and return a reply. Handlers are synchronous: the state they
//! touch is in memory behind a mutex.

use std::collections::HashMap;
use std::sync::Arc;

use bytes::Bytes;
use hyper::header::HeaderMap;
use hyper::{Method, StatusCode};

/// What a handler sees of a request.
#[derive(Debug)]
pub struct Request {
    /// The HTTP method the client sent.
    pub method: Method,
    /// The path, decoded per segment.
    pub path: String,
    /// Path parameters by template name.
    pub params: HashMap<String, String>,
    /// Query pairs, decoded, in order.
    pub query: Vec<(String, String)>,
    /// Headers.
    pub headers: HeaderMap,
    /// The body.
    pub body: Bytes,
    /// A form body's members as the API's document types them, once [`Router::check`] read
    /// them.
    pub fields: Option<serde_json::Map<String, serde_json::Value>>,
    /// The query parameters the API's document does not declare, once [`Router::check`] ran.
    pub ignored_parameters: Vec<String>,
}

impl Request {
    /// The form body's members: as the API's document types them when it describes the
    /// operation, else integers as numbers and the rest as text.
    pub fn form_fields(&self) -> serde_json::Map<String, serde_json::Value> {
        match &self.fields {
            Some(fields) => fields.clone(),
            None => crate::store::form_object(&self.form()),
        }
    }

    /// The body's members whichever encoding the client chose: a JSON object's, else the form
    /// fields ([`Request::form_fields`]), for operations that take both.
    pub fn members(&self) -> serde_json::Map<String, serde_json::Value> {
        match serde_json::from_slice(&self.body) {
            Ok(serde_json::Value::Object(members)) => members,
            _ => self.form_fields(),
        }
    }

    /// A path parameter (empty when absent, which routing prevents).
    pub fn param(&self, name: &str) -> &str {
        self.params.get(name).map_or("", String::as_str)
    }

    /// The first query value of `name`.
    pub fn query(&self, name: &str) -> Option<&str> {
        self.query
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
    }

    /// Every query value of `name` (repeated keys).
    pub fn query_all(&self, name: &str) -> Vec<&str> {
        self.query
            .iter()
            .filter(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
            .collect()
    }

    /// A header as text.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|value| value.to_str().ok())
    }

    /// The body as JSON (`Null` when empty or not JSON).
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).unwrap_or(serde_json::Value::Null)
    }

    /// The body as a form, nested keys (`chat[available]`) kept as written.
    pub fn form(&self) -> Vec<(String, String)> {
        url::form_urlencoded::parse(&self.body)
            .into_owned()
            .collect()
    }
}

/// A handler's answer.
#[derive(Debug, Clone)]
pub struct Reply {
    /// Status.
    pub status: StatusCode,
    /// Content type.
    pub content_type: &'static str,
    /// Body.
    pub body: Bytes,
    /// `Retry-After`, in seconds (an injected fault's).
    pub retry_after: Option<u64>,
}

impl Reply {
    /// A JSON answer.
    pub fn json(status: StatusCode, value: &serde_json::Value) -> Self {
        Self {
            status,
            content_type: "application/json",
            body: Bytes::from(value.to_string()),
            retry_after: None,
        }
    }

    /// A `204 No Content`.
    pub fn empty() -> Self {
        Self {
            status: StatusCode::NO_CONTENT,
            content_type: "text/plain",
            body: Bytes::new(),
            retry_after: None,
        }
    }

    /// Bytes of a content type.
    pub fn bytes(content_type: &'static str, body: Bytes) -> Self {
        Self {
            status: StatusCode::OK,
            content_type,
            body,
            retry_after: None,
        }
    }
}

type Handler = Arc<dyn Fn(&Request) -> Reply + Send + Sync>;

#[derive(Clone)]
enum Segment {
    Literal(String),
    /// `{name}` with an optional literal prefix and suffix inside the segment
    /// (`agent-{ccLogin}`, `{callID}.mp3`).
    Param {
        name: String,
        prefix: String,
        suffix: String,
    },
}

#[derive(Clone)]
struct Route {
    method: Method,
    template: String,
    segments: Vec<Segment>,
    handler: Handler,
    /// Served without credentials (logins, token endpoints).
    open: bool,
    /// Answers a documented example, not state ([`Example`]).
    example: bool,
}

/// The documented example answer of an operation the sandbox keeps no state for: a row of a
/// crate's operation table with its response fixture, generated into [`crate::examples`]. The
/// route answers the fixture whatever the request (past the provider's credential check), as
/// Prism answers an OpenAPI example.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Example {
    /// The operation id (`calltrackings.get`).
    pub id: &'static str,
    /// The method (`GET`).
    pub method: &'static str,
    /// The path template under the provider's mount (`/calltrackings/{id}`).
    pub path: &'static str,
    /// The response fixture's text, answered with `200`; `None` answers `204 No Content`.
    pub body: Option<&'static str>,
}

/// Decides from the method, path, query and headers alone (no body) whether a request may go
/// on: `Some(reply)` refuses it before its body is read.
pub type Admission = Arc<dyn Fn(&Request) -> Option<Reply> + Send + Sync>;

/// The provider's own error shape for the refusals the server makes itself (a body too large,
/// a number out of range).
pub type ErrorShape = fn(StatusCode, &str) -> Reply;

/// A matched route: run [`Matched::reply`] once the body has been read.
pub struct Matched<'a> {
    route: &'a Route,
    params: HashMap<String, String>,
}

impl Matched<'_> {
    /// Whether the route needs credentials.
    pub fn guarded(&self) -> bool {
        !self.route.open
    }

    /// The route's path template under its router (`/visitor/{id}`).
    pub fn template(&self) -> &str {
        &self.route.template
    }

    /// The handler's reply to `request` (its body read).
    pub fn reply(self, request: &mut Request) -> Reply {
        request.params = self.params;
        (self.route.handler)(request)
    }
}

/// Routes under one prefix (`/agendize/api/2.0`).
#[derive(Clone, Default)]
pub struct Router {
    routes: Vec<Route>,
    admission: Option<Admission>,
    error_shape: Option<ErrorShape>,
    contract: Option<Arc<crate::contract::Contract>>,
    seeder: Option<(&'static [&'static str], Seeder)>,
}

/// Loads records into a resource of a router's state ([`Router::seeds`]).
pub type Seeder = Arc<dyn Fn(&str, Records) -> Result<usize, crate::store::Full> + Send + Sync>;

/// Records to load: JSON objects.
pub type Records = Vec<serde_json::Map<String, serde_json::Value>>;

impl Router {
    /// No route.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a route.
    pub fn route(
        &mut self,
        method: Method,
        template: &str,
        handler: impl Fn(&Request) -> Reply + Send + Sync + 'static,
    ) -> &mut Self {
        let segments = template
            .trim_start_matches('/')
            .split('/')
            .filter(|part| !part.is_empty())
            .map(|part| match (part.find('{'), part.find('}')) {
                (Some(open), Some(close)) if open < close => Segment::Param {
                    name: part[open + 1..close].to_owned(),
                    prefix: part[..open].to_owned(),
                    suffix: part[close + 1..].to_owned(),
                },
                _ => Segment::Literal(part.to_owned()),
            })
            .collect();
        self.routes.push(Route {
            method,
            template: template.to_owned(),
            segments,
            handler: Arc::new(handler),
            open: false,
            example: false,
        });
        self
    }

    /// Adds a route per example, under `under` (the API's place in this router, `""` when the
    /// router is the API's mount), after the stateful routes (which win where both match).
    pub fn with_examples(mut self, under: &str, examples: &[Example]) -> Self {
        for example in examples {
            let Ok(method) = Method::from_bytes(example.method.as_bytes()) else {
                continue;
            };
            let reply = match example.body {
                Some(text) => Reply::bytes("application/json", Bytes::from_static(text.as_bytes())),
                None => Reply::empty(),
            };
            let template = format!("{under}{}", example.path);
            self.route(method, &template, move |_| reply.clone());
            if let Some(route) = self.routes.last_mut() {
                route.example = true;
            }
        }
        self
    }

    /// A route served without credentials: the [`Router::admit`] check is skipped for it.
    pub fn open_route(
        &mut self,
        method: Method,
        template: &str,
        handler: impl Fn(&Request) -> Reply + Send + Sync + 'static,
    ) -> &mut Self {
        self.route(method, template, handler);
        if let Some(route) = self.routes.last_mut() {
            route.open = true;
        }
        self
    }

    /// The credential check every route but the open ones passes before its body is read.
    pub fn admit(
        &mut self,
        check: impl Fn(&Request) -> Option<Reply> + Send + Sync + 'static,
    ) -> &mut Self {
        self.admission = Some(Arc::new(check));
        self
    }

    /// Refuses, in the provider's error shape, the requests `contract` does not allow.
    pub fn with_contract(mut self, contract: crate::contract::Contract) -> Self {
        self.contract = Some(Arc::new(contract));
        self
    }

    /// The contract's refusal of `request` (its body read), routed by `matched`; a form's
    /// members are kept as the contract types them ([`Request::form_fields`]).
    pub fn check(&self, matched: &Matched<'_>, request: &mut Request) -> Option<Reply> {
        let contract = self.contract.as_ref()?;
        request.params.clone_from(&matched.params);
        match contract.check(&matched.route.template, request) {
            Ok(checked) => {
                request.fields = checked.fields;
                request.ignored_parameters = checked.ignored_parameters;
                None
            }
            Err(refusal) => Some(self.error(StatusCode::BAD_REQUEST, &refusal.0)),
        }
    }

    /// The catalog id of the operation at `template` (a route of this router) for `method`, as
    /// the contract's documents name it.
    pub fn operation_id(&self, method: &Method, template: &str) -> Option<&str> {
        self.contract
            .as_ref()?
            .operation_id(method.as_str(), template)
    }

    /// Every operation id the contract's documents name.
    pub fn operation_ids(&self) -> Vec<&str> {
        self.contract
            .as_ref()
            .map(|contract| contract.operation_ids())
            .unwrap_or_default()
    }

    /// The resources that `POST /_sandbox/seed` may load, and how.
    pub fn seeds(
        &mut self,
        resources: &'static [&'static str],
        seeder: impl Fn(&str, Records) -> Result<usize, crate::store::Full> + Send + Sync + 'static,
    ) -> &mut Self {
        self.seeder = Some((resources, Arc::new(seeder)));
        self
    }

    /// The resources [`Router::seed`] loads.
    pub fn seeded_resources(&self) -> &'static [&'static str] {
        self.seeder.as_ref().map_or(&[], |(resources, _)| resources)
    }

    /// Loads `records` into `resource` (one of [`Router::seeded_resources`]).
    pub fn seed(&self, resource: &str, records: Records) -> Result<usize, crate::store::Full> {
        match &self.seeder {
            Some((_, seeder)) => seeder(resource, records),
            None => Ok(0),
        }
    }

    /// The shape of the errors the server answers itself for these routes.
    pub fn errors(&mut self, shape: ErrorShape) -> &mut Self {
        self.error_shape = Some(shape);
        self
    }

    /// This router's refusal of a request with `status` and `message`, in its provider's shape.
    pub fn error(&self, status: StatusCode, message: &str) -> Reply {
        match self.error_shape {
            Some(shape) => shape(status, message),
            None => Reply::json(status, &serde_json::json!({ "message": message })),
        }
    }

    /// The admission check's refusal of `request` (no body yet), if any.
    pub fn refuse(&self, request: &Request) -> Option<Reply> {
        self.admission.as_ref().and_then(|check| check(request))
    }

    /// Every route: its method, path template, whether it is served without credentials, and
    /// whether it answers an [`Example`].
    pub fn routes(&self) -> impl Iterator<Item = (&Method, &str, bool, bool)> {
        self.routes.iter().map(|route| {
            (
                &route.method,
                route.template.as_str(),
                route.open,
                route.example,
            )
        })
    }

    /// The first route matching `method` and `segments` (decoded path segments), `None` when
    /// no route matches.
    pub fn find(&self, method: &Method, segments: &[String]) -> Option<Matched<'_>> {
        for route in &self.routes {
            if route.method != *method || route.segments.len() != segments.len() {
                continue;
            }
            let mut params = HashMap::new();
            let matched =
                route
                    .segments
                    .iter()
                    .zip(segments)
                    .all(|(pattern, actual)| match pattern {
                        Segment::Literal(literal) => literal == actual,
                        Segment::Param {
                            name,
                            prefix,
                            suffix,
                        } => {
                            let inner = actual
                                .strip_prefix(prefix.as_str())
                                .and_then(|rest| rest.strip_suffix(suffix.as_str()));
                            match inner {
                                Some(value) if !value.is_empty() => {
                                    params.insert(name.clone(), value.to_owned());
                                    true
                                }
                                _ => false,
                            }
                        }
                    });
            if matched {
                return Some(Matched { route, params });
            }
        }
        None
    }

    /// The reply of the first route matching `request.method` and `segments`, `None` when no
    /// route matches (the admission check is the caller's: see [`Router::refuse`]).
    pub fn dispatch(&self, request: &mut Request, segments: &[String]) -> Option<Reply> {
        let matched = self.find(&request.method, segments)?;
        Some(matched.reply(request))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(method: Method, headers: &[(&'static str, &'static str)]) -> Request {
        let mut map = HeaderMap::new();
        for (name, value) in headers {
            map.insert(*name, value.parse().expect("a header value"));
        }
        Request {
            method,
            path: String::new(),
            params: HashMap::new(),
            query: Vec::new(),
            headers: map,
            body: Bytes::new(),
            fields: None,
            ignored_parameters: Vec::new(),
        }
    }

    /// What a request to `path` gets: the admission's refusal or the route's reply.
    fn answer(router: &Router, mut request: Request, path: &str) -> Option<Reply> {
        let segments: Vec<String> = path[1..].split('/').map(str::to_owned).collect();
        let matched = router.find(&request.method, &segments)?;
        if matched.guarded() {
            if let Some(refusal) = router.refuse(&request) {
                return Some(refusal);
            }
        }
        Some(matched.reply(&mut request))
    }

    #[test]
    fn an_example_answers_its_fixture_behind_the_credential_check_and_after_stateful_routes() {
        const EXAMPLES: &[Example] = &[
            Example {
                id: "calltrackings.stats",
                method: "GET",
                path: "/calltrackings/{id}/stats",
                body: Some("{\"calls\": 3}"),
            },
            Example {
                id: "calltrackings.purge",
                method: "DELETE",
                path: "/calltrackings/{id}",
                body: None,
            },
            Example {
                id: "calltrackings.get",
                method: "GET",
                path: "/calltrackings/{id}",
                body: Some("{\"example\": true}"),
            },
        ];
        let mut router = Router::new();
        router
            .admit(|request| {
                (request.header("apiKey") != Some("k"))
                    .then(|| Reply::json(StatusCode::FORBIDDEN, &serde_json::json!({})))
            })
            .route(Method::GET, "/calltrackings/{id}", |request| {
                Reply::json(
                    StatusCode::OK,
                    &serde_json::json!({"id": request.param("id")}),
                )
            });
        let router = router.with_examples("", EXAMPLES);

        let stats = answer(
            &router,
            request(Method::GET, &[("apiKey", "k")]),
            "/calltrackings/7/stats",
        )
        .expect("routed");
        assert_eq!(
            (stats.status, stats.content_type, &stats.body[..]),
            (StatusCode::OK, "application/json", &b"{\"calls\": 3}"[..])
        );
        let refused =
            answer(&router, request(Method::GET, &[]), "/calltrackings/7/stats").expect("routed");
        assert_eq!(refused.status, StatusCode::FORBIDDEN);
        let purged = answer(
            &router,
            request(Method::DELETE, &[("apiKey", "k")]),
            "/calltrackings/7",
        )
        .expect("routed");
        assert_eq!(
            (purged.status, purged.body.len()),
            (StatusCode::NO_CONTENT, 0)
        );
        // The stateful route was there first and wins.
        let got = answer(
            &router,
            request(Method::GET, &[("apiKey", "k")]),
            "/calltrackings/7",
        )
        .expect("routed");
        assert_eq!(&got.body[..], b"{\"id\":\"7\"}");

        let listed: Vec<(String, &str, bool)> = router
            .routes()
            .map(|(method, path, _, example)| (method.to_string(), path, example))
            .collect();
        assert_eq!(
            listed,
            [
                ("GET".to_owned(), "/calltrackings/{id}", false),
                ("GET".to_owned(), "/calltrackings/{id}/stats", true),
                ("DELETE".to_owned(), "/calltrackings/{id}", true),
                ("GET".to_owned(), "/calltrackings/{id}", true),
            ]
        );
    }
}
