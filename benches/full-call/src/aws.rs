//! aws-sdk-rust's side: the same calls through its own in-memory test client.
//!
//! Settings: static credentials (behind the SDK's default identity cache), the same region,
//! `BehaviorVersion::latest()`, the standard retry config (as ours: up to 3 attempts), and
//! stalled-stream protection off (ours has none; it only watches streaming bodies anyway).
//! Everything else is the SDK's default.

use aws_credential_types::Credentials;
use aws_sdk_datazone::types::{UserProfileStatus, UserProfileType};
use aws_sdk_identitystore::types::AttributeOperation;
use aws_smithy_http_client::test_util::infallible_client_fn;
use aws_smithy_runtime_api::client::behavior_version::BehaviorVersion;
use aws_smithy_runtime_api::client::http::SharedHttpClient;
use aws_smithy_runtime_api::client::stalled_stream_protection::StalledStreamProtectionConfig;
use aws_smithy_types::Document;
use aws_smithy_types::body::SdkBody;
use aws_smithy_types::retry::RetryConfig;

use crate::responses::*;

fn canned(content_type: &'static str, body: &'static str) -> SharedHttpClient {
    infallible_client_fn(move |_request| {
        http::Response::builder()
            .status(200)
            .header("content-type", content_type)
            .header("x-amzn-requestid", REQUEST_ID)
            .body(SdkBody::from(body))
            .expect("a valid canned response")
    })
}

fn credentials() -> Credentials {
    Credentials::new(ACCESS_KEY_ID, SECRET_ACCESS_KEY, None, None, "bench")
}

pub fn identitystore_client() -> aws_sdk_identitystore::Client {
    let config = aws_sdk_identitystore::Config::builder()
        .behavior_version(BehaviorVersion::latest())
        .region(aws_sdk_identitystore::config::Region::new(REGION))
        .credentials_provider(credentials())
        .http_client(canned(UPDATE_USER_CONTENT_TYPE, UPDATE_USER_BODY))
        .retry_config(RetryConfig::standard())
        .stalled_stream_protection(StalledStreamProtectionConfig::disabled())
        .build();
    aws_sdk_identitystore::Client::from_conf(config)
}

pub fn datazone_client() -> aws_sdk_datazone::Client {
    let config = aws_sdk_datazone::Config::builder()
        .behavior_version(BehaviorVersion::latest())
        .region(aws_sdk_datazone::config::Region::new(REGION))
        .credentials_provider(credentials())
        .http_client(canned(
            UPDATE_USER_PROFILE_CONTENT_TYPE,
            UPDATE_USER_PROFILE_BODY,
        ))
        .retry_config(RetryConfig::standard())
        .stalled_stream_protection(StalledStreamProtectionConfig::disabled())
        .build();
    aws_sdk_datazone::Client::from_conf(config)
}

pub async fn update_user(client: &aws_sdk_identitystore::Client) {
    let operation = AttributeOperation::builder()
        .attribute_path(ATTRIBUTE_PATH)
        .attribute_value(Document::String(ATTRIBUTE_VALUE.into()))
        .build()
        .expect("a complete operation");
    client
        .update_user()
        .identity_store_id(IDENTITY_STORE_ID)
        .user_id(USER_ID)
        .operations(operation)
        .send()
        .await
        .expect("UpdateUser succeeds");
}

pub async fn update_user_profile(client: &aws_sdk_datazone::Client) {
    let output = client
        .update_user_profile()
        .domain_identifier(DOMAIN_ID)
        .user_identifier(USER_ARN)
        .status(UserProfileStatus::Assigned)
        .r#type(UserProfileType::Iam)
        .send()
        .await
        .expect("UpdateUserProfile succeeds");
    assert_eq!(output.domain_id(), Some(DOMAIN_ID));
}
