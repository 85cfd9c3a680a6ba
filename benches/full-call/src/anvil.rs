//! Our side: the generated anvil-sdk calls through an in-memory HTTP client.

use anvil_runtime::credentials::{Credentials, SharedCredentialsProvider};
use anvil_runtime::http;
use anvil_runtime::transport::{DispatchFuture, HttpClient, HttpRequest};
use anvil_sdk::Config;
use anvil_sdk::datazone::types::{UserProfileStatus, UserProfileType};
use anvil_sdk::identitystore::types::AttributeOperation;

use crate::responses::*;

/// Answers every request with the same 200 response, without looking at it.
struct CannedClient {
    content_type: &'static str,
    body: &'static str,
}

impl HttpClient for CannedClient {
    fn dispatch(&self, _request: HttpRequest) -> DispatchFuture {
        let response = http::Response::builder()
            .status(200)
            .header("content-type", self.content_type)
            .header("x-amzn-requestid", REQUEST_ID)
            .body(self.body.as_bytes().to_vec())
            .expect("a valid canned response");
        Box::pin(async move { Ok(response) })
    }
}

/// A config as a user would build it: static credentials, a fixed region, validation on,
/// the default retry strategy and timeouts, endpoints from the service's rules.
fn config(client: CannedClient) -> Config {
    let credentials = Credentials::new(ACCESS_KEY_ID, SECRET_ACCESS_KEY, None, None, "bench");
    Config::builder()
        .region(REGION)
        .credentials(SharedCredentialsProvider::new(credentials))
        .http_client(client)
        .build()
}

pub fn identitystore_client() -> anvil_sdk::identitystore::Client {
    anvil_sdk::identitystore::Client::new(&config(CannedClient {
        content_type: UPDATE_USER_CONTENT_TYPE,
        body: UPDATE_USER_BODY,
    }))
}

pub fn datazone_client() -> anvil_sdk::datazone::Client {
    anvil_sdk::datazone::Client::new(&config(CannedClient {
        content_type: UPDATE_USER_PROFILE_CONTENT_TYPE,
        body: UPDATE_USER_PROFILE_BODY,
    }))
}

/// IdentityStore UpdateUser with one attribute operation.
pub async fn update_user(client: &anvil_sdk::identitystore::Client) {
    let operation = AttributeOperation::builder()
        .attribute_path(ATTRIBUTE_PATH)
        .attribute_value(anvil_runtime::Document::String(ATTRIBUTE_VALUE.into()))
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

/// DataZone UpdateUserProfile (restJson1: labels in the path, a JSON body).
pub async fn update_user_profile(client: &anvil_sdk::datazone::Client) {
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
