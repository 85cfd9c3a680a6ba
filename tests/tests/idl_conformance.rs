//! The IDL loader against `../shared/conformance/idl-loader`.
//!
//! * `valid/`: every `X.smithy` with an `X.json` beside it must load to a model equal to the
//!   one the JSON loader builds from `X.json`. The JSON ASTs there say `"smithy": "1.0"` for
//!   IDL 1.0 sources; the version is not part of a `Model`, so it is set to `"2.0"` before the
//!   JSON loader reads them. Files that use `foo.example#...` also load `__shared.json` (on
//!   both sides). A JSON AST the JSON loader rejects (it refuses mixins, which it expects
//!   flattened) is listed with the reason and compared with the model `load_paths` builds
//!   from that JSON AST (its mixins and `apply` entries flattened like the IDL's); when
//!   `X.flattened.smithy` exists, `X.smithy` is also compared with it (mixins flattened by
//!   the loader against flattened by hand).
//!   Numbers are compared by value (`2e+308` and `2E+308` are the same number).
//! * `invalid/`: every file must be rejected with an error naming the file, line and column.

use std::path::{Path, PathBuf};

use anvil_codegen::model::{LoadError, Model, NodeValue, Shape, Traits, load_paths, load_str};
use serde_json::Value;

const CONFORMANCE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../shared/conformance/idl-loader"
);

fn files_under(directory: &Path, extension: &str) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut stack = vec![directory.to_path_buf()];
    while let Some(directory) = stack.pop() {
        let entries = std::fs::read_dir(&directory).unwrap_or_else(|error| {
            panic!("../shared is missing: {}: {error}", directory.display())
        });
        for entry in entries {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|found| found == extension) {
                found.push(path);
            }
        }
    }
    found.sort();
    found
}

fn canonical_number(text: &str) -> String {
    match text.parse::<i128>() {
        Ok(int) => int.to_string(),
        Err(_) => format!("{:?}", text.parse::<f64>().unwrap_or(f64::NAN)),
    }
}

fn canonical_json(value: &Value) -> Value {
    match value {
        Value::Number(number) => {
            Value::String(format!("#{}", canonical_number(&number.to_string())))
        }
        Value::Array(items) => Value::Array(items.iter().map(canonical_json).collect()),
        Value::Object(entries) => Value::Object(
            entries
                .iter()
                .map(|(key, item)| (key.clone(), canonical_json(item)))
                .collect(),
        ),
        other => other.clone(),
    }
}

fn canonical_node(value: &NodeValue) -> NodeValue {
    match value {
        NodeValue::Number(text) => NodeValue::Number(canonical_number(text)),
        NodeValue::Array(items) => NodeValue::Array(items.iter().map(canonical_node).collect()),
        NodeValue::Object(entries) => NodeValue::Object(
            entries
                .iter()
                .map(|(key, item)| (key.clone(), canonical_node(item)))
                .collect(),
        ),
        other => other.clone(),
    }
}

fn canonical_traits(traits: &Traits) -> Traits {
    let mut traits = traits.clone();
    traits.raw = match canonical_json(&Value::Object(traits.raw)) {
        Value::Object(raw) => raw,
        _ => unreachable!("an object stays an object"),
    };
    traits.default = traits.default.as_ref().map(canonical_node);
    for bounds in [&mut traits.length, &mut traits.range]
        .into_iter()
        .flatten()
    {
        bounds.min = bounds.min.as_deref().map(canonical_number);
        bounds.max = bounds.max.as_deref().map(canonical_number);
    }
    traits
}

fn canonical_shape(shape: &Shape) -> Shape {
    let mut shape = shape.clone();
    shape.traits = canonical_traits(&shape.traits);
    use anvil_codegen::model::ShapeKind;
    let fix = |members: &mut Vec<anvil_codegen::model::Member>| {
        for member in members {
            member.traits = canonical_traits(&member.traits);
        }
    };
    match &mut shape.kind {
        ShapeKind::Enum(members)
        | ShapeKind::IntEnum(members)
        | ShapeKind::Structure(members)
        | ShapeKind::Union(members) => fix(members),
        ShapeKind::List(member) => member.traits = canonical_traits(&member.traits),
        ShapeKind::Map { key, value } => {
            key.traits = canonical_traits(&key.traits);
            value.traits = canonical_traits(&value.traits);
        }
        _ => {}
    }
    shape
}

/// The differences between two models (empty when equal), shape by shape.
fn differences(left: &Model, right: &Model) -> Vec<String> {
    let mut found = Vec::new();
    let mut left_ids: Vec<String> = left.shapes().map(|shape| shape.id.to_string()).collect();
    let mut right_ids: Vec<String> = right.shapes().map(|shape| shape.id.to_string()).collect();
    left_ids.sort();
    right_ids.sort();
    if left_ids != right_ids {
        found.push(format!(
            "shape ids differ:\n  IDL:  {left_ids:?}\n  JSON: {right_ids:?}"
        ));
    }
    for shape in left.shapes() {
        if let Some(other) = right.shape(&shape.id) {
            let (a, b) = (canonical_shape(shape), canonical_shape(other));
            if a != b {
                found.push(format!(
                    "{} differs:\n  IDL:  {a:?}\n  JSON: {b:?}",
                    shape.id
                ));
            }
        }
    }
    found
}

fn needs_shared(smithy: &Path) -> bool {
    std::fs::read_to_string(smithy).is_ok_and(|text| text.contains("foo.example"))
}

fn load_idl(path: &Path, shared: &Path) -> Result<Model, LoadError> {
    let mut paths = vec![path.to_path_buf()];
    if needs_shared(path) {
        paths.push(shared.to_path_buf());
    }
    load_paths(&paths, &[])
}

fn load_json(path: &Path, shared: &Path, with_shared: bool) -> Result<Model, LoadError> {
    if with_shared {
        return load_paths(&[path.to_path_buf(), shared.to_path_buf()], &[]);
    }
    let text = std::fs::read_to_string(path).unwrap();
    let mut root: Value = serde_json::from_str(&text).unwrap();
    root["smithy"] = Value::String("2.0".into());
    load_str(&root.to_string(), path)
}

#[test]
fn valid_idl_files_load_to_the_json_ast_model() {
    let valid = Path::new(CONFORMANCE).join("valid");
    let shared = valid.join("__shared.json");
    let sources: Vec<PathBuf> = files_under(&valid, "smithy")
        .into_iter()
        .filter(|path| !path.to_string_lossy().ends_with(".flattened.smithy"))
        .collect();
    let (mut equal, mut compared, mut flattened_equal, mut flattened_compared) = (0, 0, 0, 0);
    let (mut json_flattened_equal, mut json_flattened_compared) = (0, 0);
    let mut rejected_json = Vec::new();
    let mut failures = Vec::new();
    for source in &sources {
        let name = source.strip_prefix(&valid).unwrap().display().to_string();
        let idl = match load_idl(source, &shared) {
            Ok(model) => model,
            Err(error) => {
                failures.push(format!("{name}: the IDL loader rejects it:\n{error}"));
                continue;
            }
        };
        let json_path = source.with_extension("json");
        let flattened = PathBuf::from(
            source
                .to_string_lossy()
                .replace(".smithy", ".flattened.smithy"),
        );
        if json_path.exists() {
            match load_json(&json_path, &shared, needs_shared(source)) {
                Ok(json) => {
                    compared += 1;
                    let found = differences(&idl, &json);
                    if found.is_empty() {
                        equal += 1;
                    } else {
                        failures.push(format!("{name}:\n{}", found.join("\n")));
                    }
                    continue;
                }
                Err(error) => {
                    let reason = error
                        .to_string()
                        .lines()
                        .next()
                        .unwrap_or_default()
                        .to_string();
                    rejected_json.push(format!("{name}: {reason}"));
                    let mut paths = vec![json_path.clone()];
                    if needs_shared(source) {
                        paths.push(shared.clone());
                    }
                    json_flattened_compared += 1;
                    match load_paths(&paths, &[]) {
                        Ok(json) => {
                            let found = differences(&idl, &json);
                            if found.is_empty() {
                                json_flattened_equal += 1;
                            } else {
                                failures.push(format!(
                                    "{name} vs its JSON AST with mixins flattened:\n{}",
                                    found.join("\n")
                                ));
                            }
                        }
                        Err(error) => failures.push(format!(
                            "{name}: its JSON AST does not load with mixins flattened:\n{error}"
                        )),
                    }
                }
            }
        }
        if flattened.exists() {
            flattened_compared += 1;
            match load_idl(&flattened, &shared) {
                Ok(expected) => {
                    let found = differences(&idl, &expected);
                    if found.is_empty() {
                        flattened_equal += 1;
                    } else {
                        failures.push(format!(
                            "{name} vs its .flattened.smithy:\n{}",
                            found.join("\n")
                        ));
                    }
                }
                Err(error) => failures.push(format!(
                    "{name}: its .flattened.smithy does not load:\n{error}"
                )),
            }
        }
    }
    println!(
        "JSON ASTs the JSON loader rejects ({}):",
        rejected_json.len()
    );
    for line in &rejected_json {
        println!("  {line}");
    }
    println!(
        "idl-loader/valid: {equal}/{compared} equal to the JSON AST model; \
         {json_flattened_equal}/{json_flattened_compared} equal to the JSON AST model with its \
         mixins flattened by load_paths; {flattened_equal}/{flattened_compared} equal to the \
         hand-flattened IDL; {} IDL files in all",
        sources.len()
    );
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n\n")
    );
    assert!(compared >= 40, "only {compared} pairs were compared");
}

#[test]
fn invalid_idl_files_are_rejected_with_a_location() {
    let invalid = Path::new(CONFORMANCE).join("invalid");
    let files = files_under(&invalid, "smithy");
    let mut loaded = Vec::new();
    let mut unlocated = Vec::new();
    let mut report = Vec::new();
    for path in &files {
        let name = path.strip_prefix(&invalid).unwrap().display().to_string();
        let expected = std::fs::read_to_string(path)
            .unwrap()
            .lines()
            .next()
            .unwrap_or_default()
            .trim_start_matches('/')
            .trim()
            .to_string();
        match load_paths(std::slice::from_ref(path), &[]) {
            Ok(_) => loaded.push(format!("{name} (expected: {expected})")),
            Err(LoadError::Idl(error)) => {
                let first = &error.problems[0];
                if first.path != *path || first.position.line == 0 {
                    unlocated.push(format!("{name}: {error}"));
                }
                report.push(format!(
                    "{name}\n    expected: {expected}\n    ours:     {}:{}: {}",
                    first.position.line, first.position.column, first.message
                ));
            }
            Err(other) => unlocated.push(format!("{name}: {other}")),
        }
    }
    if std::env::var_os("IDL_CONFORMANCE_VERBOSE").is_some() {
        println!("{}", report.join("\n"));
    }
    println!(
        "idl-loader/invalid: {}/{} rejected with a located error",
        files.len() - loaded.len() - unlocated.len(),
        files.len()
    );
    assert!(
        loaded.is_empty(),
        "{} invalid files load:\n{}",
        loaded.len(),
        loaded.join("\n")
    );
    assert!(
        unlocated.is_empty(),
        "errors without a location:\n{}",
        unlocated.join("\n")
    );
}
