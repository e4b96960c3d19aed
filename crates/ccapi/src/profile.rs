//! Named profiles: `$XDG_CONFIG_HOME/ccapi/config.toml` (else `~/.config/ccapi/config.toml`),
//! chosen with `--profile NAME`, else `CCAPI_PROFILE`, else the profile named `default` if
//! the file has one.
//!
//! ```toml
//! [profiles.prod.iadvize]
//! api_key = { env = "PROD_IADVIZE_KEY" }   # the name of an environment variable
//!
//! [profiles.prod.ziwo]
//! instance = "acme"
//! username = "ops@acme.example"
//! password = "s3cret"                      # a value: the file must then be mode 0600
//! ```
//!
//! Sections are providers: `agendize` (both Agendize crates), `ziwo` (the three Ziwo crates),
//! `iadvize`, `vbc` (cc-voice). Each key stands for one of the environment variables the crates
//! read (`api_key` of `iadvize` is `IADVIZE_API_KEY`), and the environment wins: a profile only fills the variables the
//! environment leaves unset. Filling them, before the runtime starts any thread, is what makes
//! a profile mean exactly what the same variables mean to every crate's `from_env`.

use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};

use crate::invocation::Failure;

/// One key of a provider section: its name, the environment variable it fills, and whether it
/// is a credential (a value written in the file then requires mode 0600).
type Key = (&'static str, &'static str, bool);

/// Per provider section, its keys.
const KEYS: &[(&str, &[Key])] = &[
    (
        "agendize",
        &[
            ("base_url", "AGENDIZE_BASE_URL", false),
            ("api_key", "AGENDIZE_API_KEY", true),
            ("token", "AGENDIZE_TOKEN", true),
            ("access_token", "AGENDIZE_ACCESS_TOKEN", true),
        ],
    ),
    (
        "ziwo",
        &[
            ("base_url", "ZIWO_BASE_URL", false),
            ("instance", "ZIWO_INSTANCE", false),
            ("username", "ZIWO_USERNAME", false),
            ("password", "ZIWO_PASSWORD", true),
            ("access_token", "ZIWO_ACCESS_TOKEN", true),
            ("api_key", "ZIWO_API_KEY", true),
        ],
    ),
    (
        "iadvize",
        &[
            ("base_url", "IADVIZE_BASE_URL", false),
            ("api_key", "IADVIZE_API_KEY", true),
        ],
    ),
    (
        "vbc",
        &[
            ("base_url", "VBC_BASE_URL", false),
            ("token_url", "VBC_TOKEN_URL", false),
            ("client_id", "VBC_CLIENT_ID", false),
            ("client_secret", "VBC_CLIENT_SECRET", true),
            ("username", "VBC_USERNAME", false),
            ("password", "VBC_PASSWORD", true),
            ("access_token", "VBC_ACCESS_TOKEN", true),
        ],
    ),
    // The command line's own settings.
    ("cli", &[("timeout", "CCAPI_TIMEOUT", false)]),
];

/// The profile's name and the variables it sets: `(variable, value)`. `Debug` names the
/// variables only: their values may be credentials.
#[derive(Default, PartialEq, Eq)]
pub struct Resolved {
    /// The profile used, if any.
    pub name: Option<String>,
    /// The variables to set (sorted by section and key), only those the environment leaves
    /// unset.
    pub variables: Vec<(&'static str, String)>,
    /// The credential entries naming an environment variable that is not set
    /// (`{ env = "X" }`): not an error until a command needs the variable they fill, so that an
    /// unset variable of one provider blocks no command of another, and a kept session needs no
    /// password. (An unset URL, instance or timeout is refused at once: left out, it would fall
    /// back to the provider's production default.)
    pub unset: Vec<Unset>,
}

/// A profile entry whose environment variable is not set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unset {
    /// Where it is (`profiles.sbx.vbc.password`).
    pub place: String,
    /// The variable it would fill (`VBC_PASSWORD`).
    pub variable: &'static str,
    /// The variable it names (`SBX_VBC_PASSWORD`).
    pub source: String,
}

impl Resolved {
    /// `message` (a command's failure) with the profile entries behind the variables it names:
    /// "... VBC_PASSWORD ... (profiles.sbx.vbc.password names SBX_VBC_PASSWORD, which is not
    /// set)".
    pub fn explain(&self, message: &str) -> String {
        let hints: Vec<String> = self
            .unset
            .iter()
            .filter(|entry| names(message, entry.variable))
            .map(|entry| {
                format!(
                    "{} names the environment variable {}, which is not set",
                    entry.place, entry.source
                )
            })
            .collect();
        if hints.is_empty() {
            message.to_owned()
        } else {
            format!("{message} ({})", hints.join("; "))
        }
    }
}

/// Whether `message` names the variable `name` as a word (`ZIWO_API_KEY` is not
/// `ZIWO_API_KEY_FILE`).
fn names(message: &str, name: &str) -> bool {
    let part_of_name = |c: char| c.is_ascii_alphanumeric() || c == '_';
    message.match_indices(name).any(|(at, _)| {
        !message[..at].ends_with(part_of_name)
            && !message[at + name.len()..].starts_with(part_of_name)
    })
}

impl std::fmt::Debug for Resolved {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let names: Vec<&str> = self.variables.iter().map(|(name, _)| *name).collect();
        f.debug_struct("Resolved")
            .field("name", &self.name)
            .field("variables", &names)
            .field("unset", &self.unset)
            .finish()
    }
}

/// Where the configuration file is.
pub fn config_path(lookup: &dyn Fn(&str) -> Option<String>) -> Option<PathBuf> {
    match lookup("XDG_CONFIG_HOME") {
        Some(dir) => Some(PathBuf::from(dir)),
        None => lookup("HOME").map(|home| Path::new(&home).join(".config")),
    }
    .map(|dir| dir.join("ccapi").join("config.toml"))
}

/// Chooses the profile (`flag`, then `CCAPI_PROFILE`, then `default` if present) and resolves
/// its variables against `lookup` (the environment). `Ok` with no name when there is no file
/// and no profile was asked for.
pub fn resolve(
    flag: Option<&str>,
    lookup: &dyn Fn(&str) -> Option<String>,
) -> Result<Resolved, Failure> {
    let asked = flag.map(str::to_owned).or_else(|| lookup("CCAPI_PROFILE"));
    let Some(path) = config_path(lookup) else {
        return match asked {
            Some(name) => Err(Failure::Usage(format!(
                "profile `{name}`: no configuration file (set XDG_CONFIG_HOME or HOME)"
            ))),
            None => Ok(Resolved::default()),
        };
    };
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
            return match asked {
                Some(name) => Err(Failure::Usage(format!(
                    "profile `{name}`: {} does not exist",
                    path.display()
                ))),
                None => Ok(Resolved::default()),
            };
        }
        Err(err) => return Err(Failure::Usage(format!("{}: {err}", path.display()))),
    };
    let meta = std::fs::metadata(&path)
        .map_err(|err| Failure::Usage(format!("{}: {err}", path.display())))?;
    let linked = std::fs::symlink_metadata(&path)
        .map(|link| link.file_type().is_symlink())
        .unwrap_or(false);
    if linked && meta.uid() != rustix::process::geteuid().as_raw() {
        // Read as a configuration, another user's file would be quoted in the errors.
        return Err(Failure::Usage(format!(
            "{} is a symbolic link to a file owned by another user (uid {}): not read",
            path.display(),
            meta.uid()
        )));
    }
    resolve_text(
        &path,
        &text,
        meta.permissions().mode(),
        asked.as_deref(),
        lookup,
    )
}

/// A syntax error of the configuration file, by line, column and what the parser expected,
/// never quoting the line: it may hold a credential.
fn describe_syntax_error(err: &toml::de::Error, text: &str) -> String {
    let place = err.span().map(|span| {
        let before = &text[..span.start.min(text.len())];
        let line = before.matches('\n').count() + 1;
        let column = before
            .rsplit('\n')
            .next()
            .map_or(0, |start| start.chars().count())
            + 1;
        format!("line {line}, column {column}: ")
    });
    format!(
        "not valid TOML at {}{} (the line is not shown: it may hold a credential)",
        place.unwrap_or_default(),
        err.message().trim()
    )
}

/// [`resolve`] over a file's text and mode (tested without a file).
pub fn resolve_text(
    path: &Path,
    text: &str,
    mode: u32,
    asked: Option<&str>,
    lookup: &dyn Fn(&str) -> Option<String>,
) -> Result<Resolved, Failure> {
    let invalid = |why: String| Failure::Usage(format!("{}: {why}", path.display()));
    let document: toml::Table = text
        .parse()
        .map_err(|err: toml::de::Error| invalid(describe_syntax_error(&err, text)))?;
    let profiles = match document.get("profiles") {
        Some(toml::Value::Table(profiles)) => profiles.clone(),
        Some(_) => return Err(invalid("`profiles` must be a table".into())),
        None => toml::Table::new(),
    };
    // Refused whichever profile is asked for: a file holding a credential must not be readable
    // by others at all.
    if mode & 0o077 != 0 {
        if let Some(place) = first_secret_value(&profiles) {
            return Err(invalid(format!(
                "it holds a credential value ({place}) and is readable by others (mode {:03o}); \
                 run `chmod 600 {}`, or name an environment variable instead: {{ env = \"NAME\" }}",
                mode & 0o777,
                path.display()
            )));
        }
    }
    let name = match asked {
        Some(name) => name.to_owned(),
        None if profiles.contains_key("default") => "default".to_owned(),
        None => return Ok(Resolved::default()),
    };
    let Some(profile) = profiles.get(&name) else {
        let mut known: Vec<&str> = profiles.keys().map(String::as_str).collect();
        known.sort_unstable();
        return Err(invalid(format!(
            "no profile `{name}` (profiles: {})",
            if known.is_empty() {
                "none".to_owned()
            } else {
                known.join(", ")
            }
        )));
    };
    let profile = profile
        .as_table()
        .ok_or_else(|| invalid(format!("profiles.{name} must be a table")))?;
    let mut variables = Vec::new();
    let mut unset = Vec::new();
    for (section, settings) in profile {
        let keys = KEYS
            .iter()
            .find(|(known, _)| known == section)
            .map(|(_, keys)| *keys)
            .ok_or_else(|| {
                invalid(format!(
                    "profiles.{name}.{section}: not a provider (agendize, ziwo, iadvize, vbc) or cli"
                ))
            })?;
        let settings = settings
            .as_table()
            .ok_or_else(|| invalid(format!("profiles.{name}.{section} must be a table")))?;
        for (key, value) in settings {
            let place = format!("profiles.{name}.{section}.{key}");
            let (_, variable, credential) = keys
                .iter()
                .find(|(known, _, _)| known == key)
                .ok_or_else(|| {
                    let names: Vec<&str> = keys.iter().map(|(known, _, _)| *known).collect();
                    invalid(format!("{place}: unknown key (keys: {})", names.join(", ")))
                })?;
            if lookup(variable).is_some() {
                continue; // the environment wins
            }
            let value = match value {
                toml::Value::String(text) => text.clone(),
                // `timeout = 30`: a number is its text.
                toml::Value::Integer(number) => number.to_string(),
                toml::Value::Float(number) => number.to_string(),
                toml::Value::Table(table) => {
                    let source =
                        table
                            .get("env")
                            .and_then(toml::Value::as_str)
                            .ok_or_else(|| {
                                invalid(format!("{place}: a string, or {{ env = \"VARIABLE\" }}"))
                            })?;
                    match lookup(source) {
                        Some(value) => value,
                        // A URL, an instance or a timeout left unset would fall back to the
                        // default (the production host): refused at once, as before.
                        None if !credential => {
                            return Err(invalid(format!(
                                "{place} names the environment variable {source}, which is not set"
                            )))
                        }
                        None => {
                            unset.push(Unset {
                                place,
                                variable,
                                source: source.to_owned(),
                            });
                            continue;
                        }
                    }
                }
                _ => {
                    return Err(invalid(format!(
                        "{place}: a string, or {{ env = \"VARIABLE\" }}"
                    )))
                }
            };
            variables.push((*variable, value));
        }
    }
    Ok(Resolved {
        name: Some(name),
        variables,
        unset,
    })
}

/// Where some profile writes a credential as a value (not as a variable's name).
fn first_secret_value(profiles: &toml::Table) -> Option<String> {
    // Every profile and section is looked at, the malformed ones skipped (they are refused
    // when chosen): one of them must not hide another's credential.
    for (name, profile) in profiles {
        let Some(sections) = profile.as_table() else {
            continue;
        };
        for (section, settings) in sections {
            let (Some((_, keys)), Some(settings)) = (
                KEYS.iter().find(|(known, _)| known == section),
                settings.as_table(),
            ) else {
                continue;
            };
            for (key, value) in settings {
                let secret = keys
                    .iter()
                    .any(|(known, _, secret)| known == key && *secret);
                if secret && value.is_str() {
                    return Some(format!("profiles.{name}.{section}.{key}"));
                }
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = r#"
[profiles.default.iadvize]
api_key = { env = "DEFAULT_KEY" }

[profiles.prod.iadvize]
base_url = "https://prod.example/api/2"
api_key = "file-key"
"#;

    fn env(pairs: &'static [(&'static str, &'static str)]) -> impl Fn(&str) -> Option<String> {
        move |name| {
            pairs
                .iter()
                .find(|(known, _)| *known == name)
                .map(|(_, value)| (*value).to_owned())
        }
    }

    fn resolved(asked: Option<&str>, lookup: &dyn Fn(&str) -> Option<String>) -> Resolved {
        resolve_text(Path::new("config.toml"), FILE, 0o600, asked, lookup).expect("resolved")
    }

    #[test]
    fn the_flag_wins_over_ccapi_profile_and_the_environment_over_the_file() {
        // Named by the flag: the file's values.
        assert_eq!(
            resolved(Some("prod"), &env(&[])).variables,
            [
                ("IADVIZE_API_KEY", "file-key".to_owned()),
                ("IADVIZE_BASE_URL", "https://prod.example/api/2".to_owned())
            ]
        );
        // A variable already set is left to the environment.
        assert_eq!(
            resolved(Some("prod"), &env(&[("IADVIZE_API_KEY", "env-key")])).variables,
            [("IADVIZE_BASE_URL", "https://prod.example/api/2".to_owned())]
        );
        // No flag: `default`, whose key comes from the variable it names.
        let by_default = resolved(None, &env(&[("DEFAULT_KEY", "named")]));
        assert_eq!(by_default.name.as_deref(), Some("default"));
        assert_eq!(
            by_default.variables,
            [("IADVIZE_API_KEY", "named".to_owned())]
        );
    }

    #[test]
    fn ccapi_profile_chooses_when_no_flag_does_and_a_missing_file_is_named() {
        let lookup = env(&[("CCAPI_PROFILE", "prod"), ("XDG_CONFIG_HOME", "/nowhere")]);
        let missing = |flag| {
            resolve(flag, &lookup)
                .expect_err("no file")
                .message()
                .to_owned()
        };
        assert_eq!(
            missing(None),
            "profile `prod`: /nowhere/ccapi/config.toml does not exist"
        );
        assert_eq!(
            missing(Some("ci")),
            "profile `ci`: /nowhere/ccapi/config.toml does not exist"
        );
        // Nothing asked for and no file: no profile, no error.
        let quiet = env(&[("XDG_CONFIG_HOME", "/nowhere")]);
        assert_eq!(resolve(None, &quiet).expect("fine"), Resolved::default());
        // Without XDG_CONFIG_HOME, under HOME.
        let home = env(&[("HOME", "/home/me")]);
        assert_eq!(
            config_path(&home),
            Some(PathBuf::from("/home/me/.config/ccapi/config.toml"))
        );
    }

    #[test]
    fn debug_names_the_variables_without_their_values() {
        let resolved = resolved(Some("prod"), &env(&[]));
        let shown = format!("{resolved:?}");
        assert!(shown.contains("IADVIZE_API_KEY"), "{shown}");
        assert!(!shown.contains("file-key"), "{shown}");
    }

    #[test]
    fn a_readable_file_with_a_credential_value_is_refused() {
        let refused = resolve_text(
            Path::new("/home/me/config.toml"),
            FILE,
            0o644,
            Some("default"),
            &env(&[("DEFAULT_KEY", "k")]),
        )
        .expect_err("refused");
        let message = refused.message();
        assert!(
            message.contains("profiles.prod.iadvize.api_key"),
            "{message}"
        );
        assert!(message.contains("mode 644"), "{message}");
        assert!(
            message.contains("chmod 600 /home/me/config.toml"),
            "{message}"
        );
        assert!(!message.contains("file-key"), "{message}");
        // A malformed profile before it does not hide a credential.
        let behind = "[profiles.a.genesys]\nx = \"1\"\n\n[profiles.b.iadvize]\napi_key = \"k\"\n";
        let refused = resolve_text(Path::new("c.toml"), behind, 0o640, Some("b"), &env(&[]));
        assert!(refused
            .expect_err("refused")
            .message()
            .contains("profiles.b.iadvize.api_key"));
        // Names of variables only: any mode will do.
        let named_only = "[profiles.ci.iadvize]\napi_key = { env = \"K\" }\n";
        let ok = resolve_text(
            Path::new("c.toml"),
            named_only,
            0o644,
            Some("ci"),
            &env(&[("K", "v")]),
        );
        assert_eq!(
            ok.expect("accepted").variables,
            [("IADVIZE_API_KEY", "v".to_owned())]
        );
    }

    #[test]
    fn the_cli_table_sets_the_timeout_as_a_number_or_text() {
        let resolved = |text: &str, set: &'static [(&'static str, &'static str)]| {
            resolve_text(Path::new("c.toml"), text, 0o644, Some("p"), &env(set))
                .expect("accepted")
                .variables
        };
        assert_eq!(
            resolved("[profiles.p.cli]\ntimeout = 15\n", &[]),
            [("CCAPI_TIMEOUT", "15".to_owned())]
        );
        assert_eq!(
            resolved("[profiles.p.cli]\ntimeout = 2.5\n", &[]),
            [("CCAPI_TIMEOUT", "2.5".to_owned())]
        );
        // The environment wins, as for every key.
        assert!(resolved(
            "[profiles.p.cli]\ntimeout = \"9\"\n",
            &[("CCAPI_TIMEOUT", "3")]
        )
        .is_empty());
    }

    #[test]
    fn unknown_profiles_sections_and_keys_are_usage_errors() {
        let unknown = |asked: &str, text: &str| {
            resolve_text(Path::new("c.toml"), text, 0o600, Some(asked), &env(&[]))
                .expect_err("refused")
                .message()
                .to_owned()
        };
        assert!(unknown("nope", FILE).contains("no profile `nope` (profiles: default, prod)"));
        assert!(unknown("p", "[profiles.p.genesys]\nx = \"1\"\n").contains("not a provider"));
        assert!(unknown("p", "[profiles.p.ziwo]\npasword = \"1\"\n")
            .contains("profiles.p.ziwo.pasword: unknown key"));
    }

    #[test]
    fn an_unset_variable_is_no_error_until_a_command_needs_what_it_fills() {
        let text = "[profiles.p.ziwo]\npassword = { env = \"UNSET\" }\n\n\
                    [profiles.p.iadvize]\napi_key = { env = \"SET\" }\n";
        let lookup = |name: &str| (name == "SET").then(|| "k".to_owned());
        let resolved =
            resolve_text(Path::new("c.toml"), text, 0o600, Some("p"), &lookup).expect("resolved");
        assert_eq!(resolved.variables, [("IADVIZE_API_KEY", "k".to_owned())]);
        assert_eq!(
            resolved.unset,
            [Unset {
                place: "profiles.p.ziwo.password".into(),
                variable: "ZIWO_PASSWORD",
                source: "UNSET".into(),
            }]
        );
        assert_eq!(
            resolved.explain("set ZIWO_USERNAME and ZIWO_PASSWORD"),
            "set ZIWO_USERNAME and ZIWO_PASSWORD (profiles.p.ziwo.password names the environment \
             variable UNSET, which is not set)"
        );
        assert_eq!(resolved.explain("HTTP 404"), "HTTP 404");
        assert_eq!(
            resolved.explain("set ZIWO_PASSWORD_FILE"),
            "set ZIWO_PASSWORD_FILE"
        );
        // A URL left unset would mean the production host: refused at once.
        let url = "[profiles.p.vbc]\ntoken_url = { env = \"UNSET_URL\" }\n";
        let refused =
            resolve_text(Path::new("c.toml"), url, 0o600, Some("p"), &lookup).expect_err("refused");
        assert!(
            refused
                .message()
                .contains("profiles.p.vbc.token_url names the environment variable UNSET_URL, which is not set"),
            "{}",
            refused.message()
        );
    }
}
