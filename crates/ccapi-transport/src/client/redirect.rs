//! Redirects, followed by the transport itself: credentials (auth headers, auth query
//! parameters, hook headers) go to the configured origin only, whatever a redirect says,
//! because reqwest strips only the standard auth headers and providers use custom ones.

use reqwest::header::{HeaderMap, HeaderValue, CONTENT_TYPE, LOCATION, USER_AGENT};
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
        // Where a redirect led; `None` while at the configured URL. URLs are cloned only for
        // the request itself: each clone is an allocation on the hot path.
        let mut redirected: Option<Url> = None;
        let mut method = op.method.clone();
        let mut send_body = true;
        let mut redirects = 0;
        loop {
            let current = redirected.as_ref().unwrap_or(url);
            // Credentials go to the configured origin only, whatever a redirect says.
            let with_credentials = same_origin(current, url);
            let mut request_url = current.clone();
            if with_credentials && !target.query.is_empty() {
                let mut pairs = request_url.query_pairs_mut();
                for (name, value) in &target.query {
                    pairs.append_pair(name, value.expose_secret());
                }
            }
            let mut request = reqwest::Request::new(method.clone(), request_url);
            let headers = request.headers_mut();
            replace_all(headers, &inner.default_headers);
            headers.insert(USER_AGENT, inner.user_agent.clone());
            for (name, value) in &op.headers {
                headers.append(name.clone(), value.clone());
            }
            if with_credentials {
                // Hook headers first: the credentials win over a hook that set the same name.
                replace_all(headers, hook_headers);
                for (name, value) in &target.headers {
                    headers.insert(name.clone(), value.clone());
                }
            }
            if send_body {
                if let (Some(content_type), Some(bytes)) = (op.body.content_type(), op.body.bytes())
                {
                    request
                        .headers_mut()
                        .insert(CONTENT_TYPE, HeaderValue::from_static(content_type));
                    *request.body_mut() = Some(bytes.clone().into());
                }
            }
            let response = inner.http.execute(request).await?;
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
                .and_then(|location| current.join(location).ok())
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
            redirected = Some(next);
        }
    }
}

/// What `RequestBuilder::headers` does: every name of `from` replaces that name in `to`, all
/// of its values kept.
fn replace_all(to: &mut HeaderMap, from: &HeaderMap) {
    for name in from.keys() {
        to.remove(name);
        for value in from.get_all(name) {
            to.append(name.clone(), value.clone());
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
