//! `anvil call` for each of the five operations against the local test server: success
//! (exit 0, the output as `parse-response` prints it), an error answered by the service
//! (exit 1, its code, message, status and request id), input that breaks the model (exit
//! 1, the validation report, nothing sent) and a call that gets no verdict (exit 2: a
//! refused connection, no credentials).

mod call_support;

use anvil_test_server::{Reply, refused_url};
use call_support::{CREDENTIALS_ENV, anvil_with_env, assert_signed_for, call, server};
use serde_json::json;

/// One operation and what the server answers it with.
struct Case {
    service: &'static str,
    operation: &'static str,
    /// The signing name the request must be signed for.
    signing_name: &'static str,
    valid_input: &'static str,
    invalid_input: &'static str,
    success: Reply,
    /// A member the printed output must hold, and its value.
    output_member: (&'static str, serde_json::Value),
    error: Reply,
}

fn aws_json_error() -> Reply {
    Reply::aws_json_error(400, "ValidationException", "the user is not known")
        .header("x-amzn-RequestId", "req-cli-error")
}

fn rest_json_error() -> Reply {
    Reply::rest_json_error(404, "ResourceNotFoundException", "the user is not known")
        .header("x-amzn-RequestId", "req-cli-error")
}

fn datazone_profile() -> String {
    json!({
        "domainId": "dzd_4p9n6sw4qt9xgn",
        "id": "up-7",
        "type": "IAM",
        "status": "ACTIVATED",
        "details": {"iam": {"arn": "arn:aws:iam::123456789012:role/analyst"}},
    })
    .to_string()
}

fn cases() -> Vec<Case> {
    vec![
        Case {
            service: "identitystore",
            operation: "UpdateUser",
            signing_name: "identitystore",
            valid_input: r#"{"IdentityStoreId":"d-1234567890","UserId":"b8e4b7a6-2e4f-4c5a-9d7e-0123456789ab","Operations":[{"AttributePath":"displayName","AttributeValue":"Jane"}]}"#,
            invalid_input: r#"{"IdentityStoreId":"not an id","UserId":"b8e4b7a6-2e4f-4c5a-9d7e-0123456789ab","Operations":[{"AttributePath":"displayName"}]}"#,
            success: Reply::aws_json(200, "{}"),
            output_member: ("output", json!({})),
            error: aws_json_error(),
        },
        Case {
            service: "workmail",
            operation: "UpdateUser",
            signing_name: "workmail",
            valid_input: r#"{"OrganizationId":"m-0123456789abcdef0123456789abcdef","UserId":"b8e4b7a6-2e4f-4c5a-9d7e-0123456789ab","DisplayName":"Jane"}"#,
            invalid_input: r#"{"OrganizationId":"org","UserId":"b8e4b7a6-2e4f-4c5a-9d7e-0123456789ab"}"#,
            success: Reply::aws_json(200, "{}"),
            output_member: ("output", json!({})),
            error: Reply::aws_json_error(400, "EntityNotFoundException", "the user is not known")
                .header("x-amzn-RequestId", "req-cli-error"),
        },
        Case {
            service: "codestar",
            operation: "UpdateUserProfile",
            signing_name: "codestar",
            valid_input: r#"{"userArn":"arn:aws:iam::123456789012:user/jane","displayName":"Jane"}"#,
            invalid_input: r#"{"userArn":"jane"}"#,
            success: Reply::aws_json(
                200,
                r#"{"userArn":"arn:aws:iam::123456789012:user/jane","displayName":"Jane","createdTimestamp":1700000000}"#,
            ),
            output_member: ("displayName", json!("Jane")),
            error: Reply::aws_json_error(
                400,
                "UserProfileNotFoundException",
                "the user is not known",
            )
            .header("x-amzn-RequestId", "req-cli-error"),
        },
        Case {
            service: "datazone",
            operation: "CreateUserProfile",
            signing_name: "datazone",
            valid_input: r#"{"domainIdentifier":"dzd_4p9n6sw4qt9xgn","userIdentifier":"b8e4b7a6-2e4f-4c5a-9d7e-0123456789ab"}"#,
            invalid_input: r#"{"domainIdentifier":"domain","userIdentifier":"b8e4b7a6-2e4f-4c5a-9d7e-0123456789ab"}"#,
            success: Reply::rest_json(201, &datazone_profile()),
            output_member: ("id", json!("up-7")),
            error: rest_json_error(),
        },
        Case {
            service: "datazone",
            operation: "UpdateUserProfile",
            signing_name: "datazone",
            valid_input: r#"{"domainIdentifier":"dzd_4p9n6sw4qt9xgn","userIdentifier":"b8e4b7a6-2e4f-4c5a-9d7e-0123456789ab","status":"ACTIVATED"}"#,
            invalid_input: r#"{"domainIdentifier":"dzd_4p9n6sw4qt9xgn","userIdentifier":"b8e4b7a6-2e4f-4c5a-9d7e-0123456789ab"}"#,
            success: Reply::rest_json(200, &datazone_profile()),
            output_member: ("status", json!("ACTIVATED")),
            error: rest_json_error(),
        },
    ]
}

/// What `anvil parse-response` prints for `reply`.
fn parse_response_of(case: &Case, reply: &Reply) -> String {
    let body = String::from_utf8(reply.body.clone()).expect("UTF-8 body");
    let status = reply.status.to_string();
    let mut args = vec![
        "parse-response",
        case.service,
        case.operation,
        "--status",
        &status,
        "--body",
        &body,
    ];
    let headers: Vec<String> = reply
        .headers
        .iter()
        .map(|(name, value)| format!("{name}: {value}"))
        .collect();
    for header in &headers {
        args.extend(["--header", header]);
    }
    let run = anvil_with_env(&args, &[]);
    assert_eq!(run.code, Some(0), "{run:?}");
    run.stdout
}

#[test]
fn a_success_prints_the_output_as_parse_response_does() {
    for case in cases() {
        let name = format!("{} {}", case.service, case.operation);
        let server = server();
        server.reply(case.success.clone());
        let run = call(
            case.service,
            case.operation,
            case.valid_input,
            &server.url(),
            &[],
        );
        assert_eq!(run.code, Some(0), "{name}: {run:?}");
        assert_eq!(
            run.stdout,
            parse_response_of(&case, &case.success),
            "{name}"
        );
        let printed = run.json();
        let (member, value) = &case.output_member;
        let found = if *member == "output" {
            &printed["output"]
        } else {
            &printed["output"][member]
        };
        assert_eq!(found, value, "{name}: {printed}");
        assert_eq!(server.attempt_count(), 1, "{name}");
        assert_signed_for(&server, case.signing_name);
    }
}

#[test]
fn a_service_error_prints_its_code_message_status_and_request_id() {
    for case in cases() {
        let name = format!("{} {}", case.service, case.operation);
        let server = server();
        server.reply(case.error.clone());
        let run = call(
            case.service,
            case.operation,
            case.valid_input,
            &server.url(),
            &[],
        );
        assert_eq!(run.code, Some(1), "{name}: {run:?}");
        let code = case
            .error
            .headers
            .iter()
            .find(|(header, _)| header == "X-Amzn-ErrorType")
            .map(|(_, code)| code.clone())
            .unwrap_or_else(|| {
                let body: serde_json::Value =
                    serde_json::from_slice(&case.error.body).expect("JSON");
                body["__type"].as_str().expect("__type").to_string()
            });
        assert_eq!(
            run.json(),
            json!({"error": {
                "code": code,
                "message": "the user is not known",
                "status": case.error.status,
                "request_id": "req-cli-error",
            }}),
            "{name}"
        );
        assert_eq!(
            server.attempt_count(),
            1,
            "{name}: a client error is not retried"
        );
        assert_signed_for(&server, case.signing_name);
    }
}

#[test]
fn invalid_input_prints_the_report_and_sends_nothing() {
    for case in cases() {
        let name = format!("{} {}", case.service, case.operation);
        let server = server();
        let run = call(
            case.service,
            case.operation,
            case.invalid_input,
            &server.url(),
            &[],
        );
        assert_eq!(run.code, Some(1), "{name}: {run:?}");
        let report = run.json();
        assert_eq!(report["valid"], false, "{name}: {report}");
        assert!(
            report["violations"]
                .as_array()
                .is_some_and(|list| !list.is_empty()),
            "{name}: {report}"
        );
        // The same report `anvil validate` prints.
        let validate = anvil_with_env(
            &[
                "validate",
                case.service,
                case.operation,
                "--input",
                case.invalid_input,
            ],
            &[],
        );
        assert_eq!(run.stdout, validate.stdout, "{name}");
        assert_eq!(server.attempt_count(), 0, "{name}: nothing was sent");

        // With --no-validate it is sent, and the service has the last word.
        server.reply(case.error.clone());
        let unchecked = call(
            case.service,
            case.operation,
            case.invalid_input,
            &server.url(),
            &["--no-validate"],
        );
        assert_eq!(unchecked.code, Some(1), "{name}: {unchecked:?}");
        assert!(
            unchecked.json()["error"].is_object(),
            "{name}: {unchecked:?}"
        );
        assert_eq!(server.attempt_count(), 1, "{name}");
    }
}

#[test]
fn a_refused_connection_or_missing_credentials_exit_2() {
    for case in cases() {
        let name = format!("{} {}", case.service, case.operation);
        // One attempt: a refused connection is retried, which only makes the test slower.
        let refused = anvil_with_env(
            &[
                "call",
                case.service,
                case.operation,
                "--input",
                case.valid_input,
                "--endpoint-url",
                &refused_url(),
            ],
            &[CREDENTIALS_ENV, &[("AWS_MAX_ATTEMPTS", "1")]].concat(),
        );
        assert_eq!(refused.code, Some(2), "{name}: {refused:?}");
        assert!(refused.stdout.is_empty(), "{name}: {refused:?}");
        assert!(
            refused.stderr.contains("no response from the service")
                && refused.stderr.contains("onnect"),
            "{name}: {}",
            refused.stderr
        );

        let server = server();
        let no_credentials = anvil_with_env(
            &[
                "call",
                case.service,
                case.operation,
                "--input",
                case.valid_input,
                "--endpoint-url",
                &server.url(),
                "--region",
                "eu-central-1",
            ],
            &[],
        );
        assert_eq!(no_credentials.code, Some(2), "{name}: {no_credentials:?}");
        assert!(
            no_credentials.stderr.contains("no credentials"),
            "{name}: {}",
            no_credentials.stderr
        );
        assert_eq!(server.attempt_count(), 0, "{name}: nothing was sent");
    }
}
