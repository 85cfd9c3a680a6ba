//! The generated test file of one service: a `#[test]` per case that calls the checks of
//! `support.rs` with the case's data as literals.

use std::collections::BTreeSet;

use anvil_codegen::ir::ServiceIr;
use anvil_codegen::model::{Model, ShapeKind};
use serde_json::{Map, Value};

use super::cases::{Case, CaseKind};
use super::params::{Direction, convert};

/// A Rust string literal holding `text`.
fn literal(text: &str) -> String {
    format!("{text:?}")
}

fn optional(text: Option<&str>) -> String {
    text.map_or_else(
        || "None".to_string(),
        |text| format!("Some({})", literal(text)),
    )
}

fn strings(case: &Case, field: &str) -> String {
    let items: Vec<String> = case
        .body
        .get(field)
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .map(literal)
        .collect();
    format!("&[{}]", items.join(", "))
}

fn header_pairs(case: &Case) -> String {
    let pairs: Vec<String> = case
        .body
        .get("headers")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
        .map(|(name, value)| {
            format!(
                "({}, {})",
                literal(name),
                literal(value.as_str().unwrap_or_default())
            )
        })
        .collect();
    format!("&[{}]", pairs.join(", "))
}

/// The test function name of `case`: its kind and id in snake case, unique in `taken`.
pub fn function_name(case: &Case, taken: &mut BTreeSet<String>) -> String {
    let mut name = match case.kind {
        CaseKind::Request => "request_".to_string(),
        CaseKind::Response => "response_".to_string(),
    };
    let mut previous_lower = false;
    for c in case.id.chars() {
        if c.is_ascii_uppercase() && previous_lower {
            name.push('_');
        }
        previous_lower = c.is_ascii_lowercase() || c.is_ascii_digit();
        name.push(if c.is_ascii_alphanumeric() {
            c.to_ascii_lowercase()
        } else {
            '_'
        });
    }
    let mut unique = name.clone();
    let mut counter = 2;
    while !taken.insert(unique.clone()) {
        unique = format!("{name}_{counter}");
        counter += 1;
    }
    unique
}

/// The test function of `case` named `name`, in a crate whose service is `service`.
pub fn test_function(model: &Model, service: &ServiceIr, case: &Case, name: &str) -> String {
    let Some(operation) = service
        .operations
        .iter()
        .find(|operation| operation.name == case.operation.name())
    else {
        return format!(
            "#[test]\nfn {name}() {{\n    panic!(\"operation {} was not generated\");\n}}\n",
            case.operation.name()
        );
    };
    let operation_path = format!(
        "{}::operation::{}::{}",
        service_crate(),
        operation.module_name,
        operation.rust_name
    );
    let Some(ShapeKind::Operation(shape)) = model.shape(&case.operation).map(|s| &s.kind) else {
        unreachable!("cases are read from operations")
    };
    let params = case.params();
    match (case.kind, &case.error) {
        (CaseKind::Request, _) => {
            let input = match &shape.input {
                Some(input) => convert(model, input, &params, Direction::Input),
                None => Value::Object(Map::new()),
            };
            format!(
                "#[test]\nfn {name}() {{\n    support::check_request::<{operation_path}>(&support::RequestCase {{\n        \
                 params: {},\n        host: {},\n        resolved_host: {},\n        method: {},\n        uri: {},\n        \
                 query_params: {},\n        forbid_query_params: {},\n        require_query_params: {},\n        \
                 headers: {},\n        forbid_headers: {},\n        require_headers: {},\n        body: {},\n        \
                 body_media_type: {},\n    }});\n}}\n",
                literal(&input.to_string()),
                literal(case.text("host").unwrap_or("example.com")),
                optional(case.text("resolvedHost")),
                literal(case.text("method").unwrap_or_default()),
                literal(case.text("uri").unwrap_or_default()),
                strings(case, "queryParams"),
                strings(case, "forbidQueryParams"),
                strings(case, "requireQueryParams"),
                header_pairs(case),
                strings(case, "forbidHeaders"),
                strings(case, "requireHeaders"),
                optional(case.text("body")),
                optional(case.text("bodyMediaType")),
            )
        }
        (CaseKind::Response, None) => {
            let output = match &shape.output {
                Some(output) => convert(model, output, &params, Direction::Output),
                None => Value::Object(Map::new()),
            };
            format!(
                "#[test]\nfn {name}() {{\n    support::check_output::<{operation_path}>(&{}, {});\n}}\n",
                response_case(case),
                literal(&output.to_string()),
            )
        }
        (CaseKind::Response, Some(error)) => {
            let expected = convert(model, error, &params, Direction::Output);
            let variant = operation
                .error
                .variants
                .iter()
                .find(|variant| variant.code == error.name())
                .map_or("missing", |variant| variant.variant_name.as_str());
            let error_enum = format!(
                "{}::operation::{}::{}",
                service_crate(),
                operation.module_name,
                operation.error.rust_name
            );
            format!(
                "#[test]\nfn {name}() {{\n    let response = support::response(&{});\n    \
                 match <{operation_path} as anvil_runtime::Operation>::parse_response(&response) {{\n        \
                 Err({error_enum}::{variant}(error)) => {{\n            \
                 support::check_error_json(|out| error.write_json(out), {})\n        }}\n        \
                 other => panic!(\"expected the error {}, read {{other:?}}\"),\n    }}\n}}\n",
                response_case(case),
                literal(&expected.to_string()),
                error.name(),
            )
        }
    }
}

fn response_case(case: &Case) -> String {
    format!(
        "support::ResponseCase {{ code: {}, headers: {}, body: {} }}",
        case.body.get("code").and_then(Value::as_u64).unwrap_or(200),
        header_pairs(case),
        literal(case.text("body").unwrap_or_default()),
    )
}

/// How the generated tests name the crate under test.
fn service_crate() -> &'static str {
    "service_under_test"
}

/// The generated test file: `functions` in a module named `module` (which makes the test
/// names unique across the crates run together), using the crate `lib_name`.
pub fn test_file(lib_name: &str, module: &str, functions: &[String]) -> String {
    let mut text = format!(
        "//! Protocol compliance cases, generated by the `protocol_compliance` test.\n\n\
         mod support;\n\nmod {module} {{\n\
         use super::support;\n\
         use {lib_name} as {};\n\n",
        service_crate()
    );
    for function in functions {
        text.push_str(function);
        text.push('\n');
    }
    text.push_str("}\n");
    text
}
