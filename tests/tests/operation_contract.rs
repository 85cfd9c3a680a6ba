//! The contract the client stands on: every generated operation implements
//! `anvil_runtime::Operation`, errors report the model's `@error`, `@retryable` and
//! `@httpError` facts through `ErrorMetadata`, `prepare` fixes the idempotency token once
//! for every attempt, and the crate's `OPERATIONS` table reaches every operation.

use anvil_runtime::endpoint::BuiltIns;
use anvil_runtime::http::{Request, Response};
use anvil_runtime::json::parse;
use anvil_runtime::operation::{ParsedResponse, PreparedRequest};
use anvil_runtime::{CallSettings, ErrorMetadata, Fault, Operation, RetryKind};
use anvil_sdk::codestar::operation::update_user_profile::UpdateUserProfile as CodeStarUpdate;
use anvil_sdk::datazone::operation::create_user_profile::{
    CreateUserProfile, CreateUserProfileInput,
};
use anvil_sdk::datazone::operation::update_user_profile::UpdateUserProfile as DataZoneUpdate;
use anvil_sdk::identitystore::operation::update_user::{UpdateUser, UpdateUserError};
use anvil_sdk::workmail::operation::update_user::UpdateUser as WorkMailUpdate;
use serde_json::Value;

/// The operation's name and service, read through the trait only.
fn identity<O: Operation>() -> (&'static str, &'static str) {
    (O::SERVICE.name, O::NAME)
}

#[test]
fn the_five_operations_implement_the_trait() {
    assert_eq!(
        [
            identity::<CodeStarUpdate>(),
            identity::<CreateUserProfile>(),
            identity::<DataZoneUpdate>(),
            identity::<UpdateUser>(),
            identity::<WorkMailUpdate>(),
        ],
        [
            ("codestar", "UpdateUserProfile"),
            ("datazone", "CreateUserProfile"),
            ("datazone", "UpdateUserProfile"),
            ("identitystore", "UpdateUser"),
            ("workmail", "UpdateUser"),
        ]
    );
}

fn response(status: u16, headers: &[(&str, &str)], body: &str) -> Response<Vec<u8>> {
    let mut builder = Response::builder().status(status);
    for (name, value) in headers {
        builder = builder.header(*name, *value);
    }
    builder.body(body.as_bytes().to_vec()).unwrap()
}

/// Parses an IdentityStore UpdateUser error response through the trait.
fn identitystore_error(status: u16, code: &str) -> UpdateUserError {
    let body = format!(r#"{{"__type":"com.amazonaws.identitystore#{code}","Message":"m"}}"#);
    let headers = [("x-amzn-RequestId", "req-7")];
    UpdateUser::parse_response(&response(status, &headers, &body)).unwrap_err()
}

#[test]
fn throttling_is_a_throttling_retry_and_the_clients_fault() {
    let error = identitystore_error(429, "ThrottlingException");
    assert!(error.is_throttling_exception());
    assert_eq!(error.retryable(), Some(RetryKind::Throttling));
    assert_eq!(error.fault(), Some(Fault::Client));
    assert_eq!(error.http_status(), Some(429));
    assert_eq!(ErrorMetadata::code(&error), Some("ThrottlingException"));
    assert_eq!(ErrorMetadata::message(&error), Some("m"));
}

#[test]
fn internal_server_errors_are_transient_and_the_servers_fault() {
    let error = identitystore_error(500, "InternalServerException");
    assert_eq!(error.retryable(), Some(RetryKind::Transient));
    assert_eq!(error.fault(), Some(Fault::Server));
    assert_eq!(error.http_status(), Some(500));
}

#[test]
fn validation_errors_are_the_clients_fault_and_not_retryable() {
    let error = identitystore_error(400, "ValidationException");
    assert_eq!(error.retryable(), None);
    assert_eq!(error.fault(), Some(Fault::Client));
    assert_eq!(error.http_status(), Some(400));
    assert!(error.response_error().is_none());
}

#[test]
fn unhandled_errors_carry_status_code_and_request_id() {
    let error = identitystore_error(503, "SlowDown");
    assert!(error.is_unhandled());
    assert_eq!(ErrorMetadata::code(&error), Some("SlowDown"));
    assert_eq!(error.http_status(), Some(503));
    assert_eq!(error.request_id(), Some("req-7"));
    assert_eq!(error.fault(), Some(Fault::Server));
    assert_eq!(error.retryable(), None);
}

#[test]
fn unreadable_responses_say_so() {
    let error = UpdateUser::parse_response(&response(200, &[], "{oops")).unwrap_err();
    assert!(error.is_invalid_response());
    let problem = error.response_error().expect("a response error");
    assert_eq!(problem.offset(), Some(1));
    assert_eq!(ErrorMetadata::code(&error), None);
}

fn create_profile_input() -> CreateUserProfileInput {
    CreateUserProfileInput::builder()
        .domain_identifier("dzd_4p9n6sw4qt9xgn")
        .user_identifier("arn:aws:iam::123456789012:role/DataScientist")
        .build()
        .unwrap()
}

fn client_token(request: &Request<Vec<u8>>) -> String {
    let body: Value = serde_json::from_slice(request.body()).unwrap();
    body["clientToken"]
        .as_str()
        .expect("the body carries a client token")
        .to_string()
}

#[test]
fn prepare_fixes_the_idempotency_token_for_every_attempt() {
    const ENDPOINT: &str = "https://datazone.us-east-1.api.aws";
    let mut input = create_profile_input();
    assert_eq!(input.client_token(), None);
    CreateUserProfile::prepare(&mut input);
    let token = input
        .client_token()
        .expect("prepare fills the token")
        .to_string();
    let first = CreateUserProfile::build_request(&input, ENDPOINT).unwrap();
    let second = CreateUserProfile::build_request(&input, ENDPOINT).unwrap();
    assert_eq!(client_token(&first), token);
    assert_eq!(client_token(&second), token);
    // A second `prepare` keeps the token it finds.
    CreateUserProfile::prepare(&mut input);
    assert_eq!(input.client_token(), Some(token.as_str()));
}

#[test]
fn without_prepare_each_request_mints_its_own_token() {
    const ENDPOINT: &str = "https://datazone.us-east-1.api.aws";
    let input = create_profile_input();
    let first = CreateUserProfile::build_request(&input, ENDPOINT).unwrap();
    let second = CreateUserProfile::build_request(&input, ENDPOINT).unwrap();
    assert_ne!(client_token(&first), client_token(&second));
    assert_eq!(input.client_token(), None);
}

#[test]
fn requests_are_http_requests() {
    let input = create_profile_input();
    let request = input
        .to_request("https://datazone.us-east-1.api.aws/")
        .unwrap();
    assert_eq!(request.method(), "POST");
    assert_eq!(
        request.uri().to_string(),
        "https://datazone.us-east-1.api.aws/v2/domains/dzd_4p9n6sw4qt9xgn/user-profiles"
    );
    assert_eq!(request.headers()["content-type"], "application/json");
    assert_eq!(
        request.headers()["content-length"],
        request.body().len().to_string().as_str()
    );
}

#[test]
fn the_table_reaches_every_operation() {
    let names: Vec<(&str, &str)> = anvil_sdk::OPERATIONS
        .iter()
        .map(|entry| (entry.service.name, entry.name))
        .collect();
    assert_eq!(
        names,
        [
            ("codestar", "UpdateUserProfile"),
            ("datazone", "CreateUserProfile"),
            ("datazone", "UpdateUserProfile"),
            ("identitystore", "UpdateUser"),
            ("workmail", "UpdateUser"),
        ]
    );
    assert_eq!(anvil_sdk::identitystore::OPERATIONS.len(), 1);
    assert_eq!(anvil_sdk::datazone::OPERATIONS.len(), 2);
}

fn entry(service: &str, name: &str) -> &'static anvil_runtime::OperationEntry {
    anvil_sdk::OPERATIONS
        .iter()
        .find(|entry| entry.service.name == service && entry.name == name)
        .unwrap()
}

#[test]
fn table_entries_build_requests_from_json() {
    let create = entry("datazone", "CreateUserProfile");
    let input =
        parse(r#"{"domainIdentifier": "dzd_4p9n6sw4qt9xgn", "userIdentifier": "u-1"}"#).unwrap();
    let settings = CallSettings::new(BuiltIns::new().region("eu-west-1"));
    let prepared = (create.request)(&input, &settings, true).unwrap();
    let PreparedRequest::Ready(ready) = prepared else {
        panic!("expected a request, got {prepared:?}");
    };
    let (request, endpoint) = *ready;
    assert_eq!(endpoint.url(), "https://datazone.eu-west-1.api.aws");
    assert!(
        request
            .uri()
            .to_string()
            .starts_with("https://datazone.eu-west-1.api.aws/v2/domains/dzd_4p9n6sw4qt9xgn/")
    );
    assert!(!client_token(&request).is_empty());
    let invalid =
        parse(r#"{"domainIdentifier": "not a domain id", "userIdentifier": "u-1"}"#).unwrap();
    assert!(matches!(
        (create.request)(&invalid, &settings, true).unwrap(),
        PreparedRequest::Invalid(_)
    ));
    assert!((create.validate_json)(&invalid).unwrap().is_err());
    assert!((create.validate_json)(&parse(r#"{"nope": 1}"#).unwrap()).is_err());
}

#[test]
fn table_entries_summarize_responses() {
    let update = entry("identitystore", "UpdateUser");
    assert_eq!(update.service.signing_name, Some("identitystore"));
    assert!(update.signed);
    assert_eq!(
        (update.parse_response)(&response(200, &[], "{}")),
        ParsedResponse::Output("{}".to_string())
    );
    let throttled = response(
        429,
        &[("x-amzn-RequestId", "req-9")],
        r#"{"__type":"ThrottlingException","Message":"slow down"}"#,
    );
    let ParsedResponse::ServiceError(summary) = (update.parse_response)(&throttled) else {
        panic!("expected a service error");
    };
    assert_eq!(summary.code.as_deref(), Some("ThrottlingException"));
    assert_eq!(summary.message.as_deref(), Some("slow down"));
    assert_eq!(summary.status, 429);
    assert_eq!(summary.request_id.as_deref(), Some("req-9"));
    assert_eq!(summary.retryable, Some(RetryKind::Throttling));
    assert!(matches!(
        (update.parse_response)(&response(200, &[], "<html>")),
        ParsedResponse::Unreadable(_)
    ));
}
