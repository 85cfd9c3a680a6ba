//! What the end-to-end client tests share: the test credentials, a config pointed at the
//! test server with millisecond backoff, the five operations set up through the generated
//! clients, and a capture of the runtime's per-attempt log events.

#![allow(dead_code)] // Each test binary uses a different subset.

use std::cell::RefCell;
use std::io::Write;
use std::sync::Once;
use std::time::Duration;

use anvil_runtime::credentials::{Credentials, SharedCredentialsProvider};
use anvil_runtime::retry::{FixedJitter, RetryConfig, RetryStrategy};
use anvil_runtime::transport::{HyperClient, TimeoutConfig};
use anvil_sdk::Config;
use anvil_test_server::TestServer;

use anvil_test_server::Attempt;

/// The access key the test server knows.
pub const ACCESS_KEY_ID: &str = "AKIDE2ETESTKEY";
/// Its secret.
pub const SECRET_ACCESS_KEY: &str = "e2e/secret+KEY/only-for-the-local-test-server";
/// The region every test calls.
pub const REGION: &str = "us-west-2";

/// A server that knows the test credentials.
pub fn server() -> TestServer {
    TestServer::start(ACCESS_KEY_ID, SECRET_ACCESS_KEY)
}

/// The test credentials.
pub fn credentials() -> SharedCredentialsProvider {
    SharedCredentialsProvider::new(Credentials::new(
        ACCESS_KEY_ID,
        SECRET_ACCESS_KEY,
        None,
        None,
        "e2e-test",
    ))
}

/// Standard retry settings but for the backoff: `base_ms` as the first retry's bound and
/// `cap_ms` as the largest delay.
pub fn retries(base_ms: u64, cap_ms: u64) -> RetryConfig {
    RetryConfig::default()
        .with_initial_backoff(Duration::from_millis(base_ms))
        .with_max_backoff(Duration::from_millis(cap_ms))
}

/// A config calling `server` in `REGION` with the test credentials over the default
/// HTTP client (plain HTTP to 127.0.0.1), with these retries, jitter and timeouts.
pub fn config_with(
    server: &TestServer,
    retry: RetryConfig,
    jitter: f64,
    timeouts: TimeoutConfig,
) -> Config {
    let http_client = HyperClient::new(&timeouts).expect("the default HTTP client starts");
    Config::builder()
        .region(REGION)
        .credentials(credentials())
        .endpoint_url(server.url())
        .http_client(http_client)
        .retry(RetryStrategy::new(retry).with_jitter(FixedJitter(jitter)))
        .timeouts(timeouts)
        .build()
}

/// A config with the standard attempts and quota, 10 ms backoff capped at 50 ms, full
/// jitter factor 1 and the default timeouts.
pub fn config(server: &TestServer) -> Config {
    config_with(server, retries(10, 50), 1.0, TimeoutConfig::default())
}

/// A Tokio runtime for one test, on the test's own thread (so a log capture installed
/// for the thread sees the runtime's events).
pub fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a Tokio runtime")
}

/// Runs `call` (a `send()`) to the end on a fresh runtime on this thread.
pub fn block_on<F: std::future::Future>(call: F) -> F::Output {
    runtime().block_on(call)
}

/// The time between the arrivals of consecutive attempts.
pub fn gaps(attempts: &[Attempt]) -> Vec<Duration> {
    attempts
        .windows(2)
        .map(|pair| pair[1].received.duration_since(pair[0].received))
        .collect()
}

/// Slack allowed above a computed delay: scheduling, connecting, signing and a loaded
/// machine. Generous on purpose: upper bounds only catch delays far off their bound.
pub const SLACK: Duration = Duration::from_millis(1500);

/// The request body as JSON.
pub fn body_json(attempt: &Attempt) -> serde_json::Value {
    serde_json::from_slice(&attempt.request.body).expect("the request body is JSON")
}

/// Asserts every attempt verified, signed for `service` in `REGION`; returns them.
pub fn assert_signed_for(server: &TestServer, service: &str) -> Vec<Attempt> {
    let attempts = server.assert_all_signed();
    for attempt in &attempts {
        let verified = attempt.signature.as_ref().expect("verified");
        assert_eq!(verified.authorization.region, REGION);
        assert_eq!(verified.authorization.service, service);
        assert_eq!(verified.authorization.access_key_id, ACCESS_KEY_ID);
    }
    attempts
}

/// The runtime's debug events written on this thread while `run` runs, as text.
///
/// One global subscriber (installed on first use) writes each event to a buffer of the
/// thread that emits it; the calls run on the test's own thread (see [`runtime`]), so
/// tests running side by side do not see each other's events. (Per-thread subscribers
/// with `set_default` would miss events: a callsite's interest is cached process-wide.)
pub fn capture_log<T>(run: impl FnOnce() -> T) -> (T, String) {
    use tracing_subscriber::filter::{LevelFilter, Targets};
    use tracing_subscriber::layer::SubscriberExt;
    use tracing_subscriber::util::SubscriberInitExt;

    static INSTALL: Once = Once::new();
    INSTALL.call_once(|| {
        let layer = tracing_subscriber::fmt::layer()
            .with_writer(|| ThreadLog)
            .with_ansi(false);
        tracing_subscriber::registry()
            .with(layer)
            .with(Targets::new().with_target("anvil_runtime", LevelFilter::DEBUG))
            .try_init()
            .expect("no other global subscriber in the end-to-end tests");
    });
    THREAD_LOG.with_borrow_mut(Vec::clear);
    let result = run();
    let text = THREAD_LOG
        .with_borrow_mut(|log| String::from_utf8_lossy(&std::mem::take(log)).into_owned());
    (result, text)
}

thread_local! {
    static THREAD_LOG: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
}

/// Appends to the current thread's log buffer.
struct ThreadLog;

impl Write for ThreadLog {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        THREAD_LOG.with_borrow_mut(|log| log.extend_from_slice(bytes));
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The five operations, set up through the generated clients with valid input, ready to
/// `send()`.
pub mod requests {
    use anvil_sdk::Config;
    use anvil_sdk::codestar::operation::update_user_profile::UpdateUserProfileFluentBuilder as CodestarUpdate;
    use anvil_sdk::datazone::operation::create_user_profile::CreateUserProfileFluentBuilder;
    use anvil_sdk::datazone::operation::update_user_profile::UpdateUserProfileFluentBuilder as DatazoneUpdate;
    use anvil_sdk::datazone::types::UserProfileStatus;
    use anvil_sdk::identitystore::operation::update_user::UpdateUserFluentBuilder as IdentityStoreUpdate;
    use anvil_sdk::identitystore::types::AttributeOperation;
    use anvil_sdk::workmail::operation::update_user::UpdateUserFluentBuilder as WorkmailUpdate;
    use anvil_sdk::{codestar, datazone, identitystore, workmail};

    pub const DOMAIN: &str = "dzd_4p9n6sw4qt9xgn";
    pub const USER: &str = "b8e4b7a6-2e4f-4c5a-9d7e-0123456789ab";
    pub const USER_ARN: &str = "arn:aws:iam::123456789012:user/jane";

    pub fn identitystore_update_user(config: &Config) -> IdentityStoreUpdate {
        identitystore::Client::new(config)
            .update_user()
            .identity_store_id("d-1234567890")
            .user_id(USER)
            .operations(
                AttributeOperation::builder()
                    .attribute_path("displayName")
                    .build()
                    .expect("valid"),
            )
    }

    pub fn workmail_update_user(config: &Config) -> WorkmailUpdate {
        workmail::Client::new(config)
            .update_user()
            .organization_id("m-0123456789abcdef0123456789abcdef")
            .user_id(USER)
            .display_name("Jane Doe")
    }

    pub fn codestar_update_user_profile(config: &Config) -> CodestarUpdate {
        codestar::Client::new(config)
            .update_user_profile()
            .user_arn(USER_ARN)
            .display_name("Jane")
    }

    pub fn datazone_create_user_profile(config: &Config) -> CreateUserProfileFluentBuilder {
        datazone::Client::new(config)
            .create_user_profile()
            .domain_identifier(DOMAIN)
            .user_identifier(USER)
    }

    pub fn datazone_update_user_profile(config: &Config) -> DatazoneUpdate {
        datazone::Client::new(config)
            .update_user_profile()
            .domain_identifier(DOMAIN)
            .user_identifier(USER)
            .status(UserProfileStatus::Activated)
    }
}
