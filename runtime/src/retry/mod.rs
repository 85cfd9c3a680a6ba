//! The AWS standard retry strategy.
//!
//! After each attempt the client describes what happened in a [`RetryClassification`]
//! (dispatch error, HTTP status, error code, the model's `@retryable`, a `Retry-After` hint);
//! the [`RetryStrategy`] sorts it into a [`AttemptClass`] and answers with a [`RetryDecision`]:
//! retry after a delay, or stop and say why.
//!
//! - At most [`RetryConfig::max_attempts`] attempts (3 by default);
//! - the delay after failed attempt `n` is `jitter * min(max_backoff, initial_backoff *
//!   2^(n-1))` with jitter uniform in `[0, 1]`, raised to the server's hint if it asks for more,
//!   never above `max_backoff`;
//! - throttling (429, the [`THROTTLING_ERROR_CODES`], `@retryable(throttling: true)`),
//!   transient failures (500, 502, 503, 504, the [`TRANSIENT_ERROR_CODES`], dropped or refused
//!   connections, timeouts) and `@retryable` errors are retried; nothing else is;
//! - every retry takes tokens from a client-wide [`RetryQuota`]; when it runs dry, errors are
//!   returned at once until successes refill it.
//!
//! [`run_with_retries`] (feature `rt-tokio`) is the loop a client runs around its attempts.

mod backoff;
mod classify;
mod config;
mod quota;
#[cfg(feature = "rt-tokio")]
mod run;
mod strategy;

pub use backoff::{
    FixedJitter, Jitter, RandomJitter, SharedJitter, backoff_bound, retry_after_hint, retry_delay,
};
pub use classify::{
    AttemptClass, RetryClassification, THROTTLING_ERROR_CODES, THROTTLING_STATUS,
    TRANSIENT_ERROR_CODES, TRANSIENT_STATUSES,
};
pub use config::{QuotaConfig, RetryConfig};
pub use quota::{RetryPermit, RetryQuota};
#[cfg(feature = "rt-tokio")]
pub use run::{AttemptOutcome, run_with_retries};
pub use strategy::{DoNotRetryReason, OperationRetries, RetryDecision, RetryStrategy};
