//! `cargo xtask conformance` (this package, run by xtask): cc-voice against Vonage's own
//! OpenAPI file, through Prism.
//!
//! Our fixtures and sandbox share our reading of the VBC documentation, so they cannot catch a
//! misreading. Prism (`@stoplight/prism-cli`, from npm) serves `vbc-telephony.yml` in dynamic
//! mode: every answer is a random document valid for Vonage's schema (ISO date-times, free-text
//! page counters, members the schema does not list). Every read operation of the crate must
//! decode every such answer, and every request the crate sends must pass Prism's validator.
//!
//! The leg update is the exception Prism cannot judge: its request schema is a `oneOf` whose
//! alternatives declare no `required` member, so any valid body matches several of them and
//! Prism refuses every leg update with a `oneOf` violation. For those the run sends the exact
//! body the crate builds for each [`LegAction`] to Prism directly and accepts only `oneOf`
//! violations: a member of the wrong type (or a body matching no alternative) brings a `type`
//! or `enum` violation with it, which fails the run. The exact bytes of each body are pinned by
//! the crate's own wire tests (`crates/cc-voice/tests/legs_devices.rs`).

use std::fmt::Write as _;
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use cc_voice::models::{CallType, Contact, LegAction, NewCall, RecordingService};
use cc_voice::{Client, Credentials, ListFilter};
use ccapi_transport::{ClientConfig, Error};
use futures::{StreamExt, TryStreamExt};

/// The Prism release the run installs (pinned, so a new release cannot change the verdict).
pub const PRISM_VERSION: &str = "5.16.0";

/// What to run.
#[derive(Debug, Clone)]
pub struct Options {
    /// Vonage's OpenAPI file.
    pub spec: PathBuf,
    /// Where Prism is installed (`npm install --prefix`); reused when already there.
    pub prism_dir: PathBuf,
    /// How many times each read operation is called.
    pub rounds: usize,
}

/// One operation's tally.
#[derive(Debug, Default, Clone)]
pub struct Tally {
    /// `calls.list`, `legs.update(Hold)`, ...
    pub operation: String,
    /// Calls made.
    pub calls: usize,
    /// Calls that failed, with why (the first few).
    pub failures: Vec<String>,
}

/// Every operation's tally.
#[derive(Debug, Default)]
pub struct Report {
    /// In the order run.
    pub tallies: Vec<Tally>,
}

impl Report {
    /// Whether every call passed.
    pub fn passed(&self) -> bool {
        self.tallies.iter().all(|tally| tally.failures.is_empty())
    }

    /// One line per operation, then the failures.
    pub fn render(&self) -> String {
        let mut out = String::new();
        for tally in &self.tallies {
            let _ = writeln!(
                out,
                "{:<34} {:>3}/{:<3} {}",
                tally.operation,
                tally.calls - tally.failures.len(),
                tally.calls,
                if tally.failures.is_empty() {
                    "ok"
                } else {
                    "FAILED"
                }
            );
        }
        for tally in &self.tallies {
            for failure in tally.failures.iter().take(3) {
                let _ = writeln!(out, "  {}: {failure}", tally.operation);
            }
        }
        out
    }

    fn tally(&mut self, operation: &str) -> &mut Tally {
        if let Some(index) = self.tallies.iter().position(|t| t.operation == operation) {
            return &mut self.tallies[index];
        }
        self.tallies.push(Tally {
            operation: operation.to_owned(),
            ..Tally::default()
        });
        self.tallies.last_mut().unwrap_or_else(|| unreachable!())
    }

    fn record<T>(&mut self, operation: &str, outcome: Result<T, String>) {
        let tally = self.tally(operation);
        tally.calls += 1;
        if let Err(why) = outcome {
            tally.failures.push(why);
        }
    }
}

const USAGE: &str = "usage: cargo xtask conformance [--spec FILE] [--prism-dir DIR] [--rounds N]";

fn main() -> ExitCode {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .nth(2)
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."));
    let options = match options(&root, std::env::args().skip(1)) {
        Ok(options) => options,
        Err(message) => {
            eprintln!("conformance: {message}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    match run(&options) {
        Ok(report) => {
            print!("{}", report.render());
            if report.passed() {
                ExitCode::SUCCESS
            } else {
                eprintln!("conformance: cc-voice does not conform to Vonage's OpenAPI file");
                ExitCode::FAILURE
            }
        }
        Err(message) => {
            eprintln!("conformance: {message}");
            ExitCode::FAILURE
        }
    }
}

/// The options from the command line; defaults: the spec in `shared/specs` beside the
/// workspace, Prism in `target/conformance/prism`, 20 rounds.
fn options(root: &Path, args: impl Iterator<Item = String>) -> Result<Options, String> {
    let mut options = Options {
        spec: root.join("../shared/specs/vbc-telephony.yml"),
        prism_dir: root.join("target/conformance/prism"),
        rounds: 20,
    };
    let mut args = args;
    while let Some(arg) = args.next() {
        let mut value = |flag: &str| args.next().ok_or_else(|| format!("{flag} needs a value"));
        match arg.as_str() {
            "--spec" => options.spec = PathBuf::from(value("--spec")?),
            "--prism-dir" => options.prism_dir = PathBuf::from(value("--prism-dir")?),
            "--rounds" => {
                let text = value("--rounds")?;
                options.rounds = text
                    .parse()
                    .ok()
                    .filter(|rounds| *rounds > 0)
                    .ok_or_else(|| format!("--rounds `{text}`: a count from 1"))?;
            }
            other => return Err(format!("unexpected {other}")),
        }
    }
    Ok(options)
}

/// Installs Prism if needed, serves the spec, runs every operation, stops Prism.
pub fn run(options: &Options) -> Result<Report, String> {
    if !options.spec.is_file() {
        return Err(format!(
            "{} not found: the VBC OpenAPI file lives in shared/specs beside the workspace \
             (pass --spec PATH)",
            options.spec.display()
        ));
    }
    let prism = install(&options.prism_dir)?;
    let address = free_address()?;
    let mut server = PrismServer::start(&prism, &options.spec, address)?;
    let base = format!("http://{address}");
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|err| format!("tokio: {err}"))?;
    let report = runtime.block_on(exercise(&base, options.rounds));
    server.stop();
    report
}

/// `npm install --prefix <dir> @stoplight/prism-cli@PRISM_VERSION`, unless already there.
fn install(dir: &Path) -> Result<PathBuf, String> {
    let binary = dir.join("node_modules/.bin/prism");
    if binary.is_file() {
        return Ok(binary);
    }
    std::fs::create_dir_all(dir).map_err(|err| format!("{}: {err}", dir.display()))?;
    eprintln!(
        "installing @stoplight/prism-cli@{PRISM_VERSION} into {}",
        dir.display()
    );
    let status = Command::new("npm")
        .args([
            "install",
            "--no-audit",
            "--no-fund",
            "--loglevel=error",
            "--prefix",
        ])
        .arg(dir)
        .arg(format!("@stoplight/prism-cli@{PRISM_VERSION}"))
        .status()
        .map_err(|err| format!("cannot run npm ({err}): install Node.js and npm"))?;
    if !status.success() || !binary.is_file() {
        return Err(format!("npm could not install Prism ({status})"));
    }
    Ok(binary)
}

fn free_address() -> Result<SocketAddr, String> {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .map_err(|err| format!("no free port: {err}"))
}

/// A running `prism mock -d`, stopped on drop.
struct PrismServer {
    child: Child,
}

impl PrismServer {
    fn start(prism: &Path, spec: &Path, address: SocketAddr) -> Result<Self, String> {
        let child = Command::new(prism)
            .args(["mock", "--dynamic", "--host"])
            .arg(address.ip().to_string())
            .arg("--port")
            .arg(address.port().to_string())
            .arg(spec)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|err| format!("cannot start {}: {err}", prism.display()))?;
        let mut server = Self { child };
        let deadline = Instant::now() + Duration::from_secs(60);
        while TcpStream::connect_timeout(&address, Duration::from_millis(200)).is_err() {
            if let Ok(Some(status)) = server.child.try_wait() {
                return Err(format!("Prism exited before listening ({status})"));
            }
            if Instant::now() > deadline {
                server.stop();
                return Err("Prism did not listen within 60 s".to_owned());
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        Ok(server)
    }

    fn stop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for PrismServer {
    fn drop(&mut self) {
        self.stop();
    }
}

const ACCOUNT: &str = "1234";
const CALL: &str = "3fa85f64-5717-4562-b3fc-2c963f66afa6";
const LEG: &str = "7d0c2a4e-1b1f-4a55-9c1e-2f7a8b9c0d1e";
const DEVICE: &str = "79-5C-7D-28-1B-B3";

fn why(error: Error) -> String {
    match error {
        Error::Decode { path, message, .. } => format!("does not decode at `{path}`: {message}"),
        other => other.to_string(),
    }
}

async fn exercise(base: &str, rounds: usize) -> Result<Report, String> {
    let config = ClientConfig::new(base, "ccapi-conformance/1.0").map_err(why)?;
    let client = Client::with_config(
        config,
        Credentials::access_token("conformance-token".to_owned().into()),
    )
    .map_err(why)?;
    let mut report = Report::default();
    let calls = client.calls(ACCOUNT);
    let legs = client.legs(ACCOUNT, CALL);
    let devices = client.devices(ACCOUNT);
    let filter = ListFilter::new().page_size(10);
    for _ in 0..rounds {
        report.record("calls.list", calls.list(&filter).await.map_err(why));
        report.record("calls.get", calls.get(CALL).await.map_err(why));
        report.record("legs.list", legs.list().await.map_err(why));
        report.record("legs.get", legs.get(LEG).await.map_err(why));
        report.record("devices.list", devices.list(&filter).await.map_err(why));
        report.record("devices.get", devices.get(DEVICE).await.map_err(why));
    }
    // Every page a listing follows decodes too (bounded: random answers may announce more).
    for _ in 0..rounds.div_ceil(4) {
        let every_call: Result<Vec<_>, _> = calls.list_all(&filter).take(40).try_collect().await;
        report.record("calls.list_all (40 items)", every_call.map_err(why));
        let every_device: Result<Vec<_>, _> =
            devices.list_all(&filter).take(40).try_collect().await;
        report.record("devices.list_all (40 items)", every_device.map_err(why));
    }
    // Writes: Prism answers 2xx only to a request its validator accepts.
    let new_call = NewCall::new(
        Contact::extension("1001"),
        Contact::pstn("15551234567"),
        CallType::ClickToDial,
    );
    report.record("calls.create", calls.create(&new_call).await.map_err(why));
    report.record(
        "calls.update (answer)",
        calls
            .answer(CALL, Contact::device("vh-1"))
            .await
            .map_err(why),
    );
    report.record(
        "calls.update (transfer)",
        calls
            .transfer(
                CALL,
                Contact::extension("1001"),
                Contact::pstn("15551234567"),
            )
            .await
            .map_err(why),
    );
    report.record(
        "calls.update (park)",
        calls
            .park(CALL, Contact::extension("1001"))
            .await
            .map_err(why),
    );
    report.record("calls.delete", calls.delete(CALL).await.map_err(why));
    report.record("legs.delete", legs.delete(LEG).await.map_err(why));
    leg_updates(base, &mut report).await;
    Ok(report)
}

/// The leg update bodies, sent as the crate builds them; only `oneOf` violations may come back
/// (see the module docs).
async fn leg_updates(base: &str, report: &mut Report) {
    let actions = [
        ("hold", LegAction::Hold),
        ("unhold", LegAction::Unhold),
        ("dtmf", LegAction::SendDtmf("*123#".into())),
        (
            "stream start",
            LegAction::StartStream {
                url: "https://example.com/message.wav".into(),
            },
        ),
        ("stream stop", LegAction::StopStream),
        (
            "blind transfer",
            LegAction::BlindTransfer(Contact::pstn("15551234567")),
        ),
        (
            "attended transfer",
            LegAction::AttendedTransfer { leg_id: LEG.into() },
        ),
        (
            "attended transfer, spec form",
            LegAction::AttendedTransferToLeg { leg_id: LEG.into() },
        ),
        (
            "recording start",
            LegAction::StartRecording(RecordingService::Ccr),
        ),
        (
            "recording stop",
            LegAction::StopRecording(RecordingService::Ocr),
        ),
    ];
    let http = reqwest::Client::new();
    let url = format!("{base}/cc/accounts/{ACCOUNT}/calls/{CALL}/legs/{LEG}");
    for (name, action) in actions {
        let outcome = async {
            let response = http
                .put(&url)
                .bearer_auth("conformance-token")
                .json(&action.body())
                .send()
                .await
                .map_err(|err| err.to_string())?;
            let violations = response
                .headers()
                .get("sl-violations")
                .and_then(|value| value.to_str().ok())
                .unwrap_or("[]");
            only_one_of(violations)
        }
        .await;
        report.record(&format!("legs.update ({name}, body check)"), outcome);
    }
}

/// Ok when every violation Prism reported is the ambiguous `oneOf`.
fn only_one_of(violations: &str) -> Result<(), String> {
    let parsed: Vec<serde_json::Value> = serde_json::from_str(violations)
        .map_err(|err| format!("unreadable sl-violations ({err}): {violations}"))?;
    let other: Vec<&serde_json::Value> = parsed
        .iter()
        .filter(|violation| violation["code"] != "oneOf")
        .collect();
    if other.is_empty() {
        Ok(())
    } else {
        Err(format!("Prism's validator refused the body: {other:?}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_ambiguity_is_tolerated_in_leg_updates() {
        assert_eq!(only_one_of("[]"), Ok(()));
        assert_eq!(
            only_one_of(r#"[{"code":"oneOf","message":"must match exactly one schema"}]"#),
            Ok(())
        );
        let wrong = only_one_of(
            r#"[{"code":"oneOf"},{"code":"type","message":"Request body property dtmf must be string"}]"#,
        )
        .expect_err("a type violation");
        assert!(wrong.contains("dtmf must be string"), "{wrong}");
        assert!(only_one_of("not json").is_err());
    }

    #[test]
    fn the_report_counts_and_names_failures() {
        let mut report = Report::default();
        report.record::<()>("calls.get", Ok(()));
        report.record::<()>("calls.get", Err("does not decode at `start_time`".into()));
        assert!(!report.passed());
        let text = report.render();
        assert!(text.contains("calls.get"), "{text}");
        assert!(text.contains("1/2"), "{text}");
        assert!(text.contains("does not decode at `start_time`"), "{text}");
    }
}
