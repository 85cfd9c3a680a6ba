//! `OperationEntry::call`, the JSON path `anvil call` takes, against the local test server:
//! each way a call can end arrives as its own `CallOutcome`.

mod e2e_support;

use std::time::Duration;

use anvil_runtime::OperationEntry;
use anvil_runtime::client::Config;
use anvil_runtime::entry_call::CallOutcome;
use anvil_runtime::retry::RetryConfig;
use anvil_runtime::transport::{DispatchErrorKind, TimeoutConfig};
use anvil_test_server::{Action, Reply, refused_url};
use e2e_support::{config, config_with, credentials, retries, runtime, server};
use serde_json::{Value, json};

fn entry(service: &str, name: &str) -> &'static OperationEntry {
    anvil_sdk::OPERATIONS
        .iter()
        .find(|entry| entry.service.name == service && entry.name == name)
        .expect("the operation is in the table")
}

fn update_user_input() -> Value {
    json!({
        "IdentityStoreId": "d-1234567890",
        "UserId": "b8e4b7a6-2e4f-4c5a-9d7e-0123456789ab",
        "Operations": [{"AttributePath": "displayName", "AttributeValue": "Jane"}],
    })
}

/// `value` as the runtime's JSON tree, which the table's entries read.
fn runtime_json(value: &Value) -> anvil_runtime::json::Value {
    anvil_runtime::json::parse(&value.to_string()).expect("valid JSON")
}

fn call_update_user(config: Config, input: &Value) -> CallOutcome {
    let future = (entry("identitystore", "UpdateUser").call)(&runtime_json(input), config)
        .expect("the JSON fits the input");
    runtime().block_on(future)
}

#[test]
fn every_entry_calls_its_own_operation() {
    let server = server();
    for entry in anvil_sdk::OPERATIONS {
        let reply = match entry.service.name {
            "datazone" => Reply::rest_json(200, r#"{"id":"up-1"}"#),
            "codestar" => {
                Reply::aws_json(200, r#"{"userArn":"arn:aws:iam::123456789012:user/jane"}"#)
            }
            _ => Reply::aws_json(200, "{}"),
        };
        server.reply(reply);
        let input = match (entry.service.name, entry.name) {
            ("identitystore", _) => update_user_input(),
            ("workmail", _) => json!({
                "OrganizationId": "m-0123456789abcdef0123456789abcdef",
                "UserId": "b8e4b7a6-2e4f-4c5a-9d7e-0123456789ab",
            }),
            ("codestar", _) => json!({"userArn": "arn:aws:iam::123456789012:user/jane"}),
            ("datazone", "CreateUserProfile") => json!({
                "domainIdentifier": "dzd_4p9n6sw4qt9xgn",
                "userIdentifier": "b8e4b7a6-2e4f-4c5a-9d7e-0123456789ab",
            }),
            _ => json!({
                "domainIdentifier": "dzd_4p9n6sw4qt9xgn",
                "userIdentifier": "b8e4b7a6-2e4f-4c5a-9d7e-0123456789ab",
                "status": "ACTIVATED",
            }),
        };
        let future = (entry.call)(&runtime_json(&input), config(&server)).expect("the JSON fits");
        match runtime().block_on(future) {
            CallOutcome::Output(output) => {
                let output: Value = serde_json::from_str(&output).expect("JSON output");
                assert!(output.is_object(), "{}: {output}", entry.name);
            }
            other => panic!("{} {}: {other:?}", entry.service.name, entry.name),
        }
        let attempts = server.assert_all_signed();
        let last = attempts.last().expect("a request arrived");
        let claims = &last.signature.as_ref().expect("verified").authorization;
        assert_eq!(claims.service, entry.service.signing_name.expect("signed"));
    }
    assert_eq!(server.attempt_count(), anvil_sdk::OPERATIONS.len());
}

#[test]
fn a_service_error_keeps_code_message_status_and_request_id() {
    let server = server();
    server.reply(
        Reply::aws_json_error(409, "ConflictException", "taken")
            .header("x-amzn-RequestId", "req-conflict"),
    );
    match call_update_user(config(&server), &update_user_input()) {
        CallOutcome::ServiceError(summary) => {
            assert_eq!(summary.code.as_deref(), Some("ConflictException"));
            assert_eq!(summary.message.as_deref(), Some("taken"));
            assert_eq!(summary.status, 409);
            assert_eq!(summary.request_id.as_deref(), Some("req-conflict"));
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn invalid_input_is_refused_unless_validation_is_off() {
    let server = server();
    let mut input = update_user_input();
    input["IdentityStoreId"] = json!("not an id");
    match call_update_user(config(&server), &input) {
        CallOutcome::InvalidInput(report) => {
            assert!(!report.violations().is_empty());
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(server.attempt_count(), 0);

    server.reply(Reply::aws_json(200, "{}"));
    let unchecked = Config::builder()
        .region(e2e_support::REGION)
        .credentials(credentials())
        .endpoint_url(server.url())
        .validation(false)
        .build();
    assert!(matches!(
        call_update_user(unchecked, &input),
        CallOutcome::Output(_)
    ));
    assert_eq!(server.attempt_count(), 1);

    let not_the_input = json!({"IdentityStoreId": 42});
    let call = entry("identitystore", "UpdateUser").call;
    assert!(call(&runtime_json(&not_the_input), config(&server)).is_err());
}

#[test]
fn no_region_is_a_construction_failure() {
    let server = server();
    let config = Config::builder()
        .credentials(credentials())
        .endpoint_url(server.url())
        .build();
    match call_update_user(config, &update_user_input()) {
        CallOutcome::Construction(message) => assert!(message.contains("region"), "{message}"),
        other => panic!("{other:?}"),
    }
    assert_eq!(server.attempt_count(), 0);
}

#[test]
fn a_refused_connection_is_a_dispatch_failure() {
    let config = Config::builder()
        .region(e2e_support::REGION)
        .credentials(credentials())
        .endpoint_url(refused_url())
        .retry(anvil_runtime::retry::RetryStrategy::new(
            RetryConfig::disabled(),
        ))
        .build();
    match call_update_user(config, &update_user_input()) {
        CallOutcome::Dispatch(error) => assert_eq!(error.kind(), DispatchErrorKind::Connect),
        other => panic!("{other:?}"),
    }
}

#[test]
fn the_operation_timeout_and_an_unreadable_answer_have_their_own_outcomes() {
    let server = server();
    server.push(Action::Delay(
        Duration::from_secs(3),
        Reply::aws_json(200, "{}"),
    ));
    let limit = Duration::from_millis(300);
    let timeouts = TimeoutConfig::default().with_operation(Some(limit));
    let config = config_with(&server, retries(10, 50), 1.0, timeouts);
    match call_update_user(config, &update_user_input()) {
        CallOutcome::Timeout(timeout) => assert_eq!(timeout, limit),
        other => panic!("{other:?}"),
    }

    let server = e2e_support::server();
    server.reply(Reply::aws_json(200, "this is not JSON"));
    match call_update_user(e2e_support::config(&server), &update_user_input()) {
        CallOutcome::Unreadable(message) => assert!(!message.is_empty()),
        other => panic!("{other:?}"),
    }
}
