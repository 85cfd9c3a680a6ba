//! Why a request could not be signed.
//!
//! No message ever contains the secret access key or the session token: header values are
//! not quoted, and errors from the underlying signer are described by their kind only.

use std::error::Error;
use std::fmt;

/// A request that could not be signed; the request is left without a signature.
#[derive(Debug)]
#[non_exhaustive]
pub enum SigningError {
    /// The request has neither a `Host` header nor an absolute URI, so there is no host to
    /// sign.
    MissingHost {
        /// The request's URI as given (a path, typically).
        uri: String,
    },
    /// A request header holds bytes that are not visible ASCII, which SigV4 cannot
    /// canonicalize.
    HeaderNotText {
        /// The header's name (its value is not repeated here).
        name: String,
    },
    /// A header the signature adds could not be written as an HTTP header value (for
    /// example, a session token containing a line break).
    UnsendableHeader {
        /// The header's name.
        name: &'static str,
    },
    /// The SigV4 signer refused the request.
    Signer {
        /// What the signer reported; it names the kind of problem, never a value.
        source: Box<dyn Error + Send + Sync>,
    },
}

impl fmt::Display for SigningError {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::MissingHost { uri } => write!(
                formatter,
                "cannot sign a request to `{uri}`: it has no Host header and its URI has no host"
            ),
            Self::HeaderNotText { name } => write!(
                formatter,
                "cannot sign the request: header `{name}` is not visible ASCII text"
            ),
            Self::UnsendableHeader { name } => write!(
                formatter,
                "cannot sign the request: the value computed for header `{name}` is not a valid \
                 header value"
            ),
            Self::Signer { source } => write!(formatter, "SigV4 signing failed: {source}"),
        }
    }
}

impl Error for SigningError {
    fn source(&self) -> Option<&(dyn Error + 'static)> {
        match self {
            Self::Signer { source } => Some(source.as_ref()),
            _ => None,
        }
    }
}
