//! A session opened by logging in with a user name and password (Ziwo `POST /auth/login`).
//!
//! The first request logs in and caches the token; later requests send it in a header. When the
//! provider refuses the token (401 or 403 by default), the session logs in again, once, and the
//! request is sent again; a second refusal is returned as the error, so a bad password never
//! loops. Concurrent requests share one login.

use std::fmt;
use std::sync::Arc;

use reqwest::header::{HeaderMap, HeaderName};
use reqwest::StatusCode;
use secrecy::{ExposeSecret, SecretString};
use serde_json::Value;

use super::token_cache::{Renewed, TokenCache};
use super::{
    credential_error, header_name, secret_header_value, Auth, AuthContext, AuthFuture, AuthTarget,
    AuthTicket,
};
use crate::error::Error;

/// How the login endpoint takes the user name and password.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum LoginBodyStyle {
    /// `{"username": …, "password": …}`.
    #[default]
    Json,
    /// `username=…&password=…`.
    Form,
}

/// Builds a [`LoginSession`].
#[derive(Clone)]
pub struct LoginSessionBuilder {
    login_path: String,
    username: String,
    password: SecretString,
    style: LoginBodyStyle,
    token_pointer: String,
    header: String,
    prefix: String,
    refusals: Vec<StatusCode>,
}

impl LoginSessionBuilder {
    /// The login path, relative to the client's base URL (`/auth/login` by default).
    pub fn login_path(mut self, path: impl Into<String>) -> Self {
        self.login_path = path.into();
        self
    }

    /// How the credentials are sent (JSON by default).
    pub fn body_style(mut self, style: LoginBodyStyle) -> Self {
        self.style = style;
        self
    }

    /// Where the token is in the login answer, as a JSON pointer
    /// (`/content/access_token` by default).
    pub fn token_pointer(mut self, pointer: impl Into<String>) -> Self {
        self.token_pointer = pointer.into();
        self
    }

    /// The header that carries the token (`access_token` by default) and a prefix for its
    /// value (none by default; `"Bearer "` for bearer schemes).
    pub fn token_header(mut self, header: impl Into<String>, prefix: impl Into<String>) -> Self {
        self.header = header.into();
        self.prefix = prefix.into();
        self
    }

    /// The statuses that mean "log in again" (401 and 403 by default).
    pub fn refusal_statuses(mut self, statuses: impl IntoIterator<Item = StatusCode>) -> Self {
        self.refusals = statuses.into_iter().collect();
        self
    }

    /// The session. Fails when the header name is not valid.
    pub fn build(self) -> Result<LoginSession, Error> {
        if !self.login_path.starts_with('/') {
            return Err(Error::invalid_input("login_path", "must start with `/`"));
        }
        Ok(LoginSession {
            inner: Arc::new(Inner {
                header: header_name(&self.header)?,
                settings: self,
                cache: TokenCache::new(),
            }),
        })
    }
}

/// A login-based session. Cloning shares the session.
#[derive(Clone)]
pub struct LoginSession {
    inner: Arc<Inner>,
}

struct Inner {
    settings: LoginSessionBuilder,
    header: HeaderName,
    cache: TokenCache<SecretString>,
}

impl LoginSession {
    /// A session for `username` and `password`, with the defaults of the builder.
    pub fn builder(username: impl Into<String>, password: SecretString) -> LoginSessionBuilder {
        LoginSessionBuilder {
            login_path: "/auth/login".into(),
            username: username.into(),
            password,
            style: LoginBodyStyle::default(),
            token_pointer: "/content/access_token".into(),
            header: "access_token".into(),
            prefix: String::new(),
            refusals: vec![StatusCode::UNAUTHORIZED, StatusCode::FORBIDDEN],
        }
    }

    /// The current session token, if logged in (to call a logout endpoint, for instance).
    pub fn token(&self) -> Option<SecretString> {
        self.inner.cache.value()
    }

    /// Uses `token`, obtained by an explicit login, as the session token, so the next request
    /// does not log in again.
    pub async fn adopt(&self, token: SecretString) -> Result<(), Error> {
        let header = secret_header_value("session token", &self.inner.settings.prefix, &token)?;
        self.inner
            .cache
            .store(Renewed {
                value: token,
                header,
                renew_at: None,
            })
            .await;
        Ok(())
    }

    /// Forgets the session token (after a logout); the next request logs in again.
    pub fn clear(&self) {
        self.inner.cache.clear();
    }

    async fn renew(&self, ctx: &AuthContext<'_>) -> Result<Renewed<SecretString>, Error> {
        let token = self.log_in(ctx).await?;
        let header = secret_header_value("session token", &self.inner.settings.prefix, &token)?;
        Ok(Renewed {
            value: token,
            header,
            renew_at: None,
        })
    }

    async fn log_in(&self, ctx: &AuthContext<'_>) -> Result<SecretString, Error> {
        let settings = &self.inner.settings;
        let url = crate::client::join_path(ctx.base_url(), &settings.login_path)?;
        let password = settings.password.expose_secret();
        let (content_type, body) = match settings.style {
            LoginBodyStyle::Json => (
                "application/json",
                serde_json::json!({ "username": settings.username, "password": password })
                    .to_string(),
            ),
            LoginBodyStyle::Form => (
                "application/x-www-form-urlencoded",
                url::form_urlencoded::Serializer::new(String::new())
                    .append_pair("username", &settings.username)
                    .append_pair("password", password)
                    .finish(),
            ),
        };
        let response = ctx
            .send_credential_request(url, content_type, body, HeaderMap::new())
            .await?;
        let refused = !response.status.is_success()
            || ctx
                .envelope()
                .open(response.status, &response.body)
                .is_err();
        if refused {
            return Err(credential_error(
                response.status,
                &response.body,
                ctx.envelope(),
                "the login was refused",
                &[password],
            ));
        }
        let token = serde_json::from_slice::<Value>(&response.body)
            .ok()
            .and_then(|value| match value.pointer(&settings.token_pointer) {
                Some(Value::String(token)) if !token.is_empty() => Some(token.clone()),
                _ => None,
            })
            .ok_or_else(|| Error::Auth {
                status: Some(response.status),
                message: format!(
                    "the login answer has no token at `{}`",
                    settings.token_pointer
                ),
                body: None,
            })?;
        Ok(SecretString::from(token))
    }
}

impl fmt::Debug for LoginSession {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let settings = &self.inner.settings;
        f.debug_struct("LoginSession")
            .field("login_path", &settings.login_path)
            .field("username", &settings.username)
            .field("password", &"** redacted **")
            .field("logged_in", &self.inner.cache.value().is_some())
            .finish()
    }
}

impl fmt::Debug for LoginSessionBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("LoginSessionBuilder")
            .field("login_path", &self.login_path)
            .field("username", &self.username)
            .field("password", &"** redacted **")
            .finish_non_exhaustive()
    }
}

impl Auth for LoginSession {
    fn authorize<'a>(
        &'a self,
        ctx: &'a AuthContext<'_>,
        target: &'a mut AuthTarget,
    ) -> AuthFuture<'a, AuthTicket> {
        Box::pin(async move {
            let (header, ticket) = self.inner.cache.get_or_renew(|| self.renew(ctx)).await?;
            target.header(self.inner.header.clone(), header);
            Ok(ticket)
        })
    }

    fn rejected<'a>(
        &'a self,
        _ctx: &'a AuthContext<'_>,
        status: StatusCode,
        ticket: AuthTicket,
    ) -> AuthFuture<'a, bool> {
        Box::pin(async move {
            if !self.inner.settings.refusals.contains(&status) {
                return Ok(false);
            }
            self.inner.cache.invalidate(ticket);
            Ok(true)
        })
    }
}
