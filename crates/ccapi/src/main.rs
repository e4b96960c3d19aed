//! `ccapi`: one command line over every operation of the ccapi crates, plus the sandbox and a
//! demo tour. See `docs/cli.md`.

mod api_command;
mod cli;
mod clients;
mod demo;
mod derived;
mod invocation;
mod operations;
mod ops;
mod output;
mod profile;
#[cfg(test)]
mod request_snapshots;
mod session;
mod spec;
mod tables;

use std::collections::HashMap;
use std::io::{IsTerminal, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::ArgMatches;

use clients::{Env, SandboxUrls};
use invocation::{Call, Failure};
use spec::OpSpec;

fn main() -> ExitCode {
    let specs = spec::operations();
    let matches = match cli::command(&specs).try_get_matches() {
        Ok(matches) => matches,
        Err(err) => {
            // Help and version go to stdout with 0; usage errors to stderr with 2.
            let _ = err.print();
            return ExitCode::from(if err.use_stderr() { 2 } else { 0 });
        }
    };
    // The profile fills the variables the environment leaves unset, before any thread starts
    // (the runtime below), so every crate's `from_env` reads it as it reads the environment.
    let profile = match profile::resolve(
        matches.get_one::<String>("profile").map(String::as_str),
        &ccapi_transport::env_var,
    ) {
        Ok(resolved) => {
            for (variable, value) in &resolved.variables {
                std::env::set_var(variable, value);
            }
            resolved
        }
        Err(failure) => {
            eprintln!("ccapi: {}", output::scrub_message(failure.message()));
            return ExitCode::from(failure.code());
        }
    };
    if let Err(why) = init_tracing(
        matches.get_count("verbose"),
        matches.get_flag("show-secrets"),
    ) {
        eprintln!("ccapi: {why}");
        return ExitCode::from(2);
    }
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(err) => {
            eprintln!("ccapi: cannot start the async runtime: {err}");
            return ExitCode::from(4);
        }
    };
    match runtime.block_on(run(&specs, &matches)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            // A profile entry whose variable is unset is named where a command needed it.
            let message = profile.explain(failure.message());
            eprintln!("ccapi: {}", output::scrub_message(&message));
            ExitCode::from(failure.code())
        }
    }
}

async fn run(specs: &[OpSpec], matches: &ArgMatches) -> Result<(), Failure> {
    let (api, api_matches) = matches
        .subcommand()
        .ok_or_else(|| Failure::Usage("no command".into()))?;
    match api {
        "sandbox" => {
            let defaults = ccapi_sandbox::Options::default();
            let options = ccapi_sandbox::Options {
                port: api_matches.get_one::<u16>("port").copied().unwrap_or(8787),
                strict_parameters: api_matches.get_flag("strict"),
                max_records: api_matches
                    .get_one::<usize>("max-records")
                    .copied()
                    .unwrap_or(defaults.max_records),
                journal_file: api_matches
                    .get_one::<std::path::PathBuf>("journal")
                    .cloned(),
                ..defaults
            };
            let seed = api_matches.get_one::<std::path::PathBuf>("seed");
            return serve_sandbox(options, seed.map(std::path::PathBuf::as_path)).await;
        }
        "demo" => return demo::run(&mut std::io::stdout()).await,
        "api" => return api_command::run(matches, api_matches).await,
        "auth" => return auth(matches, api_matches).await,
        "completions" => {
            let shell = match api_matches.get_one::<String>("shell").map(String::as_str) {
                Some("zsh") => clap_complete::Shell::Zsh,
                Some("fish") => clap_complete::Shell::Fish,
                _ => clap_complete::Shell::Bash,
            };
            // Written whole, then: a reader that stops early (`| head`) closes the pipe, which
            // is its choice, not a failure (clap_complete panics on a write error).
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut cli::command(specs), "ccapi", &mut script);
            return match std::io::stdout().lock().write_all(&script) {
                Err(err) if err.kind() != std::io::ErrorKind::BrokenPipe => Err(Failure::Broken(
                    format!("cannot write the completions: {err}"),
                )),
                _ => Ok(()),
            };
        }
        _ => {}
    }
    let (resource, resource_matches) = api_matches
        .subcommand()
        .ok_or_else(|| Failure::Usage("no resource".into()))?;
    let (action, action_matches) = resource_matches
        .subcommand()
        .ok_or_else(|| Failure::Usage("no action".into()))?;
    let spec = specs
        .iter()
        .find(|s| s.api == api && s.resource == resource && s.action == action)
        .ok_or_else(|| Failure::Usage(format!("unknown operation {api} {resource} {action}")))?;

    let all = matches.get_flag("all");
    if all && !spec.paged {
        return Err(Failure::Usage(format!(
            "--all: {api} {resource} {action} is not a paged listing"
        )));
    }
    let mut options = HashMap::new();
    for option in &spec.options {
        if option.flag {
            if action_matches.get_flag(option.name) {
                options.insert(option.name.to_owned(), Vec::new());
            }
        } else if let Some(values) = action_matches.get_many::<String>(option.name) {
            options.insert(option.name.to_owned(), values.cloned().collect());
        }
    }
    let body = match spec
        .body
        .then(|| action_matches.get_one::<String>("body"))
        .flatten()
    {
        Some(text) => Some(read_body(matches, text)?),
        None => None,
    };
    let sandbox = start_sandbox(matches).await?;
    let call = Call {
        params: spec
            .params
            .iter()
            .chain(spec.arguments)
            .map(|p| {
                action_matches
                    .get_one::<String>(p)
                    .cloned()
                    .unwrap_or_default()
            })
            .collect(),
        options,
        body,
        all,
        out: spec
            .download
            .then(|| action_matches.get_one::<String>("out"))
            .flatten()
            .map(PathBuf::from),
        progress: all && std::io::stderr().is_terminal(),
        env: {
            let mut env = env(matches, sandbox.as_ref())?;
            if spec.download {
                // A recording may take longer than the default to arrive whole: a download is
                // bounded by a deadline only when one is asked for (a stalled one still ends
                // at the per-attempt limit between chunks).
                env.total_timeout = asked_timeout(matches)?;
            }
            env
        },
        style: style(matches),
        operation: (spec.api, spec.row),
    };
    let table = matches.get_one::<String>("output").map(String::as_str) == Some("table");
    invocation::show_documented_only(table);
    let outcome = (spec.run)(call).await?;
    print_outcome(matches, outcome)?;
    drop(sandbox);
    Ok(())
}

/// The embedded sandbox, when `--sandbox` asks for one.
async fn start_sandbox(matches: &ArgMatches) -> Result<Option<ccapi_sandbox::Sandbox>, Failure> {
    if !matches.get_flag("sandbox") {
        return Ok(None);
    }
    ccapi_sandbox::Sandbox::start()
        .await
        .map(Some)
        .map_err(|err| Failure::Broken(format!("the sandbox cannot start: {err}")))
}

/// Where the APIs are: `--base-url`, the embedded sandbox, a running sandbox
/// (`--sandbox-url` or `CCAPI_SANDBOX_URL`), or each provider's own.
fn env(matches: &ArgMatches, sandbox: Option<&ccapi_sandbox::Sandbox>) -> Result<Env, Failure> {
    let running = matches
        .get_one::<String>("sandbox-url")
        .cloned()
        .or_else(|| std::env::var("CCAPI_SANDBOX_URL").ok())
        .filter(|url| !url.is_empty());
    let sandbox = match (sandbox, running) {
        (Some(s), _) => Some(SandboxUrls::at(&s.url())),
        (None, Some(root)) => Some(SandboxUrls::at(&root)),
        (None, None) => None,
    };
    // A sandbox has its own credentials: kept sessions are for real accounts.
    let kept = match sandbox {
        Some(_) => session::Kept::default(),
        None => session::Kept::load(profile_name(matches).as_deref()),
    };
    Ok(Env {
        base_url: matches.get_one::<String>("base-url").cloned(),
        sandbox,
        max_response_bytes: matches.get_one::<u64>("max-response-bytes").copied(),
        kept: std::sync::Arc::new(kept),
        total_timeout: Some(total_timeout(matches)?),
        http: clients::client_trusting_env_certificates(&ccapi_transport::env_var)
            .map_err(Failure::Usage)?,
    })
}

/// The total deadline of each call: `--timeout`, else `CCAPI_TIMEOUT` (the environment or the
/// profile), else [`cli::DEFAULT_TIMEOUT`].
fn total_timeout(matches: &ArgMatches) -> Result<std::time::Duration, Failure> {
    Ok(asked_timeout(matches)?.unwrap_or(cli::DEFAULT_TIMEOUT))
}

/// The total deadline asked for: `--timeout`, else `CCAPI_TIMEOUT`.
fn asked_timeout(matches: &ArgMatches) -> Result<Option<std::time::Duration>, Failure> {
    if let Some(timeout) = matches.get_one::<std::time::Duration>("timeout") {
        return Ok(Some(*timeout));
    }
    ccapi_transport::env_var("CCAPI_TIMEOUT")
        .map(|text| {
            cli::parse_timeout(&text).map_err(|why| Failure::Usage(format!("CCAPI_TIMEOUT: {why}")))
        })
        .transpose()
}

/// The profile asked for: `--profile`, else `CCAPI_PROFILE` (sessions of no named profile
/// are kept as `default`'s).
fn profile_name(matches: &ArgMatches) -> Option<String> {
    matches
        .get_one::<String>("profile")
        .cloned()
        .or_else(|| ccapi_transport::env_var("CCAPI_PROFILE"))
}

/// `ccapi auth login|logout <provider>`, `ccapi auth status`.
async fn auth(matches: &ArgMatches, auth_matches: &ArgMatches) -> Result<(), Failure> {
    let (verb, verb_matches) = auth_matches
        .subcommand()
        .ok_or_else(|| Failure::Usage("auth: login, logout or status".into()))?;
    if verb == "status" {
        let profile = profile_name(matches);
        for provider in ["vbc", "ziwo"] {
            println!("{}", session::status(provider, profile.as_deref()));
        }
        return Ok(());
    }
    let provider = verb_matches
        .get_one::<String>("provider")
        .map(String::as_str)
        .unwrap_or_default();
    let store = session::Store::of(provider, profile_name(matches).as_deref())?;
    let message = match verb {
        "login" => {
            let running = matches.get_one::<String>("sandbox-url").is_some()
                || ccapi_transport::env_var("CCAPI_SANDBOX_URL").is_some();
            if matches.get_flag("sandbox") || running {
                return Err(Failure::Usage(
                    "auth login: a sandbox needs no session (its credentials are built in)".into(),
                ));
            }
            // Not `env()`: a kept session, even a broken one, must not stop a new login.
            let env = Env {
                base_url: matches.get_one::<String>("base-url").cloned(),
                max_response_bytes: matches.get_one::<u64>("max-response-bytes").copied(),
                total_timeout: Some(total_timeout(matches)?),
                http: clients::client_trusting_env_certificates(&ccapi_transport::env_var)
                    .map_err(Failure::Usage)?,
                ..Env::default()
            };
            match provider {
                "vbc" => session::login_vbc(&env, &store).await?,
                _ => session::login_ziwo(&env, &store).await?,
            }
        }
        _ => match store.remove()? {
            true => format!("{provider}: session removed ({})", store.path().display()),
            false => format!("{provider}: no session kept"),
        },
    };
    println!("{message}");
    Ok(())
}

/// Prints an outcome as the global options say (format, redaction, page info).
fn print_outcome(matches: &ArgMatches, outcome: invocation::Outcome) -> Result<(), Failure> {
    let style = style(matches);
    output::print(
        outcome,
        style,
        &mut output::Scrubbed::new(std::io::stdout().lock(), style.show_secrets),
        &mut output::Scrubbed::new(std::io::stderr(), style.show_secrets),
    )
    .map_err(|err| Failure::Broken(format!("cannot write the result: {err}")))
}

/// How results are printed, from the global options.
fn style(matches: &ArgMatches) -> output::Style {
    output::Style {
        table: matches.get_one::<String>("output").map(String::as_str) == Some("table"),
        ndjson: matches.get_flag("ndjson"),
        show_secrets: matches.get_flag("show-secrets"),
        page_info: matches.get_flag("page-info"),
    }
}

/// `--body` as given: inline JSON, `@file`, or `-` for stdin.
/// A `--body` value: inline, `@FILE` or `-` (stdin), read up to `--max-body-bytes` (default
/// [`cli::DEFAULT_MAX_BODY_BYTES`]): a body is parsed and encoded again before it is sent, so
/// an unbounded one would cost several times its size in memory.
fn read_body(matches: &ArgMatches, text: &str) -> Result<String, Failure> {
    let limit = matches
        .get_one::<u64>("max-body-bytes")
        .copied()
        .unwrap_or(cli::DEFAULT_MAX_BODY_BYTES);
    let bounded = |source: &mut dyn Read, what: &str| -> Result<String, Failure> {
        let mut bytes = Vec::new();
        source
            .take(limit.saturating_add(1))
            .read_to_end(&mut bytes)
            .map_err(|err| Failure::Usage(format!("--body {what}: cannot read it: {err}")))?;
        if bytes.len() as u64 > limit {
            return Err(Failure::Usage(format!(
                "--body {what}: larger than {limit} bytes; raise the limit with --max-body-bytes BYTES"
            )));
        }
        String::from_utf8(bytes)
            .map_err(|_| Failure::Usage(format!("--body {what}: not UTF-8 text")))
    };
    if text == "-" {
        return bounded(&mut std::io::stdin().lock(), "-");
    }
    if let Some(path) = text.strip_prefix('@') {
        let mut file = std::fs::File::open(path)
            .map_err(|err| Failure::Usage(format!("--body @{path}: {err}")))?;
        return bounded(&mut file, &format!("@{path}"));
    }
    if text.len() as u64 > limit {
        return Err(Failure::Usage(format!(
            "--body: larger than {limit} bytes; raise the limit with --max-body-bytes BYTES"
        )));
    }
    Ok(text.to_owned())
}

async fn serve_sandbox(
    options: ccapi_sandbox::Options,
    seed: Option<&std::path::Path>,
) -> Result<(), Failure> {
    // The seed document is read before the port is taken: a bad one fails at once.
    let document = match seed {
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .map_err(|err| Failure::Usage(format!("--seed {}: {err}", path.display())))?;
            Some(
                serde_json::from_str::<serde_json::Value>(&text).map_err(|err| {
                    Failure::Usage(format!("--seed {}: not JSON: {err}", path.display()))
                })?,
            )
        }
        None => None,
    };
    let port = options.port;
    let sandbox = ccapi_sandbox::Sandbox::start_with(options)
        .await
        .map_err(|err| {
            Failure::Broken(format!("the sandbox cannot start on port {port}: {err}"))
        })?;
    if let (Some(document), Some(path)) = (document, seed) {
        sandbox
            .seed(&document)
            .map_err(|err| Failure::Usage(format!("--seed {}: {err}", path.display())))?;
    }
    let mut out = std::io::stdout();
    let _ = writeln!(out, "{}", demo::sandbox_banner(&sandbox));
    let _ = out.flush();
    tokio::signal::ctrl_c()
        .await
        .map_err(|err| Failure::Broken(err.to_string()))?;
    Ok(())
}

/// Tracing to stderr, scrubbed of the credentials sent as stdout is: `RUST_LOG` when set
/// (`level` or `target=level,...` directives), else by `-v` count: none shows the providers'
/// notices only (Ziwo's `info.message`: deprecations, warnings), `-v` each request's span,
/// `-vv` attempts and retries, `-vvv` everything. The notices show whatever `RUST_LOG` says,
/// unless it names their target (`ziwo`).
fn init_tracing(verbose: u8, show_secrets: bool) -> Result<(), String> {
    use tracing_subscriber::filter::{LevelFilter, Targets};
    use tracing_subscriber::layer::SubscriberExt;
    use tracing_subscriber::util::SubscriberInitExt;
    let from_env = match std::env::var("RUST_LOG") {
        Ok(directives) if !directives.trim().is_empty() => {
            let targets = directives
                .parse::<Targets>()
                .map_err(|err| format!("RUST_LOG `{directives}`: {err}"))?;
            let names_notices = targets.iter().any(|(target, _)| target == "ziwo");
            Some(if names_notices {
                targets
            } else {
                targets.with_target("ziwo", LevelFilter::WARN)
            })
        }
        _ => None,
    };
    let stderr = move || output::Scrubbed::new(std::io::stderr(), show_secrets);
    if from_env.is_none() && verbose == 0 {
        tracing_subscriber::fmt()
            .with_writer(stderr)
            .with_max_level(LevelFilter::WARN)
            .without_time()
            .with_target(false)
            .with_level(false)
            .init();
        return Ok(());
    }
    let filter = from_env.unwrap_or_else(|| {
        Targets::new().with_default(match verbose {
            1 => LevelFilter::INFO,
            2 => LevelFilter::DEBUG,
            _ => LevelFilter::TRACE,
        })
    });
    tracing_subscriber::registry()
        .with(
            tracing_subscriber::fmt::layer()
                .with_writer(stderr)
                .with_span_events(tracing_subscriber::fmt::format::FmtSpan::CLOSE),
        )
        .with(filter)
        .init();
    Ok(())
}
