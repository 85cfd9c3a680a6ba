//! Trying providers in order, and the default order the AWS CLI uses.

use super::{
    Credentials, CredentialsError, Env, EnvironmentProvider, ProfileProvider, ProvideCredentials,
    ProvideFuture, SharedCredentialsProvider,
};

/// Providers tried in order: the first to give credentials wins. A provider that finds
/// nothing ([`CredentialsError::NotLoaded`]) passes to the next; any other error stops the
/// chain (a broken configuration is not silently replaced by other credentials). When all
/// find nothing, the error lists each one's reason.
#[derive(Clone, Debug, Default)]
pub struct CredentialsChain {
    providers: Vec<SharedCredentialsProvider>,
}

impl CredentialsChain {
    /// An empty chain (it finds nothing).
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds `provider` at the end.
    pub fn with(mut self, provider: impl ProvideCredentials + 'static) -> Self {
        self.providers
            .push(SharedCredentialsProvider::new(provider));
        self
    }

    /// Tries each provider in turn.
    pub async fn load(&self) -> Result<Credentials, CredentialsError> {
        let mut attempts = Vec::new();
        for provider in &self.providers {
            match provider.provide_credentials().await {
                Ok(credentials) => return Ok(credentials),
                Err(CredentialsError::NotLoaded { provider, reason }) => {
                    attempts.push((provider, reason));
                }
                Err(CredentialsError::NoneFound { attempts: inner }) => attempts.extend(inner),
                Err(error) => return Err(error),
            }
        }
        Err(CredentialsError::NoneFound { attempts })
    }
}

impl ProvideCredentials for CredentialsChain {
    fn provide_credentials(&self) -> ProvideFuture<'_> {
        Box::pin(self.load())
    }
}

/// The AWS CLI's order: environment variables, the shared files' profile, then (with the
/// `rt-tokio` feature) container credentials and EC2 instance metadata.
///
/// ```no_run
/// use anvil_runtime::credentials::{DefaultChain, Env, ProvideCredentials};
///
/// # async fn example() -> Result<(), anvil_runtime::credentials::CredentialsError> {
/// let provider = DefaultChain::new(Env::process()).with_profile("dev").build();
/// let credentials = provider.provide_credentials().await?;
/// # Ok(())
/// # }
/// ```
#[derive(Clone, Debug)]
pub struct DefaultChain {
    env: Env,
    profile: Option<String>,
}

impl DefaultChain {
    /// The default chain reading variables and files through `env`.
    pub fn new(env: Env) -> Self {
        Self { env, profile: None }
    }

    /// Uses profile `name` instead of `AWS_PROFILE` / `default` (the CLI's `--profile`).
    pub fn with_profile(mut self, name: impl Into<String>) -> Self {
        self.profile = Some(name.into());
        self
    }

    /// The chain itself, uncached.
    pub fn chain(self) -> CredentialsChain {
        let mut profile = ProfileProvider::new(self.env.clone());
        if let Some(name) = self.profile {
            profile = profile.with_profile(name);
        }
        let chain = CredentialsChain::new()
            .with(EnvironmentProvider::new(self.env.clone()))
            .with(profile);
        #[cfg(feature = "rt-tokio")]
        let chain = chain
            .with(super::ContainerProvider::new(self.env.clone()))
            .with(super::ImdsProvider::new(self.env));
        chain
    }

    /// The chain, ready to share; with `rt-tokio`, behind a cache that refreshes credentials
    /// before they expire.
    pub fn build(self) -> SharedCredentialsProvider {
        let chain = self.chain();
        #[cfg(feature = "rt-tokio")]
        return SharedCredentialsProvider::new(super::CachingProvider::new(chain));
        #[cfg(not(feature = "rt-tokio"))]
        SharedCredentialsProvider::new(chain)
    }
}
