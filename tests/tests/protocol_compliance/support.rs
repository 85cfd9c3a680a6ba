//! Checks shared by the generated protocol compliance tests: build a request from a case's
//! params and compare it with what the case expects, or read a case's response and compare
//! the output (or error) with its params. Every mismatch of a case is reported at once.
//!
//! This file is copied into each generated test crate as `tests/support/mod.rs`.

#![allow(dead_code)] // A crate with no response cases uses only the request checks.

use anvil_runtime::Operation;
use anvil_runtime::json::Value;
use anvil_runtime::operation::{JsonInput, JsonOutput};
use anvil_runtime::wire::{JsonStyle, JsonWriter};

/// What a request case expects.
pub struct RequestCase {
    /// The input as JSON for `from_json`.
    pub params: &'static str,
    /// The host the client is configured with (`example.com` when the case names none).
    pub host: &'static str,
    /// The host the request must go to, when the case says.
    pub resolved_host: Option<&'static str>,
    /// The HTTP method.
    pub method: &'static str,
    /// The path (without query string).
    pub uri: &'static str,
    /// `name=value` pairs that must be in the query string, encoded as sent.
    pub query_params: &'static [&'static str],
    /// Query parameter names that must not be sent.
    pub forbid_query_params: &'static [&'static str],
    /// Query parameter names that must be sent.
    pub require_query_params: &'static [&'static str],
    /// Headers that must be sent with exactly these values.
    pub headers: &'static [(&'static str, &'static str)],
    /// Headers that must not be sent.
    pub forbid_headers: &'static [&'static str],
    /// Headers that must be sent.
    pub require_headers: &'static [&'static str],
    /// The body, when the case gives one.
    pub body: Option<&'static str>,
    /// How the body is compared (`application/json` bodies are compared parsed).
    pub body_media_type: Option<&'static str>,
}

/// What a response case sends.
pub struct ResponseCase {
    /// The status code.
    pub code: u16,
    /// The headers.
    pub headers: &'static [(&'static str, &'static str)],
    /// The body.
    pub body: &'static str,
}

/// Builds the request of `case` with operation `O` and panics listing every mismatch.
pub fn check_request<O>(case: &RequestCase)
where
    O: Operation,
    O::Input: JsonInput,
{
    let params = anvil_runtime::json::parse(case.params).expect("the params are JSON");
    let (input, _validation) = O::Input::from_json(&params)
        .unwrap_or_else(|error| panic!("the params do not fit the input: {error}"));
    let prefix = O::host_prefix(&input)
        .unwrap_or_else(|error| panic!("no host prefix: {error}"))
        .unwrap_or_default();
    let url = format!("https://{prefix}{}", case.host);
    // The token the protocol tests expect when the client fills one in.
    anvil_runtime::wire::pin_idempotency_token(Some(
        "00000000-0000-4000-8000-000000000000".to_string(),
    ));
    let mut request = O::build_request(&input, &url)
        .unwrap_or_else(|error| panic!("no request was built: {error}"));
    // What the client does next, before signing: compression and checksums, as configured
    // by default.
    anvil_runtime::request_body::finish_body::<O>(
        &mut request,
        &anvil_runtime::CompressionConfig::default(),
    )
    .unwrap_or_else(|error| panic!("the body could not be finished: {error}"));
    let mut problems = Vec::new();
    if request.method().as_str() != case.method {
        problems.push(format!(
            "method: expected {}, sent {}",
            case.method,
            request.method()
        ));
    }
    if request.uri().path() != case.uri {
        problems.push(format!(
            "path: expected {:?}, sent {:?}",
            case.uri,
            request.uri().path()
        ));
    }
    if let Some(expected) = case.resolved_host {
        let sent = request.uri().host().unwrap_or_default();
        if sent != expected {
            problems.push(format!("host: expected {expected:?}, sent {sent:?}"));
        }
    }
    check_query(&request, case, &mut problems);
    check_headers(
        request.headers(),
        case.headers,
        case.forbid_headers,
        case.require_headers,
        &mut problems,
    );
    if let Some(expected) = case.body {
        check_body(
            expected,
            request.body(),
            case.body_media_type,
            &mut problems,
        );
    }
    report(problems, &request);
}

fn check_query(
    request: &anvil_runtime::http::Request<Vec<u8>>,
    case: &RequestCase,
    problems: &mut Vec<String>,
) {
    let query = request.uri().query().unwrap_or_default();
    let mut sent: Vec<(String, String)> = query
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(split_pair)
        .collect();
    let all_sent = sent.clone();
    for expected in case.query_params {
        let wanted = split_pair(expected);
        match sent.iter().position(|pair| *pair == wanted) {
            Some(index) => {
                sent.remove(index);
            }
            None => problems.push(format!("query: expected {expected:?} in {query:?}",)),
        }
    }
    for name in case.forbid_query_params {
        if all_sent.iter().any(|(key, _)| key == name) {
            problems.push(format!("query: {name:?} is sent but forbidden ({query:?})"));
        }
    }
    for name in case.require_query_params {
        if !all_sent.iter().any(|(key, _)| key == name) {
            problems.push(format!("query: {name:?} is required ({query:?})"));
        }
    }
}

/// A query pair `name=value`, both percent-decoded.
fn split_pair(pair: &str) -> (String, String) {
    let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
    (percent_decode(name), percent_decode(value))
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut index = 0;
    while index < bytes.len() {
        let escaped = (bytes[index] == b'%')
            .then(|| text.get(index + 1..index + 3))
            .flatten()
            .and_then(|hex| u8::from_str_radix(hex, 16).ok());
        match escaped {
            Some(byte) => {
                out.push(byte);
                index += 3;
            }
            None => {
                out.push(bytes[index]);
                index += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn check_headers(
    sent: &anvil_runtime::http::HeaderMap,
    expected: &[(&str, &str)],
    forbidden: &[&str],
    required: &[&str],
    problems: &mut Vec<String>,
) {
    for (name, value) in expected {
        let values: Vec<String> = sent
            .get_all(*name)
            .iter()
            .map(|value| String::from_utf8_lossy(value.as_bytes()).into_owned())
            .collect();
        if values.is_empty() {
            problems.push(format!("header {name}: expected {value:?}, not sent"));
        } else if values.join(", ") != *value {
            problems.push(format!(
                "header {name}: expected {value:?}, sent {:?}",
                values.join(", ")
            ));
        }
    }
    for name in forbidden {
        if sent.contains_key(*name) {
            problems.push(format!("header {name}: sent but forbidden"));
        }
    }
    for name in required {
        if !sent.contains_key(*name) {
            problems.push(format!("header {name}: required but not sent"));
        }
    }
}

fn check_body(expected: &str, sent: &[u8], media_type: Option<&str>, problems: &mut Vec<String>) {
    let sent_text = String::from_utf8_lossy(sent);
    let is_json = media_type.is_some_and(|media_type| media_type.contains("json"));
    if is_json && !(expected.is_empty() && sent.is_empty()) {
        let parsed_expected =
            anvil_runtime::json::parse(expected).expect("the case's body is JSON");
        match anvil_runtime::json::parse(&sent_text) {
            Ok(parsed_sent) => {
                if let Some(difference) = difference(&parsed_expected, &parsed_sent, "", false) {
                    problems.push(format!(
                        "body: {difference}\n  expected {expected}\n  sent     {sent_text}"
                    ));
                }
            }
            Err(_) => problems.push(format!(
                "body: expected JSON {expected}, sent {sent_text:?}"
            )),
        }
    } else if sent != expected.as_bytes() {
        problems.push(format!("body: expected {expected:?}, sent {sent_text:?}"));
    }
}

fn report(problems: Vec<String>, request: &anvil_runtime::http::Request<Vec<u8>>) {
    if !problems.is_empty() {
        panic!(
            "{}\n  request: {} {}",
            problems.join("\n"),
            request.method(),
            request.uri()
        );
    }
}

/// The response of `case`.
pub fn response(case: &ResponseCase) -> anvil_runtime::http::Response<Vec<u8>> {
    let mut builder = anvil_runtime::http::Response::builder().status(case.code);
    for (name, value) in case.headers {
        builder = builder.header(*name, *value);
    }
    builder
        .body(case.body.as_bytes().to_vec())
        .expect("the case's response is valid HTTP")
}

/// Reads the response of `case` with operation `O` and compares the output's JSON with
/// `expected`.
pub fn check_output<O>(case: &ResponseCase, expected: &str)
where
    O: Operation,
    O::Output: JsonOutput,
    O::Error: std::fmt::Debug,
{
    match O::parse_response(&response(case)) {
        Ok(output) => check_json(&output.to_json(), expected),
        Err(error) => panic!("expected an output, read the error {error:?}"),
    }
}

/// Compares what `write` writes (an error's members) with `expected`.
pub fn check_error_json(write: impl FnOnce(&mut JsonWriter), expected: &str) {
    let mut out = JsonWriter::new(JsonStyle::Display);
    write(&mut out);
    check_json(&out.finish(), expected);
}

fn check_json(actual: &str, expected: &str) {
    let actual_value = anvil_runtime::json::parse(actual).expect("to_json writes JSON");
    let expected_value = anvil_runtime::json::parse(expected).expect("the params are JSON");
    if let Some(difference) = difference(&expected_value, &actual_value, "", true) {
        panic!("{difference}\n  expected {expected}\n  read     {actual}");
    }
}

/// Where `actual` differs from `expected`, if it does. Members set to `null` count as
/// absent; numbers compare by value (`narrow`: also equal once narrowed to 32 bits, for
/// `float` members read back as JSON); `"NaN"` equals `"NaN"`.
fn difference(expected: &Value, actual: &Value, path: &str, narrow: bool) -> Option<String> {
    match (expected, actual) {
        (Value::Object(expected_map), Value::Object(actual_map)) => {
            for (key, item) in expected_map {
                let other = actual_map.get(key).unwrap_or(&Value::Null);
                if let Some(found) = difference(item, other, &format!("{path}.{key}"), narrow) {
                    return Some(found);
                }
            }
            actual_map
                .iter()
                .find(|(key, item)| !item.is_null() && !expected_map.contains_key(*key))
                .map(|(key, item)| format!("{path}.{key}: not expected, found {item:?}"))
        }
        (Value::Array(expected_items), Value::Array(actual_items)) => {
            if expected_items.len() != actual_items.len() {
                return Some(format!(
                    "{path}: expected {} items, found {}",
                    expected_items.len(),
                    actual_items.len()
                ));
            }
            expected_items
                .iter()
                .zip(actual_items)
                .enumerate()
                .find_map(|(index, (a, b))| difference(a, b, &format!("{path}[{index}]"), narrow))
        }
        (Value::Number(a), Value::Number(b)) => {
            let (x, y) = (
                a.as_str().parse::<f64>().unwrap_or(f64::NAN),
                b.as_str().parse::<f64>().unwrap_or(f64::NAN),
            );
            let same = a.as_str() == b.as_str() || x == y || (narrow && x as f32 == y as f32);
            (!same).then(|| format!("{path}: expected {}, found {}", a.as_str(), b.as_str()))
        }
        _ if expected == actual => None,
        _ => Some(format!("{path}: expected {expected:?}, found {actual:?}")),
    }
}
