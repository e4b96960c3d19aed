//! Sessions kept between invocations: `ccapi auth login vbc` (the OAuth2 password grant) or
//! `ccapi auth login ziwo` (`POST /auth/login`) signs in once and keeps the tokens in
//! `$XDG_CACHE_HOME/ccapi/sessions/<profile>/<provider>.json` (else `~/.cache/...`), a file of
//! mode 0600 in directories of mode 0700; later commands use them instead of signing in
//! again. A VBC access token is renewed from the kept refresh token when it expires, and the
//! rotated refresh token is written back at once, as the transport's
//! [`on_token_update`](ccapi_transport::auth::OAuth2Builder::on_token_update) reports it.
//! `ccapi auth logout <provider>` deletes the file. Nothing here prints a token.

use std::io::Write as _;
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use ccapi_transport::auth::{Grant, TokenUpdate};
use ccapi_transport::{env_secret, env_var, ExposeSecret, SecretString};
use serde_json::{json, Value};

use crate::call::Failure;
use crate::env::Env;

/// The providers whose sign-in can be kept.
pub const PROVIDERS: &[&str] = &["vbc", "ziwo"];

/// Where one provider's session of one profile is kept.
#[derive(Debug, Clone)]
pub struct Store {
    path: PathBuf,
}

/// A kept VBC session (`Debug` shows no token: `secrecy` redacts them).
#[derive(Debug)]
pub struct VbcSession {
    /// The token endpoint it was obtained from.
    pub token_url: String,
    /// The OAuth2 client.
    pub client_id: String,
    /// The access token.
    pub access_token: SecretString,
    /// The refresh token, when the endpoint issued one.
    pub refresh_token: Option<SecretString>,
    /// When the access token expires (seconds since the epoch), when announced.
    pub expires_at: Option<u64>,
}

impl Store {
    /// The session file of `provider` for `profile` (`default` without one), under
    /// `XDG_CACHE_HOME` or `HOME/.cache`.
    pub fn of(provider: &str, profile: Option<&str>) -> Result<Self, Failure> {
        let base = env_var("XDG_CACHE_HOME")
            .map(PathBuf::from)
            .or_else(|| env_var("HOME").map(|home| Path::new(&home).join(".cache")))
            .ok_or_else(|| {
                Failure::Usage("no place for sessions: set XDG_CACHE_HOME or HOME".into())
            })?;
        let profile = profile.unwrap_or("default");
        if profile.is_empty() || profile.contains(['/', '\\']) || profile.starts_with('.') {
            return Err(Failure::Usage(format!(
                "profile `{profile}`: not usable as a file name"
            )));
        }
        Ok(Self {
            path: base
                .join("ccapi")
                .join("sessions")
                .join(profile)
                .join(format!("{provider}.json")),
        })
    }

    /// The file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The kept session, if any. A file others can read is refused, not used.
    pub fn read(&self) -> Result<Option<Value>, Failure> {
        let text = match std::fs::read_to_string(&self.path) {
            Ok(text) => text,
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(err) => return Err(Failure::Broken(format!("{}: {err}", self.path.display()))),
        };
        let mode = std::fs::metadata(&self.path)
            .map(|meta| meta.permissions().mode())
            .map_err(|err| Failure::Broken(format!("{}: {err}", self.path.display())))?;
        if mode & 0o077 != 0 {
            return Err(Failure::Usage(format!(
                "{} holds tokens and is readable by others (mode {:03o}): run `ccapi auth logout` and log in again",
                self.path.display(),
                mode & 0o777
            )));
        }
        serde_json::from_str(&text).map(Some).map_err(|err| {
            Failure::Broken(format!(
                "{}: not a session ({err}); run `ccapi auth logout` and log in again",
                self.path.display()
            ))
        })
    }

    /// Writes `session` with mode 0600 (a new file renamed over the old one, so a reader never
    /// sees half of it).
    pub fn write(&self, session: &Value) -> Result<(), Failure> {
        let broken =
            |err: std::io::Error| Failure::Broken(format!("{}: {err}", self.path.display()));
        let dir = self
            .path
            .parent()
            .ok_or_else(|| broken(std::io::ErrorKind::NotFound.into()))?;
        std::fs::DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(dir)
            .map_err(broken)?;
        let scratch = self
            .path
            .with_extension(format!("json.{}", std::process::id()));
        let mut file = std::fs::OpenOptions::new()
            .write(true)
            .create(true)
            .truncate(true)
            .mode(0o600)
            .open(&scratch)
            .map_err(broken)?;
        file.write_all(session.to_string().as_bytes())
            .and_then(|()| file.sync_all())
            .map_err(broken)?;
        std::fs::rename(&scratch, &self.path).map_err(broken)
    }

    /// Deletes the session; whether there was one.
    pub fn remove(&self) -> Result<bool, Failure> {
        match std::fs::remove_file(&self.path) {
            Ok(()) => Ok(true),
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => Ok(false),
            Err(err) => Err(Failure::Broken(format!("{}: {err}", self.path.display()))),
        }
    }

    /// The kept VBC session, if any.
    pub fn read_vbc(&self) -> Result<Option<VbcSession>, Failure> {
        let Some(value) = self.read()? else {
            return Ok(None);
        };
        let text = |name: &str| value[name].as_str().map(str::to_owned);
        let malformed = || {
            Failure::Broken(format!(
                "{}: not a VBC session; run `ccapi auth logout vbc` and log in again",
                self.path.display()
            ))
        };
        Ok(Some(VbcSession {
            token_url: text("token_url").ok_or_else(malformed)?,
            client_id: text("client_id").ok_or_else(malformed)?,
            access_token: text("access_token").ok_or_else(malformed)?.into(),
            refresh_token: text("refresh_token").map(SecretString::from),
            expires_at: value["expires_at"].as_u64(),
        }))
    }

    /// A listener for [`ccapi_transport::auth::OAuth2Builder::on_token_update`] that writes
    /// every new token pair at once (a rotated refresh token must not be lost if the command
    /// fails afterwards). A failed write is reported on stderr; the command goes on.
    pub fn vbc_writer(
        &self,
        token_url: String,
        client_id: String,
    ) -> impl Fn(&TokenUpdate<'_>) + Send + Sync + 'static {
        let store = self.clone();
        move |update| {
            let expires_at = update
                .expires_in
                .map(|lifetime| now_seconds().saturating_add(lifetime.as_secs()));
            let session = json!({
                "token_url": token_url,
                "client_id": client_id,
                "access_token": update.access_token.expose_secret(),
                "refresh_token": update.refresh_token.map(|token| token.expose_secret()),
                "expires_at": expires_at,
            });
            if let Err(failure) = store.write(&session) {
                eprintln!(
                    "ccapi: the session could not be kept: {}",
                    failure.message()
                );
            }
        }
    }
}

impl VbcSession {
    /// How long the access token remains valid (`None`: not announced; zero: expired), at most
    /// [`MAX_TOKEN_LIFETIME`](ccapi_transport::auth::MAX_TOKEN_LIFETIME): a file saying
    /// `"expires_at": 18446744073709551615` means a year, not an overflow.
    pub fn valid_for(&self) -> Option<Duration> {
        self.expires_at.map(|at| {
            Duration::from_secs(at.saturating_sub(now_seconds()))
                .min(ccapi_transport::auth::MAX_TOKEN_LIFETIME)
        })
    }
}

fn now_seconds() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|since| since.as_secs())
        .unwrap_or(0)
}

/// The sessions a command uses: each provider's kept session, unless the environment (or the
/// profile) gives an access token, which wins. A session that cannot be used (a file others
/// can read, one that is not a session) is an error only for its own provider's commands.
#[derive(Debug)]
pub struct Kept {
    /// The VBC session and where it is kept.
    pub vbc: Result<Option<(Store, VbcSession)>, String>,
    /// The Ziwo access token.
    pub ziwo: Result<Option<SecretString>, String>,
}

impl Default for Kept {
    fn default() -> Self {
        Self {
            vbc: Ok(None),
            ziwo: Ok(None),
        }
    }
}

impl Kept {
    /// Reads the kept sessions of `profile`.
    pub fn load(profile: Option<&str>) -> Self {
        let mut kept = Self::default();
        if env_var("XDG_CACHE_HOME").is_none() && env_var("HOME").is_none() {
            return kept; // nowhere a session could have been kept
        }
        let unusable = |failure: Failure| failure.message().to_owned();
        if env_var("VBC_ACCESS_TOKEN").is_none() {
            kept.vbc = Store::of("vbc", profile)
                .and_then(|store| Ok(store.read_vbc()?.map(|session| (store, session))))
                .map_err(unusable);
        }
        if env_var("ZIWO_ACCESS_TOKEN").is_none() {
            kept.ziwo = Store::of("ziwo", profile)
                .and_then(|store| {
                    let Some(session) = store.read()? else {
                        return Ok(None);
                    };
                    session["access_token"]
                        .as_str()
                        .map(|token| Some(SecretString::from(token)))
                        .ok_or_else(|| {
                            Failure::Broken(format!(
                                "{}: not a Ziwo session; run `ccapi auth logout ziwo` and log in again",
                                store.path().display()
                            ))
                        })
                })
                .map_err(unusable);
        }
        kept
    }
}

/// The VBC credentials of a kept session: its access token while valid, then renewed from its
/// refresh token, every new token written back. `VBC_CLIENT_SECRET` (environment or profile)
/// is still needed for renewals: the session file holds no client secret.
pub fn vbc_credentials(
    store: &Store,
    session: &VbcSession,
) -> Result<cc_voice::Credentials, ccapi_transport::Error> {
    let Some(refresh) = &session.refresh_token else {
        // The access token is all there is; when it is refused, the error says so and
        // `ccapi auth login vbc` starts over.
        return Ok(cc_voice::Credentials::access_token(
            session.access_token.clone(),
        ));
    };
    let secret = env_secret("VBC_CLIENT_SECRET").unwrap_or_else(|| SecretString::from(""));
    let token_url = session.token_url.parse().map_err(|err| {
        ccapi_transport::Error::invalid_input(
            "session",
            format!("{}: token_url: {err}", store.path().display()),
        )
    })?;
    let oauth = cc_voice::auth::oauth2_at(
        token_url,
        Grant::RefreshToken(refresh.clone()),
        &session.client_id,
        secret,
    )
    .access_token(session.access_token.clone(), session.valid_for())
    .on_token_update(store.vbc_writer(session.token_url.clone(), session.client_id.clone()))
    .build()?;
    Ok(cc_voice::Credentials::oauth2(oauth))
}

/// `ccapi auth login vbc`: the password grant from `VBC_CLIENT_ID`, `VBC_CLIENT_SECRET`,
/// `VBC_USERNAME` and `VBC_PASSWORD` (environment or profile), at `VBC_TOKEN_URL` or Vonage's
/// token endpoint; the tokens are kept. Returns what to print.
pub async fn login_vbc(env: &Env, store: &Store) -> Result<String, Failure> {
    let missing = || {
        Failure::Usage(
            "auth login vbc: set VBC_CLIENT_ID, VBC_CLIENT_SECRET, VBC_USERNAME and VBC_PASSWORD \
             (environment or profile)"
                .into(),
        )
    };
    let client_id = env_var("VBC_CLIENT_ID").ok_or_else(missing)?;
    let secret = env_secret("VBC_CLIENT_SECRET").ok_or_else(missing)?;
    let username = env_var("VBC_USERNAME").ok_or_else(missing)?;
    let password = env_secret("VBC_PASSWORD").ok_or_else(missing)?;
    let token_url =
        env_var("VBC_TOKEN_URL").unwrap_or_else(|| cc_voice::auth::TOKEN_URL.to_owned());
    let parsed = token_url
        .parse()
        .map_err(|err| Failure::Usage(format!("VBC_TOKEN_URL `{token_url}`: {err}")))?;
    let oauth = cc_voice::auth::oauth2_at(
        parsed,
        Grant::Password {
            username: username.clone(),
            password,
        },
        &client_id,
        secret,
    )
    .on_token_update(store.vbc_writer(token_url, client_id))
    .build()?;
    let client =
        cc_voice::Client::with_config(env.vbc_config()?, cc_voice::Credentials::oauth2(oauth))?;
    client.transport().sign_in().await?;
    Ok(format!(
        "vbc: signed in as {username}; session kept in {}",
        store.path().display()
    ))
}

/// `ccapi auth login ziwo`: `POST /auth/login` with `ZIWO_USERNAME` and `ZIWO_PASSWORD`
/// (environment or profile) at `ZIWO_INSTANCE` or `ZIWO_BASE_URL`; the access token is kept.
pub async fn login_ziwo(env: &Env, store: &Store) -> Result<String, Failure> {
    let (Some(username), Some(password)) = (env_var("ZIWO_USERNAME"), env_secret("ZIWO_PASSWORD"))
    else {
        return Err(Failure::Usage(
            "auth login ziwo: set ZIWO_USERNAME and ZIWO_PASSWORD (environment or profile)".into(),
        ));
    };
    let client = ziwo_admin::Client::with_config(
        env.ziwo_config()?,
        ziwo_core::client::Credentials::login(username.clone(), password),
    )?;
    let user = client.auth().login().await?;
    let token = user.access_token.ok_or_else(|| {
        Failure::Refused("auth login ziwo: the login answer holds no access token".into())
    })?;
    store.write(&json!({"access_token": token.expose_secret()}))?;
    Ok(format!(
        "ziwo: signed in as {username}; session kept in {}",
        store.path().display()
    ))
}
