//! `cargo xtask codegen [--check]`: everything that follows from the manifests,
//! `fixtures/<crate>/api.toml`, and the fixtures beside them.
//!
//! - The operations ([`manifest`]) become each crate's `src/operations.rs` ([`rows`]), the
//!   sandbox's examples ([`sandbox`]), the OpenAPI documents ([`openapi`]), the command line's
//!   tables ([`cli`]) and the generated regions of the docs ([`docs`]).
//! - The models: every sample named by a type's `from` (selected in `samples.rs`) is inferred
//!   ([`shape`]), merged, resolved into Rust items with the overrides ([`model`]) and written
//!   as `crates/<crate>/src/<module>/generated.rs`, with a round-trip test per sample source in
//!   `crates/<crate>/tests/fixture_round_trip.rs` ([`emit`]).
//!
//! Every file written starts with an `@generated` line; `--check` compares instead of writing.
//! See `docs/codegen.md`.

pub mod cli;
pub mod config;
pub mod docs;
pub mod emit;
pub mod manifest;
pub mod model;
pub mod openapi;
pub mod rows;
mod samples;
pub mod sandbox;
pub mod shape;

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::time::Instant;

use serde_json::Value;

use config::CrateConfig;
use emit::RoundTripCase;
use samples::{collect_samples, secret_names_in, type_order, Direction};
use shape::{merge, Inference, ModelSample, Node};

/// A file the generator writes, relative to the crate's directory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratedFile {
    /// Path relative to `crates/<crate>`.
    pub path: String,
    /// The full contents.
    pub contents: String,
}

/// One crate's models as the generator resolves them: its configuration and its structs.
pub struct CrateModels {
    /// `api.toml`.
    pub config: CrateConfig,
    /// The structs, as emitted.
    pub resolved: model::Resolved,
}

/// Resolves one crate's models from its `api.toml` text and its fixtures, without writing
/// anything: what the OpenAPI documents describe.
pub fn resolve_crate(
    crate_name: &str,
    config_text: &str,
    fixtures: &BTreeMap<String, String>,
) -> Result<CrateModels, String> {
    let (config, resolved, _, _) = resolve(crate_name, config_text, fixtures)?;
    Ok(CrateModels { config, resolved })
}

/// Generates one crate's files from its `api.toml` text and its fixtures (paths relative to
/// `fixtures/<crate>`, texts as read). Pure apart from running rustfmt.
pub fn generate_crate(
    crate_name: &str,
    config_text: &str,
    fixtures: &BTreeMap<String, String>,
) -> Result<Vec<GeneratedFile>, String> {
    let (config, resolved, cases, secret_names) = resolve(crate_name, config_text, fixtures)?;
    let models = emit::rustfmt(&emit::models_source(crate_name, &config, &resolved))?;
    let tests = emit::rustfmt(&emit::round_trip_source(
        crate_name,
        &config.module,
        &cases,
        &secret_names,
    ))?;
    Ok(vec![
        GeneratedFile {
            path: format!("src/{}/generated.rs", config.module.replace("::", "/")),
            contents: models,
        },
        GeneratedFile {
            path: "tests/fixture_round_trip.rs".to_owned(),
            contents: tests,
        },
    ])
}

/// The configuration, the resolved structs, the round-trip cases and the secret names of one
/// crate.
fn resolve(
    crate_name: &str,
    config_text: &str,
    fixtures: &BTreeMap<String, String>,
) -> Result<
    (
        CrateConfig,
        model::Resolved,
        Vec<RoundTripCase>,
        Vec<String>,
    ),
    String,
> {
    let config_path = format!("fixtures/{crate_name}/api.toml");
    let config: CrateConfig =
        toml::from_str(config_text).map_err(|err| format!("{config_path}: {err}"))?;
    let mut parsed: BTreeMap<&str, Value> = BTreeMap::new();
    for (path, text) in fixtures {
        let value = serde_json::from_str(text)
            .map_err(|err| format!("fixtures/{crate_name}/{path}: not JSON: {err}"))?;
        parsed.insert(path, value);
    }

    let (samples, cases) = collect_samples(crate_name, &config, &parsed)?;
    let order = type_order(&config, Direction::ReferrersFirst)
        .map_err(|err| format!("{config_path}: {err}"))?;

    let mut handed_on: HashMap<String, Vec<ModelSample>> = HashMap::new();
    let mut merged: HashMap<String, Node> = HashMap::new();
    for type_name in &order {
        let type_config = &config.types[type_name];
        let mut inference = Inference::new(type_config);
        let mut node: Option<Node> = None;
        let mut add = |sample: Node| {
            node = Some(match node.take() {
                None => sample,
                Some(previous) => merge(previous, sample),
            });
        };
        for (value, origin) in samples.get(type_name).into_iter().flatten() {
            add(inference.infer_root(value, origin.clone()));
        }
        for sample in handed_on.remove(type_name).unwrap_or_default() {
            add(inference.infer_root(&sample.value, sample.origin));
        }
        let node = node.ok_or_else(|| {
            format!(
                "{config_path}: type `{type_name}` has no sample (its `from` selects no value and \
                 no `model` field hands it one)"
            )
        })?;
        for sample in inference.handed_on {
            handed_on
                .entry(sample.model.clone())
                .or_default()
                .push(sample);
        }
        merged.insert(type_name.clone(), node);
    }

    // Resolution runs the other way: a `model` type is resolved before the types using it, so
    // their derives (`Default`, `PartialEq`) know its own.
    let resolution = type_order(&config, Direction::ModelsFirst)
        .map_err(|err| format!("{config_path}: {err}"))?;
    let mut resolver = model::Resolver::new(&config);
    for type_name in &resolution {
        resolver
            .resolve_root(type_name, &merged[type_name])
            .map_err(|err| format!("{config_path}: {err}"))?;
    }
    let resolved = resolver
        .finish()
        .map_err(|err| format!("{config_path}: {err}"))?;
    let secret_names = secret_names_in(&parsed, &config.secret_member_names());
    Ok((config, resolved, cases, secret_names))
}

/// The outcome of a run over the workspace.
#[derive(Debug, Default)]
pub struct Report {
    /// Crates with a manifest.
    pub crates: usize,
    /// Fixture files read.
    pub fixtures: usize,
    /// Files that differ from what is checked in (with `--check`) or were rewritten.
    pub changed: Vec<PathBuf>,
    /// Unified diffs of the changed files (with `--check`).
    pub diffs: Vec<String>,
}

/// Every manifest under `root/fixtures`, by crate name, parsed.
pub fn manifests(root: &Path) -> Result<BTreeMap<String, CrateConfig>, String> {
    let fixtures_dir = root.join("fixtures");
    let mut manifests = BTreeMap::new();
    let entries = std::fs::read_dir(&fixtures_dir)
        .map_err(|err| format!("{}: {err}", fixtures_dir.display()))?;
    for entry in entries {
        let entry = entry.map_err(|err| format!("{}: {err}", fixtures_dir.display()))?;
        let path = entry.path().join("api.toml");
        if !path.is_file() {
            continue;
        }
        let crate_name = entry.file_name().to_string_lossy().into_owned();
        let text = std::fs::read_to_string(&path)
            .map_err(|err| format!("fixtures/{crate_name}/api.toml: {err}"))?;
        let manifest: CrateConfig = toml::from_str(&text)
            .map_err(|err| format!("fixtures/{crate_name}/api.toml: {err}"))?;
        manifests.insert(crate_name, manifest);
    }
    Ok(manifests)
}

/// Runs the generator over `root/fixtures/*/api.toml`; writes every generated file, or with
/// `check` only compares them.
pub fn run(root: &Path, check: bool) -> Result<Report, String> {
    let started = Instant::now();
    let fixtures_dir = root.join("fixtures");
    let manifests = manifests(root)?;

    // One thread per crate: rustfmt dominates and runs as a child process.
    let results: Vec<Result<(usize, Vec<GeneratedFile>), String>> = std::thread::scope(|scope| {
        let handles: Vec<_> = manifests
            .keys()
            .map(|crate_name| {
                let dir = fixtures_dir.join(crate_name);
                let manifests = &manifests;
                scope.spawn(move || {
                    let config = std::fs::read_to_string(dir.join("api.toml"))
                        .map_err(|err| format!("fixtures/{crate_name}/api.toml: {err}"))?;
                    let fixtures = read_fixtures(&dir)?;
                    let mut files = generate_crate(crate_name, &config, &fixtures)?;
                    for file in &mut files {
                        file.path = format!("crates/{crate_name}/{}", file.path);
                    }
                    files.extend(operations_module(root, crate_name, manifests)?);
                    Ok((fixtures.len(), files))
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|handle| {
                handle
                    .join()
                    .unwrap_or_else(|_| Err("codegen thread panicked".to_owned()))
            })
            .collect()
    });

    let mut report = Report::default();
    let mut errors = Vec::new();
    let mut generated = Vec::new();
    for result in results {
        match result {
            Ok((fixture_count, files)) => {
                report.crates += 1;
                report.fixtures += fixture_count;
                generated.extend(files);
            }
            Err(err) => errors.push(err),
        }
    }
    if !errors.is_empty() {
        return Err(errors.join("\n"));
    }
    let stateful: Vec<(String, String)> =
        ccapi_sandbox::route_table(&ccapi_sandbox::Options::default())
            .into_iter()
            .filter(|route| !route.example)
            .map(|route| (route.method.to_string(), route.path))
            .collect();
    let providers = sandbox::providers(&manifests)?;
    // A scratch workspace (the tests') may hold no sandbox or command line.
    if !providers.is_empty() && root.join("crates/sandbox").is_dir() {
        generated.push(sandbox::examples_module(root, &providers, &stateful)?);
    }
    let apis = openapi::apis(&manifests)?;
    if !apis.is_empty() && root.join("crates/ccapi").is_dir() {
        let mut commands = cli::source(&apis);
        commands.contents = emit::rustfmt(&commands.contents)?;
        generated.push(commands);
    }
    generated.extend(openapi::documents(root, &apis)?);
    openapi::refuse_strays(root, &apis)?;
    generated.extend(docs::files(root, &manifests, &apis)?);
    for file in generated {
        settle(root, file, check, &mut report)?;
    }
    eprintln!(
        "codegen: {} crates, {} fixtures in {} ms",
        report.crates,
        report.fixtures,
        started.elapsed().as_millis()
    );
    Ok(report)
}

/// `crates/<crate_name>/src/operations.rs`, for a manifest with operations (or whose crate
/// has one from an earlier run: a manifest that lost its operations empties it).
fn operations_module(
    root: &Path,
    crate_name: &str,
    manifests: &BTreeMap<String, CrateConfig>,
) -> Result<Option<GeneratedFile>, String> {
    let manifest = manifests
        .get(crate_name)
        .ok_or_else(|| format!("fixtures/{crate_name}/api.toml: no such manifest"))?;
    let operations = manifest::operations(crate_name, manifest, manifests)?;
    let path = format!("crates/{crate_name}/src/operations.rs");
    if operations.is_empty() && !root.join(&path).is_file() {
        return Ok(None);
    }
    let note = manifest.api.as_ref().and_then(|api| api.note.as_deref());
    Ok(Some(GeneratedFile {
        path,
        contents: emit::rustfmt(&rows::source(
            crate_name,
            &operations,
            note,
            manifest.provider.as_ref(),
        ))?,
    }))
}

/// Writes `file` (a path relative to `root`) where it differs, or with `check` records the
/// difference.
fn settle(
    root: &Path,
    file: GeneratedFile,
    check: bool,
    report: &mut Report,
) -> Result<(), String> {
    let relative = PathBuf::from(&file.path);
    let target = root.join(&relative);
    let current = std::fs::read_to_string(&target).unwrap_or_default();
    if current == file.contents {
        return Ok(());
    }
    if check {
        report.diffs.push(
            similar::TextDiff::from_lines(&current, &file.contents)
                .unified_diff()
                .context_radius(3)
                .header(
                    &format!("checked in: {}", relative.display()),
                    "generated from fixtures",
                )
                .to_string(),
        );
    } else {
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|err| format!("{}: {err}", parent.display()))?;
        }
        std::fs::write(&target, &file.contents)
            .map_err(|err| format!("{}: {err}", target.display()))?;
    }
    report.changed.push(relative);
    Ok(())
}

/// [`resolve_crate`] over `fixtures/<crate_name>` of the workspace at `root`.
pub fn models_of(root: &Path, crate_name: &str) -> Result<CrateModels, String> {
    let dir = root.join("fixtures").join(crate_name);
    let config_path = dir.join("api.toml");
    let config_text = std::fs::read_to_string(&config_path)
        .map_err(|err| format!("{}: {err}", config_path.display()))?;
    resolve_crate(crate_name, &config_text, &read_fixtures(&dir)?)
}

/// Every `*.json` under `dir`, by `/`-separated path relative to it.
fn read_fixtures(dir: &Path) -> Result<BTreeMap<String, String>, String> {
    let mut found = BTreeMap::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(current) = pending.pop() {
        let entries =
            std::fs::read_dir(&current).map_err(|err| format!("{}: {err}", current.display()))?;
        for entry in entries {
            let path = entry
                .map_err(|err| format!("{}: {err}", current.display()))?
                .path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|ext| ext == "json") {
                let relative = path
                    .strip_prefix(dir)
                    .map_err(|err| format!("{}: {err}", path.display()))?
                    .components()
                    .map(|part| part.as_os_str().to_string_lossy().into_owned())
                    .collect::<Vec<_>>()
                    .join("/");
                let text = std::fs::read_to_string(&path)
                    .map_err(|err| format!("{}: {err}", path.display()))?;
                found.insert(relative, text);
            }
        }
    }
    Ok(found)
}
