//! Each of the five operations called for real over HTTP against the local test server,
//! through the generated clients (`Client::new(&config).operation()...send()`):
//! the request arrives signed (the server checks SigV4 on its own) for the right service
//! and region, on the right method, path and target, and a real output body is read.

mod e2e_support;

use anvil_runtime::DateTime;
use anvil_sdk::datazone::types::{UserProfileDetails, UserProfileStatus, UserProfileType};
use anvil_test_server::Reply;
use e2e_support::{assert_signed_for, block_on, body_json, config, requests, server};
use serde_json::json;

#[test]
fn identitystore_update_user() {
    let server = server();
    server.reply(Reply::aws_json(200, "{}"));
    block_on(requests::identitystore_update_user(&config(&server)).send())
        .expect("the call succeeds");
    let attempts = assert_signed_for(&server, "identitystore");
    assert_eq!(attempts.len(), 1);
    let request = &attempts[0].request;
    assert_eq!(
        (request.method.as_str(), request.target.as_str()),
        ("POST", "/")
    );
    assert_eq!(
        request.header("x-amz-target"),
        Some("AWSIdentityStore.UpdateUser")
    );
    assert_eq!(
        body_json(&attempts[0]),
        json!({
            "IdentityStoreId": "d-1234567890",
            "UserId": requests::USER,
            "Operations": [{"AttributePath": "displayName"}],
        })
    );
}

#[test]
fn workmail_update_user() {
    let server = server();
    server.reply(Reply::aws_json(200, "{}"));
    block_on(requests::workmail_update_user(&config(&server)).send()).expect("the call succeeds");
    let attempts = assert_signed_for(&server, "workmail");
    assert_eq!(attempts.len(), 1);
    assert_eq!(
        attempts[0].request.header("x-amz-target"),
        Some("WorkMailService.UpdateUser")
    );
    assert_eq!(body_json(&attempts[0])["DisplayName"], "Jane Doe");
}

#[test]
fn codestar_update_user_profile() {
    let server = server();
    server.reply(Reply::aws_json(
        200,
        &json!({
            "userArn": requests::USER_ARN,
            "displayName": "Jane",
            "emailAddress": "jane@example.com",
            "createdTimestamp": 1_700_000_000,
            "lastModifiedTimestamp": 1_700_000_123.5,
        })
        .to_string(),
    ));
    let output = block_on(requests::codestar_update_user_profile(&config(&server)).send())
        .expect("the call succeeds");
    assert_eq!(output.user_arn(), requests::USER_ARN);
    assert_eq!(output.display_name(), Some("Jane"));
    assert_eq!(output.email_address(), Some("jane@example.com"));
    assert_eq!(
        output.created_timestamp(),
        Some(DateTime::from_secs(1_700_000_000))
    );
    let attempts = assert_signed_for(&server, "codestar");
    assert_eq!(
        attempts[0].request.header("x-amz-target"),
        Some("CodeStar_20170419.UpdateUserProfile")
    );
}

/// A DataZone user profile as the service describes one.
fn datazone_profile(status: &str) -> String {
    json!({
        "domainId": requests::DOMAIN,
        "id": "up-42",
        "type": "IAM",
        "status": status,
        "details": {"iam": {"arn": "arn:aws:iam::123456789012:role/analyst"}},
    })
    .to_string()
}

#[test]
fn datazone_create_user_profile() {
    let server = server();
    server.reply(Reply::rest_json(201, &datazone_profile("ASSIGNED")));
    let output = block_on(requests::datazone_create_user_profile(&config(&server)).send())
        .expect("the call succeeds");
    assert_eq!(output.domain_id(), Some(requests::DOMAIN));
    assert_eq!(output.id(), Some("up-42"));
    assert_eq!(output.r#type(), Some(&UserProfileType::Iam));
    assert_eq!(output.status(), Some(&UserProfileStatus::Assigned));
    match output.details() {
        Some(UserProfileDetails::Iam(iam)) => {
            assert_eq!(iam.arn(), Some("arn:aws:iam::123456789012:role/analyst"));
        }
        other => panic!("IAM details expected, got {other:?}"),
    }
    let attempts = assert_signed_for(&server, "datazone");
    let request = &attempts[0].request;
    assert_eq!(
        (request.method.as_str(), request.target.as_str()),
        ("POST", "/v2/domains/dzd_4p9n6sw4qt9xgn/user-profiles")
    );
    let body = body_json(&attempts[0]);
    assert_eq!(body["userIdentifier"], requests::USER);
    assert!(
        body["clientToken"]
            .as_str()
            .is_some_and(|token| !token.is_empty()),
        "an idempotency token is filled in: {body}"
    );
}

#[test]
fn datazone_update_user_profile() {
    let server = server();
    server.reply(Reply::rest_json(200, &datazone_profile("ACTIVATED")));
    let output = block_on(requests::datazone_update_user_profile(&config(&server)).send())
        .expect("the call succeeds");
    assert_eq!(output.status(), Some(&UserProfileStatus::Activated));
    assert_eq!(output.id(), Some("up-42"));
    let attempts = assert_signed_for(&server, "datazone");
    let request = &attempts[0].request;
    assert_eq!(
        (request.method.as_str(), request.target.as_str()),
        (
            "PUT",
            "/v2/domains/dzd_4p9n6sw4qt9xgn/user-profiles/b8e4b7a6-2e4f-4c5a-9d7e-0123456789ab"
        )
    );
    assert_eq!(body_json(&attempts[0]), json!({"status": "ACTIVATED"}));
}
