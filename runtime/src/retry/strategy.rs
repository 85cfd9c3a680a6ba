//! The standard retry strategy: after each attempt, decide whether and when to try again.

use std::fmt;
use std::time::Duration;

use super::backoff::{Jitter, SharedJitter, retry_delay};
use super::{AttemptClass, RetryClassification, RetryConfig, RetryPermit, RetryQuota};

/// What to do after an attempt.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RetryDecision {
    /// Wait this long, then make another attempt.
    RetryAfter(Duration),
    /// Return the attempt's result to the caller.
    DoNotRetry(DoNotRetryReason),
}

/// Why an attempt's result is final.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DoNotRetryReason {
    /// The attempt succeeded.
    Succeeded,
    /// The failure is of a kind that a retry would repeat.
    NotRetryable,
    /// The attempt was the last one allowed.
    AttemptsExhausted,
    /// The client's retry quota is spent.
    QuotaExhausted,
}

impl DoNotRetryReason {
    /// A short lowercase name for logs.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Succeeded => "succeeded",
            Self::NotRetryable => "not-retryable",
            Self::AttemptsExhausted => "attempts-exhausted",
            Self::QuotaExhausted => "quota-exhausted",
        }
    }
}

impl fmt::Display for DoNotRetryReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The AWS standard retry strategy, shared by a client's operations.
///
/// Holds the [`RetryConfig`], the client-wide [`RetryQuota`] and the jitter source. Cloning is
/// cheap and clones share the quota, so a client keeps one and clones it along with itself.
/// Each operation calls [`begin`](Self::begin) and reports every attempt to the returned
/// [`OperationRetries`].
///
/// ```
/// use std::time::Duration;
/// use anvil_runtime::retry::{
///     DoNotRetryReason, FixedJitter, RetryClassification, RetryConfig, RetryDecision,
///     RetryStrategy,
/// };
///
/// let config = RetryConfig::default().with_initial_backoff(Duration::from_millis(10));
/// let strategy = RetryStrategy::new(config).with_jitter(FixedJitter(1.0));
/// let mut retries = strategy.begin();
///
/// let busy = RetryClassification::error_response(503);
/// assert_eq!(retries.after_attempt(&busy), RetryDecision::RetryAfter(Duration::from_millis(10)));
/// assert_eq!(retries.after_attempt(&busy), RetryDecision::RetryAfter(Duration::from_millis(20)));
/// assert_eq!(
///     retries.after_attempt(&busy),
///     RetryDecision::DoNotRetry(DoNotRetryReason::AttemptsExhausted)
/// );
/// ```
#[derive(Clone, Debug, Default)]
pub struct RetryStrategy {
    config: RetryConfig,
    quota: RetryQuota,
    jitter: SharedJitter,
}

impl RetryStrategy {
    /// A strategy with these settings, a new full quota and random jitter.
    pub fn new(config: RetryConfig) -> Self {
        Self {
            config,
            quota: RetryQuota::new(config.quota()),
            jitter: SharedJitter::default(),
        }
    }

    /// Uses this jitter source (tests pass [`FixedJitter`](super::FixedJitter)).
    #[must_use]
    pub fn with_jitter(mut self, jitter: impl Jitter + 'static) -> Self {
        self.jitter = SharedJitter::new(jitter);
        self
    }

    /// Shares an existing quota instead of the strategy's own.
    #[must_use]
    pub fn with_quota(mut self, quota: RetryQuota) -> Self {
        self.quota = quota;
        self
    }

    /// The settings.
    pub fn config(&self) -> &RetryConfig {
        &self.config
    }

    /// The client-wide quota.
    pub fn quota(&self) -> &RetryQuota {
        &self.quota
    }

    /// Starts counting the attempts of one operation.
    pub fn begin(&self) -> OperationRetries {
        OperationRetries {
            strategy: self.clone(),
            attempt: 1,
            permit: None,
        }
    }
}

/// The attempts of one operation: their count and the quota tokens of the latest retry.
#[derive(Debug)]
pub struct OperationRetries {
    strategy: RetryStrategy,
    attempt: u32,
    permit: Option<RetryPermit>,
}

impl OperationRetries {
    /// The number of the current attempt, counting from 1.
    pub fn attempt(&self) -> u32 {
        self.attempt
    }

    /// Reports how the current attempt ended and says what to do next.
    ///
    /// A success gives the latest retry's tokens back to the quota (or the success reward
    /// when there was no retry). A retryable failure takes a retry's tokens from the quota,
    /// unless attempts are exhausted, and counts the next attempt.
    pub fn after_attempt(&mut self, classification: &RetryClassification) -> RetryDecision {
        let quota = &self.strategy.quota;
        let kind = classification.kind();
        match kind {
            AttemptClass::Success => {
                match self.permit.take() {
                    Some(permit) => quota.release(permit),
                    None => quota.reward_success(),
                }
                return RetryDecision::DoNotRetry(DoNotRetryReason::Succeeded);
            }
            AttemptClass::NotRetryable => {
                return RetryDecision::DoNotRetry(DoNotRetryReason::NotRetryable);
            }
            AttemptClass::Throttling | AttemptClass::Transient | AttemptClass::Timeout => {}
        }
        let config = &self.strategy.config;
        if self.attempt >= config.max_attempts() {
            return RetryDecision::DoNotRetry(DoNotRetryReason::AttemptsExhausted);
        }
        let Some(permit) = quota.try_acquire(kind == AttemptClass::Timeout) else {
            return RetryDecision::DoNotRetry(DoNotRetryReason::QuotaExhausted);
        };
        let delay = retry_delay(
            config,
            self.attempt,
            self.strategy.jitter.factor(),
            classification.retry_after(),
        );
        // The previous retry failed, so its tokens stay spent.
        self.permit = Some(permit);
        self.attempt += 1;
        RetryDecision::RetryAfter(delay)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::retry::{FixedJitter, QuotaConfig};
    use crate::transport::DispatchError;

    fn strategy(config: RetryConfig) -> RetryStrategy {
        RetryStrategy::new(config.with_initial_backoff(Duration::from_millis(100)))
            .with_jitter(FixedJitter(1.0))
    }

    fn retry_after(millis: u64) -> RetryDecision {
        RetryDecision::RetryAfter(Duration::from_millis(millis))
    }

    #[test]
    fn three_attempts_by_default_with_doubling_delays() {
        let strategy = strategy(RetryConfig::default());
        let mut retries = strategy.begin();
        let throttled = RetryClassification::error_response(429);
        assert_eq!(retries.after_attempt(&throttled), retry_after(100));
        assert_eq!(retries.attempt(), 2);
        assert_eq!(retries.after_attempt(&throttled), retry_after(200));
        assert_eq!(retries.attempt(), 3);
        assert_eq!(
            retries.after_attempt(&throttled),
            RetryDecision::DoNotRetry(DoNotRetryReason::AttemptsExhausted)
        );
        assert_eq!(strategy.quota().available(), 490);
    }

    #[test]
    fn success_after_a_retry_returns_its_tokens() {
        let strategy = strategy(RetryConfig::default());
        let mut retries = strategy.begin();
        let timeout = RetryClassification::dispatch_failure(&DispatchError::timeout("slow"));
        assert_eq!(retries.after_attempt(&timeout), retry_after(100));
        assert_eq!(
            strategy.quota().available(),
            490,
            "a retry after a timeout costs 10"
        );
        assert_eq!(
            retries.after_attempt(&RetryClassification::success()),
            RetryDecision::DoNotRetry(DoNotRetryReason::Succeeded)
        );
        assert_eq!(strategy.quota().available(), 500);
    }

    #[test]
    fn only_the_latest_retry_is_refunded() {
        let strategy = strategy(RetryConfig::default().with_max_attempts(4));
        let mut retries = strategy.begin();
        let busy = RetryClassification::error_response(503);
        assert_eq!(retries.after_attempt(&busy), retry_after(100));
        assert_eq!(retries.after_attempt(&busy), retry_after(200));
        assert_eq!(strategy.quota().available(), 490);
        retries.after_attempt(&RetryClassification::success());
        assert_eq!(strategy.quota().available(), 495);
    }

    #[test]
    fn non_retryable_failures_are_final_and_free() {
        let strategy = strategy(RetryConfig::default());
        let mut retries = strategy.begin();
        assert_eq!(
            retries.after_attempt(&RetryClassification::error_response(400)),
            RetryDecision::DoNotRetry(DoNotRetryReason::NotRetryable)
        );
        assert_eq!(strategy.quota().available(), 500);
    }

    #[test]
    fn an_exhausted_quota_stops_retries_for_every_operation() {
        let quota = QuotaConfig {
            capacity: 10,
            ..QuotaConfig::default()
        };
        let strategy = strategy(
            RetryConfig::default()
                .with_max_attempts(10)
                .with_quota(quota),
        );
        let busy = RetryClassification::error_response(500);
        let mut first = strategy.begin();
        assert_eq!(first.after_attempt(&busy), retry_after(100));
        assert_eq!(first.after_attempt(&busy), retry_after(200));
        assert_eq!(
            first.after_attempt(&busy),
            RetryDecision::DoNotRetry(DoNotRetryReason::QuotaExhausted)
        );
        let mut second = strategy.clone().begin();
        assert_eq!(
            second.after_attempt(&busy),
            RetryDecision::DoNotRetry(DoNotRetryReason::QuotaExhausted)
        );
        second.after_attempt(&RetryClassification::success());
        assert_eq!(
            strategy.quota().available(),
            1,
            "a first-try success earns 1 token"
        );
    }

    #[test]
    fn server_hints_raise_the_delay_up_to_the_cap() {
        let config = RetryConfig::default().with_max_backoff(Duration::from_secs(2));
        let strategy = strategy(config).with_jitter(FixedJitter(0.0));
        let mut retries = strategy.begin();
        let hinted = RetryClassification::error_response(503)
            .with_retry_after(Some(Duration::from_millis(700)));
        assert_eq!(retries.after_attempt(&hinted), retry_after(700));
        let greedy = RetryClassification::error_response(503)
            .with_retry_after(Some(Duration::from_secs(30)));
        assert_eq!(retries.after_attempt(&greedy), retry_after(2000));
    }
}
