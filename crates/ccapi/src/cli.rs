//! The clap command tree, built from the operation table.

use clap::{Arg, ArgAction, Command};

use crate::spec::OpSpec;

/// The grammar, for `--help`.
pub const ABOUT: &str = "One command line over every operation of the ccapi crates.

  ccapi [GLOBAL OPTIONS] <api> <resource> <action> [PATH PARAMS...] [OPTIONS]

<api> is a crate name (agendize-calls, agendize-resellers, ziwo-admin, ziwo-cti, ziwo-crm,
iadvize-rest, cc-voice); <resource> <action> are the halves of the catalog's operation id
(`-` and `_` are interchangeable). Path parameters are positional, in path order.

Credentials come from the environment: AGENDIZE_API_KEY + AGENDIZE_TOKEN (or
AGENDIZE_ACCESS_TOKEN); ZIWO_INSTANCE with ZIWO_ACCESS_TOKEN or ZIWO_USERNAME + ZIWO_PASSWORD,
and ZIWO_API_KEY for CTI; IADVIZE_API_KEY; VBC_ACCESS_TOKEN or VBC_CLIENT_ID +
VBC_CLIENT_SECRET + VBC_USERNAME + VBC_PASSWORD (VBC_TOKEN_URL to change the token endpoint).
With --sandbox, none is needed. A profile (--profile NAME, or CCAPI_PROFILE) in
$XDG_CONFIG_HOME/ccapi/config.toml fills the variables the environment leaves unset;
`ccapi auth login vbc|ziwo` signs in once and keeps the session for later commands.
The output has no colour, so NO_COLOR always holds.

Exit codes: 0 success; 2 usage or invalid input (nothing sent); 3 the provider refused;
4 transport or decoding failure.";

/// Subcommand names accept `-` for `_`.
fn dashed(name: &'static str) -> Option<String> {
    name.contains('_').then(|| name.replace('_', "-"))
}

fn named(name: &'static str) -> Command {
    let command = Command::new(name);
    match dashed(name) {
        Some(alias) => command.alias(alias),
        None => command,
    }
}

fn action(spec: &OpSpec) -> Command {
    let mut command = named(spec.action).about(spec.about.clone());
    for param in &spec.params {
        command = command.arg(
            Arg::new(*param)
                .required(true)
                .value_name(param.to_uppercase())
                .help(format!("`{param}` path parameter")),
        );
    }
    for argument in spec.arguments {
        command = command.arg(
            Arg::new(*argument)
                .required(true)
                .value_name(argument.to_uppercase())
                .help(format!("`{argument}`")),
        );
    }
    for option in &spec.options {
        let mut arg = Arg::new(option.name).long(option.name).help(option.help);
        arg = if option.flag {
            arg.action(ArgAction::SetTrue)
        } else if option.repeat {
            arg.action(ArgAction::Append).value_name("VALUE")
        } else {
            arg.action(ArgAction::Set).value_name("VALUE")
        };
        command = command.arg(arg);
    }
    if spec.body {
        command = command.arg(
            Arg::new("body")
                .long("body")
                .value_name("JSON|@FILE|-")
                // An operation with options may take its body from them (shortcut flags); its
                // handler then says which of the two is missing.
                .required(spec.options.is_empty())
                .help("The request as JSON (the provider's field names): inline, @file.json, or - for stdin"),
        );
    }
    if spec.download {
        command = command.arg(
            Arg::new("out")
                .long("out")
                .value_name("FILE")
                .required(true)
                .help("Where to write the file"),
        );
    }
    command
}

/// The provider of `auth login` and `auth logout`.
fn provider_arg() -> Arg {
    Arg::new("provider")
        .required(true)
        .value_parser(crate::session::PROVIDERS.to_vec())
        .help("vbc (cc-voice) or ziwo (ziwo-admin, ziwo-cti, ziwo-crm)")
}

/// The whole command.
pub fn command(specs: &[OpSpec]) -> Command {
    let mut root = Command::new("ccapi")
        .about("One command line over every operation of the ccapi crates")
        .long_about(ABOUT)
        .version(env!("CARGO_PKG_VERSION"))
        .subcommand_required(true)
        .arg_required_else_help(true)
        .arg(
            Arg::new("base-url")
                .long("base-url")
                .global(true)
                .value_name("URL")
                .help("Replace the provider's base URL (a local server)"),
        )
        .arg(
            Arg::new("profile")
                .long("profile")
                .global(true)
                .value_name("NAME")
                .help("Use the profile NAME of $XDG_CONFIG_HOME/ccapi/config.toml (also CCAPI_PROFILE); the environment wins over it"),
        )
        .arg(
            Arg::new("max-response-bytes")
                .long("max-response-bytes")
                .global(true)
                .value_name("BYTES")
                .value_parser(clap::value_parser!(u64).range(1..))
                .help("The largest answer read into memory (default 33554432, 32 MiB); downloads are streamed and not limited"),
        )
        .arg(
            Arg::new("max-body-bytes")
                .long("max-body-bytes")
                .global(true)
                .value_name("BYTES")
                .value_parser(clap::value_parser!(u64).range(1..))
                .help("The largest --body read (inline, @FILE or - for stdin; default 16777216, 16 MiB)"),
        )
        .arg(
            Arg::new("sandbox")
                .long("sandbox")
                .global(true)
                .action(ArgAction::SetTrue)
                .help("Start the embedded sandbox and talk to it"),
        )
        .arg(
            Arg::new("sandbox-url")
                .long("sandbox-url")
                .global(true)
                .value_name("URL")
                .conflicts_with("sandbox")
                .help("Talk to a sandbox already running at URL (`ccapi sandbox`), so state persists between commands; also CCAPI_SANDBOX_URL"),
        )
        .arg(
            Arg::new("output")
                .long("output")
                .global(true)
                .value_parser(["json", "table"])
                .default_value("json")
                .help("How results are printed"),
        )
        .arg(
            Arg::new("all")
                .long("all")
                .global(true)
                .action(ArgAction::SetTrue)
                .help("Follow every page of a listing"),
        )
        .arg(
            Arg::new("ndjson")
                .long("ndjson")
                .global(true)
                .action(ArgAction::SetTrue)
                .help("One JSON item per line"),
        )
        .arg(
            Arg::new("show-secrets")
                .long("show-secrets")
                .global(true)
                .action(ArgAction::SetTrue)
                .help("Print credentials found in answers instead of redacting them"),
        )
        .arg(
            Arg::new("page-info")
                .long("page-info")
                .global(true)
                .action(ArgAction::SetTrue)
                .help("Print a list page's paging metadata to stderr as `page: {...}` (iAdvize pagination, Ziwo info, VBC page block, as received)"),
        )
        .arg(
            Arg::new("verbose")
                .short('v')
                .long("verbose")
                .global(true)
                .action(ArgAction::Count)
                .help("Trace to stderr, never credentials: -v requests, -vv attempts and retries, -vvv everything; RUST_LOG (`level` or `target=level,...`) overrides"),
        )
        .arg(
            Arg::new("timeout")
                .long("timeout")
                .global(true)
                .value_name("SECONDS")
                .value_parser(parse_timeout)
                .help("The most one call may take, signing in, retries and waits included (default 60; downloads: none unless given, a stall still ends after 30 s; also CCAPI_TIMEOUT, or `timeout` in the profile's [cli] table)"),
        )
        .subcommand(
            Command::new("sandbox")
                .about("Run the sandbox of all seven APIs until Ctrl-C")
                .arg(
                    Arg::new("port")
                        .long("port")
                        .value_name("N")
                        .value_parser(clap::value_parser!(u16))
                        .default_value("8787"),
                )
                .arg(
                    Arg::new("max-records")
                        .long("max-records")
                        .value_name("N")
                        .value_parser(clap::value_parser!(usize))
                        .help("Records each resource keeps (default 10000); past it a create is refused in the provider's shape"),
                )
                .arg(
                    Arg::new("journal")
                        .long("journal")
                        .value_name("FILE")
                        .value_parser(clap::value_parser!(std::path::PathBuf))
                        .help("Also append each request the sandbox receives to FILE, one JSON line each, credentials redacted"),
                )
                .arg(
                    Arg::new("seed")
                        .long("seed")
                        .value_name("FILE")
                        .value_parser(clap::value_parser!(std::path::PathBuf))
                        .help("Load records from a seed document, {api: {resource: [records]}}, as POST /_sandbox/seed does"),
                )
                .arg(
                    Arg::new("strict")
                        .long("strict")
                        .action(ArgAction::SetTrue)
                        .help("Refuse query parameters the APIs' documents do not declare (by default they are ignored, as the real services do, and named in the journal)"),
                ),
        )
        .subcommand(
            Command::new("api")
                .about("Send any request to an API with its configured credentials (like `gh api`)")
                .long_about(
                    "Send any request to an API with the credentials, envelope, retries, redaction and \
                     exit codes of its crate: an endpoint no operation covers yet.\n\n\
                     ccapi api iadvize-rest GET /website --query full=1\n\
                     ccapi api cc-voice GET /cc/accounts/1234/calls\n\
                     ccapi api ziwo-admin PUT /admin/callTrackers/3 --form name=renamed",
                )
                .arg(
                    Arg::new("api")
                        .required(true)
                        .value_parser([
                            "agendize-calls",
                            "agendize-resellers",
                            "ziwo-admin",
                            "ziwo-cti",
                            "ziwo-crm",
                            "iadvize-rest",
                            "cc-voice",
                        ])
                        .help("Whose credentials and envelope"),
                )
                .arg(Arg::new("method").required(true).help("GET, POST, PUT, PATCH or DELETE"))
                .arg(
                    Arg::new("path")
                        .required(true)
                        .help("The path after the API's base URL, starting with /"),
                )
                .arg(
                    Arg::new("query")
                        .long("query")
                        .value_name("NAME=VALUE")
                        .action(ArgAction::Append)
                        .help("A query parameter (repeatable)"),
                )
                .arg(
                    Arg::new("form")
                        .long("form")
                        .value_name("NAME=VALUE")
                        .action(ArgAction::Append)
                        .conflicts_with("body")
                        .help("A form field (repeatable): a form-encoded body"),
                )
                .arg(
                    Arg::new("body")
                        .long("body")
                        .value_name("JSON|@FILE|-")
                        .help("A JSON body: inline, @file.json, or - for stdin"),
                ),
        )
        .subcommand(
            Command::new("auth")
                .about("Sign in once and keep the session for later commands (VBC OAuth2, Ziwo login)")
                .subcommand_required(true)
                .subcommand(
                    Command::new("login")
                        .about("Sign in with the profile's or the environment's credentials; keep the tokens in a 0600 file")
                        .arg(provider_arg()),
                )
                .subcommand(
                    Command::new("logout")
                        .about("Delete the kept session (the next command signs in as the environment says)")
                        .arg(provider_arg()),
                )
                .subcommand(
                    Command::new("status")
                        .about("Which provider has a kept session for the profile, and until when (never a token)"),
                ),
        )
        .subcommand(
            Command::new("demo")
                .about("Start the sandbox and run a tour of every crate through it"),
        )
        .subcommand(
            Command::new("completions")
                .about("Print shell completions")
                .arg(
                    Arg::new("shell")
                        .required(true)
                        .value_parser(["bash", "zsh", "fish"]),
                ),
        );
    // In first-seen order, wherever an API's operations sit in the table.
    let mut apis: Vec<&'static str> = Vec::new();
    for spec in specs {
        if !apis.contains(&spec.api) {
            apis.push(spec.api);
        }
    }
    for api in apis {
        let mut api_command = Command::new(api)
            .subcommand_required(true)
            .about(format!("The {api} operations"));
        let mut resources: Vec<&'static str> = specs
            .iter()
            .filter(|s| s.api == api)
            .map(|s| s.resource)
            .collect();
        resources.sort_unstable();
        resources.dedup();
        for resource in resources {
            let actions: Vec<&OpSpec> = specs
                .iter()
                .filter(|s| s.api == api && s.resource == resource)
                .collect();
            let names: Vec<&str> = actions.iter().map(|spec| spec.action).collect();
            let mut resource_command = named(resource)
                .subcommand_required(true)
                .about(format!("Operations: {}", names.join(", ")));
            for spec in actions {
                resource_command = resource_command.subcommand(action(spec));
            }
            api_command = api_command.subcommand(resource_command);
        }
        root = root.subcommand(api_command);
    }
    root
}

/// The largest `--body` read when `--max-body-bytes` does not say: 16 MiB.
pub const DEFAULT_MAX_BODY_BYTES: u64 = 16 * 1024 * 1024;

/// The total deadline of a call when neither `--timeout` nor `CCAPI_TIMEOUT` says.
pub const DEFAULT_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(60);

/// A `--timeout` or `CCAPI_TIMEOUT` value: positive seconds, fractions allowed, at most a day.
pub fn parse_timeout(text: &str) -> Result<std::time::Duration, String> {
    let seconds: f64 = text
        .trim()
        .parse()
        .map_err(|_| format!("`{text}` is not a number of seconds"))?;
    if !(seconds > 0.0 && seconds <= 86_400.0) {
        return Err(format!("`{text}`: between 0 and 86400 seconds"));
    }
    Ok(std::time::Duration::from_secs_f64(seconds))
}
