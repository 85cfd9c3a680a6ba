//! `anvil call` settings: `--debug` shows each attempt (and no secret), `--profile` takes
//! credentials and region from the shared files, `AWS_MAX_ATTEMPTS` sets the attempts, and
//! a missing region is a call without verdict (exit 2).

mod call_support;

use anvil_test_server::Reply;
use call_support::{
    ACCESS_KEY_ID, CREDENTIALS_ENV, SECRET_ACCESS_KEY, SESSION_TOKEN, anvil_with_env,
    assert_signed_for, call, empty_home, server,
};

const UPDATE_USER: &str = r#"{"IdentityStoreId":"d-1234567890","UserId":"b8e4b7a6-2e4f-4c5a-9d7e-0123456789ab","Operations":[{"AttributePath":"displayName","AttributeValue":"Jane"}]}"#;

/// A CodeStar input whose e-mail address is `@sensitive` in the model.
const CODESTAR_WITH_EMAIL: &str = r#"{"userArn":"arn:aws:iam::123456789012:user/jane","emailAddress":"hidden-address@example.com"}"#;

fn internal_error() -> Reply {
    Reply::aws_json_error(500, "InternalServerException", "try again")
}

#[test]
fn debug_shows_every_attempt_and_no_secret() {
    let server = server();
    server
        .reply(internal_error())
        .reply(Reply::aws_json(200, "{}"));
    let run = call(
        "identitystore",
        "UpdateUser",
        UPDATE_USER,
        &server.url(),
        &["--debug"],
    );
    assert_eq!(run.code, Some(0), "{run:?}");
    let log = &run.stderr;
    let lines: Vec<&str> = log
        .lines()
        .filter(|line| line.contains("attempt="))
        .collect();
    assert_eq!(lines.len(), 2, "one event per attempt:\n{log}");
    for expected in [
        "operation=\"UpdateUser\"",
        "attempt=1",
        "status=500",
        "kind=\"transient\"",
        "error_code=\"InternalServerException\"",
        "delay_ms=",
    ] {
        assert!(lines[0].contains(expected), "{expected} in {}", lines[0]);
    }
    assert!(
        lines[1].contains("attempt=2") && lines[1].contains("reason=\"succeeded\""),
        "{}",
        lines[1]
    );
    let signature = server.attempts()[0]
        .signature
        .as_ref()
        .expect("verified")
        .authorization
        .signature
        .clone();
    for secret in [SECRET_ACCESS_KEY, SESSION_TOKEN, signature.as_str()] {
        assert!(!log.contains(secret), "{secret} leaked:\n{log}");
    }
    assert!(!log.to_ascii_lowercase().contains("authorization"), "{log}");
    assert_signed_for(&server, "identitystore");
}

#[test]
fn debug_never_shows_sensitive_members() {
    let server = server();
    server
        .reply(internal_error())
        .reply(Reply::aws_json(
            200,
            r#"{"userArn":"arn:aws:iam::123456789012:user/jane","emailAddress":"hidden-address@example.com"}"#,
        ));
    let run = call(
        "codestar",
        "UpdateUserProfile",
        CODESTAR_WITH_EMAIL,
        &server.url(),
        &["--debug"],
    );
    assert_eq!(run.code, Some(0), "{run:?}");
    assert!(run.stderr.contains("attempt=2"), "{}", run.stderr);
    assert!(!run.stderr.contains("hidden-address"), "{}", run.stderr);
}

#[test]
fn without_debug_nothing_is_written_to_stderr() {
    let server = server();
    server
        .reply(internal_error())
        .reply(Reply::aws_json(200, "{}"));
    let run = call(
        "identitystore",
        "UpdateUser",
        UPDATE_USER,
        &server.url(),
        &[],
    );
    assert_eq!((run.code, run.stderr.as_str()), (Some(0), ""), "{run:?}");
    assert_eq!(server.attempt_count(), 2);
}

#[test]
fn max_attempts_come_from_the_environment() {
    let server = server();
    server.reply(internal_error()).reply(internal_error());
    let env = [CREDENTIALS_ENV, &[("AWS_MAX_ATTEMPTS", "1")]].concat();
    let url = server.url();
    let args = [
        "call",
        "identitystore",
        "UpdateUser",
        "--input",
        UPDATE_USER,
        "--endpoint-url",
        &url,
    ];
    let run = anvil_with_env(&args, &env);
    assert_eq!(run.code, Some(1), "{run:?}");
    assert_eq!(run.json()["error"]["status"], 500);
    assert_eq!(server.attempt_count(), 1);

    let env = [CREDENTIALS_ENV, &[("AWS_MAX_ATTEMPTS", "0")]].concat();
    let run = anvil_with_env(&args, &env);
    assert_eq!(run.code, Some(2), "{run:?}");
    assert!(run.stderr.contains("AWS_MAX_ATTEMPTS"), "{}", run.stderr);
    assert_eq!(server.attempt_count(), 1, "nothing more was sent");
}

#[test]
fn a_profile_gives_credentials_and_region() {
    let server = server();
    server.reply(Reply::aws_json(200, "{}"));
    let directory = empty_home().join("profile-files");
    std::fs::create_dir_all(&directory).expect("a temporary directory");
    let config = directory.join("config");
    let credentials = directory.join("credentials");
    std::fs::write(&config, "[profile e2e]\nregion = eu-central-1\n").expect("write config");
    std::fs::write(
        &credentials,
        format!(
            "[e2e]\naws_access_key_id = {ACCESS_KEY_ID}\naws_secret_access_key = {SECRET_ACCESS_KEY}\naws_session_token = {SESSION_TOKEN}\n"
        ),
    )
    .expect("write credentials");
    let url = server.url();
    let run = anvil_with_env(
        &[
            "call",
            "identitystore",
            "UpdateUser",
            "--input",
            UPDATE_USER,
            "--endpoint-url",
            &url,
            "--profile",
            "e2e",
        ],
        &[
            ("AWS_CONFIG_FILE", config.to_str().expect("UTF-8 path")),
            (
                "AWS_SHARED_CREDENTIALS_FILE",
                credentials.to_str().expect("UTF-8 path"),
            ),
        ],
    );
    assert_eq!(run.code, Some(0), "{run:?}");
    assert_signed_for(&server, "identitystore");
}

#[test]
fn a_missing_region_exits_2_and_says_where_it_looked() {
    let server = server();
    let url = server.url();
    let run = anvil_with_env(
        &[
            "call",
            "identitystore",
            "UpdateUser",
            "--input",
            UPDATE_USER,
            "--endpoint-url",
            &url,
        ],
        &[
            ("AWS_ACCESS_KEY_ID", ACCESS_KEY_ID),
            ("AWS_SECRET_ACCESS_KEY", SECRET_ACCESS_KEY),
        ],
    );
    assert_eq!(run.code, Some(2), "{run:?}");
    assert!(
        run.stderr.contains("region") && run.stderr.contains("AWS_REGION"),
        "{}",
        run.stderr
    );
    assert_eq!(server.attempt_count(), 0);
}

#[test]
fn request_only_options_are_refused() {
    let run = call(
        "identitystore",
        "UpdateUser",
        UPDATE_USER,
        "http://127.0.0.1:9",
        &["--sign"],
    );
    assert_eq!(run.code, Some(2), "{run:?}");
    assert!(run.stderr.contains("--sign"), "{}", run.stderr);
}
