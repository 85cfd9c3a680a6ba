//! Differential tests against botocore: the fixtures in `tests/fixtures/botocore/` were
//! recorded from botocore by `tests/botocore/make_fixtures.py` (not run here). Each request
//! case goes through `anvil request --no-validate` (botocore was run with validation off)
//! and must give the same method, URL, Content-Type, X-Amz-Target and JSON body; each
//! response case goes through `anvil parse-response` and must give the same output or the
//! same error code and message.
//!
//! Where Anvil follows the Smithy specification and botocore does not, the case is listed
//! in [`DEVIATIONS`] with the reason, and the test checks Anvil's own answer instead.

use std::path::Path;
use std::process::Command;

use serde_json::Value;

/// Error cases where botocore departs from the Smithy error rules, which put the
/// `X-Amzn-Errortype` header first, then the body's `code`, then `__type`: botocore's
/// awsJson parser reads only `__type` (else reports the HTTP status as the code), and for a
/// bare 5xx page it ignores the header. Anvil must give the header's or `code`'s value.
const SPEC_ERROR_CODE_CASES: &[&str] = &[
    "error_code_member_only",
    "error_header_only",
    "error_header_and_type_disagree",
    "error_html_body_5xx",
];

/// Request cases with an empty URI label show as `//` in botocore's path (addressing some
/// other resource); Smithy forbids empty labels, and Anvil refuses to build the request.
fn has_empty_label(url: &str) -> bool {
    // `//` inside the path, or a path ending in `/` where its last label was empty.
    url.split_once("://").is_some_and(|(_, rest)| {
        rest.contains("//") || (rest.ends_with('/') && rest.matches('/').count() > 1)
    })
}

/// Request cases with a label that is `.` or `..`: botocore sends the dot segment as it is
/// (`/user-profiles/..`), which a normalizing server or proxy folds into another
/// operation's path; Anvil refuses to build the request, naming the member.
fn has_dot_segment_label(url: &str) -> bool {
    url.split_once("://")
        .and_then(|(_, rest)| rest.split_once('/'))
        .is_some_and(|(_, path)| {
            let path = path.split('?').next().unwrap_or_default();
            path.split('/')
                .any(|segment| segment == "." || segment == "..")
        })
}

/// Smithy "error correction" fills required output members the service left out with zero
/// values (botocore leaves them out), and a union member this client does not know is kept
/// as `Unknown` without its name (botocore shows `SDK_UNKNOWN_MEMBER`). Outputs are
/// compared after undoing both.
fn normalize_output(ours: &Value, theirs: &Value) -> (Value, Value) {
    fn is_zero(value: &Value) -> bool {
        match value {
            Value::String(text) => text.is_empty(),
            Value::Number(number) => number.as_f64() == Some(0.0),
            Value::Bool(flag) => !flag,
            Value::Array(items) => items.is_empty(),
            Value::Object(entries) => entries.is_empty(),
            Value::Null => true,
        }
    }
    fn strip_unknown(value: &Value) -> Value {
        match value {
            Value::Object(entries)
                if entries.len() == 1 && entries.contains_key("SDK_UNKNOWN_MEMBER") =>
            {
                Value::Object(Default::default())
            }
            Value::Object(entries) => Value::Object(
                entries
                    .iter()
                    .map(|(k, v)| (k.clone(), strip_unknown(v)))
                    .collect(),
            ),
            Value::Array(items) => Value::Array(items.iter().map(strip_unknown).collect()),
            other => other.clone(),
        }
    }
    let theirs = strip_unknown(theirs);
    let ours = match (ours, &theirs) {
        (Value::Object(ours), Value::Object(theirs)) => Value::Object(
            ours.iter()
                .filter(|(key, value)| theirs.contains_key(*key) || !is_zero(value))
                .map(|(key, value)| (key.clone(), value.clone()))
                .collect(),
        ),
        (ours, _) => ours.clone(),
    };
    (ours, theirs)
}

fn fixtures() -> Vec<(String, Value)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/botocore");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|error| panic!("{}: {error}", dir.display()))
        .map(|entry| entry.unwrap().path())
        .filter(|path| {
            path.extension()
                .is_some_and(|extension| extension == "json")
        })
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|path| {
            let name = path.file_name().unwrap().to_string_lossy().to_string();
            (
                name,
                serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap(),
            )
        })
        .collect()
}

fn anvil(args: &[&str]) -> (Option<i32>, String, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_anvil"))
        .args(args)
        .output()
        .unwrap();
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stdout).to_string(),
        String::from_utf8_lossy(&output.stderr).to_string(),
    )
}

/// JSON equality where numbers compare by value (`1e300` equals `1e+300`, `1.0` does
/// not equal `1`), and strings that are both RFC 3339 timestamps compare as instants.
fn same_json(ours: &Value, theirs: &Value) -> bool {
    match (ours, theirs) {
        (Value::Number(a), Value::Number(b)) => {
            let (a, b) = (a.to_string(), b.to_string());
            let is_float = |text: &str| text.contains(['.', 'e', 'E']);
            if is_float(&a) != is_float(&b) {
                return false;
            }
            if is_float(&a) {
                a.parse::<f64>().ok() == b.parse::<f64>().ok()
            } else {
                a == b
            }
        }
        (Value::String(a), Value::String(b)) => {
            a == b
                || matches!(
                    (anvil_runtime::DateTime::parse_rfc3339(a), anvil_runtime::DateTime::parse_rfc3339(b)),
                    (Ok(x), Ok(y)) if x == y
                )
        }
        (Value::Array(a), Value::Array(b)) => {
            a.len() == b.len() && a.iter().zip(b).all(|(x, y)| same_json(x, y))
        }
        (Value::Object(a), Value::Object(b)) => {
            a.len() == b.len()
                && a.iter()
                    .all(|(key, x)| b.get(key).is_some_and(|y| same_json(x, y)))
        }
        _ => ours == theirs,
    }
}

#[test]
fn requests_match_botocore() {
    let mut failures = Vec::new();
    let mut count = 0;
    for (file, fixture) in fixtures() {
        let service = fixture["service"].as_str().unwrap();
        let operation = fixture["operation"].as_str().unwrap();
        for case in fixture["requests"].as_array().unwrap() {
            count += 1;
            let name = case["name"].as_str().unwrap();
            let expect = &case["expect"];
            let url = expect["url"].as_str().unwrap();
            // Endpoint resolution is a separate concern (the endpoint rules issue): give the
            // host botocore resolved, and compare everything after it exactly.
            let host_end = url.find("://").map(|start| start + 3).unwrap_or(0);
            let host_end = host_end + url[host_end..].find('/').unwrap_or(url.len() - host_end);
            let endpoint = &url[..host_end];
            let input = case["input"].to_string();
            let region = case["region"].as_str().unwrap_or("us-east-1");
            let (code, stdout, stderr) = anvil(&[
                "request",
                service,
                operation,
                "--input",
                &input,
                "--region",
                region,
                "--endpoint-url",
                endpoint,
                "--no-validate",
            ]);
            if has_empty_label(url) {
                if code != Some(2) || !stderr.contains("is empty") {
                    failures.push(format!(
                        "{file} {name}: an empty label must be refused: {code:?} {stderr}"
                    ));
                }
                continue;
            }
            if has_dot_segment_label(url) {
                if code != Some(2) || !stderr.contains("dot segment") {
                    failures.push(format!(
                        "{file} {name}: a dot-segment label must be refused: {code:?} {stderr}"
                    ));
                }
                continue;
            }
            if code != Some(0) {
                failures.push(format!("{file} {name}: exit {code:?}: {stderr}"));
                continue;
            }
            let ours: Value = serde_json::from_str(&stdout).unwrap();
            let mut problems = Vec::new();
            if ours["method"] != expect["method"] {
                problems.push(format!("method {} != {}", ours["method"], expect["method"]));
            }
            if ours["url"].as_str() != Some(url) {
                problems.push(format!("url {} != {url}", ours["url"]));
            }
            if ours["headers"]["content-type"] != expect["content_type"] {
                problems.push(format!(
                    "content-type {} != {}",
                    ours["headers"]["content-type"], expect["content_type"]
                ));
            }
            if ours["headers"]["x-amz-target"] != expect["target"] {
                problems.push(format!(
                    "x-amz-target {} != {}",
                    ours["headers"]["x-amz-target"], expect["target"]
                ));
            }
            let body = ours["body"].as_str().unwrap_or("");
            match &expect["body"] {
                Value::Null if body.is_empty() => {}
                Value::Null => problems.push(format!("body {body} where botocore sends none")),
                expected => match serde_json::from_str::<Value>(body) {
                    Ok(parsed) if same_json(&parsed, expected) => {}
                    Ok(parsed) => problems.push(format!("body {parsed} != {expected}")),
                    Err(error) => problems.push(format!("body is not JSON ({error}): {body}")),
                },
            }
            if !problems.is_empty() {
                failures.push(format!("{file} {name}: {}", problems.join("; ")));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {count} request cases differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert!(count >= 150, "only {count} request cases");
}

#[test]
fn responses_match_botocore() {
    let mut failures = Vec::new();
    let mut count = 0;
    for (file, fixture) in fixtures() {
        let service = fixture["service"].as_str().unwrap();
        let operation = fixture["operation"].as_str().unwrap();
        for case in fixture["responses"].as_array().unwrap() {
            count += 1;
            let name = case["name"].as_str().unwrap();
            let status = case["status"].to_string();
            let mut args: Vec<String> = vec![
                "parse-response".into(),
                service.into(),
                operation.into(),
                "--status".into(),
                status.clone(),
                "--body".into(),
                case["body"].as_str().unwrap().to_string(),
            ];
            for (header, value) in case["headers"].as_object().unwrap() {
                args.push("--header".into());
                args.push(format!("{header}: {}", value.as_str().unwrap()));
            }
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            let (code, stdout, stderr) = anvil(&args);
            if code != Some(0) {
                failures.push(format!("{file} {name}: exit {code:?}: {stderr}"));
                continue;
            }
            let ours: Value = serde_json::from_str(&stdout).unwrap();
            let expect = &case["expect"];
            if let Some(output) = expect.get("output") {
                let (normalized, output) = normalize_output(&ours["output"], output);
                if !same_json(&normalized, &output) {
                    failures.push(format!("{file} {name}: output {} != {output}", ours));
                }
                continue;
            }
            let error = &expect["error"];
            let their_code = error["code"].as_str().unwrap_or("");
            let our_code = ours["error"]["code"].as_str();
            let code_ok = match our_code {
                _ if SPEC_ERROR_CODE_CASES.contains(&name) => {
                    let headers = case["headers"].as_object().unwrap();
                    let header = headers
                        .iter()
                        .find(|(key, _)| key.eq_ignore_ascii_case("x-amzn-errortype"));
                    let from_header = header.map(|(_, value)| {
                        anvil_runtime::wire::sanitize_error_code(value.as_str().unwrap())
                    });
                    let body: Value =
                        serde_json::from_str(case["body"].as_str().unwrap()).unwrap_or(Value::Null);
                    let from_code = body["code"]
                        .as_str()
                        .map(anvil_runtime::wire::sanitize_error_code);
                    match from_header.or(from_code) {
                        Some(expected) => our_code == Some(expected),
                        None => our_code.is_none() && their_code == status,
                    }
                }
                // botocore falls back to the status as the code; Anvil reports no code.
                None => their_code == status,
                Some(ours) => ours == their_code,
            };
            // botocore reports a missing message as "" (and, for a bare 5xx, the reason phrase).
            let their_message = error["message"].as_str().unwrap_or("");
            let our_message = ours["error"]["message"].as_str().unwrap_or("");
            let message_ok = our_message == their_message
                || (our_message.is_empty() && status.starts_with('5'))
                || (their_message.is_empty() && our_message.is_empty());
            if !code_ok || !message_ok {
                failures.push(format!("{file} {name}: error {} != {error}", ours));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {count} response cases differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert!(count >= 40, "only {count} response cases");
}
