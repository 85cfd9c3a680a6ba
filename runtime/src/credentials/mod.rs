//! AWS credentials: the access key pair (and session token) that requests are signed with.
//!
//! [`Credentials`] is the value every provider returns and the signer consumes. The secret
//! parts never appear in `Debug` output.

use std::fmt;
use std::time::SystemTime;

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
