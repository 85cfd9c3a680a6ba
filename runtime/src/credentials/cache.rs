//! A cache that keeps credentials until shortly before they expire.

use std::fmt;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use tokio::sync::RwLock;

use super::{
    Credentials, CredentialsError, ProvideCredentials, ProvideFuture, SharedCredentialsProvider,
};

/// How long before expiry credentials are refreshed unless configured otherwise.
pub const DEFAULT_REFRESH_WINDOW: Duration = Duration::from_secs(5 * 60);

/// The current time; injectable so tests can move it.
pub type Clock = Arc<dyn Fn() -> SystemTime + Send + Sync>;

/// Remembers the inner provider's credentials and asks again only when they are within the
/// refresh window of their expiry (credentials without an expiry are kept for good).
///
/// Credentials that arrive already inside the window are kept until halfway to their expiry,
/// so a source handing out short-lived credentials is not asked on every call.
///
/// Callers that arrive while a refresh runs wait for it and share its result. When a refresh
/// fails but the old credentials have not expired yet, those are returned (and the source is
/// asked again after at most 30 s); errors are never cached.
pub struct CachingProvider {
    inner: SharedCredentialsProvider,
    cached: RwLock<Option<Entry>>,
    refresh_window: Duration,
    clock: Clock,
}

impl CachingProvider {
    /// Caches `inner` with the default refresh window and the system clock.
    pub fn new(inner: impl ProvideCredentials + 'static) -> Self {
        Self {
            inner: SharedCredentialsProvider::new(inner),
            cached: RwLock::new(None),
            refresh_window: DEFAULT_REFRESH_WINDOW,
            clock: Arc::new(SystemTime::now),
        }
    }

    /// Refreshes credentials once they are within `window` of their expiry.
    pub fn with_refresh_window(mut self, window: Duration) -> Self {
        self.refresh_window = window;
        self
    }

    /// Reads the time from `clock` instead of the system.
    pub fn with_clock(mut self, clock: impl Fn() -> SystemTime + Send + Sync + 'static) -> Self {
        self.clock = Arc::new(clock);
        self
    }

    /// Cached credentials, refreshed first if needed.
    pub async fn load(&self) -> Result<Credentials, CredentialsError> {
        if let Some(credentials) = self.fresh(&*self.cached.read().await) {
            return Ok(credentials);
        }
        let mut cached = self.cached.write().await;
        // Another caller may have refreshed while this one waited for the lock.
        if let Some(credentials) = self.fresh(&cached) {
            return Ok(credentials);
        }
        let now = (self.clock)();
        match self.inner.provide_credentials().await {
            Ok(credentials) => {
                let refresh_at = self.refresh_time(&credentials, now);
                *cached = Some(Entry {
                    credentials: credentials.clone(),
                    refresh_at,
                });
                Ok(credentials)
            }
            Err(error) => match cached.as_mut() {
                Some(entry) if !is_expired(&entry.credentials, now) => {
                    // Keep using them, and give the source a moment before asking again.
                    let remaining = remaining(&entry.credentials, now).unwrap_or_default();
                    entry.refresh_at = Some(now + (remaining / 2).min(RETRY_AFTER_FAILURE));
                    Ok(entry.credentials.clone())
                }
                _ => Err(error),
            },
        }
    }

    /// When to ask again for `credentials` obtained at `now`: the refresh window before they
    /// expire, or halfway to expiry when they arrive already inside the window; never for
    /// credentials without an expiry.
    fn refresh_time(&self, credentials: &Credentials, now: SystemTime) -> Option<SystemTime> {
        let expiry = credentials.expiry()?;
        let remaining = remaining(credentials, now).unwrap_or_default();
        Some(match expiry.checked_sub(self.refresh_window) {
            Some(start_of_window) if start_of_window > now => start_of_window,
            _ => now + remaining / 2,
        })
    }

    /// The cached credentials, unless it is time to refresh them.
    fn fresh(&self, cached: &Option<Entry>) -> Option<Credentials> {
        let entry = cached.as_ref()?;
        let now = (self.clock)();
        let fresh = entry.refresh_at.is_none_or(|refresh_at| now < refresh_at)
            && !is_expired(&entry.credentials, now);
        fresh.then(|| entry.credentials.clone())
    }
}

/// Cached credentials and when to ask for new ones.
struct Entry {
    credentials: Credentials,
    refresh_at: Option<SystemTime>,
}

/// How long to wait before asking again after a failed refresh, at most.
const RETRY_AFTER_FAILURE: Duration = Duration::from_secs(30);

fn is_expired(credentials: &Credentials, now: SystemTime) -> bool {
    credentials.expiry().is_some_and(|expiry| expiry <= now)
}

/// Time left before `credentials` expire; `None` without an expiry.
fn remaining(credentials: &Credentials, now: SystemTime) -> Option<Duration> {
    let expiry = credentials.expiry()?;
    Some(expiry.duration_since(now).unwrap_or_default())
}

impl fmt::Debug for CachingProvider {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter
            .debug_struct("CachingProvider")
            .field("inner", &self.inner)
            .field("refresh_window", &self.refresh_window)
            .finish_non_exhaustive()
    }
}

impl ProvideCredentials for CachingProvider {
    fn provide_credentials(&self) -> ProvideFuture<'_> {
        Box::pin(self.load())
    }
}
