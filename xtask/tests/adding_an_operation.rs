//! Adding an operation takes three hand-edited files: the manifest entry, the fixture and the
//! wire test. Everything else that follows from the operation is written by one
//! `cargo xtask codegen`: this test adds `calltrackings.stats` (a typed answer, a generated
//! method, a command, a sandbox example, an OpenAPI operation, the README's table row) to a
//! scratch copy of Agendize's manifests and checks each written file.

use std::path::Path;

mod common;
use common::copy_tree;

/// A scratch workspace with Agendize's manifests and fixtures, the crate READMEs holding the
/// generated regions, and the sandbox and command-line crates the generator writes into.
fn scratch_workspace(root: &Path) {
    let workspace = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/.."));
    for folder in ["fixtures/agendize-calls", "fixtures/agendize-core"] {
        copy_tree(&workspace.join(folder), &root.join(folder));
    }
    for readme in [
        "crates/agendize-calls/README.md",
        "crates/agendize-core/README.md",
    ] {
        std::fs::create_dir_all(root.join(readme).parent().expect("a folder")).expect("mkdir");
        std::fs::copy(workspace.join(readme), root.join(readme)).expect("copied");
    }
    for folder in ["crates/sandbox/src", "crates/ccapi/src"] {
        std::fs::create_dir_all(root.join(folder)).expect("mkdir");
    }
}

fn read(root: &Path, relative: &str) -> String {
    std::fs::read_to_string(root.join(relative)).unwrap_or_else(|err| panic!("{relative}: {err}"))
}

/// `text` without whitespace and trailing commas, so that assertions do not depend on
/// rustfmt's line breaks.
fn compact(text: &str) -> String {
    let joined: String = text.split_whitespace().collect();
    joined.replace(",)", ")").replace(",}", "}")
}

const ENTRY: &str = r#"
[[operation]]
id = "calltrackings.stats"
doc = "Returns the call statistics of one call tracking number."
method = "GET"
path = "/calls/calltrackings/{callTrackingId}/stats"
plain = "CallTrackings::stats"
returns = "models::CallTrackingStats"
evidenced = "a client that calls it (this test)"

[types.CallTrackingStats]
doc = "The call statistics of a call tracking number."
from = ["calltrackings/stats.response*.json"]
"#;

#[test]
fn one_manifest_entry_and_one_fixture_become_every_generated_file() {
    let scratch = tempfile::tempdir().expect("a scratch workspace");
    let root = scratch.path();
    scratch_workspace(root);
    xtask::codegen::run(root, false).expect("the baseline generates");

    // The two hand-edited files the generator reads (the third is the wire test).
    let manifest = root.join("fixtures/agendize-calls/api.toml");
    let text = std::fs::read_to_string(&manifest).expect("the manifest");
    std::fs::write(&manifest, format!("{text}{ENTRY}")).expect("the entry");
    std::fs::write(
        root.join("fixtures/agendize-calls/calltrackings/stats.response.json"),
        r#"{"callTrackingId": "ct-1", "calls": 12, "missed": 2}"#,
    )
    .expect("the fixture");

    let report = xtask::codegen::run(root, false).expect("generates");
    let mut changed: Vec<String> = report
        .changed
        .iter()
        .map(|path| path.to_string_lossy().replace('\\', "/"))
        .collect();
    changed.sort();
    assert_eq!(
        changed,
        [
            "crates/agendize-calls/README.md",
            "crates/agendize-calls/src/models/generated.rs",
            "crates/agendize-calls/src/operations.rs",
            "crates/agendize-calls/tests/fixture_round_trip.rs",
            "crates/ccapi/src/operations.rs",
            "crates/sandbox/src/examples.rs",
            "docs/openapi/agendize-calls.json",
        ]
    );

    // The row, its docs-table line and the typed method on the handle.
    let operations = compact(&read(root, "crates/agendize-calls/src/operations.rs"));
    assert!(
        operations.contains(&compact(
            r#"pub const CALLTRACKINGS_STATS: Endpoint = Endpoint::get("calltrackings.stats", "/calls/calltrackings/{callTrackingId}/stats").evidenced("a client that calls it (this test)");"#
        )),
        "{operations}"
    );
    assert!(operations.contains(&compact(
        "//! | `calltrackings.stats` | `GET /calls/calltrackings/{callTrackingId}/stats` |  |  | evidenced: a client that calls it (this test) | [`CallTrackings::stats`](crate::CallTrackings::stats) |"
    )));
    assert!(operations.contains(&compact(r#"impl crate::CallTrackings<'_> {"#)));
    assert!(operations.contains(&compact(
        r#"pub async fn stats(&self, call_tracking_id: &str) -> Result<crate::models::CallTrackingStats, ccapi_transport::Error> {
            self.transport.execute(CALLTRACKINGS_STATS.request().path_param("callTrackingId", call_tracking_id)).await
        }"#
    )));

    // The model and its round-trip test (whose snapshot the tests then write).
    let models = compact(&read(root, "crates/agendize-calls/src/models/generated.rs"));
    assert!(models.contains("pubstructCallTrackingStats{"), "{models}");
    assert!(models.contains("pubcalls:i64,"), "{models}");
    let round_trip = compact(&read(
        root,
        "crates/agendize-calls/tests/fixture_round_trip.rs",
    ));
    assert!(round_trip.contains(
        "assert_round_trip::<agendize_calls::models::CallTrackingStats>(\"calltrackings/stats.response.json\""
    ));

    // The command, typed by `returns`; the sandbox's example; the OpenAPI operation; the README.
    let commands = compact(&read(root, "crates/ccapi/src/operations.rs"));
    assert!(commands.contains(&compact(
        r#"OpSpec::typed::<agendize_calls::models::CallTrackingStats>("agendize-calls", &agendize_calls::operations::CALLTRACKINGS_STATS, "Returns the call statistics of one call tracking number")"#
    )));
    let examples = compact(&read(root, "crates/sandbox/src/examples.rs"));
    assert!(examples.contains(&compact(
        r#"Example { id: "calltrackings.stats", method: "GET", path: "/calls/calltrackings/{callTrackingId}/stats", body: Some(include_str!("../fixtures/agendize-calls/calltrackings/stats.response.json")), },"#
    )), "{examples}");
    let document: serde_json::Value =
        serde_json::from_str(&read(root, "docs/openapi/agendize-calls.json")).expect("JSON");
    let operation = &document["paths"]["/calls/calltrackings/{callTrackingId}/stats"]["get"];
    assert_eq!(operation["operationId"], "calltrackings.stats");
    assert_eq!(
        operation["responses"]["2XX"]["content"]["application/json"]["schema"]["$ref"],
        "#/components/schemas/CallTrackingStats"
    );
    let readme = read(root, "crates/agendize-calls/README.md");
    assert!(readme.contains(
        "| `calltrackings.stats` | `GET /calls/calltrackings/{callTrackingId}/stats` |  |  | evidenced: a client that calls it (this test) | `CallTrackings::stats` |"
    ));

    // And nothing is left to do by hand: a second run writes nothing, the check passes.
    let again = xtask::codegen::run(root, true).expect("checks");
    assert!(again.diffs.is_empty(), "{:?}", again.diffs);
}

#[test]
fn an_operation_the_sandbox_cannot_serve_is_refused_with_what_to_add() {
    let scratch = tempfile::tempdir().expect("a scratch workspace");
    let root = scratch.path();
    scratch_workspace(root);
    let manifest = root.join("fixtures/agendize-calls/api.toml");
    let text = std::fs::read_to_string(&manifest).expect("the manifest");
    let entry = "\n[[operation]]\nid = \"calltrackings.stats\"\ndoc = \"Statistics.\"\nmethod = \"GET\"\npath = \"/calls/calltrackings/{callTrackingId}/stats\"\nevidenced = \"this test\"\n";
    std::fs::write(&manifest, format!("{text}{entry}")).expect("the entry");
    let error = xtask::codegen::run(root, false).expect_err("no fixture, no stateful route");
    assert!(
        error.contains("agendize-calls calltrackings.stats: GET /agendize/api/2.0/calls/calltrackings/{}/stats: no stateful route and no fixtures/agendize-calls/calltrackings/stats.response.json"),
        "{error}"
    );
}

#[test]
fn a_manifest_entry_with_a_mistake_is_refused_by_name() {
    let scratch = tempfile::tempdir().expect("a scratch workspace");
    let root = scratch.path();
    scratch_workspace(root);
    let manifest = root.join("fixtures/agendize-calls/api.toml");
    let text = std::fs::read_to_string(&manifest).expect("the manifest");
    for (entry, expected) in [
        (
            "id = \"calltrackings.stats\"\ndoc = \"S.\"\nmethod = \"FETCH\"\npath = \"/s\"\n",
            "`calltrackings.stats`: method Some(\"FETCH\") is not GET, POST, PUT, PATCH or DELETE",
        ),
        (
            "id = \"calltrackings.stats\"\ndoc = \"S.\"\nmethod = \"GET\"\npath = \"/s\"\nquery = [\"nope\"]\n",
            "`calltrackings.stats`: query `nope` is not an entry of [params]",
        ),
        (
            "id = \"calltrackings.stats\"\nmethod = \"GET\"\npath = \"/s\"\n",
            "`calltrackings.stats`: `doc` is missing",
        ),
        (
            "id = \"calltrackings.stats\"\ndoc = \"S.\"\nmethod = \"GET\"\npath = \"/s\"\nplain = \"Nowhere::stats\"\nreturns = \"()\"\n",
            "plain `Nowhere::stats`: `Nowhere` is not an entry of [handles]",
        ),
        (
            "id = \"calltrackings.get\"\ndoc = \"S.\"\nmethod = \"GET\"\npath = \"/s\"\n",
            "operation `calltrackings.get` twice",
        ),
        (
            "id = \"calltrackings.stats\"\ndoc = \"S.\"\nmethod = \"GET\"\npath = \"/s\"\nfixed_query = [[\"a\", \"1\"]]\nreturns = \"()\"\n",
            "`calltrackings.stats`: `returns` makes a command with path parameters only",
        ),
        (
            "id = \"calltrackings.stats\"\ndoc = \"S.\"\nmethod = \"GET\"\npath = \"/s/{callTrackingId}\"\nplain = \"Held::stats\"\nreturns = \"()\"\n[handles.Held]\nholds = [\"account_id\"]\n",
            "handles.Held holds `account_id`, which is none of the path's parameters (call_tracking_id)",
        ),
        (
            "shared = \"watchers.delete\"\ndoc = \"Restated.\"\n",
            "a shared operation is stated in agendize-core's manifest only",
        ),
    ] {
        std::fs::write(&manifest, format!("{text}\n[[operation]]\n{entry}")).expect("the entry");
        let error = xtask::codegen::run(root, false).expect_err(expected);
        assert!(error.contains(expected), "{error}");
    }
}
