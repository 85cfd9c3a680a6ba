//! `anvil_runtime::client::invoke` on generated operations, through the replaying transport:
//! validation before sending, the endpoint from the rule set, SigV4, retries of transient
//! and throttling errors, no retry of client errors, one idempotency token for all attempts.

use std::sync::Arc;
use std::time::Duration;

use anvil_runtime::client::{Config, SdkError, invoke};
use anvil_runtime::credentials::{Credentials, SharedCredentialsProvider};
use anvil_runtime::http::Response;
use anvil_runtime::retry::{FixedJitter, RetryConfig, RetryStrategy};
use anvil_runtime::transport::test_util::ReplayClient;
use anvil_sdk::datazone::operation::create_user_profile::{
    CreateUserProfile, CreateUserProfileInput,
};
use anvil_sdk::identitystore::operation::update_user::{UpdateUser, UpdateUserInput};
use anvil_sdk::identitystore::types::AttributeOperation;

fn response(status: u16, headers: &[(&str, &str)], body: &str) -> Response<Vec<u8>> {
    let mut builder = Response::builder().status(status);
    for (name, value) in headers {
        builder = builder.header(*name, *value);
    }
    builder.body(body.as_bytes().to_vec()).unwrap()
}

/// A config over `transport` with test credentials and millisecond backoff.
fn config(transport: &Arc<ReplayClient>) -> Config {
    let strategy = RetryStrategy::new(
        RetryConfig::default()
            .with_initial_backoff(Duration::from_millis(1))
            .with_max_backoff(Duration::from_millis(5)),
    )
    .with_jitter(FixedJitter(1.0));
    Config::builder()
        .region("eu-west-1")
        .credentials(SharedCredentialsProvider::new(Credentials::new(
            "AKIDEXAMPLE",
            "secret",
            None,
            None,
            "test",
        )))
        .retry(strategy)
        .http_client(Arc::clone(transport))
        .build()
}

fn update_user() -> UpdateUserInput {
    UpdateUserInput::builder()
        .identity_store_id("d-1234567890")
        .user_id("b8e4b7a6-2e4f-4c5a-9d7e-0123456789ab")
        .operations(
            AttributeOperation::builder()
                .attribute_path("displayName")
                .build()
                .unwrap(),
        )
        .build()
        .unwrap()
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()
        .unwrap()
}

#[test]
fn a_call_is_validated_resolved_signed_and_parsed() {
    let transport = Arc::new(ReplayClient::with_responses([response(200, &[], "{}")]));
    runtime()
        .block_on(invoke::<UpdateUser>(&config(&transport), update_user()))
        .unwrap();
    let sent = transport.requests();
    assert_eq!(sent.len(), 1);
    assert_eq!(
        sent[0].uri().to_string(),
        "https://identitystore.eu-west-1.amazonaws.com/"
    );
    let authorization = sent[0].headers()["authorization"].to_str().unwrap();
    assert!(
        authorization.starts_with("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/"),
        "{authorization}"
    );
    assert!(authorization.contains("/eu-west-1/identitystore/aws4_request"));

    let invalid = UpdateUserInput::builder()
        .identity_store_id("not an id")
        .user_id("u")
        .operations(
            AttributeOperation::builder()
                .attribute_path("a")
                .build()
                .unwrap(),
        )
        .build()
        .unwrap();
    let error = runtime()
        .block_on(invoke::<UpdateUser>(&config(&transport), invalid))
        .unwrap_err();
    assert!(matches!(error, SdkError::InvalidInput(_)), "{error}");
    assert_eq!(transport.request_count(), 1, "nothing more was sent");
}

#[test]
fn transient_and_throttling_errors_are_retried_client_errors_are_not() {
    let transport = Arc::new(ReplayClient::with_responses([
        response(500, &[], "{}"),
        response(200, &[], "{}"),
    ]));
    runtime()
        .block_on(invoke::<UpdateUser>(&config(&transport), update_user()))
        .unwrap();
    assert_eq!(transport.request_count(), 2);

    let throttled = || {
        response(
            400,
            &[("x-amzn-errortype", "ThrottlingException")],
            r#"{"Message":"slow down"}"#,
        )
    };
    let transport = Arc::new(ReplayClient::with_responses([
        throttled(),
        throttled(),
        throttled(),
    ]));
    let error = runtime()
        .block_on(invoke::<UpdateUser>(&config(&transport), update_user()))
        .unwrap_err();
    assert_eq!(transport.request_count(), 3, "at most 3 attempts");
    let service_error = error.service_error().expect("a service error");
    assert!(service_error.is_throttling_exception(), "{error}");

    let transport = Arc::new(ReplayClient::with_responses([response(
        400,
        &[("x-amzn-errortype", "ValidationException")],
        r#"{"Message":"bad"}"#,
    )]));
    let error = runtime()
        .block_on(invoke::<UpdateUser>(&config(&transport), update_user()))
        .unwrap_err();
    assert_eq!(transport.request_count(), 1, "a client error is sent once");
    assert!(
        matches!(error, SdkError::Service { status: 400, .. }),
        "{error}"
    );
}

#[test]
fn every_attempt_carries_the_same_idempotency_token() {
    let transport = Arc::new(ReplayClient::with_responses([
        response(503, &[], ""),
        response(200, &[], "{}"),
    ]));
    let input = CreateUserProfileInput::builder()
        .domain_identifier("dzd_4p9n6sw4qt9xgn")
        .user_identifier("b8e4b7a6-2e4f-4c5a-9d7e-0123456789ab")
        .build()
        .unwrap();
    runtime()
        .block_on(invoke::<CreateUserProfile>(&config(&transport), input))
        .unwrap();
    let tokens: Vec<String> = transport
        .requests()
        .iter()
        .map(|request| {
            let body: serde_json::Value = serde_json::from_slice(request.body()).unwrap();
            body["clientToken"].as_str().unwrap().to_string()
        })
        .collect();
    assert_eq!(tokens.len(), 2);
    assert!(!tokens[0].is_empty());
    assert_eq!(tokens[0], tokens[1]);
    assert!(
        transport.requests()[0]
            .uri()
            .to_string()
            .starts_with("https://datazone.eu-west-1.api.aws/v2/domains/dzd_4p9n6sw4qt9xgn/")
    );
}
