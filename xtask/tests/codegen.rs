//! The generator on small inputs (snapshots of the emitted Rust), its error messages, `--check`
//! and the workspace's own checked-in models.

use std::collections::BTreeMap;
use std::path::Path;

use xtask::codegen::{generate_crate, run, GeneratedFile};

fn fixtures(files: &[(&str, &str)]) -> BTreeMap<String, String> {
    files
        .iter()
        .map(|(path, text)| ((*path).to_owned(), (*text).to_owned()))
        .collect()
}

fn models(config: &str, files: &[(&str, &str)]) -> String {
    let generated =
        generate_crate("demo", config, &fixtures(files)).unwrap_or_else(|err| panic!("{err}"));
    generated
        .into_iter()
        .find(|file| file.path == "src/models/generated.rs")
        .map(|file| file.contents)
        .expect("a models file")
}

fn error(config: &str, files: &[(&str, &str)]) -> String {
    generate_crate("demo", config, &fixtures(files)).expect_err("the generator must refuse this")
}

#[test]
fn samples_merge_into_one_type() {
    let config = r#"
[types.Call]
doc = "A call."
from = ["calls/get.response*.json", "calls/list.response.json#/items/*"]
"#;
    let output = models(
        config,
        &[
            (
                "calls/get.response.json",
                r#"{"id": 1, "type": "inbound", "duration": 12, "agent": {"id": "a1", "name": "Ann"},
                    "legs": [{"id": 1, "status": "up"}], "note": null, "tags": []}"#,
            ),
            (
                "calls/get.response.string-id.json",
                r#"{"id": "2", "type": "outbound", "duration": 3.5, "agent": {"id": "a2", "name": "Bo"},
                    "legs": [], "tags": ["vip"], "callerID": "+331"}"#,
            ),
            (
                "calls/list.response.json",
                r#"{"items": [{"id": 3, "type": "inbound", "duration": 1, "agent": {"id": "a3", "name": "Cy"},
                    "legs": [{"id": 2, "status": "held", "ref": "x"}], "note": "ok", "tags": []}]}"#,
            ),
        ],
    );
    insta::assert_snapshot!(output);
}

#[test]
fn answer_only_types_are_non_exhaustive_and_what_callers_build_is_not() {
    let config = r#"
[types.Call]
doc = "A call."
from = ["calls/get.response.json"]

[types.NewCall]
doc = "A call to place."
from = ["calls/create.request.json"]

[types.NewCall.fields.to]
model = "Party"

[types.Party]
doc = "One end of a call."
from = ["calls/get.response.json#/to"]
"#;
    let output = models(
        config,
        &[
            (
                "calls/get.response.json",
                r#"{"id": "c1", "to": {"number": "+331"}, "agent": {"name": "Ann", "seat": 3}}"#,
            ),
            ("calls/create.request.json", r#"{"to": {"number": "+332"}}"#),
        ],
    );
    let attributes = |name: &str| {
        let at = output.find(&format!("pub struct {name} ")).expect(name);
        output[..at]
            .rsplit("/// ")
            .next()
            .unwrap_or_default()
            .to_owned()
    };
    // An answer and what only it holds: the provider may add members.
    assert!(attributes("Call").contains("#[non_exhaustive]"), "{output}");
    assert!(
        attributes("Agent").contains("#[non_exhaustive]"),
        "{output}"
    );
    // A request, and an answer type a request names with `model`: callers build them.
    assert!(
        !attributes("NewCall").contains("#[non_exhaustive]"),
        "{output}"
    );
    assert!(
        !attributes("Party").contains("#[non_exhaustive]"),
        "{output}"
    );
}

#[test]
fn overrides_shape_what_samples_cannot_say() {
    let config = r#"
[types.Account]
doc = "An account."
from = ["accounts/get.response.json"]
all_optional = true

[types.Account.fields.id]
optional = false
doc = "The id."

[types.Account.fields.password]
secret = true
doc = "Write-only."

[types.Account.fields.currency]
enum = "Currency"

[types.Account.fields.tools]
enum = "Tool"

[types.Account.fields."created.dateTime"]
datetime = "text"

[types.Account.fields.created]
name = "CreatedAt"
doc = "When it was created."

[types.Account.fields.headers]
map = true

[types.Account.fields.schema]
type = "crate::models::Schema"

[types.Account.fields.start]
datetime = "epoch"

[types.Account.fields.page]
lenient = "integer"

[types.Account.fields.type]
rename = "kind"

[types.Account.fields.owner]
model = "Owner"

[types.Owner]
doc = "An owner, seen only inside accounts."

[types.Owner.fields.userName]
doc = "The owner's e-mail."

[enums.Currency]
doc = "A currency."
values = ["USD", { value = "EUR", name = "Euro", doc = "Euros." }]

[enums.Tool]
doc = "A tool."
values = ["call", "callTracking"]
"#;
    let output = models(
        config,
        &[(
            "accounts/get.response.json",
            r#"{"id": "1", "password": "p", "currency": "EUR", "tools": ["call"],
                "created": {"dateTime": "2024-01-01T10:00:00", "timeZone": "Europe/Paris"},
                "headers": {"X-A": "1", "X-B": "2"}, "schema": {"anything": ["goes"]},
                "start": 1700000000, "page": "2", "type": "x",
                "owner": {"id": 5, "userName": "a@b.c"}}"#,
        )],
    );
    insta::assert_snapshot!(output);
}

#[test]
fn identical_nested_shapes_are_one_struct_and_different_ones_are_prefixed() {
    let config = r#"
[types.Transfer]
doc = "A transfer."
from = ["transfers/get.response.json"]
"#;
    let output = models(
        config,
        &[(
            "transfers/get.response.json",
            r#"{"from": {"number": "1", "name": "a"}, "to": {"number": "2", "name": "b"},
                "via": {"number": "3"}, "agent": {"address": {"city": "x"}},
                "customer": {"address": {"street": "y"}}}"#,
        )],
    );
    assert!(output.contains("pub from: From,"), "{output}");
    assert!(
        output.contains("pub to: From,"),
        "identical shape reused: {output}"
    );
    assert!(output.contains("pub via: Via,"), "{output}");
    assert!(output.contains("pub struct Address {"), "{output}");
    assert!(output.contains("pub struct CustomerAddress {"), "{output}");
}

#[test]
fn the_same_input_gives_byte_identical_output() {
    let config = "[types.A]\ndoc = \"A.\"\nfrom = [\"a/*.json\"]\n";
    let files = [
        (
            "a/x.response.json",
            r#"{"z": 1, "y": {"k": true}, "x": [1.5]}"#,
        ),
        ("a/y.response.json", r#"{"x": [], "w": "text"}"#),
    ];
    let first: Vec<GeneratedFile> =
        generate_crate("demo", config, &fixtures(&files)).expect("generates");
    let second = generate_crate("demo", config, &fixtures(&files)).expect("generates");
    assert_eq!(first, second);
    assert!(first[0]
        .contents
        .starts_with("// @generated by cargo xtask codegen from fixtures/demo — do not edit\n"));
}

#[test]
fn the_round_trip_test_names_every_sample_source() {
    let config = "[types.A]\ndoc = \"A.\"\nfrom = [\"a/get.response.json\", \"a/list.response.json#/items/*\"]\n";
    let generated = generate_crate(
        "demo",
        config,
        &fixtures(&[
            ("a/get.response.json", r#"{"id": 1}"#),
            ("a/list.response.json", r#"{"items": [{"id": 2}]}"#),
        ]),
    )
    .expect("generates");
    let tests = &generated
        .iter()
        .find(|file| file.path == "tests/fixture_round_trip.rs")
        .expect("a test file")
        .contents;
    insta::assert_snapshot!(tests);
}

#[test]
fn errors_name_the_file_and_the_json_path() {
    let config = "[types.A]\ndoc = \"A.\"\nfrom = [\"a/*.json\"]\n";
    let message = error(config, &[("a/get.response.json", "{\"id\": 1,")]);
    assert!(
        message.starts_with("fixtures/demo/a/get.response.json: not JSON: "),
        "{message}"
    );

    let message = error(
        config,
        &[
            ("a/get.response.json", r#"{"owner": {"id": 1}}"#),
            ("a/get.response.other.json", r#"{"owner": "someone"}"#),
        ],
    );
    assert_eq!(
        message,
        "fixtures/demo/api.toml: type `A`: `owner` is an object in a/get.response.json at /owner \
         but a string in a/get.response.other.json at /owner; samples this different need an \
         override in api.toml (`type = \"...\"` for a hand-written type, or `lenient`)"
    );

    let message = error(
        "[types.A]\ndoc = \"A.\"\nfrom = [\"a/missing*.json\"]\n",
        &[("a/get.response.json", "{}")],
    );
    assert_eq!(
        message,
        "fixtures/demo/api.toml: types.A.from `a/missing*.json` matches no fixture file"
    );

    let message = error(
        "[types.A]\ndoc = \"A.\"\nfrom = [\"a/*.json\"]\n[types.A.fields.\"owner.nmae\"]\ndoc = \"x\"\n",
        &[("a/get.response.json", r#"{"owner": {"name": "x"}}"#)],
    );
    assert_eq!(
        message,
        "fixtures/demo/api.toml: types.A.fields.\"owner.nmae\" names a field that no sample of `A` has"
    );

    let message = error(
        "[types.A]\ndoc = \"A.\"\nfrom = [\"a/list.response.json#/items/*\"]\n",
        &[("a/list.response.json", r#"{"data": []}"#)],
    );
    assert_eq!(
        message,
        "fixtures/demo/a/list.response.json: the document has no member `items` (selected by \
         types.A.from `a/list.response.json#/items/*`)"
    );

    let message = error(
        config,
        &[("a/get.response.json", "{}"), ("b/get.response.json", "{}")],
    );
    assert_eq!(
        message,
        "fixtures/demo: no type's `from` in api.toml uses b/get.response.json"
    );

    let message = error(
        "[types.A]\ndoc = \"A.\"\nfrom = [\"a/*.json\"]\n[types.A.fields.n]\nsecret = true\n",
        &[("a/get.response.json", r#"{"n": 5}"#)],
    );
    assert_eq!(
        message,
        "fixtures/demo/api.toml: types.A.fields.\"n\" is declared a secret string, but the \
         samples show an integer (a/get.response.json at /n)"
    );

    let message = error("[types.A]\ndoc = \"A.\"\nform = []\n", &[]);
    assert!(message.contains("unknown field `form`"), "{message}");
}

fn write(root: &Path, relative: &str, text: &str) {
    let path = root.join(relative);
    std::fs::create_dir_all(path.parent().expect("a parent")).expect("mkdir");
    std::fs::write(path, text).expect("write");
}

#[test]
fn check_fails_on_a_hand_edited_generated_file() {
    let root = tempfile::tempdir().expect("a temp dir");
    write(
        root.path(),
        "fixtures/demo/api.toml",
        "[types.Call]\ndoc = \"A call.\"\nfrom = [\"calls/*.json\"]\n",
    );
    write(
        root.path(),
        "fixtures/demo/calls/get.response.json",
        r#"{"id": "1", "duration": 12}"#,
    );

    let written = run(root.path(), false).expect("generates");
    assert_eq!(written.changed.len(), 2);
    let clean = run(root.path(), true).expect("checks");
    assert!(clean.diffs.is_empty(), "{:?}", clean.diffs);

    let models = root.path().join("crates/demo/src/models/generated.rs");
    let text = std::fs::read_to_string(&models).expect("read");
    std::fs::write(
        &models,
        text.replace("pub duration: i64,", "pub duration: u32,"),
    )
    .expect("edit");
    let drift = run(root.path(), true).expect("checks");
    assert_eq!(
        drift.changed,
        vec![Path::new("crates/demo/src/models/generated.rs")]
    );
    let diff = &drift.diffs[0];
    assert!(diff.contains("-    pub duration: u32,"), "{diff}");
    assert!(diff.contains("+    pub duration: i64,"), "{diff}");
    assert_eq!(
        std::fs::read_to_string(&models).expect("read"),
        text.replace("pub duration: i64,", "pub duration: u32,"),
        "--check writes nothing"
    );

    // A new sample is all it takes to change the model.
    write(
        root.path(),
        "fixtures/demo/calls/get.response.recorded.json",
        r#"{"id": 2, "duration": 12.5}"#,
    );
    run(root.path(), false).expect("generates");
    let text = std::fs::read_to_string(&models).expect("read");
    assert!(
        text.contains("pub id: ccapi_transport::decode::LenientString,"),
        "{text}"
    );
    assert!(text.contains("pub duration: f64,"), "{text}");
}

#[test]
fn the_workspace_models_match_their_fixtures() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the workspace root");
    let report = run(root, true).expect("the workspace's fixtures generate");
    assert!(
        report.diffs.is_empty(),
        "run `cargo xtask codegen`:\n{}",
        report.diffs.join("\n")
    );
    assert!(report.crates >= 3);
}

#[test]
fn hand_written_types_are_round_tripped_not_inferred() {
    let config = "[types.A]\ndoc = \"A.\"\nfrom = [\"a/get.response.json\"]\n\
                  [hand_written.Row]\nfrom = [\"stats/get.response.json#/data/*\"]\n";
    let generated = generate_crate(
        "demo",
        config,
        &fixtures(&[
            ("a/get.response.json", r#"{"id": 1}"#),
            (
                "stats/get.response.json",
                r#"{"data": [{"any_indicator": 1}]}"#,
            ),
        ]),
    )
    .expect("generates");
    let models = &generated[0].contents;
    assert!(!models.contains("struct Row"), "{models}");
    let tests = &generated[1].contents;
    assert!(
        tests.contains("assert_round_trip::<demo::models::Row>(") && tests.contains("\"/data/*\""),
        "{tests}"
    );
    let message = error("[hand_written.Row]\nfrom = [\"missing/*.json\"]\n", &[]);
    assert_eq!(
        message,
        "fixtures/demo/api.toml: hand_written.Row.from `missing/*.json` matches no fixture file"
    );
}

#[test]
fn a_lenient_secret_stays_number_or_text_when_its_fixtures_hold_markers() {
    let config = "[types.A]\ndoc = \"A.\"\nfrom = [\"a/*.json\"]\n[types.A.fields.pin]\nsecret = true\nlenient = \"string\"\n";
    let output = models(
        config,
        &[("a/get.response.json", r#"{"pin": "<redacted:secret>"}"#)],
    );
    assert!(
        output.contains("pub pin: ccapi_transport::decode::SecretText"),
        "{output}"
    );
    let plain = models(
        "[types.A]\ndoc = \"A.\"\nfrom = [\"a/*.json\"]\n[types.A.fields.pin]\nsecret = true\n",
        &[("a/get.response.json", r#"{"pin": "<redacted:secret>"}"#)],
    );
    assert!(
        plain.contains("pub pin: ccapi_transport::SecretString"),
        "{plain}"
    );
}
