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
/// Callers that arrive while a refresh runs wait for it and share its result. When a refresh
/// fails but the old credentials have not expired yet, those are returned; errors are never
/// cached.
pub struct CachingProvider {
    inner: SharedCredentialsProvider,
    cached: RwLock<Option<Credentials>>,
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
        match self.inner.provide_credentials().await {
            Ok(credentials) => {
                *cached = Some(credentials.clone());
                Ok(credentials)
            }
            Err(error) => match cached.as_ref() {
                Some(old) if !self.expired(old) => Ok(old.clone()),
                _ => Err(error),
            },
        }
    }

    /// The cached credentials, if they are outside the refresh window.
    fn fresh(&self, cached: &Option<Credentials>) -> Option<Credentials> {
        let credentials = cached.as_ref()?;
        let fresh = match credentials.expiry() {
            None => true,
            Some(expiry) => (self.clock)()
                .checked_add(self.refresh_window)
                .is_some_and(|deadline| deadline < expiry),
        };
        fresh.then(|| credentials.clone())
    }

    fn expired(&self, credentials: &Credentials) -> bool {
        credentials
            .expiry()
            .is_some_and(|expiry| expiry <= (self.clock)())
    }
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
