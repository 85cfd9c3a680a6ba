//! Retries, timeouts and the retry quota, end to end: calls through the generated clients
//! over the real HTTP client against the local test server, which injects the faults and
//! records when each attempt arrived. Delays are checked from those arrival times: a lower
//! bound where the jitter is fixed (a sleep is never shorter than asked), a generous upper
//! bound (`SLACK`) everywhere.

mod e2e_support;

use std::time::{Duration, Instant};

use anvil_runtime::retry::{QuotaConfig, RetryConfig};
use anvil_runtime::transport::TimeoutConfig;
use anvil_sdk::identitystore::operation::update_user::UpdateUserError;
use anvil_sdk::{Config, SdkError};
use anvil_test_server::{Action, Reply, TestServer};
use e2e_support::{
    SLACK, assert_signed_for, block_on, body_json, capture_log, config, config_with, gaps,
    requests, retries, server,
};

fn ok() -> Reply {
    Reply::aws_json(200, "{}")
}

fn internal_error() -> Reply {
    Reply::aws_json_error(500, "InternalServerException", "try again")
}

/// Calls identitystore `UpdateUser` (the error boxed: tests pass it around).
fn update_user(config: &Config) -> Result<(), Box<SdkError<UpdateUserError>>> {
    block_on(requests::identitystore_update_user(config).send())
        .map(drop)
        .map_err(Box::new)
}

/// Asserts `gap` is at least `at_least` and not more than `at_most` plus `SLACK`.
fn assert_gap(gap: Duration, at_least: Duration, at_most: Duration, what: &str) {
    assert!(
        gap >= at_least && gap <= at_most + SLACK,
        "{what}: {gap:?} is outside [{at_least:?}, {at_most:?} + {SLACK:?}]"
    );
}

#[test]
fn a_500_then_a_200_takes_two_attempts_and_returns_the_output() {
    let server = server();
    server.reply(internal_error()).reply(ok());
    update_user(&config(&server)).expect("the retry succeeds");
    let attempts = assert_signed_for(&server, "identitystore");
    assert_eq!(attempts.len(), 2);
    assert_eq!(attempts[0].answered, Some(500));
    assert_eq!(attempts[1].answered, Some(200));
    assert_ne!(
        attempts[0].request.header("authorization"),
        None,
        "every attempt is signed"
    );
}

#[test]
fn retry_after_headers_set_the_delay_within_the_cap() {
    // Jitter 0: without a hint the delay would be 0, so a delay is the hint's doing.
    let timeouts = TimeoutConfig::default();
    let cases = [
        ("Retry-After", "1", Duration::from_secs(1)),
        ("x-amz-retry-after", "400", Duration::from_millis(400)),
        // A hint above the cap (2 s here) waits only the cap.
        ("Retry-After", "30", Duration::from_secs(2)),
    ];
    for (header, value, expected) in cases {
        let server = server();
        server
            .reply(Reply::aws_json_error(503, "ServiceUnavailable", "busy").header(header, value))
            .reply(ok());
        let config = config_with(&server, retries(10, 2000), 0.0, timeouts);
        update_user(&config).expect("the retry succeeds");
        let attempts = assert_signed_for(&server, "identitystore");
        assert_eq!(attempts.len(), 2, "{header}: {value}");
        assert_gap(
            gaps(&attempts)[0],
            expected,
            expected,
            &format!("{header}: {value}"),
        );
    }
}

#[test]
fn a_throttling_exception_is_retried_as_throttling() {
    for status in [400, 429] {
        let server = server();
        server
            .reply(Reply::aws_json_error(
                status,
                "ThrottlingException",
                "rate exceeded",
            ))
            .reply(ok());
        let (result, log) = capture_log(|| update_user(&config(&server)));
        result.expect("the retry succeeds");
        assert_eq!(server.attempt_count(), 2, "status {status}");
        assert!(
            log.contains("attempt=1") && log.contains("kind=\"throttling\""),
            "status {status}: the first attempt is logged as throttling:\n{log}"
        );
        assert!(log.contains("error_code=\"ThrottlingException\""), "{log}");
        assert!(log.contains(&format!("status={status}")), "{log}");
        assert_signed_for(&server, "identitystore");
    }
}

#[test]
fn a_dropped_connection_is_retried_as_transient() {
    let server = server();
    server.push(Action::Drop).reply(ok());
    let (result, log) = capture_log(|| update_user(&config(&server)));
    result.expect("the retry succeeds");
    let attempts = assert_signed_for(&server, "identitystore");
    assert_eq!(attempts.len(), 2);
    assert_eq!(
        attempts[0].answered, None,
        "the first connection was dropped"
    );
    assert!(log.contains("kind=\"transient\""), "{log}");
}

#[test]
fn a_slow_attempt_times_out_and_is_retried() {
    let server = server();
    server
        .push(Action::Delay(Duration::from_secs(3), ok()))
        .reply(ok());
    let timeouts = TimeoutConfig::default().with_attempt(Some(Duration::from_millis(300)));
    let config = config_with(&server, retries(10, 50), 1.0, timeouts);
    let started = Instant::now();
    let (result, log) = capture_log(|| update_user(&config));
    result.expect("the second attempt is fast");
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "the slow answer was not awaited"
    );
    assert_eq!(assert_signed_for(&server, "identitystore").len(), 2);
    assert!(log.contains("kind=\"timeout\""), "{log}");
}

#[test]
fn the_operation_timeout_ends_the_whole_call() {
    let server = server();
    for _ in 0..3 {
        server.push(Action::Delay(Duration::from_secs(5), ok()));
    }
    let limit = Duration::from_millis(600);
    let timeouts = TimeoutConfig::default().with_operation(Some(limit));
    let config = config_with(&server, retries(10, 50), 1.0, timeouts);
    let started = Instant::now();
    let error = update_user(&config).expect_err("the call runs out of time");
    assert!(
        matches!(*error, SdkError::Timeout(timeout) if timeout == limit),
        "{error:?}"
    );
    let elapsed = started.elapsed();
    assert!(
        elapsed >= limit && elapsed < limit + SLACK,
        "ended after {elapsed:?}"
    );
    assert_eq!(assert_signed_for(&server, "identitystore").len(), 1);
}

#[test]
fn a_validation_exception_is_sent_once_and_typed() {
    let server = server();
    server
        .reply(
            Reply::aws_json_error(400, "ValidationException", "bad user")
                .header("x-amzn-RequestId", "req-validation-1"),
        )
        .reply(ok());
    let error = block_on(requests::identitystore_update_user(&config(&server)).send())
        .expect_err("a client error");
    match &error {
        SdkError::Service {
            error,
            status,
            request_id,
        } => {
            assert!(error.is_validation_exception(), "{error:?}");
            assert_eq!(*status, 400);
            assert_eq!(request_id.as_deref(), Some("req-validation-1"));
        }
        other => panic!("a service error expected, got {other:?}"),
    }
    assert_eq!(server.attempt_count(), 1);
    assert_eq!(server.unused_actions(), 1);
    assert_signed_for(&server, "identitystore");
}

#[test]
fn three_attempts_at_most_by_default_with_bounded_backoff() {
    let server = server();
    for _ in 0..4 {
        server.reply(internal_error());
    }
    // Fixed jitter 1: the delays are exactly the bounds 150 ms, then min(250, 300) ms.
    let config = config_with(&server, retries(150, 250), 1.0, TimeoutConfig::default());
    let error = block_on(requests::identitystore_update_user(&config).send())
        .expect_err("every attempt fails");
    assert!(
        matches!(error, SdkError::Service { status: 500, .. }),
        "{error:?}"
    );
    let attempts = assert_signed_for(&server, "identitystore");
    assert_eq!(attempts.len(), 3);
    assert_eq!(server.unused_actions(), 1);
    let gaps = gaps(&attempts);
    assert_gap(
        gaps[0],
        Duration::from_millis(150),
        Duration::from_millis(150),
        "first",
    );
    assert_gap(
        gaps[1],
        Duration::from_millis(250),
        Duration::from_millis(250),
        "second",
    );
}

#[test]
fn random_jitter_stays_within_the_backoff_bounds() {
    let server = server();
    for _ in 0..4 {
        server.reply(internal_error());
    }
    let retry = retries(100, 300).with_max_attempts(5);
    let http_client = anvil_runtime::transport::HyperClient::new(&TimeoutConfig::default())
        .expect("the default HTTP client starts");
    // The default strategy: random jitter.
    let config = Config::builder()
        .region(e2e_support::REGION)
        .credentials(e2e_support::credentials())
        .endpoint_url(server.url())
        .http_client(http_client)
        .retry(anvil_runtime::retry::RetryStrategy::new(retry))
        .build();
    server.reply(ok());
    update_user(&config).expect("the fifth attempt succeeds");
    let attempts = assert_signed_for(&server, "identitystore");
    assert_eq!(attempts.len(), 5);
    for (index, gap) in gaps(&attempts).into_iter().enumerate() {
        let bound = Duration::from_millis((100u64 << index).min(300));
        assert_gap(gap, Duration::ZERO, bound, &format!("gap {}", index + 1));
    }
}

#[test]
fn datazone_create_user_profile_sends_one_client_token_on_every_attempt() {
    let server = server();
    server
        .reply(Reply::rest_json_error(
            500,
            "InternalServerException",
            "oops",
        ))
        .reply(Reply::rest_json_error(503, "ServiceUnavailable", "busy"))
        .reply(Reply::rest_json(
            201,
            r#"{"id":"up-1","status":"ASSIGNED"}"#,
        ));
    let output = block_on(requests::datazone_create_user_profile(&config(&server)).send())
        .expect("the third attempt succeeds");
    assert_eq!(output.id(), Some("up-1"));
    let attempts = assert_signed_for(&server, "datazone");
    assert_eq!(attempts.len(), 3);
    let tokens: Vec<String> = attempts
        .iter()
        .map(|attempt| {
            body_json(attempt)["clientToken"]
                .as_str()
                .expect("a client token")
                .to_string()
        })
        .collect();
    assert!(!tokens[0].is_empty());
    assert!(tokens.iter().all(|token| *token == tokens[0]), "{tokens:?}");
}

#[test]
fn a_spent_retry_quota_stops_retries() {
    let server = server();
    for _ in 0..6 {
        server.reply(internal_error());
    }
    // Room for two retries of 5 tokens; up to 10 attempts otherwise.
    let quota = QuotaConfig {
        capacity: 10,
        ..QuotaConfig::default()
    };
    let retry: RetryConfig = retries(10, 20).with_max_attempts(10).with_quota(quota);
    let config = config_with(&server, retry, 1.0, TimeoutConfig::default());
    let (result, log) = capture_log(|| update_user(&config));
    result.expect_err("the quota runs out");
    assert_eq!(
        server.attempt_count(),
        3,
        "two retries, then the quota is spent"
    );
    assert!(log.contains("reason=\"quota-exhausted\""), "{log}");
    assert_eq!(config.retry_quota().available(), 0);

    // The quota is shared by the config's calls: the next call is not retried at all.
    update_user(&config).expect_err("a 500 again");
    assert_eq!(server.attempt_count(), 4);
    assert_signed_for(&server, "identitystore");
}

#[test]
fn the_debug_log_never_shows_secrets() {
    let server: TestServer = server();
    server.reply(internal_error()).reply(ok());
    let (result, log) = capture_log(|| update_user(&config(&server)));
    result.expect("the retry succeeds");
    let attempts = assert_signed_for(&server, "identitystore");
    for attempt in &attempts {
        let signature = &attempt
            .signature
            .as_ref()
            .expect("verified")
            .authorization
            .signature;
        assert!(!log.contains(signature.as_str()), "{log}");
    }
    assert!(!log.contains(e2e_support::SECRET_ACCESS_KEY), "{log}");
    assert!(
        !log.contains("Authorization") && !log.contains("authorization"),
        "{log}"
    );
    assert!(log.contains("operation=\"UpdateUser\""), "{log}");
    assert!(log.contains("attempt=2"), "{log}");
    assert!(log.contains("delay_ms="), "{log}");
}
