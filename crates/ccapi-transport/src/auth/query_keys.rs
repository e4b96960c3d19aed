//! API keys sent in the query string. Opt-in only: query strings end up in proxy and server
//! logs. The transport never logs a query string.

use std::fmt;

use secrecy::SecretString;

use super::{Auth, AuthTarget, AuthTicket};

/// One or several static secrets, each sent as a query parameter on every request.
#[derive(Clone, Default)]
pub struct QueryKeys {
    params: Vec<(String, SecretString)>,
}

impl QueryKeys {
    /// No parameter yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds `name=secret` to every request.
    pub fn with(mut self, name: impl Into<String>, secret: SecretString) -> Self {
        self.params.push((name.into(), secret));
        self
    }
}

impl fmt::Debug for QueryKeys {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("QueryKeys")
            .field(
                "params",
                &self
                    .params
                    .iter()
                    .map(|(n, _)| n.as_str())
                    .collect::<Vec<_>>(),
            )
            .finish()
    }
}

impl Auth for QueryKeys {
    fn authorize_now(&self, target: &mut AuthTarget) -> Option<AuthTicket> {
        for (name, value) in &self.params {
            target.query(name.clone(), value.clone());
        }
        Some(AuthTicket::default())
    }
}
