//! OAuth2 against the VBC token endpoint, or a static access token.
//!
//! - **Password grant**: the user name must end in `@vbc.prod`; it is added when missing. Scope
//!   `openid`; client id and secret as form fields.
//! - **Authorization code**: the client authenticates with `Authorization: Basic
//!   base64(client_id:client_secret)`.
//! - **Refresh token**: refresh tokens are single-use; each refresh returns a new one, which the
//!   transport keeps (and reports through `on_token_update`, so you can persist it).
//!
//! Access tokens live 86 400 s; the transport renews them shortly before expiry and once after a
//! 401, with one token request however many calls are waiting.

use std::fmt;
use std::sync::Arc;

use ccapi_transport::auth::{Auth, Bearer, ClientAuthentication, Grant, OAuth2, OAuth2Builder};
use ccapi_transport::{env_secret, env_var, Error, SecretString};
use url::Url;

pub use crate::operations::TOKEN_URL;

/// The suffix VBC user names carry for the password grant.
pub const USERNAME_SUFFIX: &str = "@vbc.prod";

/// `username` with [`USERNAME_SUFFIX`], added when missing.
pub fn vbc_username(username: &str) -> String {
    if username.ends_with(USERNAME_SUFFIX) {
        username.to_owned()
    } else {
        format!("{username}{USERNAME_SUFFIX}")
    }
}

/// An OAuth2 session builder for `grant` at [`TOKEN_URL`], configured as VBC expects it; add
/// `.on_token_update(...)` to persist rotated refresh tokens, then `.build()?`.
pub fn oauth2(grant: Grant, client_id: &str, client_secret: SecretString) -> OAuth2Builder {
    let token_url = TOKEN_URL
        .parse()
        .unwrap_or_else(|_| unreachable!("the documented token URL is valid"));
    oauth2_at(token_url, grant, client_id, client_secret)
}

/// [`oauth2`] against another token endpoint (a sandbox, a proxy).
pub fn oauth2_at(
    token_url: Url,
    grant: Grant,
    client_id: &str,
    client_secret: SecretString,
) -> OAuth2Builder {
    let (grant, scope, client_authentication) = match grant {
        Grant::Password { username, password } => (
            Grant::Password {
                username: vbc_username(&username),
                password,
            },
            Some("openid"),
            ClientAuthentication::RequestBody,
        ),
        code @ Grant::AuthorizationCode { .. } => (code, None, ClientAuthentication::BasicHeader),
        other => (other, None, ClientAuthentication::RequestBody),
    };
    let builder = OAuth2::builder(token_url, grant)
        .client_id(client_id)
        .client_secret(client_secret)
        .client_authentication(client_authentication);
    match scope {
        Some(scope) => builder.scope(scope),
        None => builder,
    }
}

/// How a [`Client`](crate::Client) authenticates.
#[derive(Clone)]
#[non_exhaustive]
pub enum Credentials {
    /// An OAuth2 session: tokens obtained, refreshed and rotated by the transport.
    OAuth2(Arc<OAuth2>),
    /// An access token obtained elsewhere; never refreshed.
    AccessToken(SecretString),
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::OAuth2(_) => f.write_str("OAuth2(..)"),
            Self::AccessToken(_) => f.write_str("AccessToken(** redacted **)"),
        }
    }
}

impl Credentials {
    /// The password grant (the `@vbc.prod` suffix is added to `username` when missing).
    pub fn password(
        client_id: &str,
        client_secret: SecretString,
        username: &str,
        password: SecretString,
    ) -> Result<Self, Error> {
        let grant = Grant::Password {
            username: username.to_owned(),
            password,
        };
        Ok(Self::oauth2(
            oauth2(grant, client_id, client_secret).build()?,
        ))
    }

    /// A refresh token obtained earlier (single-use: the transport keeps the rotated one).
    pub fn refresh_token(
        client_id: &str,
        client_secret: SecretString,
        refresh_token: SecretString,
    ) -> Result<Self, Error> {
        let grant = Grant::RefreshToken(refresh_token);
        Ok(Self::oauth2(
            oauth2(grant, client_id, client_secret).build()?,
        ))
    }

    /// An authorization code from the consent page (single use), exchanged with the client's
    /// Basic header.
    pub fn authorization_code(
        client_id: &str,
        client_secret: SecretString,
        code: SecretString,
        redirect_uri: Option<String>,
    ) -> Result<Self, Error> {
        let grant = Grant::AuthorizationCode { code, redirect_uri };
        Ok(Self::oauth2(
            oauth2(grant, client_id, client_secret).build()?,
        ))
    }

    /// The password grant at another token endpoint (a sandbox, a proxy), with `username` as
    /// given (the `@vbc.prod` suffix is the real endpoint's convention).
    pub fn password_at(
        token_url: &str,
        client_id: &str,
        client_secret: SecretString,
        username: &str,
        password: SecretString,
    ) -> Result<Self, Error> {
        let parsed = token_url
            .parse()
            .map_err(|err| Error::invalid_input("token_url", format!("`{token_url}`: {err}")))?;
        let grant = Grant::Password {
            username: username.to_owned(),
            password,
        };
        Ok(Self::oauth2(
            oauth2_at(parsed, grant, client_id, client_secret).build()?,
        ))
    }

    /// A session built with [`oauth2`] or [`oauth2_at`].
    pub fn oauth2(session: OAuth2) -> Self {
        Self::OAuth2(Arc::new(session))
    }

    /// A static access token.
    pub fn access_token(token: SecretString) -> Self {
        Self::AccessToken(token)
    }

    /// `VBC_ACCESS_TOKEN`, or the password grant from `VBC_CLIENT_ID`, `VBC_CLIENT_SECRET`,
    /// `VBC_USERNAME` and `VBC_PASSWORD`, at `VBC_TOKEN_URL` when set (a sandbox: `ccapi
    /// sandbox` prints it) or at [`TOKEN_URL`].
    pub fn from_env() -> Result<Self, Error> {
        if let Some(token) = env_secret("VBC_ACCESS_TOKEN") {
            return Ok(Self::access_token(token));
        }
        match (
            env_var("VBC_CLIENT_ID"),
            env_secret("VBC_CLIENT_SECRET"),
            env_var("VBC_USERNAME"),
            env_secret("VBC_PASSWORD"),
        ) {
            (Some(id), Some(secret), Some(username), Some(password)) => {
                match env_var("VBC_TOKEN_URL") {
                    // Another token endpoint: the sandbox, a proxy.
                    Some(url) => Self::password_at(&url, &id, secret, &username, password)
                        .map_err(|err| match err {
                            Error::InvalidInput {
                                field: Some(field),
                                message,
                            } if field == "token_url" => {
                                Error::invalid_input("VBC_TOKEN_URL", message)
                            }
                            other => other,
                        }),
                    None => Self::password(&id, secret, &username, password),
                }
            }
            _ => Err(Error::invalid_input(
                "credentials",
                "set VBC_ACCESS_TOKEN, or VBC_CLIENT_ID, VBC_CLIENT_SECRET, VBC_USERNAME and VBC_PASSWORD",
            )),
        }
    }

    pub(crate) fn into_auth(self) -> Result<Arc<dyn Auth>, Error> {
        Ok(match self {
            Self::OAuth2(session) => session,
            Self::AccessToken(token) => Arc::new(Bearer::new(token)?),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_suffix_is_added_once() {
        assert_eq!(vbc_username("jane"), "jane@vbc.prod");
        assert_eq!(vbc_username("jane@vbc.prod"), "jane@vbc.prod");
        assert_eq!(
            vbc_username("jane@example.com"),
            "jane@example.com@vbc.prod"
        );
    }

    #[test]
    fn a_token_endpoint_that_is_no_url_is_refused_by_name() {
        let refused = Credentials::password_at(
            "not a url",
            "client",
            "secret".into(),
            "jane",
            "password".into(),
        )
        .expect_err("no URL");
        assert!(
            matches!(&refused, Error::InvalidInput { field: Some(field), .. } if field == "token_url"),
            "{refused:?}"
        );
        assert!(Credentials::password_at(
            "http://127.0.0.1:8787/vbc/token",
            "client",
            "secret".into(),
            "jane",
            "password".into(),
        )
        .is_ok());
    }

    #[test]
    fn credentials_never_print() {
        assert_eq!(
            format!("{:?}", Credentials::access_token("secret-token".into())),
            "AccessToken(** redacted **)"
        );
    }
}
