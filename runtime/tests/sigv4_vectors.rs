//! Signs the requests of `tests/fixtures/sigv4/*.json` and compares with what botocore's
//! signer produced for them (`tests/botocore/make_sigv4_vectors.py` made the files).
//!
//! Compared for every vector:
//! - the signature headers, byte for byte: `Authorization` (credential scope, signed
//!   header list and signature), `X-Amz-Date`, `X-Amz-Security-Token` and
//!   `x-amz-content-sha256`, each present exactly when botocore sent it;
//! - every other header of the signed request: the caller's headers must come out
//!   unchanged (the `Host` header the signer adds from the URI is the only extra one);
//! - the canonical request, as our signer reports it through `tracing` (it redacts the
//!   session token there, so botocore's is redacted the same way before comparing);
//! - the string to sign: its date and scope lines against ours, and as a whole through the
//!   signature (HMAC over the string to sign with the same key: equal signatures mean
//!   equal strings to sign).
//!
//! Vectors with a `known_divergence` record a case where botocore and `aws-sigv4` (whose
//! path rules our signer keeps) disagree on purpose; for those the test requires the disagreement to be exactly the one described
//! (the path line of the canonical request, hence the signature) and nothing else.

mod canonical_capture;

use std::time::{Duration, SystemTime};

use anvil_runtime::credentials::Credentials;
use anvil_runtime::sign::{SigningParams, sign_request};
use serde_json::Value;

/// One vector file's worth of mismatches, or nothing.
fn check_file(path: &std::path::Path, failures: &mut Vec<String>) -> usize {
    let text = std::fs::read_to_string(path).expect("vector file is readable");
    let document: Value = serde_json::from_str(&text).expect("vector file is JSON");
    let vectors = document["vectors"].as_array().expect("a vectors array");
    for vector in vectors {
        let name = vector["name"].as_str().expect("a name");
        for problem in check_vector(vector) {
            failures.push(format!("{}: {name}: {problem}", file_name(path)));
        }
    }
    vectors.len()
}

fn file_name(path: &std::path::Path) -> String {
    path.file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn text(value: &Value) -> &str {
    value.as_str().expect("a string in the vector")
}

fn build_request(recorded: &Value) -> http::Request<Vec<u8>> {
    let mut builder = http::Request::builder()
        .method(text(&recorded["method"]))
        .uri(text(&recorded["url"]));
    for pair in recorded["headers"].as_array().expect("headers") {
        builder = builder.header(text(&pair[0]), text(&pair[1]));
    }
    builder
        .body(text(&recorded["body"]).as_bytes().to_vec())
        .expect("a valid request")
}

fn check_vector(vector: &Value) -> Vec<String> {
    let mut problems = Vec::new();
    let mut request = build_request(&vector["request"]);
    let recorded_credentials = &vector["credentials"];
    let credentials = Credentials::new(
        text(&recorded_credentials["access_key_id"]),
        text(&recorded_credentials["secret_access_key"]),
        recorded_credentials["session_token"]
            .as_str()
            .map(str::to_owned),
        None,
        "vectors",
    );
    let signing = &vector["signing"];
    let epoch_seconds = signing["time_epoch_seconds"].as_u64().expect("a time");
    let params = SigningParams {
        signing_name: text(&signing["name"]),
        signing_region: text(&signing["region"]),
        time: SystemTime::UNIX_EPOCH + Duration::from_secs(epoch_seconds),
        disable_double_encoding: signing["disable_double_encoding"] == true,
        content_sha256_header: signing["content_sha256_header"] == true,
        unsigned_payload: signing["unsigned_payload"] == true,
    };

    let had_host = request.headers().contains_key(http::header::HOST);
    let (result, canonical_requests) =
        canonical_capture::capture(|| sign_request(&mut request, &credentials, &params));
    if let Err(error) = result {
        return vec![format!("signing failed: {error}")];
    }

    let expect = &vector["expect"];
    if vector.get("known_divergence").is_some() {
        return check_known_divergence(&request, &canonical_requests, expect);
    }
    compare_headers(&request, &expect["headers"], had_host, &mut problems);
    compare_canonical_request(
        &canonical_requests,
        text(&expect["canonical_request"]),
        &mut problems,
    );
    compare_string_to_sign(&request, text(&expect["string_to_sign"]), &mut problems);
    problems
}

/// A vector where the canonical requests are known to differ in the path (see its
/// `known_divergence`): every other line must still agree, and so must every header but
/// the signature, which must differ (a different path signs differently).
fn check_known_divergence(
    request: &http::Request<Vec<u8>>,
    captured: &[String],
    expect: &Value,
) -> Vec<String> {
    let mut problems = Vec::new();
    let theirs = redact_token(text(&expect["canonical_request"]));
    let [ours] = captured else {
        return vec![format!(
            "expected one canonical request, got {}",
            captured.len()
        )];
    };
    let ours_lines: Vec<&str> = ours.split('\n').collect();
    let their_lines: Vec<&str> = theirs.split('\n').collect();
    let differing: Vec<usize> = (0..ours_lines.len().max(their_lines.len()))
        .filter(|&index| ours_lines.get(index) != their_lines.get(index))
        .collect();
    if differing != [1] {
        problems.push(format!(
            "expected the canonical requests to differ in the path line only, they differ in \
             lines {differing:?}\n--- ours\n{ours}\n--- botocore\n{theirs}\n---"
        ));
    }
    let unsigned = |authorization: &str| {
        authorization
            .split_once("Signature=")
            .map(|(head, _)| head.to_owned())
            .unwrap_or_default()
    };
    let ours_authorization = request
        .headers()
        .get("authorization")
        .and_then(|value| value.to_str().ok())
        .unwrap_or_default();
    let their_authorization = expect["headers"]
        .as_array()
        .expect("expected headers")
        .iter()
        .find(|pair| text(&pair[0]).eq_ignore_ascii_case("authorization"))
        .map(|pair| text(&pair[1]))
        .unwrap_or_default();
    if unsigned(ours_authorization) != unsigned(their_authorization)
        || ours_authorization == their_authorization
    {
        problems.push(format!(
            "expected Authorization to differ in the signature only\n    ours:     \
             {ours_authorization}\n    botocore: {their_authorization}"
        ));
    }
    problems
}

/// All headers of the signed request against botocore's, as sorted (name, value) lists.
fn compare_headers(
    request: &http::Request<Vec<u8>>,
    expected: &Value,
    had_host: bool,
    problems: &mut Vec<String>,
) {
    let mut ours: Vec<(String, String)> = request
        .headers()
        .iter()
        .filter(|(name, _)| had_host || *name != http::header::HOST)
        .map(|(name, value)| {
            let value = String::from_utf8_lossy(value.as_bytes()).into_owned();
            (name.as_str().to_owned(), value)
        })
        .collect();
    let mut theirs: Vec<(String, String)> = expected
        .as_array()
        .expect("expected headers")
        .iter()
        .map(|pair| {
            (
                text(&pair[0]).to_ascii_lowercase(),
                text(&pair[1]).to_owned(),
            )
        })
        .collect();
    // Repeated headers keep their order; sort stably by name only.
    ours.sort_by(|left, right| left.0.cmp(&right.0));
    theirs.sort_by(|left, right| left.0.cmp(&right.0));
    if ours != theirs {
        problems.push(format!(
            "headers differ\n    ours:     {ours:?}\n    botocore: {theirs:?}"
        ));
    }
}

/// The signer redacts the session token in the canonical request it logs; do the same to
/// botocore's before comparing.
fn redact_token(canonical_request: &str) -> String {
    canonical_request
        .lines()
        .map(|line| match line.strip_prefix("x-amz-security-token:") {
            Some(token) => format!(
                "x-amz-security-token:** redacted (length={}) **",
                token.len()
            ),
            None => line.to_owned(),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn compare_canonical_request(captured: &[String], expected: &str, problems: &mut Vec<String>) {
    match captured {
        [ours] => {
            let theirs = redact_token(expected);
            if *ours != theirs {
                problems.push(format!(
                    "canonical requests differ\n--- ours\n{ours}\n--- botocore\n{theirs}\n---"
                ));
            }
        }
        _ => problems.push(format!(
            "expected one canonical request from the signer's trace output, got {}",
            captured.len()
        )),
    }
}

/// The string to sign is `algorithm \n date \n scope \n hash`; its date and scope must be
/// the ones in our headers (the hash line is covered by the canonical request and the
/// signature).
fn compare_string_to_sign(
    request: &http::Request<Vec<u8>>,
    expected: &str,
    problems: &mut Vec<String>,
) {
    let lines: Vec<&str> = expected.split('\n').collect();
    let header = |name: &str| {
        request
            .headers()
            .get(name)
            .and_then(|value| value.to_str().ok())
            .unwrap_or_default()
    };
    let authorization = header("authorization");
    let scope = authorization
        .split_once("Credential=")
        .and_then(|(_, rest)| rest.split_once(','))
        .and_then(|(credential, _)| credential.split_once('/'))
        .map(|(_, scope)| scope)
        .unwrap_or_default();
    let ok = lines.len() == 4
        && lines[0] == "AWS4-HMAC-SHA256"
        && lines[1] == header("x-amz-date")
        && lines[2] == scope;
    if !ok {
        problems.push(format!(
            "string to sign {expected:?} does not match date {:?} and scope {scope:?}",
            header("x-amz-date")
        ));
    }
}

#[test]
fn signatures_match_botocore() {
    let directory =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/sigv4");
    let mut paths: Vec<_> = std::fs::read_dir(&directory)
        .expect("the vector directory exists")
        .map(|entry| entry.expect("a directory entry").path())
        .filter(|path| {
            path.extension()
                .is_some_and(|extension| extension == "json")
        })
        .collect();
    paths.sort();
    assert!(
        paths.len() >= 6,
        "expected the five operations and the edge cases"
    );

    let mut failures = Vec::new();
    let mut count = 0;
    for path in &paths {
        count += check_file(path, &mut failures);
    }
    assert!(count >= 50, "only {count} vectors");
    assert!(
        failures.is_empty(),
        "{} problems across {count} vectors compared with botocore:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
