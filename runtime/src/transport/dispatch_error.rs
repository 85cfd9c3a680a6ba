//! Why an HTTP request got no response, and whether trying again may help.

use std::error::Error;
use std::fmt;
use std::io;

type BoxError = Box<dyn Error + Send + Sync + 'static>;

/// The stage at which sending a request failed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum DispatchErrorKind {
    /// No connection could be made: name resolution, refusal, TLS handshake, connect timeout.
    Connect,
    /// A time limit ran out before the response was read.
    Timeout,
    /// The connection failed while the request was written or the response read.
    Io,
    /// Anything else, such as a request the client could not send at all.
    Other,
}

impl DispatchErrorKind {
    /// A short lowercase name for logs: `connect`, `timeout`, `io` or `other`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Connect => "connect",
            Self::Timeout => "timeout",
            Self::Io => "io",
            Self::Other => "other",
        }
    }
}

impl fmt::Display for DispatchErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A request that got no response.
///
/// Carries the [`kind`](Self::kind) of failure, whether a retry may succeed
/// ([`is_retryable`](Self::is_retryable)) and the underlying error as its
/// [`source`](Error::source).
///
/// ```
/// use std::io;
/// use anvil_runtime::transport::{DispatchError, DispatchErrorKind};
///
/// let reset = io::Error::from(io::ErrorKind::ConnectionReset);
/// let err = DispatchError::io(reset);
/// assert_eq!(err.kind(), DispatchErrorKind::Io);
/// assert!(err.is_retryable());
///
/// let odd = DispatchError::other("unsupported URI scheme");
/// assert!(!odd.is_retryable());
/// assert_eq!(odd.to_string(), "HTTP dispatch failed (other): unsupported URI scheme");
/// ```
#[derive(Debug)]
pub struct DispatchError {
    kind: DispatchErrorKind,
    retryable: bool,
    source: BoxError,
}

impl DispatchError {
    /// No connection could be made; retryable (refusals and failed lookups are often brief).
    pub fn connect(source: impl Into<BoxError>) -> Self {
        Self::new(DispatchErrorKind::Connect, true, source)
    }

    /// A time limit ran out; retryable.
    pub fn timeout(source: impl Into<BoxError>) -> Self {
        Self::new(DispatchErrorKind::Timeout, true, source)
    }

    /// The connection failed mid-exchange. Retryable when the cause is one of the transient
    /// I/O failures (reset, aborted, broken pipe, unexpected end of stream, timed out) or is not
    /// an [`io::Error`] at all; a timed-out I/O error is reported as [`DispatchErrorKind::Timeout`].
    pub fn io(source: impl Into<BoxError>) -> Self {
        let source = source.into();
        match find_io_error(source.as_ref()).map(io::Error::kind) {
            Some(io::ErrorKind::TimedOut) => Self::new(DispatchErrorKind::Timeout, true, source),
            Some(kind) => Self::new(DispatchErrorKind::Io, is_transient_io(kind), source),
            None => Self::new(DispatchErrorKind::Io, true, source),
        }
    }

    /// Any other failure; not retryable.
    pub fn other(source: impl Into<BoxError>) -> Self {
        Self::new(DispatchErrorKind::Other, false, source)
    }

    /// An error of the given kind with an explicit retry verdict.
    pub fn new(kind: DispatchErrorKind, retryable: bool, source: impl Into<BoxError>) -> Self {
        Self {
            kind,
            retryable,
            source: source.into(),
        }
    }

    /// Overrides whether a retry may succeed.
    #[must_use]
    pub fn with_retryable(mut self, retryable: bool) -> Self {
        self.retryable = retryable;
        self
    }

    /// The stage at which sending failed.
    pub fn kind(&self) -> DispatchErrorKind {
        self.kind
    }

    /// Whether sending the same request again may succeed.
    pub fn is_retryable(&self) -> bool {
        self.retryable
    }

    /// Whether a time limit ran out (the retry quota charges these more).
    pub fn is_timeout(&self) -> bool {
        self.kind == DispatchErrorKind::Timeout
    }
}

impl fmt::Display for DispatchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "HTTP dispatch failed ({}): {}", self.kind, self.source)
    }
}

impl Error for DispatchError {
    fn source(&self) -> Option<&(dyn Error + 'static)> {
        Some(self.source.as_ref())
    }
}

/// The first [`io::Error`] in `error`'s chain of sources, `error` included.
pub(crate) fn find_io_error<'a>(error: &'a (dyn Error + 'static)) -> Option<&'a io::Error> {
    let mut current = Some(error);
    while let Some(error) = current {
        if let Some(io_error) = error.downcast_ref::<io::Error>() {
            return Some(io_error);
        }
        current = error.source();
    }
    None
}

/// Whether an I/O failure of this kind is worth another attempt.
pub(crate) fn is_transient_io(kind: io::ErrorKind) -> bool {
    matches!(
        kind,
        io::ErrorKind::ConnectionReset
            | io::ErrorKind::ConnectionAborted
            | io::ErrorKind::ConnectionRefused
            | io::ErrorKind::BrokenPipe
            | io::ErrorKind::UnexpectedEof
            | io::ErrorKind::TimedOut
            | io::ErrorKind::Interrupted
            | io::ErrorKind::NotConnected
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn io_errors_are_classified_by_kind() {
        let reset = DispatchError::io(io::Error::from(io::ErrorKind::ConnectionReset));
        assert_eq!(reset.kind(), DispatchErrorKind::Io);
        assert!(reset.is_retryable());

        let timed_out = DispatchError::io(io::Error::from(io::ErrorKind::TimedOut));
        assert!(timed_out.is_timeout());
        assert!(timed_out.is_retryable());

        let denied = DispatchError::io(io::Error::from(io::ErrorKind::PermissionDenied));
        assert!(!denied.is_retryable());
    }

    #[test]
    fn io_error_is_found_deep_in_the_source_chain() {
        let inner = DispatchError::io(io::Error::from(io::ErrorKind::BrokenPipe));
        let outer = DispatchError::io(inner);
        assert!(outer.is_retryable());
        let denied = DispatchError::io(DispatchError::other(io::Error::from(
            io::ErrorKind::PermissionDenied,
        )));
        assert!(!denied.is_retryable());
    }

    #[test]
    fn source_is_chained_and_retry_verdict_can_be_overridden() {
        let err = DispatchError::connect("connection refused").with_retryable(false);
        assert_eq!(err.kind(), DispatchErrorKind::Connect);
        assert!(!err.is_retryable());
        assert_eq!(
            err.source().map(ToString::to_string).as_deref(),
            Some("connection refused")
        );
    }
}
