//! HTTP Basic authentication (RFC 7617).

use std::fmt;

use base64::Engine as _;
use reqwest::header::{HeaderValue, AUTHORIZATION};
use secrecy::{ExposeSecret, SecretString};

use super::{secret_header_value, Auth, AuthTarget, AuthTicket};
use crate::error::Error;

/// `Authorization: Basic base64(username:password)`.
///
/// iAdvize takes its API key as the username with an empty password:
/// `Basic::new("the-api-key".into(), None)`.
#[derive(Clone)]
pub struct Basic {
    value: HeaderValue,
}

impl Basic {
    /// Credentials for `username` and an optional password (empty when `None`).
    pub fn new(username: SecretString, password: Option<SecretString>) -> Result<Self, Error> {
        let value = Self::header_value(&username, password.as_ref())?;
        Ok(Self { value })
    }

    /// The header value for a username and password, marked sensitive.
    pub fn header_value(
        username: &SecretString,
        password: Option<&SecretString>,
    ) -> Result<HeaderValue, Error> {
        let joined = SecretString::from(format!(
            "{}:{}",
            username.expose_secret(),
            password.map(|p| p.expose_secret()).unwrap_or_default()
        ));
        let encoded = SecretString::from(
            base64::engine::general_purpose::STANDARD.encode(joined.expose_secret()),
        );
        secret_header_value("basic credentials", "Basic ", &encoded)
    }
}

impl fmt::Debug for Basic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Basic(** redacted **)")
    }
}

impl Auth for Basic {
    fn authorize_now(&self, target: &mut AuthTarget) -> Option<AuthTicket> {
        target.header(AUTHORIZATION, self.value.clone());
        Some(AuthTicket::default())
    }
}
