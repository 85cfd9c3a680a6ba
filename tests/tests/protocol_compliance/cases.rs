//! The client-side test cases of a loaded protocol-test model: every `httpRequestTests` and
//! `httpResponseTests` entry for the protocol under test that applies to clients, with the
//! operation it exercises.

use std::collections::BTreeSet;

use anvil_codegen::model::{Model, ShapeId, ShapeKind, service_operations};
use serde_json::{Map, Value};

/// Which side of the exchange a case checks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CaseKind {
    /// The request built from `params`.
    Request,
    /// The output (or error) read from a response.
    Response,
}

/// One test case.
#[derive(Clone, Debug)]
pub struct Case {
    /// The case id (`RestJsonListsSerializeNull`).
    pub id: String,
    /// Request or response.
    pub kind: CaseKind,
    /// The operation whose request is built or whose response is read.
    pub operation: ShapeId,
    /// For an error response case, the error structure expected.
    pub error: Option<ShapeId>,
    /// The case as written in the trait.
    pub body: Map<String, Value>,
}

impl Case {
    /// A string field of the case.
    pub fn text(&self, field: &str) -> Option<&str> {
        self.body.get(field).and_then(Value::as_str)
    }

    /// The case's `params` (an empty object when absent).
    pub fn params(&self) -> Value {
        self.body
            .get("params")
            .cloned()
            .unwrap_or_else(|| Value::Object(Map::new()))
    }
}

const REQUEST_TESTS: &str = "smithy.test#httpRequestTests";
const RESPONSE_TESTS: &str = "smithy.test#httpResponseTests";

/// The client cases for `protocol` (e.g. `aws.protocols#restJson1`) bound to the operations
/// of `service` and to the errors they declare (service-wide errors included).
pub fn client_cases(model: &Model, service: &ShapeId, protocol: &str) -> Vec<Case> {
    let operations = service_operations(model, service);
    let service_errors: Vec<ShapeId> = match model.shape(service).map(|shape| &shape.kind) {
        Some(ShapeKind::Service(service)) => service.errors.clone(),
        _ => Vec::new(),
    };
    let mut cases = Vec::new();
    let mut errors_seen = BTreeSet::new();
    for operation_id in &operations {
        let Some(shape) = model.shape(operation_id) else {
            continue;
        };
        let ShapeKind::Operation(operation) = &shape.kind else {
            continue;
        };
        for (trait_name, kind) in [
            (REQUEST_TESTS, CaseKind::Request),
            (RESPONSE_TESTS, CaseKind::Response),
        ] {
            for body in entries(&shape.traits.raw, trait_name, protocol) {
                cases.push(Case {
                    id: id_of(&body),
                    kind,
                    operation: operation_id.clone(),
                    error: None,
                    body,
                });
            }
        }
        for error_id in operation.errors.iter().chain(&service_errors) {
            // Each error's cases run once, through the first operation that declares it.
            if !errors_seen.insert(error_id.clone()) {
                continue;
            }
            let Some(error) = model.shape(error_id) else {
                continue;
            };
            for body in entries(&error.traits.raw, RESPONSE_TESTS, protocol) {
                cases.push(Case {
                    id: id_of(&body),
                    kind: CaseKind::Response,
                    operation: operation_id.clone(),
                    error: Some(error_id.clone()),
                    body,
                });
            }
        }
    }
    cases.sort_by(|a, b| {
        (a.kind == CaseKind::Response, &a.id).cmp(&(b.kind == CaseKind::Response, &b.id))
    });
    cases
}

fn id_of(body: &Map<String, Value>) -> String {
    body.get("id")
        .and_then(Value::as_str)
        .unwrap_or("unnamed")
        .to_string()
}

/// The entries of trait `name` in `traits` for `protocol` that apply to clients.
fn entries(traits: &Map<String, Value>, name: &str, protocol: &str) -> Vec<Map<String, Value>> {
    let Some(Value::Array(items)) = traits.get(name) else {
        return Vec::new();
    };
    items
        .iter()
        .filter_map(Value::as_object)
        .filter(|case| case.get("protocol").and_then(Value::as_str) == Some(protocol))
        .filter(|case| {
            case.get("appliesTo")
                .and_then(Value::as_str)
                .is_none_or(|side| side == "client")
        })
        .cloned()
        .collect()
}
