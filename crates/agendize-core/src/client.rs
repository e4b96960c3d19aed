//! How an Agendize client authenticates and reaches the API: written once for both crates.

use std::fmt;
use std::sync::Arc;

use ccapi_transport::auth::{Auth, Bearer, Grant, HeaderKeys, OAuth2, OAuth2Builder, QueryKeys};
use ccapi_transport::{env_secret, ClientConfig, Error, SecretString, Transport};

use crate::envelope::AgendizeEnvelope;

pub use crate::operations::{DEFAULT_BASE_URL, TOKEN_URL as OAUTH2_TOKEN_URL};

/// The user agent sent unless the configuration names another.
pub const USER_AGENT: &str = concat!("ccapi-agendize/", env!("CARGO_PKG_VERSION"));

/// Where the API key and SSO token travel.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum KeyPlacement {
    /// `apiKey` and `token` request headers: the documented form, and the default.
    #[default]
    Headers,
    /// `apiKey` and `token` query parameters. Agendize accepts them, but query strings end up
    /// in proxy and server logs: use only where headers cannot be sent.
    Query,
}

/// The credentials of an Agendize client.
#[derive(Clone)]
#[non_exhaustive]
pub enum Credentials {
    /// An API key and an SSO token.
    ApiKey {
        /// The API key (`apiKey`).
        api_key: SecretString,
        /// The SSO token of the account acting (`token`).
        token: SecretString,
        /// Headers (default) or query parameters.
        placement: KeyPlacement,
    },
    /// OAuth2: tokens obtained and refreshed by the transport (see [`oauth2`]).
    OAuth2(Arc<OAuth2>),
    /// A bearer access token obtained elsewhere; never refreshed.
    AccessToken(SecretString),
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::ApiKey { placement, .. } => f
                .debug_struct("ApiKey")
                .field("api_key", &"** redacted **")
                .field("token", &"** redacted **")
                .field("placement", placement)
                .finish(),
            Self::OAuth2(_) => f.write_str("OAuth2(..)"),
            Self::AccessToken(_) => f.write_str("AccessToken(** redacted **)"),
        }
    }
}

impl Credentials {
    /// The API key and SSO token as `apiKey` / `token` headers.
    pub fn api_key(api_key: SecretString, token: SecretString) -> Self {
        Self::ApiKey {
            api_key,
            token,
            placement: KeyPlacement::Headers,
        }
    }

    /// The API key and SSO token as query parameters (see [`KeyPlacement::Query`]).
    pub fn api_key_in_query(api_key: SecretString, token: SecretString) -> Self {
        Self::ApiKey {
            api_key,
            token,
            placement: KeyPlacement::Query,
        }
    }

    /// An OAuth2 session built with [`oauth2`] (or `OAuth2::builder` for another endpoint).
    pub fn oauth2(session: OAuth2) -> Self {
        Self::OAuth2(Arc::new(session))
    }

    /// A static bearer access token.
    pub fn access_token(token: SecretString) -> Self {
        Self::AccessToken(token)
    }

    /// The `AGENDIZE_API_KEY` and `AGENDIZE_TOKEN` environment variables as headers, or
    /// `AGENDIZE_ACCESS_TOKEN` as a bearer token when the first two are not set.
    pub fn from_env() -> Result<Self, Error> {
        match (
            env_secret("AGENDIZE_API_KEY"),
            env_secret("AGENDIZE_TOKEN"),
            env_secret("AGENDIZE_ACCESS_TOKEN"),
        ) {
            (Some(api_key), Some(token), _) => Ok(Self::api_key(api_key, token)),
            (_, _, Some(access_token)) => Ok(Self::access_token(access_token)),
            _ => Err(Error::invalid_input(
                "credentials",
                "set AGENDIZE_API_KEY and AGENDIZE_TOKEN, or AGENDIZE_ACCESS_TOKEN",
            )),
        }
    }

    fn into_auth(self) -> Result<Arc<dyn Auth>, Error> {
        Ok(match self {
            Self::ApiKey {
                api_key,
                token,
                placement: KeyPlacement::Headers,
            } => Arc::new(
                HeaderKeys::new()
                    .with("apiKey", api_key)?
                    .with("token", token)?,
            ),
            Self::ApiKey {
                api_key,
                token,
                placement: KeyPlacement::Query,
            } => Arc::new(
                QueryKeys::new()
                    .with("apiKey", api_key)
                    .with("token", token),
            ),
            Self::OAuth2(session) => session,
            Self::AccessToken(token) => Arc::new(Bearer::new(token)?),
        })
    }
}

/// The configuration from `AGENDIZE_BASE_URL` (a sandbox, a proxy), or the documented base URL.
pub fn config_from_env() -> Result<ClientConfig, Error> {
    ClientConfig::from_env_or("AGENDIZE_BASE_URL", DEFAULT_BASE_URL, USER_AGENT)
}

/// An OAuth2 session against Agendize's token endpoint (`grant_type` `password` or
/// `refresh_token`, client id and secret as form fields). Finish it with `.build()?` and pass
/// it to [`Credentials::oauth2`].
pub fn oauth2(grant: Grant, client_id: &str, client_secret: SecretString) -> OAuth2Builder {
    let token_url = OAUTH2_TOKEN_URL
        .parse()
        .unwrap_or_else(|_| unreachable!("the documented token URL is valid"));
    OAuth2::builder(token_url, grant)
        .client_id(client_id)
        .client_secret(client_secret)
}

/// The default configuration: [`DEFAULT_BASE_URL`], [`USER_AGENT`] and the transport's
/// defaults (timeouts, retries).
pub fn default_config() -> ClientConfig {
    ClientConfig::new(DEFAULT_BASE_URL, USER_AGENT)
        .unwrap_or_else(|_| unreachable!("the documented base URL is valid"))
}

/// A transport for `config` with `credentials` and the Agendize envelope: what the
/// `agendize-calls` and `agendize-resellers` clients stand on.
pub fn transport(config: ClientConfig, credentials: Credentials) -> Result<Transport, Error> {
    Transport::new(
        config.provider("agendize"),
        credentials.into_auth()?,
        AgendizeEnvelope,
    )
}

/// Declares the `Client` of an Agendize crate, written once for `agendize-calls` and
/// `agendize-resellers`: the struct, holding a [`Transport`], with `from_env`, `new`,
/// `with_config`, `transport` and `watchers`. Each crate adds its resource accessors in an
/// `impl` of its own.
#[macro_export]
macro_rules! api_client {
    ($(#[$attr:meta])* pub struct $name:ident;) => {
        $(#[$attr])*
        #[derive(Debug, Clone)]
        pub struct $name {
            transport: $crate::ccapi_transport::Transport,
        }

        impl $name {
            /// A client from the environment: `AGENDIZE_BASE_URL` (default: the documented base
            /// URL; a sandbox or proxy otherwise) and the credentials of `Credentials::from_env`.
            pub fn from_env() -> ::std::result::Result<Self, $crate::ccapi_transport::Error> {
                let config = $crate::client::config_from_env()?;
                Self::with_config(config, $crate::client::Credentials::from_env()?)
            }

            /// A client for the documented base URL with the transport's defaults.
            pub fn new(
                credentials: $crate::client::Credentials,
            ) -> ::std::result::Result<Self, $crate::ccapi_transport::Error> {
                Self::with_config($crate::client::default_config(), credentials)
            }

            /// A client with your configuration (base URL, timeouts, retries, user agent).
            pub fn with_config(
                config: $crate::ccapi_transport::ClientConfig,
                credentials: $crate::client::Credentials,
            ) -> ::std::result::Result<Self, $crate::ccapi_transport::Error> {
                Ok(Self {
                    transport: $crate::client::transport(config, credentials)?,
                })
            }

            /// The transport with this client's credentials, envelope and retries, to call an
            /// endpoint this crate does not cover yet:
            /// `client.transport().execute::<serde_json::Value>(Operation::get("/new/route"))`.
            pub fn transport(&self) -> &$crate::ccapi_transport::Transport {
                &self.transport
            }

            /// Existing watches (delete one by its id).
            pub fn watchers(&self) -> $crate::watchers::Watchers<'_> {
                $crate::watchers::Watchers::new(&self.transport)
            }
        }
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credentials_never_print() {
        let credentials = Credentials::api_key("key-123".into(), "tok-456".into());
        let printed = format!("{credentials:?}");
        assert_eq!(
            printed,
            r#"ApiKey { api_key: "** redacted **", token: "** redacted **", placement: Headers }"#
        );
        assert_eq!(
            format!("{:?}", Credentials::access_token("abc".into())),
            "AccessToken(** redacted **)"
        );
    }
}
