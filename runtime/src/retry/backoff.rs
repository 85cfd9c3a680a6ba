//! How long to wait before a retry: exponential backoff with full jitter, and server hints.

use std::fmt;
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use http::HeaderMap;

use super::RetryConfig;
use crate::DateTime;

/// A source of jitter factors in `[0, 1]` that scale each backoff delay.
///
/// The default, [`RandomJitter`], draws uniformly from the operating system's generator;
/// tests use [`FixedJitter`] to make delays predictable.
pub trait Jitter: Send + Sync {
    /// A factor in `[0, 1]`; values outside are clamped.
    fn factor(&self) -> f64;
}

impl<T: Jitter + ?Sized> Jitter for Arc<T> {
    fn factor(&self) -> f64 {
        (**self).factor()
    }
}

/// Uniformly random factors from the operating system's generator.
#[derive(Clone, Copy, Debug, Default)]
pub struct RandomJitter;

impl Jitter for RandomJitter {
    fn factor(&self) -> f64 {
        match getrandom::u64() {
            // The top 53 bits make a uniformly spread double in [0, 1).
            Ok(bits) => (bits >> 11) as f64 / (1u64 << 53) as f64,
            // Without randomness, wait the whole bound: never shorter than intended.
            Err(_) => 1.0,
        }
    }
}

/// The same factor every time.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct FixedJitter(pub f64);

impl Jitter for FixedJitter {
    fn factor(&self) -> f64 {
        self.0
    }
}

/// A shareable jitter source, as held by a [`RetryStrategy`](super::RetryStrategy).
#[derive(Clone)]
pub struct SharedJitter(Arc<dyn Jitter>);

impl SharedJitter {
    /// Wraps a jitter source.
    pub fn new(jitter: impl Jitter + 'static) -> Self {
        Self(Arc::new(jitter))
    }

    /// A factor from the wrapped source, clamped to `[0, 1]` (NaN counts as 1).
    pub fn factor(&self) -> f64 {
        let factor = self.0.factor();
        if factor.is_nan() {
            1.0
        } else {
            factor.clamp(0.0, 1.0)
        }
    }
}

impl Default for SharedJitter {
    fn default() -> Self {
        Self::new(RandomJitter)
    }
}

impl fmt::Debug for SharedJitter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SharedJitter")
    }
}

/// The upper bound of the delay after failed attempt number `attempt` (1 for the first):
/// `min(max_backoff, initial_backoff * 2^(attempt - 1))`.
pub fn backoff_bound(config: &RetryConfig, attempt: u32) -> Duration {
    let doublings = attempt.saturating_sub(1).min(63);
    let factor = 1u64 << doublings;
    let scaled = u32::try_from(factor)
        .ok()
        .and_then(|factor| config.initial_backoff().checked_mul(factor))
        .unwrap_or(Duration::MAX);
    scaled.min(config.max_backoff())
}

/// The delay after failed attempt number `attempt`: `jitter * bound`, raised to the server's
/// hint when there is one, and never above the configured maximum backoff.
pub fn retry_delay(
    config: &RetryConfig,
    attempt: u32,
    jitter: f64,
    hint: Option<Duration>,
) -> Duration {
    let jittered = backoff_bound(config, attempt).mul_f64(jitter.clamp(0.0, 1.0));
    let delay = match hint {
        Some(hint) => jittered.max(hint),
        None => jittered,
    };
    delay.min(config.max_backoff())
}

/// The server's requested wait before retrying, read from `x-amz-retry-after` (milliseconds)
/// or else `Retry-After` (seconds, or an HTTP date measured from `now`).
///
/// Unreadable values are ignored; a date in the past means no wait.
pub fn retry_after_hint(headers: &HeaderMap, now: SystemTime) -> Option<Duration> {
    let header_text = |name: &str| headers.get(name).and_then(|value| value.to_str().ok());
    if let Some(millis) = header_text("x-amz-retry-after").and_then(|text| text.trim().parse().ok())
    {
        return Some(Duration::from_millis(millis));
    }
    let text = header_text("retry-after")?.trim();
    if let Ok(seconds) = text.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let at = DateTime::parse_http_date(text).ok()?;
    let now_secs = now.duration_since(UNIX_EPOCH).ok()?.as_secs();
    let wait = u64::try_from(at.secs()).ok()?.saturating_sub(now_secs);
    Some(Duration::from_secs(wait))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn millis_config() -> RetryConfig {
        RetryConfig::default()
            .with_initial_backoff(Duration::from_millis(10))
            .with_max_backoff(Duration::from_millis(50))
    }

    #[test]
    fn bound_doubles_per_attempt_until_the_cap() {
        let config = millis_config();
        let bounds: Vec<_> = (1..=5)
            .map(|n| backoff_bound(&config, n).as_millis())
            .collect();
        assert_eq!(bounds, [10, 20, 40, 50, 50]);
        assert_eq!(backoff_bound(&config, u32::MAX), Duration::from_millis(50));
        let defaults = RetryConfig::default();
        assert_eq!(backoff_bound(&defaults, 1), Duration::from_secs(1));
        assert_eq!(backoff_bound(&defaults, 5), Duration::from_secs(16));
        assert_eq!(backoff_bound(&defaults, 6), Duration::from_secs(20));
    }

    #[test]
    fn fixed_jitter_of_one_waits_the_whole_bound() {
        let config = millis_config();
        assert_eq!(
            retry_delay(&config, 1, 1.0, None),
            Duration::from_millis(10)
        );
        assert_eq!(
            retry_delay(&config, 2, 1.0, None),
            Duration::from_millis(20)
        );
        assert_eq!(
            retry_delay(&config, 2, 0.5, None),
            Duration::from_millis(10)
        );
        assert_eq!(retry_delay(&config, 2, 0.0, None), Duration::ZERO);
    }

    #[test]
    fn random_jitter_stays_within_the_bound() {
        let config = millis_config();
        let jitter = SharedJitter::default();
        for attempt in 1..=6 {
            let bound = backoff_bound(&config, attempt);
            for _ in 0..200 {
                let factor = jitter.factor();
                assert!((0.0..=1.0).contains(&factor), "{factor}");
                let delay = retry_delay(&config, attempt, factor, None);
                assert!(delay <= bound, "{delay:?} > {bound:?}");
            }
        }
    }

    #[test]
    fn hints_are_a_lower_bound_capped_by_the_maximum() {
        let config = millis_config();
        let hint = Some(Duration::from_millis(30));
        assert_eq!(
            retry_delay(&config, 1, 0.0, hint),
            Duration::from_millis(30)
        );
        assert_eq!(
            retry_delay(&config, 3, 1.0, hint),
            Duration::from_millis(40)
        );
        let huge = Some(Duration::from_secs(60));
        assert_eq!(
            retry_delay(&config, 1, 1.0, huge),
            Duration::from_millis(50)
        );
    }

    #[test]
    fn hints_are_read_from_either_header() {
        let now = UNIX_EPOCH + Duration::from_secs(1_000_000_000);
        let mut headers = HeaderMap::new();
        assert_eq!(retry_after_hint(&headers, now), None);
        headers.insert("retry-after", "3".parse().expect("valid value"));
        assert_eq!(
            retry_after_hint(&headers, now),
            Some(Duration::from_secs(3))
        );
        headers.insert("x-amz-retry-after", "1500".parse().expect("valid value"));
        assert_eq!(
            retry_after_hint(&headers, now),
            Some(Duration::from_millis(1500))
        );
    }

    #[test]
    fn retry_after_dates_count_from_now() {
        // 1_000_000_000 s after the epoch is Sun, 09 Sep 2001 01:46:40 GMT.
        let now = UNIX_EPOCH + Duration::from_secs(1_000_000_000);
        let mut headers = HeaderMap::new();
        headers.insert(
            "retry-after",
            "Sun, 09 Sep 2001 01:46:45 GMT".parse().expect("valid"),
        );
        assert_eq!(
            retry_after_hint(&headers, now),
            Some(Duration::from_secs(5))
        );
        headers.insert(
            "retry-after",
            "Sun, 09 Sep 2001 01:00:00 GMT".parse().expect("valid"),
        );
        assert_eq!(retry_after_hint(&headers, now), Some(Duration::ZERO));
        headers.insert("retry-after", "soon".parse().expect("valid"));
        assert_eq!(retry_after_hint(&headers, now), None);
    }
}
