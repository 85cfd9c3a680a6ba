//! The three time limits on a call: connecting, one attempt, and the whole operation.

use std::fmt;
use std::time::Duration;

#[cfg(feature = "rt-tokio")]
use super::{DispatchError, HttpResponse};
#[cfg(feature = "rt-tokio")]
use std::future::Future;

/// Time limits for sending requests; `None` means no limit.
///
/// - `connect`: making a connection (TCP and TLS), applied by the [`HttpClient`]'s connector;
/// - `attempt`: one request from dispatch to the last byte of the response body, applied by
///   [`with_attempt_timeout`] around each [`HttpClient::dispatch`];
/// - `operation`: the whole call, every attempt and every wait between retries included,
///   applied by [`with_operation_timeout`] around the retry loop.
///
/// The default limits connecting to 3.1 s (as the AWS SDKs do) and leaves the other two open.
///
/// [`HttpClient`]: super::HttpClient
/// [`HttpClient::dispatch`]: super::HttpClient::dispatch
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TimeoutConfig {
    connect: Option<Duration>,
    attempt: Option<Duration>,
    operation: Option<Duration>,
}

impl Default for TimeoutConfig {
    fn default() -> Self {
        Self {
            connect: Some(Duration::from_millis(3100)),
            attempt: None,
            operation: None,
        }
    }
}

impl TimeoutConfig {
    /// No limits at all.
    pub const fn disabled() -> Self {
        Self {
            connect: None,
            attempt: None,
            operation: None,
        }
    }

    /// Sets (or with `None` removes) the connect timeout.
    #[must_use]
    pub const fn with_connect(mut self, timeout: Option<Duration>) -> Self {
        self.connect = timeout;
        self
    }

    /// Sets (or with `None` removes) the per-attempt timeout.
    #[must_use]
    pub const fn with_attempt(mut self, timeout: Option<Duration>) -> Self {
        self.attempt = timeout;
        self
    }

    /// Sets (or with `None` removes) the whole-operation timeout.
    #[must_use]
    pub const fn with_operation(mut self, timeout: Option<Duration>) -> Self {
        self.operation = timeout;
        self
    }

    /// The limit on making a connection.
    pub const fn connect(&self) -> Option<Duration> {
        self.connect
    }

    /// The limit on one attempt.
    pub const fn attempt(&self) -> Option<Duration> {
        self.attempt
    }

    /// The limit on the whole operation, retries included.
    pub const fn operation(&self) -> Option<Duration> {
        self.operation
    }
}

/// The whole-operation timeout ran out before the operation finished.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OperationTimedOut {
    /// The limit that was exceeded.
    pub timeout: Duration,
}

impl fmt::Display for OperationTimedOut {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "operation timed out after {:?}", self.timeout)
    }
}

impl std::error::Error for OperationTimedOut {}

/// The per-attempt timeout ran out before the response was read.
#[cfg(feature = "rt-tokio")]
#[derive(Debug)]
struct AttemptTimedOut(Duration);

#[cfg(feature = "rt-tokio")]
impl fmt::Display for AttemptTimedOut {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "no response within the attempt timeout of {:?}", self.0)
    }
}

#[cfg(feature = "rt-tokio")]
impl std::error::Error for AttemptTimedOut {}

/// Runs one dispatch with the per-attempt timeout; running out gives a retryable
/// [`DispatchError`] of kind [`Timeout`](super::DispatchErrorKind::Timeout).
///
/// Must be awaited inside a Tokio runtime with timers enabled when `timeout` is `Some`.
#[cfg(feature = "rt-tokio")]
pub async fn with_attempt_timeout<F>(
    timeout: Option<Duration>,
    dispatch: F,
) -> Result<HttpResponse, DispatchError>
where
    F: Future<Output = Result<HttpResponse, DispatchError>>,
{
    let Some(limit) = timeout else {
        return dispatch.await;
    };
    match tokio::time::timeout(limit, dispatch).await {
        Ok(result) => result,
        Err(_elapsed) => Err(DispatchError::timeout(AttemptTimedOut(limit))),
    }
}

/// Runs a whole operation (typically the retry loop) with the operation timeout.
///
/// Must be awaited inside a Tokio runtime with timers enabled when `timeout` is `Some`.
#[cfg(feature = "rt-tokio")]
pub async fn with_operation_timeout<F: Future>(
    timeout: Option<Duration>,
    operation: F,
) -> Result<F::Output, OperationTimedOut> {
    match timeout {
        None => Ok(operation.await),
        Some(limit) => tokio::time::timeout(limit, operation)
            .await
            .map_err(|_elapsed| OperationTimedOut { timeout: limit }),
    }
}

#[cfg(all(test, feature = "rt-tokio"))]
mod tests {
    use super::*;
    use crate::transport::DispatchErrorKind;

    fn ok_response() -> HttpResponse {
        http::Response::new(b"done".to_vec())
    }

    #[tokio::test(start_paused = true)]
    async fn attempt_timeout_turns_a_slow_dispatch_into_a_retryable_timeout() {
        let slow = async {
            tokio::time::sleep(Duration::from_secs(10)).await;
            Ok(ok_response())
        };
        let err = with_attempt_timeout(Some(Duration::from_secs(1)), slow)
            .await
            .expect_err("the dispatch outlives its limit");
        assert_eq!(err.kind(), DispatchErrorKind::Timeout);
        assert!(err.is_retryable());
        assert!(err.to_string().contains("attempt timeout of 1s"), "{err}");
    }

    #[tokio::test(start_paused = true)]
    async fn attempt_timeout_passes_a_fast_result_through() {
        let response =
            with_attempt_timeout(Some(Duration::from_secs(1)), async { Ok(ok_response()) })
                .await
                .expect("fast enough");
        assert_eq!(response.body(), b"done");
        assert!(
            with_attempt_timeout(None, async { Ok(ok_response()) })
                .await
                .is_ok()
        );
    }

    #[tokio::test(start_paused = true)]
    async fn operation_timeout_bounds_the_whole_future() {
        let limit = Duration::from_millis(250);
        let slow = tokio::time::sleep(Duration::from_secs(5));
        assert_eq!(
            with_operation_timeout(Some(limit), slow).await,
            Err(OperationTimedOut { timeout: limit })
        );
        assert_eq!(
            with_operation_timeout(Some(limit), async { 7 }).await,
            Ok(7)
        );
        assert_eq!(with_operation_timeout(None, async { 7 }).await, Ok(7));
    }

    #[test]
    fn config_builders_set_each_limit() {
        let config = TimeoutConfig::disabled()
            .with_connect(Some(Duration::from_secs(1)))
            .with_attempt(Some(Duration::from_secs(2)))
            .with_operation(Some(Duration::from_secs(3)));
        assert_eq!(config.connect(), Some(Duration::from_secs(1)));
        assert_eq!(config.attempt(), Some(Duration::from_secs(2)));
        assert_eq!(config.operation(), Some(Duration::from_secs(3)));
        assert_eq!(TimeoutConfig::default().attempt(), None);
    }
}
