//! Profiles and kept sessions, end to end: the `ccapi` binary with a configuration file and a
//! session cache in scratch directories, against one running sandbox.

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Command;

use ccapi_sandbox::{credentials as sandbox, Sandbox};
use serde_json::Value;

/// A VBC call that needs the kept session: one device of the sandbox's account.
const DEVICE_GET: [&str; 5] = [
    "cc-voice",
    "devices",
    "get",
    sandbox::VBC_ACCOUNT_ID,
    "79-5C-7D-28-1B-B3",
];

/// A scratch directory for one test, removed when dropped.
struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Self {
        let dir = std::env::temp_dir().join(format!("ccapi-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("config/ccapi")).expect("a scratch directory");
        Self(dir)
    }

    fn config_file(&self) -> PathBuf {
        self.0.join("config/ccapi/config.toml")
    }

    fn vbc_session(&self, profile: &str) -> PathBuf {
        self.0
            .join(format!("cache/ccapi/sessions/{profile}/vbc.json"))
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Runs `ccapi args…` with only `env` (and `PATH`), configuration and cache in `scratch`.
fn ccapi(scratch: &Scratch, args: &[&str], env: &[(&str, &str)]) -> (i32, String, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_ccapi"))
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("XDG_CONFIG_HOME", scratch.0.join("config"))
        .env("XDG_CACHE_HOME", scratch.0.join("cache"))
        .args(args)
        .envs(env.iter().copied())
        .output()
        .expect("ccapi runs");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

fn write_private(path: &Path, text: &str, mode: u32) {
    std::fs::write(path, text).expect("written");
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).expect("chmod");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_flag_chooses_over_ccapi_profile_and_the_environment_wins_over_the_file() {
    let sandbox = Sandbox::start().await.expect("a sandbox");
    let scratch = Scratch::new("profiles");
    let url = sandbox.iadvize_url();
    write_private(
        &scratch.config_file(),
        &format!(
            "[profiles.good.iadvize]\nbase_url = \"{url}\"\napi_key = {{ env = \"GOOD_KEY\" }}\n\n\
             [profiles.bad.iadvize]\nbase_url = \"{url}\"\napi_key = \"not-the-key\"\n"
        ),
        0o600,
    );
    let good = ("GOOD_KEY", sandbox::IADVIZE_API_KEY);
    let list = ["iadvize-rest", "website", "list"];

    // `--profile` over `CCAPI_PROFILE`: the good key, named by its variable.
    let args = [&["--profile", "good"][..], &list].concat();
    let (code, out, err) = ccapi(&scratch, &args, &[good, ("CCAPI_PROFILE", "bad")]);
    assert_eq!(code, 0, "{err}");
    let sites: Value = serde_json::from_str(&out).expect("JSON");
    assert!(
        sites.as_array().is_some_and(|sites| !sites.is_empty()),
        "{out}"
    );
    let sent = sandbox.requests();
    assert_eq!(
        (sent[0].method.as_str(), sent[0].path.as_str()),
        ("GET", "/iadvize/api/2/website")
    );

    // `CCAPI_PROFILE` alone: the bad profile's key, refused by the provider (exit 3).
    let (code, _, err) = ccapi(&scratch, &list, &[good, ("CCAPI_PROFILE", "bad")]);
    assert_eq!(code, 3, "{err}");
    assert!(!err.contains("not-the-key"), "{err}");

    // The environment over the file: IADVIZE_API_KEY replaces the bad profile's key.
    let args = [&["--profile", "bad"][..], &list].concat();
    let (code, _, err) = ccapi(
        &scratch,
        &args,
        &[("IADVIZE_API_KEY", sandbox::IADVIZE_API_KEY)],
    );
    assert_eq!(code, 0, "{err}");

    // A profile that does not exist is a usage error, before anything is sent.
    sandbox.clear_requests();
    let args = [&["--profile", "staging"][..], &list].concat();
    let (code, _, err) = ccapi(&scratch, &args, &[good]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("no profile `staging` (profiles: bad, good)"),
        "{err}"
    );
    assert!(sandbox.requests().is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_configuration_file_others_can_read_is_refused_when_it_holds_a_credential() {
    let sandbox = Sandbox::start().await.expect("a sandbox");
    let scratch = Scratch::new("readable");
    let url = sandbox.iadvize_url();
    let holding = format!(
        "[profiles.p.iadvize]\nbase_url = \"{url}\"\napi_key = \"{}\"\n",
        sandbox::IADVIZE_API_KEY
    );
    write_private(&scratch.config_file(), &holding, 0o644);
    let args = ["--profile", "p", "iadvize-rest", "website", "list"];
    let (code, out, err) = ccapi(&scratch, &args, &[]);
    assert_eq!(code, 2, "{err}");
    assert!(out.is_empty(), "{out}");
    assert!(err.contains("profiles.p.iadvize.api_key"), "{err}");
    assert!(err.contains("mode 644"), "{err}");
    assert!(err.contains("chmod 600"), "{err}");
    assert!(!err.contains(sandbox::IADVIZE_API_KEY), "{err}");
    assert!(sandbox.requests().is_empty(), "nothing was sent");

    // The same file, private: used.
    write_private(&scratch.config_file(), &holding, 0o600);
    let (code, _, err) = ccapi(&scratch, &args, &[]);
    assert_eq!(code, 0, "{err}");
    // Names of variables only: readable is fine.
    let naming =
        format!("[profiles.p.iadvize]\nbase_url = \"{url}\"\napi_key = {{ env = \"K\" }}\n");
    write_private(&scratch.config_file(), &naming, 0o644);
    let (code, _, err) = ccapi(&scratch, &args, &[("K", sandbox::IADVIZE_API_KEY)]);
    assert_eq!(code, 0, "{err}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_vbc_session_is_kept_reused_renewed_and_its_rotated_refresh_token_persisted() {
    let sandbox = Sandbox::start().await.expect("a sandbox");
    let scratch = Scratch::new("sessions");
    let vbc_url = sandbox.vbc_url();
    let token_url = sandbox.vbc_token_url();
    let client = [
        ("VBC_BASE_URL", vbc_url.as_str()),
        ("VBC_TOKEN_URL", token_url.as_str()),
        ("VBC_CLIENT_ID", sandbox::VBC_CLIENT_ID),
        ("VBC_CLIENT_SECRET", sandbox::VBC_CLIENT_SECRET),
    ];
    let user = [
        ("VBC_USERNAME", sandbox::VBC_USERNAME),
        ("VBC_PASSWORD", sandbox::VBC_PASSWORD),
    ];
    let mut printed = String::new();

    let (code, out, err) = ccapi(
        &scratch,
        &["auth", "login", "vbc"],
        &[&client[..], &user].concat(),
    );
    assert_eq!(code, 0, "{err}");
    assert!(
        out.starts_with("vbc: signed in as sandbox@vbc.prod; session kept in "),
        "{out}"
    );
    printed.push_str(&out);
    printed.push_str(&err);
    let file = scratch.vbc_session("default");
    let mode = std::fs::metadata(&file).expect("kept").permissions().mode();
    assert_eq!(mode & 0o777, 0o600);
    let read = || -> Value {
        serde_json::from_str(&std::fs::read_to_string(&file).expect("kept")).expect("JSON")
    };
    let first = read();
    let tokens = |session: &Value| {
        (
            session["access_token"].as_str().expect("access").to_owned(),
            session["refresh_token"]
                .as_str()
                .expect("refresh")
                .to_owned(),
        )
    };
    let (first_access, first_refresh) = tokens(&first);
    let token_calls = |sandbox: &Sandbox| -> Vec<String> {
        sandbox
            .requests()
            .into_iter()
            .filter(|sent| sent.path == "/vbc/token")
            .map(|sent| sent.body)
            .collect()
    };
    let logins = token_calls(&sandbox);
    assert_eq!(logins.len(), 1, "{logins:?}");
    assert!(logins[0].contains("grant_type=password"), "{logins:?}");

    // One login, two calls: without the user's password, no token call at all.
    sandbox.clear_requests();
    let get = DEVICE_GET;
    for _ in 0..2 {
        let (code, out, err) = ccapi(&scratch, &get, &client);
        assert_eq!(code, 0, "{err}");
        assert!(out.contains("79-5C-7D-28-1B-B3"), "{out}");
    }
    assert!(token_calls(&sandbox).is_empty());
    assert_eq!(sandbox.requests().len(), 2);

    // An expiry past any instant (a hand-edited or hostile file) is a year, not exit 101.
    let mut far = first.clone();
    far["expires_at"] = Value::from(u64::MAX);
    std::fs::write(&file, far.to_string()).expect("written");
    sandbox.clear_requests();
    let (code, out, err) = ccapi(&scratch, &get, &client);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("79-5C-7D-28-1B-B3"), "{out}");
    assert!(token_calls(&sandbox).is_empty());
    std::fs::write(&file, first.to_string()).expect("restored");

    // Expired: renewed from the kept refresh token, and the rotated one is written back.
    let mut expired = first.clone();
    expired["expires_at"] = Value::from(0);
    std::fs::write(&file, expired.to_string()).expect("written");
    sandbox.clear_requests();
    let (code, _, err) = ccapi(&scratch, &get, &client);
    assert_eq!(code, 0, "{err}");
    let renewals = token_calls(&sandbox);
    assert_eq!(renewals.len(), 1, "{renewals:?}");
    assert!(
        renewals[0].contains("grant_type=refresh_token"),
        "{renewals:?}"
    );
    let second = read();
    let (second_access, second_refresh) = tokens(&second);
    assert_ne!(second_access, first_access);
    assert_ne!(
        second_refresh, first_refresh,
        "the sandbox rotates refresh tokens"
    );
    // The sandbox's refresh tokens are single use: a second renewal works only because the
    // rotated token was kept.
    let mut expired = second.clone();
    expired["expires_at"] = Value::from(0);
    std::fs::write(&file, expired.to_string()).expect("written");
    let (code, _, err) = ccapi(&scratch, &get, &client);
    assert_eq!(code, 0, "{err}");
    let (third_access, third_refresh) = tokens(&read());

    // Logout deletes it; the next command has no credentials.
    let (code, out, err) = ccapi(&scratch, &["auth", "logout", "vbc"], &[]);
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("vbc: session removed"), "{out}");
    printed.push_str(&out);
    printed.push_str(&err);
    assert!(!file.exists());
    let (code, _, err) = ccapi(&scratch, &get, &client);
    assert_eq!(code, 2, "{err}");
    let (code, out, err) = ccapi(&scratch, &["auth", "logout", "vbc"], &[]);
    assert_eq!((code, out.as_str()), (0, "vbc: no session kept\n"), "{err}");

    // No `auth` command printed a secret.
    for secret in [
        sandbox::VBC_PASSWORD,
        sandbox::VBC_CLIENT_SECRET,
        &first_access,
        &first_refresh,
        &second_access,
        &second_refresh,
        &third_access,
        &third_refresh,
    ] {
        assert!(!printed.contains(secret), "printed a secret: {printed}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_ziwo_session_is_kept_and_reused_without_logging_in_again() {
    let sandbox = Sandbox::start().await.expect("a sandbox");
    let scratch = Scratch::new("ziwo-session");
    let base = sandbox.ziwo_url();
    let at = [("ZIWO_BASE_URL", base.as_str())];
    let user = [
        ("ZIWO_USERNAME", sandbox::ZIWO_USERNAME),
        ("ZIWO_PASSWORD", sandbox::ZIWO_PASSWORD),
    ];
    let (code, out, err) = ccapi(
        &scratch,
        &["auth", "login", "ziwo"],
        &[&at[..], &user].concat(),
    );
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("ziwo: signed in as "), "{out}");
    assert!(!out.contains(sandbox::ZIWO_PASSWORD) && !err.contains(sandbox::ZIWO_PASSWORD));
    let kept = scratch.0.join("cache/ccapi/sessions/default/ziwo.json");
    let session: Value =
        serde_json::from_str(&std::fs::read_to_string(&kept).expect("kept")).expect("JSON");
    let token = session["access_token"].as_str().expect("a token");
    assert!(!out.contains(token) && !err.contains(token));

    sandbox.clear_requests();
    let (code, _, err) = ccapi(&scratch, &["ziwo-admin", "calltrackers", "list"], &at);
    assert_eq!(code, 0, "{err}");
    let sent = sandbox.requests();
    assert!(
        sent.iter()
            .all(|request| !request.path.ends_with("/auth/login")),
        "{sent:?}"
    );
    assert_eq!(sent.len(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_session_file_others_can_read_stops_its_provider_only() {
    let sandbox = Sandbox::start().await.expect("a sandbox");
    let scratch = Scratch::new("readable-session");
    let file = scratch.vbc_session("default");
    std::fs::create_dir_all(file.parent().expect("a folder")).expect("created");
    write_private(
        &file,
        r#"{"token_url": "http://127.0.0.1:9/token", "client_id": "c", "access_token": "kept-token", "refresh_token": "kept-refresh", "expires_at": null}"#,
        0o644,
    );
    let vbc_url = sandbox.vbc_url();
    let (code, _, err) = ccapi(
        &scratch,
        &[
            "cc-voice",
            "devices",
            "get",
            sandbox::VBC_ACCOUNT_ID,
            "79-5C-7D-28-1B-B3",
        ],
        &[("VBC_BASE_URL", vbc_url.as_str())],
    );
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("readable by others (mode 644)"), "{err}");
    assert!(
        !err.contains("kept-token") && !err.contains("kept-refresh"),
        "{err}"
    );
    // Another provider's commands are not concerned.
    let iadvize_url = sandbox.iadvize_url();
    let (code, _, err) = ccapi(
        &scratch,
        &["iadvize-rest", "website", "list"],
        &[
            ("IADVIZE_BASE_URL", iadvize_url.as_str()),
            ("IADVIZE_API_KEY", sandbox::IADVIZE_API_KEY),
        ],
    );
    assert_eq!(code, 0, "{err}");
}

/// Logs in to the sandbox's VBC with `scratch`'s cache; the client variables for later calls.
fn vbc_login(sandbox: &Sandbox, scratch: &Scratch) -> Vec<(&'static str, String)> {
    let client = vec![
        ("VBC_BASE_URL", sandbox.vbc_url()),
        ("VBC_TOKEN_URL", sandbox.vbc_token_url()),
        ("VBC_CLIENT_ID", sandbox::VBC_CLIENT_ID.to_owned()),
        ("VBC_CLIENT_SECRET", sandbox::VBC_CLIENT_SECRET.to_owned()),
    ];
    let mut env: Vec<(&str, &str)> = client.iter().map(|(k, v)| (*k, v.as_str())).collect();
    env.push(("VBC_USERNAME", sandbox::VBC_USERNAME));
    env.push(("VBC_PASSWORD", sandbox::VBC_PASSWORD));
    let (code, _, err) = ccapi(scratch, &["auth", "login", "vbc"], &env);
    assert_eq!(code, 0, "{err}");
    client
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ten_processes_with_an_expired_session_renew_it_once_and_all_succeed() {
    let sandbox = Sandbox::start().await.expect("a sandbox");
    let scratch = Scratch::new("ten-renewals");
    let client = vbc_login(&sandbox, &scratch);
    let file = scratch.vbc_session("default");
    let mut session: Value =
        serde_json::from_str(&std::fs::read_to_string(&file).expect("kept")).expect("JSON");
    session["expires_at"] = Value::from(0);
    std::fs::write(&file, session.to_string()).expect("written");
    sandbox.clear_requests();

    let binary = env!("CARGO_BIN_EXE_ccapi");
    let children: Vec<_> = (0..10)
        .map(|_| {
            Command::new(binary)
                .env_clear()
                .env("XDG_CONFIG_HOME", scratch.0.join("config"))
                .env("XDG_CACHE_HOME", scratch.0.join("cache"))
                .envs(client.iter().map(|(k, v)| (*k, v.as_str())))
                .args(DEVICE_GET)
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .expect("ccapi starts")
        })
        .collect();
    for child in children {
        let output = child.wait_with_output().expect("ccapi ends");
        assert_eq!(
            output.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    let renewals: Vec<String> = sandbox
        .requests()
        .into_iter()
        .filter(|sent| sent.path == "/vbc/token")
        .map(|sent| sent.body)
        .collect();
    assert_eq!(renewals.len(), 1, "one renewal: {renewals:?}");
    assert!(renewals[0].contains("grant_type=refresh_token"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_planted_symlink_or_a_folder_others_can_write_keeps_no_session() {
    let sandbox = Sandbox::start().await.expect("a sandbox");
    let scratch = Scratch::new("planted");
    let client = vbc_login(&sandbox, &scratch);
    let env: Vec<(&str, &str)> = client.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let file = scratch.vbc_session("default");
    let victim = scratch.0.join("victim.txt");
    std::fs::write(&victim, "untouched").expect("written");
    std::fs::set_permissions(&victim, std::fs::Permissions::from_mode(0o644)).expect("chmod");

    // The session file replaced by a link to another file: not read, not written through.
    std::fs::remove_file(&file).expect("removed");
    std::os::unix::fs::symlink(&victim, &file).expect("a link");
    let get = DEVICE_GET;
    let (code, _, err) = ccapi(&scratch, &get, &env);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("is a symbolic link"), "{err}");
    let mut vbc_env = env.clone();
    vbc_env.push(("VBC_USERNAME", sandbox::VBC_USERNAME));
    vbc_env.push(("VBC_PASSWORD", sandbox::VBC_PASSWORD));
    let (code, _, err) = ccapi(&scratch, &["auth", "login", "vbc"], &vbc_env);
    assert_eq!(code, 0, "a new login replaces the link itself: {err}");
    assert_eq!(std::fs::read_to_string(&victim).expect("read"), "untouched");
    let mode = std::fs::metadata(&victim)
        .expect("there")
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o644);
    assert!(!std::fs::symlink_metadata(&file)
        .expect("there")
        .file_type()
        .is_symlink());

    // A session folder others can write to: refused, with what to do.
    let folder = file.parent().expect("a folder").to_path_buf();
    std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o777)).expect("chmod");
    let (code, _, err) = ccapi(&scratch, &["auth", "login", "vbc"], &vbc_env);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("is writable by others (mode 777)"), "{err}");
    assert!(err.contains("chmod 700"), "{err}");
    assert!(!err.contains(sandbox::VBC_PASSWORD), "{err}");
}

#[test]
fn a_broken_configuration_names_the_place_never_the_value() {
    let scratch = Scratch::new("broken-config");
    let canary = "canary-pass-9931";
    write_private(
        &scratch.config_file(),
        &format!("[profiles.p.ziwo]\npassword = \"{canary}\nusername = \"agent\"\n"),
        0o600,
    );
    let args = ["--profile", "p", "ziwo-admin", "calltrackers", "list"];
    let (code, out, err) = ccapi(&scratch, &args, &[]);
    assert_eq!(code, 2, "{err}");
    assert!(out.is_empty());
    assert!(
        err.contains("config.toml: not valid TOML at line 2, column"),
        "{err}"
    );
    assert!(err.contains("the line is not shown"), "{err}");
    assert!(!err.contains(canary), "{err}");
}

#[test]
fn a_configuration_linked_to_another_users_file_is_not_read() {
    let scratch = Scratch::new("linked-config");
    // A file of another user: made so when this runs as root, a system file otherwise.
    let theirs = scratch.0.join("theirs.toml");
    std::fs::write(&theirs, "secret-first-line = \"canary-theirs\"\n[[").expect("written");
    let target = match std::os::unix::fs::chown(&theirs, Some(65534), Some(65534)) {
        Ok(()) => theirs,
        Err(_) => PathBuf::from("/etc/passwd"),
    };
    std::os::unix::fs::symlink(&target, scratch.config_file()).expect("a link");
    let (code, _, err) = ccapi(
        &scratch,
        &["--profile", "p", "iadvize-rest", "website", "list"],
        &[],
    );
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("is a symbolic link to a file owned by another user"),
        "{err}"
    );
    assert!(
        !err.contains("canary-theirs") && !err.contains("root:"),
        "{err}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_fifo_planted_as_the_session_file_is_refused_not_waited_on() {
    let sandbox = Sandbox::start().await.expect("a sandbox");
    let scratch = Scratch::new("fifo");
    let client = vbc_login(&sandbox, &scratch);
    let env: Vec<(&str, &str)> = client.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let file = scratch.vbc_session("default");
    std::fs::remove_file(&file).expect("removed");
    let made = Command::new("mkfifo")
        .arg(&file)
        .status()
        .expect("mkfifo runs");
    assert!(made.success());
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o600)).expect("chmod");
    let get = DEVICE_GET;
    let (code, _, err) = ccapi(&scratch, &get, &env);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("is not a plain file"), "{err}");
}

/// Sign in once (issue 31): after `ccapi --profile sbx auth login vbc`, a VBC command runs on
/// the kept session with the password's variable gone, an unset variable of the iAdvize section
/// blocks nothing of VBC, and a command that does need the unset variable names the profile
/// entry behind it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_profile_resolves_lazily_so_a_kept_session_needs_no_password() {
    let sandbox = Sandbox::start().await.expect("a sandbox");
    let scratch = Scratch::new("lazy-profile");
    write_private(
        &scratch.config_file(),
        &format!(
            "[profiles.sbx.vbc]\nbase_url = \"{}\"\ntoken_url = \"{}\"\nclient_id = \"{}\"\n\
             client_secret = {{ env = \"SBX_VBC_SECRET\" }}\nusername = \"{}\"\n\
             password = {{ env = \"SBX_VBC_PASSWORD\" }}\n\n\
             [profiles.sbx.iadvize]\nbase_url = \"{}\"\napi_key = {{ env = \"SBX_IADVIZE_KEY\" }}\n",
            sandbox.vbc_url(),
            sandbox.vbc_token_url(),
            sandbox::VBC_CLIENT_ID,
            sandbox::VBC_USERNAME,
            sandbox.iadvize_url(),
        ),
        0o600,
    );
    let secrets = [
        ("SBX_VBC_SECRET", sandbox::VBC_CLIENT_SECRET),
        ("SBX_VBC_PASSWORD", sandbox::VBC_PASSWORD),
    ];
    let (code, _, err) = ccapi(
        &scratch,
        &["--profile", "sbx", "auth", "login", "vbc"],
        &secrets,
    );
    assert_eq!(code, 0, "{err}");
    let later = [("SBX_VBC_SECRET", sandbox::VBC_CLIENT_SECRET)];
    // `auth status` says which provider has a session, for which profile, until when: no token.
    let (code, status, err) = ccapi(&scratch, &["--profile", "sbx", "auth", "status"], &later);
    assert_eq!(code, 0, "{err}");
    let lines: Vec<&str> = status.lines().collect();
    assert_eq!(lines.len(), 2, "{status}");
    assert!(
        lines[0].starts_with("vbc: signed in for profile sbx (")
            && lines[0].contains("; its access token is valid for ")
            && lines[0].ends_with("; a refresh token is kept"),
        "{status}"
    );
    assert_eq!(lines[1], "ziwo: no session kept for profile sbx");
    let kept: Value = serde_json::from_str(
        &std::fs::read_to_string(scratch.vbc_session("sbx")).expect("the session file"),
    )
    .expect("JSON");
    for token in ["access_token", "refresh_token"] {
        let value = kept[token].as_str().expect("a token");
        assert!(!status.contains(value), "{token} printed: {status}");
    }
    let (code, out, err) = ccapi(
        &scratch,
        &[&["--profile", "sbx"][..], &DEVICE_GET].concat(),
        &later,
    );
    assert_eq!(code, 0, "the kept session, no password: {err}");
    let device: Value = serde_json::from_str(&out).expect("JSON");
    assert_eq!(device["mac_address"], "79-5C-7D-28-1B-B3");
    let (code, _, err) = ccapi(
        &scratch,
        &["--profile", "sbx", "iadvize-rest", "visitor", "list"],
        &later,
    );
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("profiles.sbx.iadvize.api_key names the environment variable SBX_IADVIZE_KEY, which is not set"),
        "{err}"
    );
}
