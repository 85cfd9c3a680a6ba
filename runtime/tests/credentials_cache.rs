//! The caching provider: refresh shortly before expiry, one refresh for concurrent callers.
#![cfg(feature = "rt-tokio")]

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use anvil_runtime::credentials::{
    CachingProvider, Credentials, CredentialsError, ProvideCredentials, ProvideFuture,
};

/// Hands out credentials numbered by call, each valid for `lifetime` from the shared clock;
/// fails when `failing` is set.
#[derive(Debug)]
struct Counting {
    calls: Arc<AtomicUsize>,
    now: Arc<AtomicU64>,
    lifetime: Duration,
    delay: Duration,
    failing: Arc<AtomicUsize>,
}

impl ProvideCredentials for Counting {
    fn provide_credentials(&self) -> ProvideFuture<'_> {
        Box::pin(async move {
            tokio::time::sleep(self.delay).await;
            let call = self.calls.fetch_add(1, Ordering::SeqCst) + 1;
            if self.failing.load(Ordering::SeqCst) != 0 {
                return Err(CredentialsError::provider_failed("counting", "down"));
            }
            let now = UNIX_EPOCH + Duration::from_secs(self.now.load(Ordering::SeqCst));
            Ok(Credentials::new(
                format!("AKID{call}"),
                "s",
                None,
                Some(now + self.lifetime),
                "counting",
            ))
        })
    }
}

struct Fixture {
    calls: Arc<AtomicUsize>,
    now: Arc<AtomicU64>,
    failing: Arc<AtomicUsize>,
    cache: Arc<CachingProvider>,
}

fn fixture(lifetime: Duration, delay: Duration) -> Fixture {
    let calls = Arc::new(AtomicUsize::new(0));
    let now = Arc::new(AtomicU64::new(1_000_000));
    let failing = Arc::new(AtomicUsize::new(0));
    let inner = Counting {
        calls: Arc::clone(&calls),
        now: Arc::clone(&now),
        lifetime,
        delay,
        failing: Arc::clone(&failing),
    };
    let clock = Arc::clone(&now);
    let cache = CachingProvider::new(inner)
        .with_refresh_window(Duration::from_secs(300))
        .with_clock(move || UNIX_EPOCH + Duration::from_secs(clock.load(Ordering::SeqCst)));
    Fixture {
        calls,
        now,
        failing,
        cache: Arc::new(cache),
    }
}

async fn key(cache: &CachingProvider) -> Result<String, CredentialsError> {
    Ok(cache.load().await?.access_key_id().to_string())
}

#[tokio::test]
async fn refreshes_only_within_the_window_before_expiry() {
    let f = fixture(Duration::from_secs(3600), Duration::ZERO);
    assert_eq!(key(&f.cache).await.unwrap(), "AKID1");
    f.now.fetch_add(3000, Ordering::SeqCst); // 600 s left: still fresh
    assert_eq!(key(&f.cache).await.unwrap(), "AKID1");
    f.now.fetch_add(301, Ordering::SeqCst); // 299 s left: inside the 300 s window
    assert_eq!(key(&f.cache).await.unwrap(), "AKID2");
    assert_eq!(key(&f.cache).await.unwrap(), "AKID2");
    assert_eq!(f.calls.load(Ordering::SeqCst), 2);
}

#[tokio::test]
async fn short_lived_credentials_are_kept_until_halfway() {
    let f = fixture(Duration::from_secs(200), Duration::ZERO); // born inside the window
    assert_eq!(key(&f.cache).await.unwrap(), "AKID1");
    f.now.fetch_add(99, Ordering::SeqCst);
    assert_eq!(key(&f.cache).await.unwrap(), "AKID1");
    f.now.fetch_add(1, Ordering::SeqCst);
    assert_eq!(key(&f.cache).await.unwrap(), "AKID2");
    assert_eq!(f.calls.load(Ordering::SeqCst), 2);
}

#[tokio::test]
async fn concurrent_callers_share_one_refresh() {
    let f = fixture(Duration::from_secs(3600), Duration::from_millis(50));
    let mut tasks = tokio::task::JoinSet::new();
    for _ in 0..16 {
        let cache = Arc::clone(&f.cache);
        tasks.spawn(async move { key(&cache).await.unwrap() });
    }
    while let Some(result) = tasks.join_next().await {
        assert_eq!(result.unwrap(), "AKID1");
    }
    assert_eq!(f.calls.load(Ordering::SeqCst), 1);
}

#[tokio::test]
async fn failed_refresh_keeps_unexpired_credentials_and_errors_are_not_cached() {
    let f = fixture(Duration::from_secs(3600), Duration::ZERO);
    assert_eq!(key(&f.cache).await.unwrap(), "AKID1");
    f.failing.store(1, Ordering::SeqCst);
    f.now.fetch_add(3400, Ordering::SeqCst); // inside the window, not expired
    assert_eq!(key(&f.cache).await.unwrap(), "AKID1");
    assert_eq!(f.calls.load(Ordering::SeqCst), 2);
    f.now.fetch_add(10, Ordering::SeqCst); // a failed source is not asked again at once
    assert_eq!(key(&f.cache).await.unwrap(), "AKID1");
    assert_eq!(f.calls.load(Ordering::SeqCst), 2);
    f.now.fetch_add(290, Ordering::SeqCst); // expired now
    assert!(key(&f.cache).await.is_err());
    f.failing.store(0, Ordering::SeqCst);
    assert_eq!(key(&f.cache).await.unwrap(), "AKID4");
}

#[tokio::test]
async fn credentials_without_expiry_are_kept() {
    let calls = Arc::new(AtomicUsize::new(0));
    #[derive(Debug)]
    struct Static(Arc<AtomicUsize>);
    impl ProvideCredentials for Static {
        fn provide_credentials(&self) -> ProvideFuture<'_> {
            self.0.fetch_add(1, Ordering::SeqCst);
            Box::pin(async { Ok(Credentials::new("AKID", "s", None, None, "static")) })
        }
    }
    let cache = CachingProvider::new(Static(Arc::clone(&calls)))
        .with_clock(|| SystemTime::now() + Duration::from_secs(10 * 365 * 86_400));
    for _ in 0..3 {
        cache.load().await.unwrap();
    }
    assert_eq!(calls.load(Ordering::SeqCst), 1);
}
