//! The client-wide retry quota: a token bucket that stops retry storms.

use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};

use super::QuotaConfig;

/// A token bucket shared by every operation of a client (and by its clones).
///
/// Retries spend tokens and successes earn them back, so when a service keeps failing the
/// bucket runs dry and the client stops retrying until calls succeed again. Cloning shares the
/// bucket; all operations are lock-free.
///
/// ```
/// use anvil_runtime::retry::{QuotaConfig, RetryQuota};
///
/// let quota = RetryQuota::new(QuotaConfig { capacity: 12, ..QuotaConfig::default() });
/// let first = quota.try_acquire(false).expect("12 tokens cover a retry of 5");
/// let _second = quota.try_acquire(false).expect("7 tokens cover one more");
/// assert!(quota.try_acquire(false).is_none(), "2 tokens do not");
/// quota.release(first);
/// assert_eq!(quota.available(), 7);
/// ```
#[derive(Clone, Debug)]
pub struct RetryQuota {
    shared: Arc<Bucket>,
}

#[derive(Debug)]
struct Bucket {
    tokens: AtomicU32,
    config: QuotaConfig,
}

/// Tokens taken from a [`RetryQuota`] for one retry, to give back if the retry succeeds.
#[derive(Debug, PartialEq, Eq)]
#[must_use = "a permit that is dropped keeps its tokens out of the bucket"]
pub struct RetryPermit {
    cost: u32,
}

impl RetryPermit {
    /// How many tokens the retry took.
    pub fn cost(&self) -> u32 {
        self.cost
    }
}

impl Default for RetryQuota {
    fn default() -> Self {
        Self::new(QuotaConfig::default())
    }
}

impl RetryQuota {
    /// A full bucket with these settings.
    pub fn new(config: QuotaConfig) -> Self {
        let bucket = Bucket {
            tokens: AtomicU32::new(config.capacity),
            config,
        };
        Self {
            shared: Arc::new(bucket),
        }
    }

    /// The bucket's settings.
    pub fn config(&self) -> QuotaConfig {
        self.shared.config
    }

    /// Tokens in the bucket now.
    pub fn available(&self) -> u32 {
        self.shared.tokens.load(Ordering::Acquire)
    }

    /// Takes the tokens for one retry (more after a timeout), or `None` when the bucket holds
    /// too few and the error should be returned instead.
    pub fn try_acquire(&self, after_timeout: bool) -> Option<RetryPermit> {
        let config = self.shared.config;
        let cost = if after_timeout {
            config.timeout_retry_cost
        } else {
            config.retry_cost
        };
        self.shared
            .tokens
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |tokens| {
                tokens.checked_sub(cost)
            })
            .ok()
            .map(|_| RetryPermit { cost })
    }

    /// Gives back the tokens of a retry that succeeded.
    pub fn release(&self, permit: RetryPermit) {
        self.refill(permit.cost);
    }

    /// Rewards a success that needed no retry.
    pub fn reward_success(&self) {
        self.refill(self.shared.config.success_reward);
    }

    fn refill(&self, amount: u32) {
        let capacity = self.shared.config.capacity;
        // The closure always returns `Some`, so the update cannot fail.
        let _ = self
            .shared
            .tokens
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |tokens| {
                Some(tokens.saturating_add(amount).min(capacity))
            });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_cost_five_and_timeouts_ten() {
        let quota = RetryQuota::default();
        assert_eq!(quota.available(), 500);
        let permit = quota.try_acquire(false).expect("full bucket");
        assert_eq!(permit.cost(), 5);
        assert_eq!(quota.available(), 495);
        let timeout_permit = quota.try_acquire(true).expect("plenty left");
        assert_eq!(timeout_permit.cost(), 10);
        assert_eq!(quota.available(), 485);
        quota.release(permit);
        quota.release(timeout_permit);
        assert_eq!(quota.available(), 500);
    }

    #[test]
    fn refills_never_exceed_capacity() {
        let quota = RetryQuota::default();
        quota.reward_success();
        assert_eq!(quota.available(), 500);
        let permit = quota.try_acquire(false).expect("full bucket");
        quota.reward_success();
        assert_eq!(quota.available(), 496);
        quota.release(permit);
        assert_eq!(quota.available(), 500);
    }

    #[test]
    fn an_empty_bucket_refuses_until_refilled() {
        let config = QuotaConfig {
            capacity: 10,
            retry_cost: 4,
            timeout_retry_cost: 9,
            success_reward: 3,
        };
        let quota = RetryQuota::new(config);
        let _a = quota.try_acquire(false).expect("10 -> 6");
        let _b = quota.try_acquire(false).expect("6 -> 2");
        assert_eq!(quota.try_acquire(false), None);
        assert_eq!(quota.available(), 2, "a refused acquire takes nothing");
        quota.reward_success();
        let _c = quota.try_acquire(false).expect("5 -> 1");
        assert_eq!(quota.try_acquire(true), None);
    }

    #[test]
    fn clones_share_one_bucket_across_threads() {
        let quota = RetryQuota::default();
        let threads: Vec<_> = (0..4)
            .map(|_| {
                let quota = quota.clone();
                std::thread::spawn(move || {
                    let mut permits = Vec::new();
                    while let Some(permit) = quota.try_acquire(false) {
                        permits.push(permit);
                    }
                    permits.len()
                })
            })
            .collect();
        let granted: usize = threads
            .into_iter()
            .map(|t| t.join().expect("no panic"))
            .sum();
        assert_eq!(granted, 100, "500 tokens pay for exactly 100 retries of 5");
        assert_eq!(quota.available(), 0);
    }
}
