//! The verifier against the botocore-recorded vectors of `tests/fixtures/sigv4/*.json`: for
//! every signed request botocore produced, the canonical request, string to sign and
//! signature recomputed here must be botocore's, and any change to the request must make
//! it fail. Only then is a 403 from the test server evidence of a bad signature.

use std::path::Path;

use anvil_test_server::sigv4::{PathRules, RawRequest, verify};
use serde_json::Value;

struct Vector {
    name: String,
    secret: String,
    rules: PathRules,
    request: RawRequest,
    expect: Value,
}

fn text(value: &Value, pointer: &str) -> String {
    value
        .pointer(pointer)
        .and_then(Value::as_str)
        .unwrap_or_else(|| panic!("{pointer} is not text"))
        .to_string()
}

fn pairs(value: &Value) -> Vec<(String, String)> {
    value
        .as_array()
        .expect("headers are an array")
        .iter()
        .map(|pair| (text(pair, "/0"), text(pair, "/1")))
        .collect()
}

/// The request as it would reach a server: the signed headers botocore produced plus the
/// `Host` header an HTTP client adds (the port only when it is not the scheme's default).
fn vector(value: &Value) -> Vector {
    let url = text(value, "/request/url");
    let after_scheme = url.split_once("://").expect("absolute URL").1;
    let (authority, target) = match after_scheme.find('/') {
        Some(slash) => after_scheme.split_at(slash),
        None => (after_scheme, "/"),
    };
    let host = authority.strip_suffix(":443").unwrap_or(authority);
    let mut headers = pairs(&value["expect"]["headers"]);
    headers.push(("Host".to_string(), host.to_string()));
    let as_sent = value["signing"]["disable_double_encoding"].as_bool() == Some(true);
    Vector {
        name: text(value, "/name"),
        secret: text(value, "/credentials/secret_access_key"),
        rules: PathRules {
            double_encode: !as_sent,
            normalize: !as_sent,
        },
        request: RawRequest {
            method: text(value, "/request/method"),
            target: target.to_string(),
            headers,
            body: text(value, "/request/body").into_bytes(),
        },
        expect: value["expect"].clone(),
    }
}

fn vectors() -> Vec<Vector> {
    let directory = Path::new(env!("CARGO_MANIFEST_DIR")).join("../fixtures/sigv4");
    let mut files: Vec<_> = std::fs::read_dir(&directory)
        .expect("the vectors directory")
        .map(|entry| entry.expect("a directory entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .collect();
    files.sort();
    let mut vectors = Vec::new();
    for file in files {
        let document: Value =
            serde_json::from_str(&std::fs::read_to_string(&file).expect("readable")).unwrap();
        for value in document["vectors"].as_array().expect("a vectors array") {
            vectors.push(vector(value));
        }
    }
    vectors
}

#[test]
fn every_recorded_vector_verifies_with_botocores_intermediate_values() {
    let vectors = vectors();
    assert!(vectors.len() >= 80, "only {} vectors found", vectors.len());
    for vector in &vectors {
        let verified = verify(&vector.request, &vector.secret, vector.rules)
            .unwrap_or_else(|error| panic!("{}: {error}", vector.name));
        let recomputed = &verified.recomputed;
        assert_eq!(
            recomputed.canonical_request,
            text(&vector.expect, "/canonical_request"),
            "{}",
            vector.name
        );
        assert_eq!(
            recomputed.string_to_sign,
            text(&vector.expect, "/string_to_sign"),
            "{}",
            vector.name
        );
        assert_eq!(
            recomputed.signature,
            text(&vector.expect, "/signature"),
            "{}",
            vector.name
        );
    }
}

#[test]
fn any_change_to_a_signed_request_fails_verification() {
    for vector in vectors() {
        let name = &vector.name;
        let check = |request: &RawRequest, secret: &str| verify(request, secret, vector.rules);
        assert!(
            check(&vector.request, "another secret").is_err(),
            "{name}: wrong secret"
        );

        let mut body = vector.request.clone();
        body.body.extend_from_slice(b" ");
        let unsigned_payload =
            vector.request.header("x-amz-content-sha256") == Some("UNSIGNED-PAYLOAD");
        assert_eq!(
            check(&body, &vector.secret).is_err(),
            !unsigned_payload,
            "{name}: body changed"
        );

        let mut method = vector.request.clone();
        method.method = if method.method == "GET" { "PUT" } else { "GET" }.to_string();
        assert!(
            check(&method, &vector.secret).is_err(),
            "{name}: method changed"
        );

        let mut target = vector.request.clone();
        target.target.push_str(if target.target.contains('?') {
            "&x=1"
        } else {
            "?x=1"
        });
        assert!(
            check(&target, &vector.secret).is_err(),
            "{name}: query added"
        );

        let mut host = vector.request.clone();
        if let Some(entry) = host
            .headers
            .iter_mut()
            .find(|(key, _)| key.eq_ignore_ascii_case("host"))
        {
            entry.1.insert_str(0, "evil.");
        }
        assert!(
            check(&host, &vector.secret).is_err(),
            "{name}: host changed"
        );

        let mut unsigned = vector.request.clone();
        unsigned
            .headers
            .retain(|(key, _)| !key.eq_ignore_ascii_case("authorization"));
        assert!(
            check(&unsigned, &vector.secret).is_err(),
            "{name}: not signed"
        );
    }
}
