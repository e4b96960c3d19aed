//! Client settings shared by every provider crate: base URL, timeouts, user agent, default
//! headers, retries, redirects, and an optional shared `reqwest::Client`.

use std::fmt;
use std::time::Duration;

use reqwest::header::{HeaderMap, HeaderName, HeaderValue};
use url::Url;

use crate::error::Error;
use crate::retry::RetryPolicy;

/// Settings of one provider client.
///
/// ```
/// use std::time::Duration;
/// use ccapi_transport::{ClientConfig, RetryPolicy};
///
/// let config = ClientConfig::new("https://api.agendize.com/api/2.0", "agendize-calls/0.1.0")?
///     .attempt_timeout(Duration::from_secs(10))
///     .total_timeout(Duration::from_secs(30))
///     .retry(RetryPolicy::disabled())
///     .default_header("X-Request-Source", "crm-sync")?;
/// assert_eq!(config.base_url().as_str(), "https://api.agendize.com/api/2.0");
/// # Ok::<(), ccapi_transport::Error>(())
/// ```
#[derive(Clone)]
pub struct ClientConfig {
    pub(crate) base_url: Url,
    pub(crate) user_agent: String,
    pub(crate) connect_timeout: Duration,
    pub(crate) attempt_timeout: Option<Duration>,
    pub(crate) total_timeout: Option<Duration>,
    pub(crate) default_headers: HeaderMap,
    pub(crate) http: Option<reqwest::Client>,
    pub(crate) retry: RetryPolicy,
    pub(crate) max_redirects: usize,
    pub(crate) hooks: Vec<std::sync::Arc<dyn crate::hook::Hook>>,
    pub(crate) provider: Option<&'static str>,
    pub(crate) max_response_bytes: u64,
    pub(crate) page_look_ahead: usize,
}

/// The default of [`ClientConfig::max_response_bytes`]: 32 MiB.
pub const DEFAULT_MAX_RESPONSE_BYTES: u64 = 32 * 1024 * 1024;

impl ClientConfig {
    /// Settings for a provider at `base_url`, identifying as `user_agent`
    /// (`<crate>/<version>`). Defaults: connect timeout 10 s, 30 s per attempt, no total
    /// timeout, [`RetryPolicy::default`], up to 5 redirects.
    pub fn new(base_url: &str, user_agent: impl Into<String>) -> Result<Self, Error> {
        Ok(Self {
            base_url: parse_base_url(base_url)?,
            user_agent: user_agent.into(),
            connect_timeout: Duration::from_secs(10),
            attempt_timeout: Some(Duration::from_secs(30)),
            total_timeout: None,
            default_headers: HeaderMap::new(),
            http: None,
            retry: RetryPolicy::default(),
            max_redirects: 5,
            hooks: Vec::new(),
            provider: None,
            max_response_bytes: DEFAULT_MAX_RESPONSE_BYTES,
            page_look_ahead: crate::paginate::DEFAULT_LOOK_AHEAD,
        })
    }

    /// Settings for the base URL in the environment variable `base_url_var` when it is set (a
    /// sandbox, a proxy), else for `default`: what each crate's `Client::from_env` starts from.
    pub fn from_env_or(
        base_url_var: &str,
        default: &str,
        user_agent: impl Into<String>,
    ) -> Result<Self, Error> {
        match env_var(base_url_var) {
            Some(url) => Self::new(&url, user_agent)
                .map_err(|err| Error::invalid_input(base_url_var.to_owned(), err.to_string())),
            None => Self::new(default, user_agent),
        }
    }

    /// Replaces the base URL (a sandbox, a test server, a high-availability host).
    ///
    /// Only `http` and `https` URLs with a host and without credentials, query or fragment are
    /// accepted.
    pub fn with_base_url(mut self, base_url: &str) -> Result<Self, Error> {
        self.base_url = parse_base_url(base_url)?;
        Ok(self)
    }

    /// The base URL every path is appended to.
    pub fn base_url(&self) -> &Url {
        &self.base_url
    }

    /// Replaces the user agent.
    pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
        self.user_agent = user_agent.into();
        self
    }

    /// How long to wait for a connection. Applies only to the client this crate builds, not to
    /// one given with [`ClientConfig::http_client`].
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// The longest one attempt may take, from sending to the end of the body (for downloads:
    /// to the response head, then between two chunks).
    pub fn attempt_timeout(mut self, timeout: Duration) -> Self {
        self.attempt_timeout = Some(timeout);
        self
    }

    /// The longest a call may take, whole: getting or renewing its credentials, every
    /// attempt, every wait between attempts (a `Retry-After` that would end past it stops the
    /// retries, and the error names the wait) and, for downloads, the whole body. Past it the
    /// call ends with a timeout naming this setting.
    ///
    /// A token or login request has its own limit besides, the per-attempt timeout (or
    /// [`RENEWAL_TIMEOUT`](crate::auth::RENEWAL_TIMEOUT)); when it fails, every call that
    /// waited for it gets its error, and new renewals are refused with it for a backoff of
    /// 0.5 s doubling to 30 s while failures repeat.
    pub fn total_timeout(mut self, timeout: Duration) -> Self {
        self.total_timeout = Some(timeout);
        self
    }

    /// Adds a header to every request. Fails on an invalid name or value.
    pub fn default_header(mut self, name: &str, value: &str) -> Result<Self, Error> {
        let name = HeaderName::from_bytes(name.as_bytes())
            .map_err(|_| Error::invalid_input(name.to_owned(), "not a valid HTTP header name"))?;
        let value = HeaderValue::from_str(value)
            .map_err(|_| Error::invalid_input(name.to_string(), "not a valid HTTP header value"))?;
        self.default_headers.append(name, value);
        Ok(self)
    }

    /// The retry policy ([`RetryPolicy::disabled`] turns retries off).
    pub fn retry(mut self, policy: RetryPolicy) -> Self {
        self.retry = policy;
        self
    }

    /// Adds a [`Hook`](crate::hook::Hook) called around every attempt of every request (after
    /// the ones added before it).
    pub fn hook(mut self, hook: impl crate::hook::Hook) -> Self {
        self.hooks.push(std::sync::Arc::new(hook));
        self
    }

    /// The API's name in spans and hooks (`agendize`, `ziwo`, `iadvize`, `vbc`). The provider
    /// crates set it.
    pub fn provider(mut self, name: &'static str) -> Self {
        self.provider = Some(name);
        self
    }

    /// The largest answer read into memory (default 32 MiB): a JSON answer, an error body, a
    /// token endpoint's answer. A larger one fails with [`Error::TooLarge`]
    /// as soon as it is known: from its `Content-Length` before reading, or when the limit is
    /// passed while reading. Downloads (recordings) are streamed and not limited.
    pub fn max_response_bytes(mut self, limit: u64) -> Self {
        self.max_response_bytes = limit;
        self
    }

    /// How many pages a listing fetches ahead of the page its consumer works on (default 1;
    /// 0: each page is requested only when the previous one is used up). A listing may
    /// override it with [`Listing::look_ahead`](crate::paginate::Listing::look_ahead).
    pub fn page_look_ahead(mut self, pages: usize) -> Self {
        self.page_look_ahead = pages;
        self
    }

    /// How many redirects to follow (0: none).
    pub fn max_redirects(mut self, max: usize) -> Self {
        self.max_redirects = max;
        self
    }

    /// Shares an existing connection pool across clients.
    ///
    /// The transport follows redirects itself so that credentials never cross origins; the
    /// given client must therefore not follow redirects on its own. Build it from
    /// [`http_client_builder`] (or set `redirect(Policy::none())`).
    pub fn http_client(mut self, client: reqwest::Client) -> Self {
        self.http = Some(client);
        self
    }
}

/// The environment variable `name`, when set and not empty (an empty variable counts as unset):
/// how every crate's `from_env` reads its settings.
pub fn env_var(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|value| !value.is_empty())
}

/// [`env_var`] for a credential: never held as a plain `String` past this call.
pub fn env_secret(name: &str) -> Option<secrecy::SecretString> {
    env_var(name).map(secrecy::SecretString::from)
}

/// A `reqwest::ClientBuilder` set up as the transport needs it (no automatic redirects), for a
/// pool shared through [`ClientConfig::http_client`].
pub fn http_client_builder() -> reqwest::ClientBuilder {
    reqwest::Client::builder().redirect(reqwest::redirect::Policy::none())
}

fn parse_base_url(text: &str) -> Result<Url, Error> {
    let shown = without_userinfo(text);
    let invalid = |why: &str| Error::invalid_input("base_url", format!("`{shown}` {why}"));
    let url = Url::parse(text).map_err(|err| invalid(&format!("is not a URL ({err})")))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(invalid("must use http or https"));
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err(invalid("has no host"));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(invalid("must not hold credentials"));
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(invalid("must not have a query or fragment"));
    }
    Ok(url)
}

/// `text` with what stands before an `@` in its authority replaced by `***`, so that a refused
/// base URL never prints its user name or password, whether it parses or not.
fn without_userinfo(text: &str) -> String {
    let start = text.find("://").map_or(0, |scheme| scheme + 3);
    let end = text[start..]
        .find(['/', '?', '#'])
        .map_or(text.len(), |offset| start + offset);
    match text[start..end].rfind('@') {
        Some(at) => format!("{}***@{}", &text[..start], &text[start + at + 1..]),
        None => text.to_owned(),
    }
}

impl fmt::Debug for ClientConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientConfig")
            .field("base_url", &self.base_url.as_str())
            .field("user_agent", &self.user_agent)
            .field("connect_timeout", &self.connect_timeout)
            .field("attempt_timeout", &self.attempt_timeout)
            .field("total_timeout", &self.total_timeout)
            .field(
                "default_headers",
                &self.default_headers.keys().collect::<Vec<_>>(),
            )
            .field("shared_http_client", &self.http.is_some())
            .field("retry", &self.retry)
            .field("max_redirects", &self.max_redirects)
            .field("max_response_bytes", &self.max_response_bytes)
            .field("page_look_ahead", &self.page_look_ahead)
            .field("hooks", &self.hooks.len())
            .field("provider", &self.provider)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_urls_that_could_misdirect_are_refused() {
        for bad in [
            "ftp://example.com",
            "https://user:pw@example.com/api",
            "https://example.com/api?key=1",
            "not a url",
        ] {
            let err = ClientConfig::new(bad, "t/0").expect_err(bad);
            assert!(matches!(err, Error::InvalidInput { .. }), "{bad}: {err}");
        }
        assert!(ClientConfig::new("http://127.0.0.1:8080/vbc", "t/0").is_ok());
    }

    #[test]
    fn a_refused_base_url_never_prints_its_credentials() {
        for (bad, shown) in [
            (
                "https://agent:canary-pw@example.com/api",
                "invalid input for `base_url`: `https://***@example.com/api` must not hold credentials",
            ),
            (
                "https://canary-user@example.com",
                "invalid input for `base_url`: `https://***@example.com` must not hold credentials",
            ),
            (
                "https://agent:canary-pw@[::1/api",
                "invalid input for `base_url`: `https://***@[::1/api` is not a URL (invalid IPv6 address)",
            ),
            (
                "agent:canary-pw@example.com",
                "invalid input for `base_url`: `***@example.com` must use http or https",
            ),
            (
                "ftp://example.com/a@b",
                "invalid input for `base_url`: `ftp://example.com/a@b` must use http or https",
            ),
        ] {
            let err = ClientConfig::new(bad, "t/0").expect_err(bad);
            assert_eq!(err.to_string(), shown);
            assert!(!format!("{err:?}").contains("canary"), "{err:?}");
        }
    }
}
