//! Why a provider gave no credentials.

use std::fmt;

/// A provider could not give credentials.
///
/// Messages say what was tried and why it gave nothing; they never contain a secret key,
/// session token or the output of a credentials command.
///
/// ```
/// use anvil_runtime::credentials::CredentialsError;
///
/// let err = CredentialsError::not_loaded("environment", "AWS_ACCESS_KEY_ID is not set");
/// assert!(err.is_not_loaded());
/// assert_eq!(err.to_string(), "environment: AWS_ACCESS_KEY_ID is not set");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum CredentialsError {
    /// The provider found nothing to load (for example, its variables are unset); a chain
    /// moves on to its next provider.
    NotLoaded {
        /// Which provider.
        provider: &'static str,
        /// What it tried and why that gave nothing.
        reason: String,
    },
    /// Every provider of a chain found nothing: one `(provider, reason)` pair per provider.
    NoneFound {
        /// What each provider tried, in chain order.
        attempts: Vec<(&'static str, String)>,
    },
    /// Configuration was found but cannot be used (for example, a key without its secret);
    /// a chain stops here rather than silently using other credentials.
    InvalidConfiguration {
        /// Which provider.
        provider: &'static str,
        /// What is wrong, and where.
        message: String,
    },
    /// The provider is configured but fetching failed (a command exited with an error, an
    /// endpoint answered with an error status, a response was malformed, a timeout).
    ProviderFailed {
        /// Which provider.
        provider: &'static str,
        /// What failed.
        message: String,
    },
}

impl CredentialsError {
    /// The provider found nothing to load.
    pub fn not_loaded(provider: &'static str, reason: impl Into<String>) -> Self {
        Self::NotLoaded {
            provider,
            reason: reason.into(),
        }
    }

    /// The provider's configuration cannot be used.
    pub fn invalid_configuration(provider: &'static str, message: impl Into<String>) -> Self {
        Self::InvalidConfiguration {
            provider,
            message: message.into(),
        }
    }

    /// The provider is configured but fetching failed.
    pub fn provider_failed(provider: &'static str, message: impl Into<String>) -> Self {
        Self::ProviderFailed {
            provider,
            message: message.into(),
        }
    }

    /// Whether this only means "nothing here" (a chain tries the next provider).
    pub fn is_not_loaded(&self) -> bool {
        matches!(self, Self::NotLoaded { .. })
    }
}

impl fmt::Display for CredentialsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NotLoaded { provider, reason } => write!(f, "{provider}: {reason}"),
            Self::NoneFound { attempts } => {
                f.write_str("no AWS credentials found; looked in:")?;
                for (provider, reason) in attempts {
                    write!(f, "\n  - {provider}: {reason}")?;
                }
                Ok(())
            }
            Self::InvalidConfiguration { provider, message } => {
                write!(f, "{provider}: invalid configuration: {message}")
            }
            Self::ProviderFailed { provider, message } => write!(f, "{provider}: {message}"),
        }
    }
}

impl std::error::Error for CredentialsError {}
