//! Sessions kept between invocations: `ccapi auth login vbc` (the OAuth2 password grant) or
//! `ccapi auth login ziwo` (`POST /auth/login`) signs in once and keeps the tokens in
//! `$XDG_CACHE_HOME/ccapi/sessions/<profile>/<provider>.json` (else `~/.cache/...`), a file of
//! mode 0600 in directories of mode 0700; later commands use them instead of signing in
//! again. A VBC access token is renewed from the kept refresh token when it expires, and the
//! rotated refresh token is written back at once, as the transport's
//! [`on_token_update`](ccapi_transport::auth::OAuth2Builder::on_token_update) reports it.
//! `ccapi auth logout <provider>` deletes the file. Nothing here prints a token.

use std::io::Write as _;
use std::os::unix::fs::{DirBuilderExt, MetadataExt, OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use ccapi_transport::auth::{Grant, TokenUpdate};
use ccapi_transport::{env_secret, env_var, ExposeSecret, SecretString};
use serde_json::{json, Value};

use crate::clients::Env;
use crate::invocation::Failure;

/// The providers whose sign-in can be kept.
pub const PROVIDERS: &[&str] = &["vbc", "ziwo"];

/// Where one provider's session of one profile is kept.
#[derive(Debug, Clone)]
pub struct Store {
    path: PathBuf,
}

/// A session's cross-process lock, held until dropped (closing the file releases it).
#[derive(Debug)]
pub struct SessionLock {
    _file: std::fs::File,
}

/// `open(2)`'s `O_NOFOLLOW`: a symbolic link at the path is refused, not followed.
const NO_FOLLOW: i32 = rustix::fs::OFlags::NOFOLLOW.bits() as i32;
/// `open(2)`'s `O_NONBLOCK`.
const NON_BLOCKING: i32 = rustix::fs::OFlags::NONBLOCK.bits() as i32;

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

    /// The file's name (`vbc.json`), which its scratch and lock files are named after.
    fn file_name(&self) -> &str {
        self.path
            .file_name()
            .and_then(|name| name.to_str())
            .unwrap_or("session")
    }

    /// A local I/O failure on the session file, naming it.
    fn broken(&self, err: std::io::Error) -> Failure {
        Failure::Broken(format!("{}: {err}", self.path.display()))
    }

    /// The kept session, if any. A file others can read is refused, not used; so is a
    /// symbolic link (a session is only ever written as a plain file).
    pub fn read(&self) -> Result<Option<Value>, Failure> {
        let broken = |err| self.broken(err);
        // Non-blocking: a FIFO planted at the path must not hang the command (refused below).
        let file = match std::fs::OpenOptions::new()
            .read(true)
            .custom_flags(NO_FOLLOW | NON_BLOCKING)
            .open(&self.path)
        {
            Ok(file) => file,
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(err) if err.raw_os_error() == Some(rustix::io::Errno::LOOP.raw_os_error()) => {
                return Err(Failure::Usage(format!(
                    "{} is a symbolic link, not a session file: remove it and log in again",
                    self.path.display()
                )))
            }
            Err(err) => return Err(broken(err)),
        };
        let meta = file.metadata().map_err(broken)?;
        if !meta.is_file() {
            return Err(Failure::Usage(format!(
                "{} is not a plain file, so not a session: remove it and log in again",
                self.path.display()
            )));
        }
        let mode = meta.permissions().mode();
        if mode & 0o077 != 0 {
            return Err(Failure::Usage(format!(
                "{} holds tokens and is readable by others (mode {:03o}): run `ccapi auth logout` and log in again",
                self.path.display(),
                mode & 0o777
            )));
        }
        let mut text = String::new();
        std::io::Read::read_to_string(&mut &file, &mut text).map_err(broken)?;
        serde_json::from_str(&text).map(Some).map_err(|err| {
            Failure::Broken(format!(
                "{}: not a session ({err}); run `ccapi auth logout` and log in again",
                self.path.display()
            ))
        })
    }

    /// The session's directory, created with mode 0700 if missing, and checked: owned by this
    /// user and writable by no one else, it and the `ccapi` folders above it (otherwise another
    /// user could swap the file between writing and renaming). Refused with a usage error.
    fn checked_dir(&self) -> Result<&Path, Failure> {
        let broken = |err| self.broken(err);
        let dir = self
            .path
            .parent()
            .ok_or_else(|| broken(std::io::ErrorKind::NotFound.into()))?;
        std::fs::DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(dir)
            .map_err(broken)?;
        // The profile's folder, `sessions`, `ccapi`: the three this tool made.
        let me = rustix::process::geteuid().as_raw();
        for folder in dir.ancestors().take(3) {
            let meta = std::fs::symlink_metadata(folder)
                .map_err(|err| Failure::Broken(format!("{}: {err}", folder.display())))?;
            let mode = meta.permissions().mode();
            let unsafe_reason = if !meta.is_dir() {
                Some("is not a directory (a symbolic link?)".to_owned())
            } else if meta.uid() != me {
                Some(format!(
                    "is owned by user {}, not by you ({me})",
                    meta.uid()
                ))
            } else if mode & 0o022 != 0 {
                Some(format!("is writable by others (mode {:03o})", mode & 0o777))
            } else {
                None
            };
            if let Some(reason) = unsafe_reason {
                return Err(Failure::Usage(format!(
                    "{} {reason}: sessions hold tokens and are kept only in folders of your own \
                     that no one else can write to; fix it (`chmod 700 {}`) or set \
                     XDG_CACHE_HOME to another place",
                    folder.display(),
                    folder.display()
                )));
            }
        }
        Ok(dir)
    }

    /// Checks, before signing in, that the session can be kept safely (see `checked_dir`):
    /// a login whose tokens could not be kept would be spent for nothing.
    pub fn check_place(&self) -> Result<(), Failure> {
        self.checked_dir().map(drop)
    }

    /// Writes `session` with mode 0600: a new file of a random name, created exclusively and
    /// never through a symbolic link (`O_EXCL | O_NOFOLLOW`), in a [checked
    /// directory](Self::checked_dir), then renamed over the old one, so a reader never sees
    /// half of it.
    pub fn write(&self, session: &Value) -> Result<(), Failure> {
        let broken = |err| self.broken(err);
        let dir = self.checked_dir()?;
        let name = self.file_name();
        let scratch = dir.join(format!(".{name}.{:016x}", fastrand::u64(..)));
        let mut file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .custom_flags(NO_FOLLOW)
            .mode(0o600)
            .open(&scratch)
            .map_err(broken)?;
        let written = file
            .write_all(session.to_string().as_bytes())
            .and_then(|()| file.sync_all())
            .and_then(|()| std::fs::rename(&scratch, &self.path));
        if written.is_err() {
            let _ = std::fs::remove_file(&scratch);
        }
        written.map_err(broken)
    }

    /// Takes this session's cross-process lock (`<provider>.json.lock`, `flock(2)`), waiting
    /// up to `wait` for another `ccapi` that holds it: a renewal with a single-use refresh
    /// token must happen once, the other processes rereading what it wrote. Released when
    /// dropped.
    pub fn lock(&self, wait: Duration) -> Result<SessionLock, Failure> {
        let broken = |err| self.broken(err);
        let dir = self.checked_dir()?;
        let name = self.file_name();
        let file = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .custom_flags(NO_FOLLOW)
            .mode(0o600)
            .open(dir.join(format!("{name}.lock")))
            .map_err(broken)?;
        // Polled rather than blocking, so that the wait has the command's deadline.
        let until = std::time::Instant::now() + wait;
        loop {
            match rustix::fs::flock(&file, rustix::fs::FlockOperation::NonBlockingLockExclusive) {
                Ok(()) => return Ok(SessionLock { _file: file }),
                Err(rustix::io::Errno::INTR) => continue,
                Err(rustix::io::Errno::WOULDBLOCK) if std::time::Instant::now() < until => {
                    std::thread::sleep(Duration::from_millis(20));
                }
                Err(rustix::io::Errno::WOULDBLOCK) => {
                    return Err(Failure::Broken(format!(
                        "{}: another ccapi has been renewing this session for {} s; try again, \
                         or raise --timeout",
                        self.path.display(),
                        wait.as_secs()
                    )))
                }
                Err(err) => return Err(broken(err.into())),
            }
        }
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
        VbcSession::from_value(&value).map(Some).ok_or_else(|| {
            Failure::Broken(format!(
                "{}: not a VBC session; run `ccapi auth logout vbc` and log in again",
                self.path.display()
            ))
        })
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
    /// The session a kept file's JSON holds, if it is one: `token_url`, `client_id` and
    /// `access_token` texts, an optional `refresh_token` text and `expires_at` (seconds since
    /// the epoch; anything but a non-negative integer is taken as not announced).
    pub fn from_value(value: &Value) -> Option<Self> {
        let text = |name: &str| value.get(name)?.as_str().map(str::to_owned);
        Some(Self {
            token_url: text("token_url")?,
            client_id: text("client_id")?,
            access_token: text("access_token")?.into(),
            refresh_token: text("refresh_token").map(SecretString::from),
            expires_at: value.get("expires_at").and_then(Value::as_u64),
        })
    }

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

/// One line on `provider`'s kept session for `profile` (`ccapi auth status`): where it is, and
/// for VBC how long its access token stays valid and whether a refresh token is kept. Never a
/// token.
pub fn status(provider: &str, profile: Option<&str>) -> String {
    let name = profile.unwrap_or("default");
    let store = match Store::of(provider, profile) {
        Ok(store) => store,
        Err(failure) => return format!("{provider}: {}", failure.message()),
    };
    let place = store.path().display().to_string();
    // An access token in the environment (or the profile) wins over a kept session.
    let variable = if provider == "vbc" {
        "VBC_ACCESS_TOKEN"
    } else {
        "ZIWO_ACCESS_TOKEN"
    };
    if env_var(variable).is_some() {
        return format!(
            "{provider}: {variable} is set, and commands use it, not a kept session ({place})"
        );
    }
    if provider == "vbc" {
        return match store.read_vbc() {
            Ok(Some(session)) => {
                let validity = match session.valid_for() {
                    Some(left) if left.is_zero() => "its access token has expired".to_owned(),
                    Some(left) => format!("its access token is valid for {} s", left.as_secs()),
                    None => "its access token's lifetime was not announced".to_owned(),
                };
                let renewal = if session.refresh_token.is_some() {
                    "a refresh token is kept"
                } else {
                    "no refresh token is kept"
                };
                format!("vbc: signed in for profile {name} ({place}); {validity}; {renewal}")
            }
            Ok(None) => format!("vbc: no session kept for profile {name}"),
            Err(failure) => format!(
                "vbc: the kept session cannot be used: {}",
                failure.message()
            ),
        };
    }
    match store.read() {
        Ok(Some(_)) => format!(
            "{provider}: signed in for profile {name} ({place}); Ziwo tokens expire when the instance says"
        ),
        Ok(None) => format!("{provider}: no session kept for profile {name}"),
        Err(failure) => format!(
            "{provider}: the kept session cannot be used: {}",
            failure.message()
        ),
    }
}

/// How close to its expiry a kept VBC token is renewed at once, under the session's lock,
/// rather than used.
pub const RENEW_WITHIN: Duration = Duration::from_secs(120);

/// The VBC credentials of a kept session: its access token while valid, then renewed from its
/// refresh token, every new token written back. `VBC_CLIENT_SECRET` (environment or profile)
/// is still needed for renewals: the session file holds no client secret.
///
/// A token expiring within [`RENEW_WITHIN`] is renewed by one `ccapi` at a time: this one
/// takes the session's [lock](Store::lock) (waiting up to `wait` for another holder), rereads
/// the file,
/// uses the token another process may have just written, and otherwise renews on its first
/// request, releasing the lock once the new tokens are written. A single-use refresh token is
/// so spent once however many commands start together.
pub fn vbc_credentials(
    store: &Store,
    session: &VbcSession,
    wait: Duration,
) -> Result<cc_voice::Credentials, ccapi_transport::Error> {
    let due = |session: &VbcSession| {
        session.refresh_token.is_some()
            && session.valid_for().is_some_and(|left| left < RENEW_WITHIN)
    };
    if !due(session) {
        return vbc_credentials_holding(store, session, None);
    }
    let unusable = |failure: Failure| {
        ccapi_transport::Error::invalid_input("session", failure.message().to_owned())
    };
    let lock = store.lock(wait).map_err(unusable)?;
    match store.read_vbc().map_err(unusable)? {
        Some(reread) if !due(&reread) => vbc_credentials_holding(store, &reread, None),
        Some(reread) => vbc_credentials_holding(store, &reread, Some(lock)),
        None => vbc_credentials_holding(store, session, Some(lock)),
    }
}

/// [`vbc_credentials`] for `session`; with `lock`, the token is renewed on the first request
/// and the lock released once the renewed tokens are written.
fn vbc_credentials_holding(
    store: &Store,
    session: &VbcSession,
    lock: Option<SessionLock>,
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
    let valid_for = match lock {
        Some(_) => Some(Duration::ZERO),
        None => session.valid_for(),
    };
    let write = store.vbc_writer(session.token_url.clone(), session.client_id.clone());
    let lock = std::sync::Mutex::new(lock);
    let oauth = cc_voice::auth::oauth2_at(
        token_url,
        Grant::RefreshToken(refresh.clone()),
        &session.client_id,
        secret,
    )
    .access_token(session.access_token.clone(), valid_for)
    .on_token_update(move |update| {
        write(update);
        // Written: the next process may read it.
        drop(lock.lock().map(|mut held| held.take()));
    })
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
    store.check_place()?;
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
    store.check_place()?;
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

#[cfg(test)]
mod tests;
