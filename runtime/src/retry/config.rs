//! The settings of the standard retry strategy.

use std::time::Duration;

/// Settings of the AWS standard retry strategy.
///
/// The defaults are those of the AWS SDKs: at most 3 attempts, backoff starting at 1 s and
/// capped at 20 s, and a retry quota of 500 tokens of which a retry takes 5 (10 after a
/// timeout) and a first-try success gives back 1.
///
/// ```
/// use std::time::Duration;
/// use anvil_runtime::retry::RetryConfig;
///
/// let config = RetryConfig::default()
///     .with_max_attempts(5)
///     .with_initial_backoff(Duration::from_millis(10));
/// assert_eq!(config.max_attempts(), 5);
/// assert_eq!(config.max_backoff(), Duration::from_secs(20));
/// assert_eq!(RetryConfig::disabled().max_attempts(), 1);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RetryConfig {
    max_attempts: u32,
    initial_backoff: Duration,
    max_backoff: Duration,
    quota: QuotaConfig,
}

impl Default for RetryConfig {
    fn default() -> Self {
        Self {
            max_attempts: 3,
            initial_backoff: Duration::from_secs(1),
            max_backoff: Duration::from_secs(20),
            quota: QuotaConfig::default(),
        }
    }
}

impl RetryConfig {
    /// One attempt and no retries.
    pub fn disabled() -> Self {
        Self::default().with_max_attempts(1)
    }

    /// Sets the largest number of attempts, the first one included; 0 is taken as 1.
    #[must_use]
    pub fn with_max_attempts(mut self, max_attempts: u32) -> Self {
        self.max_attempts = max_attempts.max(1);
        self
    }

    /// Sets the base of the exponential backoff (the bound of the first retry's delay).
    #[must_use]
    pub fn with_initial_backoff(mut self, initial_backoff: Duration) -> Self {
        self.initial_backoff = initial_backoff;
        self
    }

    /// Sets the cap on any delay between attempts, server hints included.
    #[must_use]
    pub fn with_max_backoff(mut self, max_backoff: Duration) -> Self {
        self.max_backoff = max_backoff;
        self
    }

    /// Sets the retry quota's settings.
    #[must_use]
    pub fn with_quota(mut self, quota: QuotaConfig) -> Self {
        self.quota = quota;
        self
    }

    /// The largest number of attempts, the first one included.
    pub fn max_attempts(&self) -> u32 {
        self.max_attempts
    }

    /// The base of the exponential backoff.
    pub fn initial_backoff(&self) -> Duration {
        self.initial_backoff
    }

    /// The cap on any delay between attempts.
    pub fn max_backoff(&self) -> Duration {
        self.max_backoff
    }

    /// The retry quota's settings.
    pub fn quota(&self) -> QuotaConfig {
        self.quota
    }
}

/// Settings of the client-wide retry quota (a token bucket).
///
/// A retry takes `retry_cost` tokens (`timeout_retry_cost` when the failed attempt timed
/// out); when the bucket holds fewer, the error is returned instead of retried. A success
/// gives back what its retry took, or `success_reward` when it needed no retry, never
/// filling the bucket beyond `capacity`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct QuotaConfig {
    /// Tokens in a full bucket, and in a new one.
    pub capacity: u32,
    /// Tokens a retry takes.
    pub retry_cost: u32,
    /// Tokens a retry after a timed-out attempt takes.
    pub timeout_retry_cost: u32,
    /// Tokens a success on the first attempt gives back.
    pub success_reward: u32,
}

impl Default for QuotaConfig {
    fn default() -> Self {
        Self {
            capacity: 500,
            retry_cost: 5,
            timeout_retry_cost: 10,
            success_reward: 1,
        }
    }
}
