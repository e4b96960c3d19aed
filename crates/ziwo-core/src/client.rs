//! Credentials and the connection every Ziwo client shares: an instance (or a base URL), an
//! `access_token` (static or from a login session) or an `api_key`, and the Ziwo envelope.

use std::fmt;
use std::sync::Arc;

use ccapi_transport::auth::{Auth, HeaderKeys, LoginSession};
use ccapi_transport::{
    env_secret, env_var, ClientConfig, Error, ExposeSecret, SecretString, Transport,
};

use crate::envelope::ZiwoEnvelope;
use crate::models::LoginUser;

/// How a Ziwo client authenticates.
#[derive(Clone)]
#[non_exhaustive]
pub enum Credentials {
    /// An `access_token` obtained elsewhere (the WebPhone's `_jorel-token`, a login of yours).
    AccessToken(SecretString),
    /// A user name and password: the client logs in (`POST /auth/login`) on first use, sends
    /// the token as `access_token`, and logs in again once when Ziwo refuses it (401/403).
    Login {
        /// The user name (an e-mail address).
        username: String,
        /// The password.
        password: SecretString,
    },
    /// An `api_key` header (CTI routes; admin routes accept it too).
    ApiKey(SecretString),
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::AccessToken(_) => f.write_str("AccessToken(** redacted **)"),
            Self::Login { username, .. } => f
                .debug_struct("Login")
                .field("username", username)
                .field("password", &"** redacted **")
                .finish(),
            Self::ApiKey(_) => f.write_str("ApiKey(** redacted **)"),
        }
    }
}

impl Credentials {
    /// A login session for `username` and `password`.
    pub fn login(username: impl Into<String>, password: SecretString) -> Self {
        Self::Login {
            username: username.into(),
            password,
        }
    }

    /// `ZIWO_ACCESS_TOKEN`, else `ZIWO_USERNAME` + `ZIWO_PASSWORD`, else `ZIWO_API_KEY`.
    pub fn from_env() -> Result<Self, Error> {
        if let Some(token) = env_secret("ZIWO_ACCESS_TOKEN") {
            return Ok(Self::AccessToken(token));
        }
        if let (Some(username), Some(password)) =
            (env_var("ZIWO_USERNAME"), env_secret("ZIWO_PASSWORD"))
        {
            return Ok(Self::login(username, password));
        }
        if let Some(key) = env_secret("ZIWO_API_KEY") {
            return Ok(Self::ApiKey(key));
        }
        Err(Error::invalid_input(
            "credentials",
            "set ZIWO_ACCESS_TOKEN, ZIWO_USERNAME and ZIWO_PASSWORD, or ZIWO_API_KEY",
        ))
    }

    /// `ZIWO_API_KEY` (what CTI routes take).
    pub fn api_key_from_env() -> Result<Self, Error> {
        env_secret("ZIWO_API_KEY")
            .map(Self::ApiKey)
            .ok_or_else(|| Error::invalid_input("credentials", "set ZIWO_API_KEY"))
    }
}

/// What the Android SDK sends with a login besides the credentials
/// (`ASWATFZLLC/android-ziwo-sdk`, `ZiwoApiService.kt`, `login`): the WebRTC (Verto) session the
/// agent's phone opened, and the call center (instance) name. The web client sends neither;
/// both are optional, and only an explicit [`Connection::login_with`] sends them (a session that
/// logs in again by itself after a 401 sends the credentials alone).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LoginOptions {
    verto_session_id: Option<String>,
    call_center: Option<String>,
}

impl LoginOptions {
    /// Nothing besides the credentials.
    pub fn new() -> Self {
        Self::default()
    }

    /// The `vertoSessionId` body member.
    pub fn verto_session_id(mut self, id: impl Into<String>) -> Self {
        self.verto_session_id = Some(id.into());
        self
    }

    /// The `callCenter` query parameter.
    pub fn call_center(mut self, name: impl Into<String>) -> Self {
        self.call_center = Some(name.into());
        self
    }
}

/// The user agent sent unless the configuration names another.
pub const USER_AGENT: &str = concat!("ccapi-ziwo/", env!("CARGO_PKG_VERSION"));

/// The configuration from `ZIWO_BASE_URL` (a sandbox, a proxy), else from the instance named in
/// `ZIWO_INSTANCE`.
pub fn config_from_env() -> Result<ClientConfig, Error> {
    match (env_var("ZIWO_BASE_URL"), env_var("ZIWO_INSTANCE")) {
        (Some(url), _) => ClientConfig::new(&url, USER_AGENT),
        (None, Some(instance)) => instance_config(&instance),
        (None, None) => Err(Error::invalid_input(
            "ZIWO_INSTANCE",
            "set ZIWO_INSTANCE (or ZIWO_BASE_URL)",
        )),
    }
}

/// A configuration for the instance `name` (`acme` → `https://acme-api.aswat.co`).
pub fn instance_config(name: &str) -> Result<ClientConfig, Error> {
    ClientConfig::new(&crate::instance::base_url(name)?, USER_AGENT)
}

/// What every Ziwo client holds: the transport and, for login credentials, the session.
#[derive(Debug, Clone)]
pub struct Connection {
    transport: Transport,
    session: Option<(LoginSession, String, SecretString)>,
}

impl Connection {
    /// A connection with `config` (from [`instance_config`], or your own base URL).
    pub fn new(config: ClientConfig, credentials: Credentials) -> Result<Self, Error> {
        let (auth, session): (Arc<dyn Auth>, _) = match credentials {
            Credentials::AccessToken(token) => (
                Arc::new(HeaderKeys::new().with("access_token", token)?),
                None,
            ),
            Credentials::ApiKey(key) => (Arc::new(HeaderKeys::new().with("api_key", key)?), None),
            Credentials::Login { username, password } => {
                let session = LoginSession::builder(username.clone(), password.clone()).build()?;
                (
                    Arc::new(session.clone()),
                    Some((session, username, password)),
                )
            }
        };
        Ok(Self {
            transport: Transport::new(config.provider("ziwo"), auth, ZiwoEnvelope)?,
            session,
        })
    }

    /// The transport, for the operations of the Ziwo crates.
    pub fn transport(&self) -> &Transport {
        &self.transport
    }

    /// Logs in now (`POST /auth/login`) and returns the user; with login credentials the
    /// session then uses this token. Other credentials have no user name: an input error.
    pub async fn login(&self) -> Result<LoginUser, Error> {
        self.login_with(&LoginOptions::new()).await
    }

    /// [`Connection::login`] with what the Android SDK also sends: a Verto (WebRTC) session id
    /// in the body and the call center as a query parameter (see [`LoginOptions`]).
    pub async fn login_with(&self, options: &LoginOptions) -> Result<LoginUser, Error> {
        let Some((session, username, password)) = &self.session else {
            return Err(Error::invalid_input(
                "credentials",
                "logging in needs Credentials::Login (user name and password)",
            ));
        };
        let mut body =
            serde_json::json!({"username": username, "password": password.expose_secret()});
        if let Some(verto) = &options.verto_session_id {
            body["vertoSessionId"] = serde_json::Value::from(verto.as_str());
        }
        let mut query = ccapi_transport::Query::new();
        query.push_opt("callCenter", options.call_center.as_ref());
        let user: LoginUser = self
            .transport
            .execute(
                crate::operations::AUTH_LOGIN
                    .request()
                    .query(query)
                    .json(&body)
                    .sensitive(password)
                    .unauthenticated(),
            )
            .await?;
        if let Some(token) = &user.access_token {
            session.adopt(token.clone()).await?;
        }
        Ok(user)
    }

    /// Ends the session (`POST /auth/logout`); a login session logs in again on next use.
    pub async fn logout(&self) -> Result<(), Error> {
        self.transport
            .execute_empty(crate::operations::AUTH_LOGOUT.request())
            .await?;
        if let Some((session, _, _)) = &self.session {
            session.clear();
        }
        Ok(())
    }
}

/// Declares the `Client` of a Ziwo crate, written once for `ziwo-admin`, `ziwo-cti` and
/// `ziwo-crm`: the struct, holding a [`Connection`] (and the crate's own `extra` fields, set to
/// their defaults), with `from_env`, `with_config`, `transport` and `auth`. Each crate adds its
/// `new` and its resource accessors in an `impl` of its own.
///
/// `from_env` names the function that reads the crate's credentials, and the text that says
/// which variables it reads.
#[macro_export]
macro_rules! api_client {
    (
        $(#[$attr:meta])*
        pub struct $name:ident {
            from_env: $credentials:path, $variables:literal
            $(, extra { $($field:ident: $type:ty = $default:expr),* $(,)? })? $(,)?
        }
    ) => {
        $(#[$attr])*
        #[derive(Debug, Clone)]
        pub struct $name {
            connection: $crate::client::Connection,
            $($($field: $type,)*)?
        }

        impl $name {
            #[doc = concat!(
                "A client from the environment: `ZIWO_BASE_URL` (a sandbox or proxy), else the ",
                "instance `ZIWO_INSTANCE`; and ", $variables, "."
            )]
            pub fn from_env() -> ::std::result::Result<Self, $crate::ccapi_transport::Error> {
                Self::with_config($crate::client::config_from_env()?, $credentials()?)
            }

            /// A client with your configuration (any base URL, timeouts, retries).
            pub fn with_config(
                config: $crate::ccapi_transport::ClientConfig,
                credentials: $crate::client::Credentials,
            ) -> ::std::result::Result<Self, $crate::ccapi_transport::Error> {
                Ok(Self {
                    connection: $crate::client::Connection::new(config, credentials)?,
                    $($($field: $default,)*)?
                })
            }

            /// The transport with this client's credentials, envelope and retries, to call an
            /// endpoint this crate does not cover yet:
            /// `client.transport().execute::<serde_json::Value>(Operation::get("/new/route"))`.
            pub fn transport(&self) -> &$crate::ccapi_transport::Transport {
                self.connection.transport()
            }

            /// `auth.login` and `auth.logout`.
            pub fn auth(&self) -> &$crate::client::Connection {
                &self.connection
            }
        }
    };
}
