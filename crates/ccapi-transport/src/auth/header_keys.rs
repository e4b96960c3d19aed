//! API keys sent as request headers (`apiKey` + `token`, `access_token`, `api_key`,
//! `X-API-Key`).

use std::fmt;

use reqwest::header::{HeaderName, HeaderValue};
use secrecy::SecretString;

use super::{header_name, secret_header_value, Auth, AuthTarget, AuthTicket};
use crate::error::Error;

/// One or several static secrets, each sent as its own header on every request.
///
/// ```
/// use ccapi_transport::auth::HeaderKeys;
///
/// let auth = HeaderKeys::new()
///     .with("apiKey", "my-api-key".into())?
///     .with("token", "my-sso-token".into())?;
/// assert_eq!(format!("{auth:?}"), r#"HeaderKeys { headers: ["apikey", "token"] }"#);
/// # Ok::<(), ccapi_transport::Error>(())
/// ```
#[derive(Clone, Default)]
pub struct HeaderKeys {
    headers: Vec<(HeaderName, HeaderValue)>,
}

impl HeaderKeys {
    /// No header yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a header `name: secret`. Fails when the name is not a header name or the secret
    /// holds characters a header cannot carry (the error does not repeat the secret).
    pub fn with(mut self, name: &str, secret: SecretString) -> Result<Self, Error> {
        let name = header_name(name)?;
        let value = secret_header_value("credential", "", &secret)?;
        self.headers.push((name, value));
        Ok(self)
    }
}

impl fmt::Debug for HeaderKeys {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HeaderKeys")
            .field(
                "headers",
                &self
                    .headers
                    .iter()
                    .map(|(n, _)| n.as_str())
                    .collect::<Vec<_>>(),
            )
            .finish()
    }
}

impl Auth for HeaderKeys {
    fn authorize_now(&self, target: &mut AuthTarget) -> Option<AuthTicket> {
        for (name, value) in &self.headers {
            target.header(name.clone(), value.clone());
        }
        Some(AuthTicket::default())
    }
}
