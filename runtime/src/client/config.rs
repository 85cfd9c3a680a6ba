//! [`Config`]: the settings every service client shares.

use std::sync::{Arc, OnceLock};

use crate::credentials::SharedCredentialsProvider;
use crate::endpoint::BuiltIns;
#[cfg(feature = "default-https-client")]
use crate::region::RegionError;
use crate::request_body::CompressionConfig;
use crate::retry::{RetryConfig, RetryQuota, RetryStrategy};
use crate::transport::{HttpClient, TimeoutConfig};

/// Region, credentials, endpoint, retry, timeout and transport settings. Cheap to clone
/// (clones share the retry quota and the HTTP client); one config serves every service.
#[derive(Clone)]
pub struct Config {
    pub(crate) region: Option<String>,
    pub(crate) credentials: Option<SharedCredentialsProvider>,
    pub(crate) endpoint_url: Option<String>,
    pub(crate) use_fips: bool,
    pub(crate) use_dual_stack: bool,
    pub(crate) validate: bool,
    pub(crate) timeouts: TimeoutConfig,
    pub(crate) compression: CompressionConfig,
    pub(crate) retry: Arc<RetryStrategy>,
    pub(crate) http_client: Arc<HttpClientSlot>,
}

/// The HTTP client calls go through: the one the builder was given, or else the default
/// client, made on first use. Clones of a config share the slot, so they share one client
/// and its pooled connections.
pub(crate) type HttpClientSlot = OnceLock<Result<Arc<dyn HttpClient>, String>>;

impl std::fmt::Debug for Config {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter
            .debug_struct("Config")
            .field("region", &self.region)
            .field("credentials", &self.credentials.is_some())
            .field("endpoint_url", &self.endpoint_url)
            .field("use_fips", &self.use_fips)
            .field("use_dual_stack", &self.use_dual_stack)
            .field("validate", &self.validate)
            .field("timeouts", &self.timeouts)
            .field("compression", &self.compression)
            .finish_non_exhaustive()
    }
}

impl Config {
    /// A builder with no region, no credentials, validation on and the standard retries.
    pub fn builder() -> ConfigBuilder {
        ConfigBuilder::default()
    }

    /// The region and credentials the AWS CLI would use (see [`crate::region`] and
    /// [`crate::credentials::DefaultChain`]), the standard retries, and the default HTTPS
    /// client. A region set nowhere is left unset: a call that needs one says so.
    #[cfg(feature = "default-https-client")]
    pub async fn from_env() -> Result<Self, RegionError> {
        use crate::credentials::{DefaultChain, Env};
        use crate::region::resolve_region_with_files;

        let env = Env::process();
        let region = match resolve_region_with_files(None, &env, None) {
            Ok(resolved) => Some(resolved.region),
            Err(RegionError::Missing { .. }) => None,
            Err(error) => return Err(error),
        };
        let mut builder = Self::builder().credentials(DefaultChain::new(env).build());
        if let Some(region) = region {
            builder = builder.region(region);
        }
        Ok(builder.build())
    }

    /// The region, if one is set.
    pub fn region(&self) -> Option<&str> {
        self.region.as_deref()
    }

    /// The built-in endpoint parameters these settings give.
    pub fn built_ins(&self) -> BuiltIns {
        let mut built_ins = BuiltIns::new()
            .use_fips(self.use_fips)
            .use_dual_stack(self.use_dual_stack);
        if let Some(region) = &self.region {
            built_ins = built_ins.region(region.clone());
        }
        if let Some(url) = &self.endpoint_url {
            built_ins = built_ins.endpoint(url.clone());
        }
        built_ins
    }
}

/// Builds a [`Config`].
#[derive(Default)]
pub struct ConfigBuilder {
    region: Option<String>,
    credentials: Option<SharedCredentialsProvider>,
    endpoint_url: Option<String>,
    use_fips: bool,
    use_dual_stack: bool,
    no_validation: bool,
    timeouts: Option<TimeoutConfig>,
    compression: Option<CompressionConfig>,
    retry: Option<RetryStrategy>,
    http_client: Option<Arc<dyn HttpClient>>,
}

impl ConfigBuilder {
    /// The region, e.g. `eu-west-1`.
    pub fn region(mut self, region: impl Into<String>) -> Self {
        self.region = Some(region.into());
        self
    }

    /// Where credentials come from.
    pub fn credentials(mut self, provider: SharedCredentialsProvider) -> Self {
        self.credentials = Some(provider);
        self
    }

    /// An endpoint URL to use instead of the rule set's default.
    pub fn endpoint_url(mut self, url: impl Into<String>) -> Self {
        self.endpoint_url = Some(url.into());
        self
    }

    /// FIPS endpoints.
    pub fn use_fips(mut self, use_fips: bool) -> Self {
        self.use_fips = use_fips;
        self
    }

    /// Dual-stack (IPv4 and IPv6) endpoints.
    pub fn use_dual_stack(mut self, use_dual_stack: bool) -> Self {
        self.use_dual_stack = use_dual_stack;
        self
    }

    /// Whether input is checked against the model before it is sent (on by default).
    pub fn validation(mut self, validate: bool) -> Self {
        self.no_validation = !validate;
        self
    }

    /// Connect, attempt and operation timeouts.
    pub fn timeouts(mut self, timeouts: TimeoutConfig) -> Self {
        self.timeouts = Some(timeouts);
        self
    }

    /// When operations with `@requestCompression` gzip their request bodies: by default,
    /// bodies of 10,240 bytes and more ([`CompressionConfig`]).
    pub fn request_compression(mut self, compression: CompressionConfig) -> Self {
        self.compression = Some(compression);
        self
    }

    /// The retry strategy (attempts, backoff, quota).
    pub fn retry(mut self, strategy: RetryStrategy) -> Self {
        self.retry = Some(strategy);
        self
    }

    /// The HTTP client requests go through.
    pub fn http_client(mut self, client: impl HttpClient + 'static) -> Self {
        self.http_client = Some(Arc::new(client));
        self
    }

    /// The config. Without an HTTP client, calls use the default HTTPS client when the
    /// `default-https-client` feature is on, and fail with a clear error otherwise.
    pub fn build(self) -> Config {
        Config {
            region: self.region,
            credentials: self.credentials,
            endpoint_url: self.endpoint_url,
            use_fips: self.use_fips,
            use_dual_stack: self.use_dual_stack,
            validate: !self.no_validation,
            timeouts: self.timeouts.unwrap_or_default(),
            compression: self.compression.unwrap_or_default(),
            retry: Arc::new(
                self.retry
                    .unwrap_or_else(|| RetryStrategy::new(RetryConfig::default())),
            ),
            http_client: Arc::new(match self.http_client {
                Some(client) => OnceLock::from(Ok(client)),
                None => OnceLock::new(),
            }),
        }
    }
}

/// The retry quota of a config (shared by its clones).
impl Config {
    /// The retry quota calls made with this config draw from.
    pub fn retry_quota(&self) -> &RetryQuota {
        self.retry.quota()
    }
}
