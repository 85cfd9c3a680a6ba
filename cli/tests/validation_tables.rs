//! Runs the validation tables in `tests/fixtures/validation/` through the `anvil` binary:
//! every case's exit code, and for invalid input the exact set of (path, rule) pairs.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

fn tables_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/validation")
}

/// Expands `{"$repeat": value, "times": N}` into an array of N copies, anywhere.
fn expand(value: &Value) -> Value {
    match value {
        Value::Object(object) if object.contains_key("$repeat") => {
            let times = object.get("times").and_then(Value::as_u64).unwrap_or(0) as usize;
            let item = expand(&object["$repeat"]);
            Value::Array(vec![item; times])
        }
        Value::Object(object) => Value::Object(
            object
                .iter()
                .map(|(key, item)| (key.clone(), expand(item)))
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.iter().map(expand).collect()),
        other => other.clone(),
    }
}

fn run_table(file: &str) -> usize {
    let path = tables_dir().join(file);
    let table: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    let service = table["service"].as_str().unwrap();
    let operation = table["operation"].as_str().unwrap();
    let cases = table["cases"].as_array().unwrap();
    let mut failures = Vec::new();
    for case in cases {
        let name = case["name"].as_str().unwrap_or("?");
        let input = match (case.get("input"), case.get("input_text")) {
            (Some(input), _) => expand(input).to_string(),
            (None, Some(Value::String(text))) => text.clone(),
            _ => panic!("{file} {name}: no input"),
        };
        let output = Command::new(env!("CARGO_BIN_EXE_anvil"))
            .args(["validate", service, operation, "--input", &input])
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&output.stdout);
        let stderr = String::from_utf8_lossy(&output.stderr);
        let code = output.status.code();
        match case["expect"].as_str() {
            Some("valid") => {
                if code != Some(0) || stdout.trim() != r#"{"valid":true}"# {
                    failures.push(format!(
                        "{name}: expected valid, got {code:?} {stdout}{stderr}"
                    ));
                }
            }
            Some("invalid") => {
                let mut expected: Vec<(String, String)> = case["violations"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|v| {
                        (
                            v["path"].as_str().unwrap().to_string(),
                            v["rule"].as_str().unwrap().to_string(),
                        )
                    })
                    .collect();
                expected.sort();
                let report: Value = serde_json::from_str(stdout.trim()).unwrap_or(Value::Null);
                let mut found: Vec<(String, String)> = report["violations"]
                    .as_array()
                    .map(|list| {
                        list.iter()
                            .map(|v| {
                                (
                                    v["path"].as_str().unwrap_or("").to_string(),
                                    v["rule"].as_str().unwrap_or("").to_string(),
                                )
                            })
                            .collect()
                    })
                    .unwrap_or_default();
                found.sort();
                if code != Some(1) || report["valid"] != Value::Bool(false) || found != expected {
                    failures.push(format!(
                        "{name}: expected {expected:?}, got {code:?} {found:?} {stderr}"
                    ));
                }
            }
            Some("unreadable") => {
                let wanted = case["stderr_contains"].as_str().unwrap_or("");
                if code != Some(2) || !stderr.contains(wanted) || !stdout.is_empty() {
                    failures.push(format!(
                        "{name}: expected exit 2 with `{wanted}`, got {code:?} {stdout}{stderr}"
                    ));
                }
            }
            other => panic!("{file} {name}: unknown expectation {other:?}"),
        }
    }
    assert!(
        failures.is_empty(),
        "{file}: {} of {} cases failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
    cases.len()
}

#[test]
fn identitystore_update_user() {
    assert!(run_table("identitystore_UpdateUser.json") >= 30);
}

#[test]
fn workmail_update_user() {
    assert!(run_table("workmail_UpdateUser.json") >= 30);
}

#[test]
fn datazone_update_user_profile() {
    assert!(run_table("datazone_UpdateUserProfile.json") >= 30);
}

#[test]
fn datazone_create_user_profile() {
    assert!(run_table("datazone_CreateUserProfile.json") >= 30);
}

#[test]
fn codestar_update_user_profile() {
    assert!(run_table("codestar_UpdateUserProfile.json") >= 30);
}
