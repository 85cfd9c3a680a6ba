//! AWS credentials: the access key pair (and session token) that requests are signed with,
//! and the providers that find them.
//!
//! [`Credentials`] is the value every provider returns and the signer consumes. The secret
//! parts never appear in `Debug` output, nor in any error message of this module.
//!
//! Providers implement [`ProvideCredentials`]. [`DefaultChain`] tries them in the AWS CLI's
//! order:
//!
//! 1. [`EnvironmentProvider`]: `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, `AWS_SESSION_TOKEN`;
//! 2. [`ProfileProvider`]: the shared `config` and `credentials` files (static keys and
//!    `credential_process`);
//! 3. `ContainerProvider`: the ECS/EKS container endpoint (feature `rt-tokio`);
//! 4. `ImdsProvider`: EC2 instance metadata, IMDSv2 (feature `rt-tokio`).
//!
//! With `rt-tokio`, the built chain sits behind a `CachingProvider` that refreshes
//! temporary credentials a few minutes before they expire. Variables and the home directory
//! are read through an [`Env`], so tests can supply their own.

use std::fmt;
use std::time::SystemTime;

mod chain;
mod env;
mod environment;
mod error;
#[cfg(feature = "rt-tokio")]
mod json_document;
pub mod profile;
mod provider;

#[cfg(feature = "rt-tokio")]
mod cache;
#[cfg(feature = "rt-tokio")]
mod container;
#[cfg(feature = "rt-tokio")]
mod http;
#[cfg(feature = "rt-tokio")]
mod imds;
#[cfg(feature = "rt-tokio")]
mod process;

pub use chain::{CredentialsChain, DefaultChain};
pub use env::Env;
pub use environment::EnvironmentProvider;
pub use error::CredentialsError;
pub use profile::{ProfileProvider, ProfileSet};
pub use provider::{ProvideCredentials, ProvideFuture, SharedCredentialsProvider};

#[cfg(feature = "rt-tokio")]
pub use cache::{CachingProvider, Clock, DEFAULT_REFRESH_WINDOW};
#[cfg(feature = "rt-tokio")]
pub use container::ContainerProvider;
#[cfg(feature = "rt-tokio")]
pub use imds::ImdsProvider;
#[cfg(feature = "rt-tokio")]
pub use process::CredentialProcessProvider;

/// An access key pair, an optional session token and, for temporary credentials, the time
/// they stop working.
///
/// `Debug` prints the access key id and expiry but redacts the secret key and the token.
///
/// ```
/// use anvil_runtime::credentials::Credentials;
///
/// let credentials = Credentials::new("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", None, None, "test");
/// assert!(!format!("{credentials:?}").contains("wJalr"));
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct Credentials {
    access_key_id: String,
    secret_access_key: String,
    session_token: Option<String>,
    expiry: Option<SystemTime>,
    provider_name: &'static str,
}

impl Credentials {
    /// Credentials from their parts; `provider_name` says where they came from (for
    /// messages, e.g. `"environment"`).
    pub fn new(
        access_key_id: impl Into<String>,
        secret_access_key: impl Into<String>,
        session_token: Option<String>,
        expiry: Option<SystemTime>,
        provider_name: &'static str,
    ) -> Self {
        Self {
            access_key_id: access_key_id.into(),
            secret_access_key: secret_access_key.into(),
            session_token,
            expiry,
            provider_name,
        }
    }

    /// The access key id (not secret; it appears in the `Authorization` header).
    pub fn access_key_id(&self) -> &str {
        &self.access_key_id
    }

    /// The secret access key.
    pub fn secret_access_key(&self) -> &str {
        &self.secret_access_key
    }

    /// The session token of temporary credentials.
    pub fn session_token(&self) -> Option<&str> {
        self.session_token.as_deref()
    }

    /// When temporary credentials stop working; `None` for long-term keys.
    pub fn expiry(&self) -> Option<SystemTime> {
        self.expiry
    }

    /// Which provider produced these credentials.
    pub fn provider_name(&self) -> &'static str {
        self.provider_name
    }
}

impl fmt::Debug for Credentials {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        let redacted = |present: bool| {
            if present {
                crate::SENSITIVE_REDACTED
            } else {
                "None"
            }
        };
        formatter
            .debug_struct("Credentials")
            .field("access_key_id", &self.access_key_id)
            .field("secret_access_key", &redacted(true))
            .field("session_token", &redacted(self.session_token.is_some()))
            .field("expiry", &self.expiry)
            .field("provider_name", &self.provider_name)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_never_shows_the_secret_or_the_token() {
        let credentials = Credentials::new(
            "AKID",
            "CANARY-SECRET-1234",
            Some("CANARY-TOKEN-5678".to_string()),
            None,
            "test",
        );
        let printed = format!("{credentials:?} {credentials:#?}");
        assert!(printed.contains("AKID"));
        assert!(!printed.contains("CANARY"));
    }
}
