//! Redirects, followed by the transport itself: credentials (auth headers, auth query
//! parameters, hook headers) go to the configured origin only, whatever a redirect says,
//! because reqwest strips only the standard auth headers and providers use custom ones.

use reqwest::header::{HeaderMap, CONTENT_TYPE, LOCATION, USER_AGENT};
use reqwest::{Method, StatusCode};
use secrecy::ExposeSecret;
use url::Url;

use super::Transport;
use crate::auth::AuthTarget;
use crate::request::Operation;

impl Transport {
    /// Sends one attempt of `op` to `url`, following redirects up to the configured limit.
    pub(super) async fn send_following_redirects(
        &self,
        op: &Operation,
        url: &Url,
        target: &AuthTarget,
        hook_headers: &HeaderMap,
    ) -> Result<reqwest::Response, ReqwestOrRedirect> {
        let inner = &*self.inner;
        let configured = url.clone();
        let mut url = url.clone();
        let mut method = op.method.clone();
        let mut send_body = true;
        let mut redirects = 0;
        loop {
            // Credentials go to the configured origin only, whatever a redirect says.
            let with_credentials = same_origin(&url, &configured);
            let mut request_url = url.clone();
            if with_credentials && !target.query.is_empty() {
                let mut pairs = request_url.query_pairs_mut();
                for (name, value) in &target.query {
                    pairs.append_pair(name, value.expose_secret());
                }
            }
            let mut request = inner
                .http
                .request(method.clone(), request_url)
                .headers(inner.default_headers.clone())
                .header(USER_AGENT, inner.user_agent.clone());
            for (name, value) in &op.headers {
                request = request.header(name.clone(), value.clone());
            }
            if with_credentials {
                // Hook headers first: the credentials win over a hook that set the same name.
                request = request
                    .headers(hook_headers.clone())
                    .headers(target.headers.clone());
            }
            if send_body {
                if let (Some(content_type), Some(bytes)) = (op.body.content_type(), op.body.bytes())
                {
                    request = request
                        .header(CONTENT_TYPE, content_type)
                        .body(bytes.clone());
                }
            }
            let response = request.send().await?;
            let status = response.status();
            if !status.is_redirection() || inner.max_redirects == 0 {
                return Ok(response);
            }
            let Some(location) = response.headers().get(LOCATION) else {
                return Ok(response);
            };
            redirects += 1;
            if redirects > inner.max_redirects {
                return Err(ReqwestOrRedirect::Redirect(format!(
                    "more than {} redirects",
                    inner.max_redirects
                )));
            }
            let next = location
                .to_str()
                .ok()
                .and_then(|location| url.join(location).ok())
                .filter(|next| matches!(next.scheme(), "http" | "https"))
                .ok_or_else(|| {
                    ReqwestOrRedirect::Redirect("a redirect without a usable Location".into())
                })?;
            // RFC 9110 §15.4: 303 always, and 301/302 after a POST, continue as a GET.
            if status == StatusCode::SEE_OTHER
                || (method == Method::POST
                    && matches!(status, StatusCode::MOVED_PERMANENTLY | StatusCode::FOUND))
            {
                method = Method::GET;
                send_body = false;
            }
            url = next;
        }
    }
}

/// Why an attempt produced no response to judge.
pub(super) enum ReqwestOrRedirect {
    /// reqwest failed (connect, TLS, a broken connection).
    Reqwest(reqwest::Error),
    /// Too many redirects, or one without a usable `Location`.
    Redirect(String),
    /// An answer over the buffering limit, left unread past it.
    TooLarge {
        status: StatusCode,
        announced: Option<u64>,
    },
}

impl From<reqwest::Error> for ReqwestOrRedirect {
    fn from(err: reqwest::Error) -> Self {
        Self::Reqwest(err)
    }
}

/// Scheme, host and port equal (what `Url::origin` compares, without allocating).
pub(super) fn same_origin(a: &Url, b: &Url) -> bool {
    a.scheme() == b.scheme()
        && a.host_str() == b.host_str()
        && a.port_or_known_default() == b.port_or_known_default()
}
