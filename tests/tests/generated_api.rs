//! The generated crate's public API behaves as documented: builders name missing members,
//! enums keep unknown values, Debug redacts sensitive data, error enums expose code and
//! message.

use anvil_runtime::{Document, UnhandledError};
use anvil_sdk::datazone::types::{UserProfileDetails, UserProfileStatus};
use anvil_sdk::identitystore::error::ResourceNotFoundException;
use anvil_sdk::identitystore::operation::update_user::{UpdateUserError, UpdateUserInput};
use anvil_sdk::identitystore::types::AttributeOperation;
use anvil_sdk::workmail::operation::update_user::UpdateUserInput as WorkMailUpdateUserInput;

#[test]
fn builder_builds_a_complete_input() {
    let operation = AttributeOperation::builder()
        .attribute_path("displayName")
        .attribute_value(Document::from("Jane"))
        .build()
        .unwrap();
    let input = UpdateUserInput::builder()
        .identity_store_id("d-1234567890")
        .user_id("b8e4b7a6-2e4f-4c5a-9d7e-0123456789ab")
        .operations(operation.clone())
        .build()
        .unwrap();
    assert_eq!(input.identity_store_id(), Some("d-1234567890"));
    assert_eq!(input.operations(), Some(&[operation][..]));
    assert_eq!(
        input.operations().unwrap()[0].attribute_path(),
        "displayName"
    );
}

#[test]
fn builder_names_the_missing_required_member() {
    let error = UpdateUserInput::builder()
        .identity_store_id("d-1234567890")
        .user_id("u")
        .build()
        .unwrap_err();
    assert_eq!(error.shape(), "UpdateUserInput");
    assert_eq!(error.member(), "Operations");
    assert!(error.to_string().contains("Operations"), "{error}");
    let nested = AttributeOperation::builder().build().unwrap_err();
    assert_eq!(nested.member(), "AttributePath");
}

#[test]
fn enums_keep_unknown_values() {
    assert_eq!(
        UserProfileStatus::from("ACTIVATED"),
        UserProfileStatus::Activated
    );
    assert_eq!(UserProfileStatus::Activated.as_str(), "ACTIVATED");
    let future = UserProfileStatus::from("SUSPENDED_LATER");
    assert!(matches!(future, UserProfileStatus::Unknown(_)));
    assert_eq!(future.as_str(), "SUSPENDED_LATER");
    assert!(UserProfileStatus::values().contains(&"NOT_ASSIGNED"));
    assert_eq!(
        "ASSIGNED".parse::<UserProfileStatus>().unwrap(),
        UserProfileStatus::Assigned
    );
}

#[test]
fn debug_redacts_sensitive_members() {
    let input = WorkMailUpdateUserInput::builder()
        .organization_id("m-0123456789abcdef0123456789abcdef")
        .user_id("user")
        .first_name("Secret-Given-Name")
        .build()
        .unwrap();
    let printed = format!("{input:?}");
    assert!(!printed.contains("Secret-Given-Name"), "{printed}");
    assert!(
        printed.contains("*** Sensitive Data Redacted ***"),
        "{printed}"
    );
    assert!(
        printed.contains("m-0123456789abcdef0123456789abcdef"),
        "{printed}"
    );
    let builder = WorkMailUpdateUserInput::builder().first_name("Secret-Given-Name");
    assert!(!format!("{builder:?}").contains("Secret-Given-Name"));
}

#[test]
fn unions_expose_their_member() {
    let details = UserProfileDetails::Unknown;
    assert!(details.is_unknown());
    assert!(details.as_iam().is_err());
}

#[test]
fn error_enums_give_code_and_message() {
    let modeled = UpdateUserError::ResourceNotFoundException(
        ResourceNotFoundException::builder()
            .message("no such user")
            .build(),
    );
    assert_eq!(modeled.code(), Some("ResourceNotFoundException"));
    assert_eq!(modeled.message(), Some("no such user"));
    assert!(modeled.is_resource_not_found_exception());
    assert_eq!(
        modeled.to_string(),
        "ResourceNotFoundException: no such user"
    );
    let unhandled = UpdateUserError::Unhandled(
        UnhandledError::new()
            .with_code("Teapot")
            .with_message("short and stout"),
    );
    assert_eq!(unhandled.code(), Some("Teapot"));
    assert_eq!(unhandled.message(), Some("short and stout"));
}

#[test]
fn parse_response_reads_modeled_errors_with_their_headers() {
    use anvil_sdk::identitystore::operation::update_user::parse_response;

    let throttled = response(
        400,
        &[("Retry-After", "3"), ("x-amzn-RequestId", "r-1")],
        r#"{"__type":"com.amazonaws.identitystore#ThrottlingException","Message":"slow down"}"#,
    );
    match parse_response(&throttled) {
        Err(UpdateUserError::ThrottlingException(error)) => {
            assert_eq!(error.retry_after_seconds(), 3);
            assert_eq!(error.message(), Some("slow down"));
        }
        other => panic!("expected ThrottlingException, got {other:?}"),
    }
    let not_json = response(200, &[], "{\"a\": tru");
    match parse_response(&not_json) {
        Err(UpdateUserError::InvalidResponse(error)) => {
            // The body ends inside `tru`: reading stopped at its end, byte 9.
            assert_eq!(error.offset(), Some(9));
            assert!(error.to_string().contains("UpdateUser"), "{error}");
        }
        other => panic!("expected InvalidResponse, got {other:?}"),
    }
    let unknown = response(
        418,
        &[],
        r#"{"__type":"Teapot:http://x","message":"short"}"#,
    );
    match parse_response(&unknown) {
        Err(UpdateUserError::Unhandled(error)) => {
            assert_eq!(error.code(), Some("Teapot"));
            assert_eq!(error.status(), Some(418));
        }
        other => panic!("expected Unhandled, got {other:?}"),
    }
}

/// A response with this status, headers and body.
fn response(
    status: u16,
    headers: &[(&str, &str)],
    body: &str,
) -> anvil_runtime::http::Response<Vec<u8>> {
    let mut builder = anvil_runtime::http::Response::builder().status(status);
    for (name, value) in headers {
        builder = builder.header(*name, *value);
    }
    builder.body(body.as_bytes().to_vec()).unwrap()
}
