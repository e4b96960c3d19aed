//! A static bearer token (RFC 6750), for tokens obtained outside the client.

use std::fmt;

use reqwest::header::{HeaderValue, AUTHORIZATION};
use secrecy::SecretString;

use super::{secret_header_value, Auth, AuthTarget, AuthTicket};
use crate::error::Error;

/// `Authorization: Bearer <token>` with a token the client does not renew.
#[derive(Clone)]
pub struct Bearer {
    value: HeaderValue,
}

impl Bearer {
    /// Sends `token` on every request.
    pub fn new(token: SecretString) -> Result<Self, Error> {
        Ok(Self {
            value: secret_header_value("access token", "Bearer ", &token)?,
        })
    }
}

impl fmt::Debug for Bearer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Bearer(** redacted **)")
    }
}

impl Auth for Bearer {
    fn authorize_now(&self, target: &mut AuthTarget) -> Option<AuthTicket> {
        target.header(AUTHORIZATION, self.value.clone());
        Some(AuthTicket::default())
    }
}
