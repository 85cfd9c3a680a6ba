//! The generated `Client` and its fluent builders, through the replaying transport: the
//! setters build the same input as the input builder, `send()` runs the whole call, and
//! input errors (unset required members included) are reported before anything is sent.

use std::sync::Arc;

use anvil_runtime::credentials::{Credentials, SharedCredentialsProvider};
use anvil_runtime::http::Response;
use anvil_runtime::transport::test_util::ReplayClient;
use anvil_sdk::datazone::types::UserProfileStatus;
use anvil_sdk::identitystore::types::AttributeOperation;
use anvil_sdk::{Config, SdkError};

fn config(transport: &Arc<ReplayClient>) -> Config {
    Config::builder()
        .region("eu-west-1")
        .credentials(SharedCredentialsProvider::new(Credentials::new(
            "AKIDEXAMPLE",
            "secret",
            None,
            None,
            "test",
        )))
        .http_client(Arc::clone(transport))
        .build()
}

fn ok(body: &str) -> Response<Vec<u8>> {
    Response::builder()
        .status(200)
        .body(body.as_bytes().to_vec())
        .unwrap()
}

fn block_on<F: std::future::Future>(future: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()
        .unwrap()
        .block_on(future)
}

#[test]
fn clients_are_cheap_to_share_across_threads() {
    fn shareable<T: Clone + Send + Sync + 'static>() {}
    shareable::<anvil_sdk::identitystore::Client>();
    shareable::<anvil_sdk::datazone::Client>();
    shareable::<anvil_sdk::workmail::Client>();
    shareable::<anvil_sdk::codestar::Client>();
}

#[test]
fn send_builds_the_same_request_as_the_input_builder() {
    let transport = Arc::new(ReplayClient::with_responses([ok("{}")]));
    let client = anvil_sdk::identitystore::Client::new(&config(&transport));
    let operation = AttributeOperation::builder()
        .attribute_path("displayName")
        .build()
        .unwrap();
    let call = client
        .update_user()
        .identity_store_id("d-1234567890")
        .user_id("b8e4b7a6-2e4f-4c5a-9d7e-0123456789ab")
        .operations(operation.clone());
    assert_eq!(
        call.get_identity_store_id().as_deref(),
        Some("d-1234567890")
    );
    block_on(call.send()).unwrap();

    let sent = transport.requests();
    assert_eq!(sent.len(), 1);
    let expected = anvil_sdk::identitystore::operation::update_user::UpdateUserInput::builder()
        .identity_store_id("d-1234567890")
        .user_id("b8e4b7a6-2e4f-4c5a-9d7e-0123456789ab")
        .operations(operation)
        .build()
        .unwrap()
        .to_request("https://identitystore.eu-west-1.amazonaws.com")
        .unwrap();
    assert_eq!(sent[0].uri(), expected.uri());
    assert_eq!(sent[0].body(), expected.body());
    assert!(sent[0].headers().contains_key("authorization"));
}

#[test]
fn unset_required_members_are_reported_with_every_other_violation_before_sending() {
    let transport = Arc::new(ReplayClient::with_responses([ok("{}")]));
    let client = anvil_sdk::identitystore::Client::new(&config(&transport));
    let error = block_on(client.update_user().identity_store_id("bad id").send()).unwrap_err();
    let SdkError::InvalidInput(report) = &error else {
        panic!("expected InvalidInput, got {error:?}");
    };
    let report = report.to_string();
    for member in ["IdentityStoreId", "UserId", "Operations"] {
        assert!(report.contains(member), "{member} missing from: {report}");
    }
    assert!(transport.requests().is_empty());
}

#[test]
fn the_output_and_service_errors_come_back_typed() {
    let transport = Arc::new(ReplayClient::with_responses([
        ok(r#"{"id":"u-1","status":"ACTIVATED","type":"IAM"}"#),
        Response::builder()
            .status(403)
            .header("x-amzn-requestid", "req-9")
            .body(br#"{"message":"no"}"#.to_vec())
            .unwrap(),
    ]));
    let client = anvil_sdk::datazone::Client::new(&config(&transport));
    let call = || {
        client
            .update_user_profile()
            .domain_identifier("dzd_abc123")
            .user_identifier("u-1")
            .status(UserProfileStatus::Activated)
            .send()
    };
    let output = block_on(call()).unwrap();
    assert_eq!(output.id(), Some("u-1"));
    assert_eq!(output.status(), Some(&UserProfileStatus::Activated));

    let error = block_on(call()).unwrap_err();
    let SdkError::Service {
        status, request_id, ..
    } = &error
    else {
        panic!("expected a service error, got {error:?}");
    };
    assert_eq!(*status, 403);
    assert_eq!(request_id.as_deref(), Some("req-9"));
}
