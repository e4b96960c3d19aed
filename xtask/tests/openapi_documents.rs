//! What the documents say, operation by operation: from the rows (paths, parameters, body
//! encodings, assumed routes) and the models (schemas, envelopes).

use std::path::Path;

use serde_json::{json, Value};

use xtask::codegen::openapi::{self, Api};

fn root() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
}

fn apis() -> Vec<Api> {
    let manifests = xtask::codegen::manifests(root()).expect("the manifests");
    openapi::apis(&manifests).expect("the APIs")
}

fn document(name: &str) -> Value {
    let api = apis()
        .into_iter()
        .find(|api| api.name == name)
        .expect("an API");
    openapi::document(root(), &api).expect("the document")
}

#[test]
fn every_row_is_one_operation_of_its_document() {
    for api in apis() {
        let document = document(&api.name);
        let mut ids: Vec<&str> = Vec::new();
        for item in document["paths"].as_object().expect("paths").values() {
            for op in item.as_object().expect("a path item").values() {
                ids.push(op["operationId"].as_str().expect("an id"));
                for also in op["x-also"].as_array().into_iter().flatten() {
                    ids.push(also.as_str().expect("an id"));
                }
            }
        }
        let mut rows: Vec<&str> = api.operations.iter().map(|op| op.row.id).collect();
        ids.sort_unstable();
        rows.sort_unstable();
        assert_eq!(ids, rows, "{}", api.name);
    }
}

#[test]
fn a_form_update_sends_its_input_type_and_answers_the_resource_in_the_envelope() {
    let document = document("iadvize-rest");
    let op = &document["paths"]["/visitor/{id}"]["put"];
    assert_eq!(
        op["requestBody"]["content"]["application/x-www-form-urlencoded"]["schema"],
        json!({"$ref": "#/components/schemas/VisitorInput"})
    );
    assert_eq!(
        op["parameters"],
        // The example is the id of the documented `visitor.get` answer, which the sandbox holds.
        json!([{"name": "id", "in": "path", "required": true, "schema": {"type": "integer"}, "example": 560}])
    );
    let answer = &op["responses"]["2XX"]["content"]["application/json"]["schema"];
    assert_eq!(
        answer["properties"]["data"],
        json!({"$ref": "#/components/schemas/Visitor"})
    );
    assert_eq!(answer["required"], json!(["meta", "data"]));
    assert_eq!(
        op["responses"]["4XX"]["content"]["application/json"]["schema"],
        json!({"$ref": "#/components/schemas/Error"})
    );
    // A listing: the page and its `data` array, and the common filters.
    let list = &document["paths"]["/visitor"]["get"];
    let names: Vec<&str> = list["parameters"]
        .as_array()
        .expect("parameters")
        .iter()
        .map(|p| p["name"].as_str().expect("a name"))
        .collect();
    assert_eq!(names, ["page", "limit", "full", "filters"]);
    assert_eq!(list["parameters"][3]["style"], "deepObject");
    let page = &list["responses"]["2XX"]["content"]["application/json"]["schema"];
    assert_eq!(
        page["properties"]["data"],
        json!({"type": "array", "items": {"$ref": "#/components/schemas/Visitor"}})
    );
    assert!(page["properties"]["pagination"].is_object());
}

#[test]
fn assumed_routes_say_so_with_their_reason() {
    let document = document("ziwo-crm");
    let op = &document["paths"]["/integrations/crm/addresses"]["post"];
    let api = apis()
        .into_iter()
        .find(|api| api.name == "ziwo-crm")
        .expect("ziwo-crm");
    let row = api
        .operations
        .iter()
        .find(|op| op.row.id == "addresses.create")
        .expect("addresses.create")
        .row;
    let ccapi_transport::endpoint::Source::Assumed(why) = row.source else {
        panic!("addresses.create is an assumed route");
    };
    assert_eq!(op["x-assumed"], true);
    assert_eq!(op["x-assumed-reason"], why);
    // Evidenced routes name their evidence; documented ones carry neither.
    let search = &document["paths"]["/agent/crm/customers"]["get"];
    assert!(search["x-evidence"].is_string());
    assert!(search.get("x-assumed").is_none());
}

#[test]
fn models_keep_open_enums_lenient_members_and_unknown_members() {
    let document = document("ziwo-admin");
    let schemas = &document["components"]["schemas"];
    let status = &schemas["CallTrackerStatus"];
    assert_eq!(
        status["anyOf"][1],
        json!({"type": "string"}),
        "open: {status}"
    );
    assert!(status["anyOf"][0]["enum"]
        .as_array()
        .is_some_and(|values| !values.is_empty()));
    for (name, schema) in schemas.as_object().expect("schemas") {
        if schema["type"] == "object" && name != "Error" {
            assert_eq!(
                schema["additionalProperties"], true,
                "{name} keeps unknown members"
            );
        }
    }
    // A Ziwo answer sits in `content`, beside `result` and `info`.
    let get = &document["paths"]["/admin/callTrackers/{idOrName}"]["get"];
    let answer = &get["responses"]["2XX"]["content"]["application/json"]["schema"];
    assert_eq!(answer["properties"]["result"], json!({"const": true}));
    assert_eq!(
        answer["properties"]["content"],
        json!({"$ref": "#/components/schemas/CallTracker"})
    );
}

#[test]
fn each_provider_declares_its_credentials() {
    let ziwo = document("ziwo-cti");
    assert_eq!(
        ziwo["components"]["securitySchemes"]["accessToken"]["name"],
        "access_token"
    );
    let admin = document("ziwo-admin");
    assert_eq!(admin["paths"]["/auth/login"]["post"]["security"], json!([]));
    let vbc = document("cc-voice");
    assert_eq!(
        vbc["components"]["securitySchemes"]["oauth2"]["flows"]["password"]["tokenUrl"],
        "https://api.vonage.com/token"
    );
    let agendize = document("agendize-calls");
    assert_eq!(
        agendize["paths"]["/calls/calltrackings/{callTrackingId}"]["get"]["security"][0],
        json!({"apiKey": [], "token": []})
    );
}
