//! OAuth2 access tokens obtained and renewed by the client (RFC 6749).
//!
//! - Grants: `password`, `authorization_code`, `refresh_token`.
//! - The access token is cached until [`OAuth2Builder::expiry_margin`] before it expires.
//! - One token request at a time: concurrent requests that find no fresh token wait for the
//!   one request in flight and then share its token.
//! - A refresh token returned by the endpoint replaces the previous one (providers such as
//!   Vonage issue single-use refresh tokens); [`OAuth2Builder::on_token_update`] lets a service
//!   persist it.
//! - When the provider answers 401 to a token, that token is dropped and the request is sent
//!   once more with a new one. A second 401 is returned as the error.
//! - When a refresh is refused and a password grant is configured, the client logs in again
//!   with the password.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use reqwest::header::{HeaderMap, HeaderValue, AUTHORIZATION};
use reqwest::StatusCode;
use secrecy::{ExposeSecret, SecretString};
use serde_json::Value;
use tokio::time::Instant;
use url::Url;

use super::token_cache::{Renewed, TokenCache};
use super::{
    credential_error, secret_header_value, Auth, AuthContext, AuthFuture, AuthTarget, AuthTicket,
    Basic,
};
use crate::envelope::BareJson;
use crate::error::Error;

/// How the client obtains its first token.
#[derive(Clone)]
#[non_exhaustive]
pub enum Grant {
    /// Resource-owner password credentials; reused whenever no refresh token works.
    Password {
        /// The user name, sent as given.
        username: String,
        /// The password.
        password: SecretString,
    },
    /// An authorization code from the provider's consent page; single use.
    AuthorizationCode {
        /// The code.
        code: SecretString,
        /// The redirect URI the code was issued for, if the provider wants it repeated.
        redirect_uri: Option<String>,
    },
    /// A refresh token obtained earlier.
    RefreshToken(SecretString),
}

impl fmt::Debug for Grant {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Password { username, .. } => f
                .debug_struct("Password")
                .field("username", username)
                .field("password", &"** redacted **")
                .finish(),
            Self::AuthorizationCode { redirect_uri, .. } => f
                .debug_struct("AuthorizationCode")
                .field("code", &"** redacted **")
                .field("redirect_uri", redirect_uri)
                .finish(),
            Self::RefreshToken(_) => f.write_str("RefreshToken(** redacted **)"),
        }
    }
}

/// How the client identifies itself to the token endpoint.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum ClientAuthentication {
    /// `client_id` and `client_secret` as form fields.
    #[default]
    RequestBody,
    /// `Authorization: Basic base64(client_id:client_secret)`.
    BasicHeader,
}

/// New tokens, as handed to [`OAuth2Builder::on_token_update`].
#[derive(Debug)]
#[non_exhaustive]
pub struct TokenUpdate<'a> {
    /// The new access token.
    pub access_token: &'a SecretString,
    /// The refresh token now in use (the new one when the endpoint rotated it).
    pub refresh_token: Option<&'a SecretString>,
    /// The access token's lifetime, as the endpoint announced it, at most
    /// [`MAX_TOKEN_LIFETIME`].
    pub expires_in: Option<Duration>,
}

type UpdateListener = Box<dyn Fn(&TokenUpdate<'_>) + Send + Sync>;

/// Builds an [`OAuth2`] token provider.
pub struct OAuth2Builder {
    token_url: Url,
    grant: Grant,
    client_id: Option<String>,
    client_secret: Option<SecretString>,
    client_authentication: ClientAuthentication,
    scope: Option<String>,
    expiry_margin: Duration,
    on_update: Option<UpdateListener>,
    kept_access_token: Option<(SecretString, Option<Duration>)>,
}

impl OAuth2Builder {
    /// The client id.
    pub fn client_id(mut self, client_id: impl Into<String>) -> Self {
        self.client_id = Some(client_id.into());
        self
    }

    /// The client secret.
    pub fn client_secret(mut self, client_secret: SecretString) -> Self {
        self.client_secret = Some(client_secret);
        self
    }

    /// Where the client id and secret go (form fields by default).
    pub fn client_authentication(mut self, how: ClientAuthentication) -> Self {
        self.client_authentication = how;
        self
    }

    /// The `scope` sent with password and authorization-code grants.
    pub fn scope(mut self, scope: impl Into<String>) -> Self {
        self.scope = Some(scope.into());
        self
    }

    /// How long before its announced expiry a token is renewed (60 s by default; at most half
    /// the token's lifetime).
    pub fn expiry_margin(mut self, margin: Duration) -> Self {
        self.expiry_margin = margin;
        self
    }

    /// Starts with `access_token`, obtained earlier (kept by a previous run, with the refresh
    /// token given as [`Grant::RefreshToken`]), for `valid_for` (less the expiry margin, at most
    /// [`MAX_TOKEN_LIFETIME`]; `None`: until the provider refuses it), so the first request
    /// needs no token call.
    pub fn access_token(mut self, access_token: SecretString, valid_for: Option<Duration>) -> Self {
        let valid_for = valid_for.map(|lifetime| lifetime.min(MAX_TOKEN_LIFETIME));
        self.kept_access_token = Some((access_token, valid_for));
        self
    }

    /// Called with every new token, so a service can persist a rotated refresh token.
    pub fn on_token_update(
        mut self,
        listener: impl Fn(&TokenUpdate<'_>) + Send + Sync + 'static,
    ) -> Self {
        self.on_update = Some(Box::new(listener));
        self
    }

    /// The token provider. Fails when [`ClientAuthentication::BasicHeader`] is chosen without
    /// a client id.
    pub fn build(self) -> Result<OAuth2, Error> {
        let basic_header = match self.client_authentication {
            ClientAuthentication::BasicHeader => {
                let id = self.client_id.clone().ok_or_else(|| {
                    Error::invalid_input("client_id", "required for Basic client authentication")
                })?;
                Some(Basic::header_value(
                    &SecretString::from(id),
                    self.client_secret.as_ref(),
                )?)
            }
            ClientAuthentication::RequestBody => None,
        };
        let cache = match self.kept_access_token {
            Some((token, valid_for)) => TokenCache::holding(Renewed {
                value: (),
                header: secret_header_value("access token", "Bearer ", &token)?,
                renew_at: valid_for.map(|lifetime| renew_at(lifetime, self.expiry_margin)),
            }),
            None => TokenCache::new(),
        };
        let (initial, refresh_token) = match self.grant {
            Grant::RefreshToken(token) => (None, Some(token)),
            other => (Some(other), None),
        };
        Ok(OAuth2 {
            inner: Arc::new(Inner {
                token_url: self.token_url,
                client_id: self.client_id,
                client_secret: self.client_secret,
                basic_header,
                scope: self.scope,
                expiry_margin: self.expiry_margin,
                on_update: self.on_update,
                cache,
                grants: tokio::sync::Mutex::new(Grants {
                    initial,
                    refresh_token,
                }),
            }),
        })
    }
}

/// An OAuth2 token provider. Cloning shares the token cache.
#[derive(Clone)]
pub struct OAuth2 {
    inner: Arc<Inner>,
}

struct Inner {
    token_url: Url,
    client_id: Option<String>,
    client_secret: Option<SecretString>,
    basic_header: Option<HeaderValue>,
    scope: Option<String>,
    expiry_margin: Duration,
    on_update: Option<UpdateListener>,
    cache: TokenCache<()>,
    /// Locked only inside a renewal, which the cache already serializes.
    grants: tokio::sync::Mutex<Grants>,
}

struct Grants {
    initial: Option<Grant>,
    refresh_token: Option<SecretString>,
}

/// A parsed token response.
struct IssuedToken {
    access_token: SecretString,
    refresh_token: Option<SecretString>,
    expires_in: Option<Duration>,
}

impl OAuth2 {
    /// A token provider that obtains its first token from `token_url` with `grant`.
    pub fn builder(token_url: Url, grant: Grant) -> OAuth2Builder {
        OAuth2Builder {
            token_url,
            grant,
            client_id: None,
            client_secret: None,
            client_authentication: ClientAuthentication::default(),
            scope: None,
            expiry_margin: Duration::from_secs(60),
            on_update: None,
            kept_access_token: None,
        }
    }

    /// The refresh token the provider will use next, if any.
    pub async fn refresh_token(&self) -> Option<SecretString> {
        self.inner.grants.lock().await.refresh_token.clone()
    }

    /// Forgets the cached access token; the next request obtains a new one.
    pub fn invalidate(&self) {
        self.inner.cache.clear();
    }

    /// Obtains a new token and records a rotated refresh token.
    async fn renew(&self, ctx: &AuthContext<'_>) -> Result<Renewed<()>, Error> {
        let mut grants = self.inner.grants.lock().await;
        let issued = self.obtain(ctx, &mut grants).await?;
        if let Some(rotated) = issued.refresh_token {
            grants.refresh_token = Some(rotated);
        }
        let header = secret_header_value("access token", "Bearer ", &issued.access_token)?;
        let renew_at = issued
            .expires_in
            .map(|lifetime| renew_at(lifetime, self.inner.expiry_margin));
        if let Some(listener) = &self.inner.on_update {
            listener(&TokenUpdate {
                access_token: &issued.access_token,
                refresh_token: grants.refresh_token.as_ref(),
                expires_in: issued.expires_in,
            });
        }
        Ok(Renewed {
            value: (),
            header,
            renew_at,
        })
    }

    async fn obtain(
        &self,
        ctx: &AuthContext<'_>,
        grants: &mut Grants,
    ) -> Result<IssuedToken, Error> {
        if let Some(refresh_token) = grants.refresh_token.clone() {
            let form = vec![
                ("grant_type", "refresh_token".to_owned()),
                ("refresh_token", refresh_token.expose_secret().to_owned()),
            ];
            match self.request(ctx, form, false).await {
                Ok(token) => return Ok(token),
                Err(err) if matches!(grants.initial, Some(Grant::Password { .. })) => {
                    tracing::debug!(error = %err, "refresh refused; using the password grant");
                    grants.refresh_token = None;
                }
                Err(err) => return Err(err),
            }
        }
        let form = match grants.initial.clone() {
            Some(Grant::Password { username, password }) => vec![
                ("grant_type", "password".to_owned()),
                ("username", username),
                ("password", password.expose_secret().to_owned()),
            ],
            Some(Grant::AuthorizationCode { code, redirect_uri }) => {
                // Single use: whatever the answer, the code is spent.
                grants.initial = None;
                let mut form = vec![
                    ("grant_type", "authorization_code".to_owned()),
                    ("code", code.expose_secret().to_owned()),
                ];
                if let Some(uri) = redirect_uri {
                    form.push(("redirect_uri", uri));
                }
                form
            }
            Some(Grant::RefreshToken(_)) | None => {
                return Err(Error::Auth {
                    status: None,
                    message: "no usable grant: the authorization code was already used and no refresh token was issued".into(),
                    body: None,
                })
            }
        };
        self.request(ctx, form, true).await
    }

    async fn request(
        &self,
        ctx: &AuthContext<'_>,
        mut form: Vec<(&'static str, String)>,
        with_scope: bool,
    ) -> Result<IssuedToken, Error> {
        let inner = &self.inner;
        if with_scope {
            if let Some(scope) = &inner.scope {
                form.push(("scope", scope.clone()));
            }
        }
        let mut headers = HeaderMap::new();
        match &inner.basic_header {
            Some(basic) => {
                headers.insert(AUTHORIZATION, basic.clone());
            }
            None => {
                if let Some(id) = &inner.client_id {
                    form.push(("client_id", id.clone()));
                }
                if let Some(secret) = &inner.client_secret {
                    form.push(("client_secret", secret.expose_secret().to_owned()));
                }
            }
        }
        let body = SecretString::from(
            url::form_urlencoded::Serializer::new(String::new())
                .extend_pairs(form.iter().map(|(k, v)| (*k, v.as_str())))
                .finish(),
        );
        let response = ctx
            .send_credential_request(
                inner.token_url.clone(),
                "application/x-www-form-urlencoded",
                body.expose_secret().to_owned(),
                headers,
            )
            .await?;
        if !response.status.is_success() {
            let mut sent: Vec<&str> = form
                .iter()
                .filter(|(name, _)| {
                    matches!(
                        *name,
                        "password" | "client_secret" | "refresh_token" | "code" | "code_verifier"
                    )
                })
                .map(|(_, value)| value.as_str())
                .collect();
            if let Some(basic) = inner.basic_header.as_ref().and_then(|v| v.to_str().ok()) {
                sent.push(basic);
                sent.extend(basic.split_once(' ').map(|(_, credentials)| credentials));
            }
            return Err(credential_error(
                response.status,
                &response.body,
                &BareJson,
                "the token endpoint refused the grant",
                &sent,
            ));
        }
        parse_token(response.status, &response.body)
    }
}

fn parse_token(status: StatusCode, body: &[u8]) -> Result<IssuedToken, Error> {
    // The body holds tokens: errors describe it, never include it.
    let invalid = |what: &str| Error::Auth {
        status: Some(status),
        message: format!("the token endpoint's answer {what}"),
        body: None,
    };
    let value: Value = serde_json::from_slice(body).map_err(|_| invalid("is not JSON"))?;
    let text = |name: &str| match value.get(name) {
        Some(Value::String(text)) if !text.is_empty() => Some(text.clone()),
        _ => None,
    };
    let access_token = text("access_token").ok_or_else(|| invalid("has no access_token"))?;
    let expires_in = match value.get("expires_in") {
        Some(Value::Number(n)) => n.as_f64(),
        Some(Value::String(s)) => s.trim().parse::<f64>().ok(),
        _ => None,
    }
    .filter(|secs| secs.is_finite() && *secs >= 0.0)
    .map(|secs| Duration::from_secs_f64(secs.min(MAX_TOKEN_LIFETIME.as_secs_f64())));
    Ok(IssuedToken {
        access_token: access_token.into(),
        refresh_token: text("refresh_token").map(SecretString::from),
        expires_in,
    })
}

impl fmt::Debug for OAuth2 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("OAuth2")
            .field("token_url", &self.inner.token_url.as_str())
            .field("client_id", &self.inner.client_id)
            .field(
                "client_secret",
                &self.inner.client_secret.as_ref().map(|_| "** redacted **"),
            )
            .field("scope", &self.inner.scope)
            .finish_non_exhaustive()
    }
}

impl Auth for OAuth2 {
    fn authorize<'a>(
        &'a self,
        ctx: &'a AuthContext<'_>,
        target: &'a mut AuthTarget,
    ) -> AuthFuture<'a, AuthTicket> {
        Box::pin(async move {
            let (header, ticket) = self.inner.cache.get_or_renew(|| self.renew(ctx)).await?;
            target.header(AUTHORIZATION, header);
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
            if status != StatusCode::UNAUTHORIZED {
                return Ok(false);
            }
            self.inner.cache.invalidate(ticket);
            Ok(true)
        })
    }
}

/// The longest lifetime a token is taken to have: one year. A token endpoint announcing more
/// (`expires_in` of `1e300` or `18446744073709551616`), or a kept token said to be valid for
/// longer ([`OAuth2Builder::access_token`]), is treated as living a year: it is renewed after
/// a year at the latest, and no deadline overflows.
pub const MAX_TOKEN_LIFETIME: Duration = Duration::from_secs(365 * 24 * 60 * 60);

/// When a token living `lifetime` from now is renewed: `margin` early, at most half its life.
fn renew_at(lifetime: Duration, margin: Duration) -> Instant {
    let lifetime = lifetime.min(MAX_TOKEN_LIFETIME);
    let now = Instant::now();
    // A year always fits after now on every platform Rust supports; checked all the same.
    now.checked_add(lifetime - margin.min(lifetime / 2))
        .unwrap_or(now)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A seeded random search over what a token endpoint may announce: any number JSON can
    /// write (random bit patterns as floats, integers past u64, exponents), and the same as text.
    #[test]
    fn no_announced_lifetime_panics_or_exceeds_a_year() {
        let mut random = fastrand::Rng::with_seed(0x0A07_2026);
        let mut announced: Vec<String> = vec![
            "1e300".into(),
            "-1e300".into(),
            "18446744073709551616".into(),
            "18446744073709551615".into(),
            "9.3e18".into(),
            "-0".into(),
            "0.0000001".into(),
            "1e-300".into(),
        ];
        for _ in 0..20_000 {
            let number = match random.u8(0..4) {
                0 => f64::from_bits(random.u64(..)),
                1 => random.u64(..) as f64,
                2 => random.f64() * 10f64.powi(random.i32(-20..320)),
                _ => random.i64(..) as f64,
            };
            if let Some(number) = serde_json::Number::from_f64(number) {
                announced.push(number.to_string());
            }
            announced.push(random.u64(..).to_string() + &"9".repeat(random.usize(0..30)));
        }
        for text in &announced {
            for form in [text.clone(), format!("\"{text}\"")] {
                let body = format!(r#"{{"access_token": "A", "expires_in": {form}}}"#);
                let Ok(issued) = parse_token(StatusCode::OK, body.as_bytes()) else {
                    continue; // 1e400 and the like are no JSON: refused, not a panic
                };
                if let Some(lifetime) = issued.expires_in {
                    assert!(lifetime <= MAX_TOKEN_LIFETIME, "{form}");
                    // What the token cache computes from it must not overflow either.
                    let _ = renew_at(lifetime, Duration::from_secs(60));
                }
            }
        }
    }

    /// A seeded random search over whole token answers: each member absent, of the right type,
    /// or of any other (numbers at the edges, nesting, empty text), and bodies cut short. No
    /// answer panics; one without a usable `access_token` is refused, and every error leaves
    /// the body out (it may hold a token).
    #[test]
    fn no_token_answer_panics_and_errors_keep_no_body() {
        let mut random = fastrand::Rng::with_seed(0x1553_0030);
        let scalars = [
            "null",
            "true",
            "0",
            "-1",
            "1e300",
            "18446744073709551616",
            "\"\"",
            "\"A\"",
            "[]",
            "{}",
            "[\"A\"]",
            "{\"x\": 1}",
        ];
        for _ in 0..20_000 {
            let mut members = Vec::new();
            for name in [
                "access_token",
                "refresh_token",
                "expires_in",
                "token_type",
                "scope",
            ] {
                match random.u8(0..3) {
                    0 => {}
                    1 => members.push(format!(
                        "\"{name}\": {}",
                        scalars[random.usize(..scalars.len())]
                    )),
                    _ => members.push(format!("\"{name}\": \"{}\"", random.u32(..))),
                }
            }
            let mut body = format!("{{{}}}", members.join(", "));
            if random.u8(0..8) == 0 {
                body.truncate(random.usize(0..=body.len()));
            }
            match parse_token(StatusCode::OK, body.as_bytes()) {
                Ok(issued) => {
                    assert!(!issued.access_token.expose_secret().is_empty(), "{body}");
                    assert!(issued
                        .expires_in
                        .is_none_or(|life| life <= MAX_TOKEN_LIFETIME));
                }
                Err(Error::Auth { body: kept, .. }) => assert!(kept.is_none(), "{body}"),
                Err(other) => panic!("{body}: {other:?}"),
            }
        }
    }
}
