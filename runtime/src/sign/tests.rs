use std::error::Error;
use std::time::{Duration, SystemTime};

use super::*;

const SECRET: &str = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
const EMPTY_SHA256: &str = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

/// 2015-08-30T12:36:00Z, the time of AWS's published SigV4 test suite.
fn suite_time() -> SystemTime {
    SystemTime::UNIX_EPOCH + Duration::from_secs(1_440_938_160)
}

fn params(time: SystemTime) -> SigningParams<'static> {
    SigningParams::from_parts("service", "us-east-1", None, time)
}

fn long_term() -> Credentials {
    Credentials::new("AKIDEXAMPLE", SECRET, None, None, "test")
}

fn request(method: &str, uri: &str) -> http::Request<Vec<u8>> {
    let mut request = http::Request::new(Vec::new());
    *request.method_mut() = method.parse().expect("test method");
    *request.uri_mut() = uri.parse().expect("test uri");
    request
}

fn header<'a>(request: &'a http::Request<Vec<u8>>, name: &str) -> &'a str {
    request.headers()[name].to_str().expect("ascii header")
}

fn signature(request: &http::Request<Vec<u8>>) -> &str {
    let authorization = header(request, "authorization");
    let (_, signature) = authorization.split_once("Signature=").expect("a signature");
    signature
}

#[test]
fn get_vanilla_from_the_aws_suite() {
    let mut request = request("GET", "/");
    request
        .headers_mut()
        .insert(HOST, HeaderValue::from_static("example.amazonaws.com"));
    sign_request(&mut request, &long_term(), &params(suite_time())).expect("signed");
    assert_eq!(header(&request, "x-amz-date"), "20150830T123600Z");
    assert_eq!(
        header(&request, "authorization"),
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, \
         SignedHeaders=host;x-amz-date, \
         Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"
    );
    assert!(!request.headers().contains_key("x-amz-security-token"));
    assert!(!request.headers().contains_key(CONTENT_SHA256));
}

#[test]
fn an_absolute_uri_gives_the_host_header_that_is_signed() {
    let mut from_uri = request("GET", "https://Example.AmazonAWS.com:443/");
    sign_request(&mut from_uri, &long_term(), &params(suite_time())).expect("signed");
    assert_eq!(header(&from_uri, "host"), "example.amazonaws.com");
    assert_eq!(
        signature(&from_uri),
        "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"
    );

    let mut other_port = request("GET", "http://localhost:8080/");
    sign_request(&mut other_port, &long_term(), &params(suite_time())).expect("signed");
    assert_eq!(header(&other_port, "host"), "localhost:8080");
}

#[test]
fn a_host_header_wins_over_the_uri() {
    let mut request = request("GET", "https://elsewhere.example/");
    request
        .headers_mut()
        .insert(HOST, HeaderValue::from_static("example.amazonaws.com"));
    sign_request(&mut request, &long_term(), &params(suite_time())).expect("signed");
    assert_eq!(header(&request, "host"), "example.amazonaws.com");
    assert_eq!(
        signature(&request),
        "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"
    );
}

#[test]
fn no_host_anywhere_is_an_error() {
    let mut request = request("GET", "/users/42");
    let error = sign_request(&mut request, &long_term(), &params(suite_time())).unwrap_err();
    assert!(
        matches!(error, SigningError::MissingHost { .. }),
        "{error:?}"
    );
    assert!(error.to_string().contains("/users/42"), "{error}");
    assert!(!request.headers().contains_key("authorization"));
}

#[test]
fn a_session_token_is_sent_and_signed() {
    let credentials = Credentials::new("AKIDEXAMPLE", SECRET, Some("TOKEN".into()), None, "test");
    let mut request = request("GET", "https://example.amazonaws.com/");
    sign_request(&mut request, &credentials, &params(suite_time())).expect("signed");
    assert_eq!(header(&request, "x-amz-security-token"), "TOKEN");
    assert!(request.headers()["x-amz-security-token"].is_sensitive());
    assert!(
        header(&request, "authorization")
            .contains("SignedHeaders=host;x-amz-date;x-amz-security-token,")
    );
}

#[test]
fn signing_again_replaces_the_earlier_signature() {
    let token = Credentials::new("AKIDEXAMPLE", SECRET, Some("TOKEN".into()), None, "test");
    let mut request = request("GET", "https://example.amazonaws.com/");
    sign_request(&mut request, &token, &params(suite_time())).expect("signed");
    let later = suite_time() + Duration::from_secs(61);
    sign_request(&mut request, &long_term(), &params(later)).expect("signed again");

    assert_eq!(header(&request, "x-amz-date"), "20150830T123701Z");
    assert_eq!(request.headers().get_all("authorization").iter().count(), 1);
    assert_eq!(request.headers().get_all("x-amz-date").iter().count(), 1);
    assert!(!request.headers().contains_key("x-amz-security-token"));

    let mut fresh = self::request("GET", "https://example.amazonaws.com/");
    sign_request(&mut fresh, &long_term(), &params(later)).expect("signed");
    assert_eq!(signature(&request), signature(&fresh));
}

#[test]
fn content_sha256_header_carries_the_body_hash() {
    let mut request = request("PUT", "https://example.amazonaws.com/");
    let with_header = SigningParams {
        content_sha256_header: true,
        ..params(suite_time())
    };
    sign_request(&mut request, &long_term(), &with_header).expect("signed");
    assert_eq!(header(&request, CONTENT_SHA256), EMPTY_SHA256);
    assert!(
        header(&request, "authorization")
            .contains("SignedHeaders=host;x-amz-content-sha256;x-amz-date,")
    );
}

#[test]
fn unsigned_payload_says_so_in_its_header() {
    let mut request = request("PUT", "https://example.amazonaws.com/");
    *request.body_mut() = b"streamed".to_vec();
    let unsigned = SigningParams {
        unsigned_payload: true,
        ..params(suite_time())
    };
    sign_request(&mut request, &long_term(), &unsigned).expect("signed");
    assert_eq!(header(&request, CONTENT_SHA256), "UNSIGNED-PAYLOAD");

    let mut other_body = self::request("PUT", "https://example.amazonaws.com/");
    *other_body.body_mut() = b"something else".to_vec();
    sign_request(&mut other_body, &long_term(), &unsigned).expect("signed");
    assert_eq!(signature(&request), signature(&other_body));
}

#[test]
fn double_encoding_is_the_default_and_can_be_turned_off() {
    let uri = "https://example.amazonaws.com/users/a%2Fb/./c";
    let mut double = request("GET", uri);
    sign_request(&mut double, &long_term(), &params(suite_time())).expect("signed");
    let mut single = request("GET", uri);
    let s3_style = SigningParams {
        disable_double_encoding: true,
        ..params(suite_time())
    };
    sign_request(&mut single, &long_term(), &s3_style).expect("signed");
    assert_ne!(signature(&double), signature(&single));
}

/// Renders an error with its whole source chain, both ways it may be printed.
fn everything_printed(error: &SigningError) -> String {
    let mut printed = format!("{error} {error:?}");
    let mut source = error.source();
    while let Some(cause) = source {
        printed.push_str(&format!(" {cause} {cause:?}"));
        source = cause.source();
    }
    printed
}

#[test]
fn errors_never_show_the_secret_or_the_token() {
    let credentials = Credentials::new(
        "AKIDEXAMPLE",
        "CANARY-SECRET-1234",
        Some("CANARY-TOKEN-5678\nsecond line".into()),
        None,
        "test",
    );
    let mut request = request("GET", "https://example.amazonaws.com/");
    let error = sign_request(&mut request, &credentials, &params(suite_time())).unwrap_err();
    let printed = everything_printed(&error);
    assert!(!printed.contains("CANARY"), "{printed}");
    assert!(!request.headers().contains_key("authorization"));
}

#[test]
fn header_values_that_are_not_text_are_named_but_not_shown() {
    let mut request = request("GET", "https://example.amazonaws.com/");
    request.headers_mut().insert(
        "x-custom",
        HeaderValue::from_bytes(b"CANARY-\xff").expect("opaque bytes"),
    );
    let error = sign_request(&mut request, &long_term(), &params(suite_time())).unwrap_err();
    assert!(matches!(&error, SigningError::HeaderNotText { name } if name == "x-custom"));
    let printed = everything_printed(&error);
    assert!(!printed.contains("CANARY"), "{printed}");
}
