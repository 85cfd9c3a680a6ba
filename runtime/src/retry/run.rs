//! The retry loop: attempt, classify, wait, attempt again.

use std::future::Future;

use super::{RetryClassification, RetryDecision, RetryStrategy};

/// The result of one attempt together with what it means for retrying.
#[derive(Debug)]
pub struct AttemptOutcome<T, E> {
    /// What the attempt produced.
    pub result: Result<T, E>,
    /// How the attempt ended, for the retry decision.
    pub classification: RetryClassification,
}

impl<T, E> AttemptOutcome<T, E> {
    /// Pairs an attempt's result with its classification.
    pub fn new(result: Result<T, E>, classification: RetryClassification) -> Self {
        Self {
            result,
            classification,
        }
    }
}

/// Runs `attempt` (given the attempt number, from 1) until it succeeds, fails in a way that a
/// retry would repeat, runs out of attempts or finds the retry quota spent, sleeping the
/// strategy's delay between attempts; returns the last attempt's result.
///
/// The closure builds each attempt afresh, so it can re-sign the request every time. Each
/// attempt is logged with `tracing` at debug level (operation, attempt number, HTTP status,
/// error kind, the decision and any delay); header values are never logged. Needs a Tokio
/// runtime with timers enabled.
pub async fn run_with_retries<T, E, F, Fut>(
    strategy: &RetryStrategy,
    operation: &str,
    mut attempt: F,
) -> Result<T, E>
where
    F: FnMut(u32) -> Fut,
    Fut: Future<Output = AttemptOutcome<T, E>>,
{
    let mut retries = strategy.begin();
    loop {
        let attempt_no = retries.attempt();
        let outcome = attempt(attempt_no).await;
        let classification = &outcome.classification;
        let decision = retries.after_attempt(classification);
        let status = classification.status();
        let kind = classification.kind().as_str();
        let dispatch_error = classification
            .dispatch_error_kind()
            .map(|kind| kind.as_str());
        let error_code = classification.error_code();
        match decision {
            RetryDecision::RetryAfter(delay) => {
                tracing::debug!(
                    operation,
                    attempt = attempt_no,
                    status,
                    kind,
                    dispatch_error,
                    error_code,
                    delay_ms = u64::try_from(delay.as_millis()).unwrap_or(u64::MAX),
                    "attempt failed; retrying after a delay"
                );
                tokio::time::sleep(delay).await;
            }
            RetryDecision::DoNotRetry(reason) => {
                tracing::debug!(
                    operation,
                    attempt = attempt_no,
                    status,
                    kind,
                    dispatch_error,
                    error_code,
                    reason = reason.as_str(),
                    "attempt is final"
                );
                return outcome.result;
            }
        }
    }
}
