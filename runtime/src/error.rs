//! Errors shared by every generated client, and the metadata every error reports.

use std::fmt;

/// A builder was asked to build a value while a required member was still unset.
///
/// Generated builders return this from `build()` when a member marked `@required` (and without
/// a default) has not been given a value.
///
/// ```
/// use anvil_runtime::BuildError;
///
/// let err = BuildError::missing_member("UpdateUserInput", "IdentityStoreId");
/// assert_eq!(err.shape(), "UpdateUserInput");
/// assert_eq!(err.member(), "IdentityStoreId");
/// assert_eq!(
///     err.to_string(),
///     "cannot build `UpdateUserInput`: required member `IdentityStoreId` is not set"
/// );
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BuildError {
    shape: &'static str,
    member: &'static str,
}

impl BuildError {
    /// Reports that `member` of the structure named `shape` is required but was not set.
    pub const fn missing_member(shape: &'static str, member: &'static str) -> Self {
        Self { shape, member }
    }

    /// Name of the structure that could not be built.
    pub const fn shape(&self) -> &'static str {
        self.shape
    }

    /// Name of the member (as spelled in the model) that was missing.
    pub const fn member(&self) -> &'static str {
        self.member
    }
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "cannot build `{}`: required member `{}` is not set",
            self.shape, self.member
        )
    }
}

impl std::error::Error for BuildError {}

/// An error response that the model does not describe.
///
/// When a service answers with an error code that matches none of the operation's (or the
/// service's) error shapes, generated clients hand back what could be read from the response:
/// the error code, message, HTTP status and request ID, each of which may be absent.
///
/// ```
/// use anvil_runtime::UnhandledError;
///
/// let err = UnhandledError::new()
///     .with_code("ThrottlingException")
///     .with_message("Rate exceeded")
///     .with_status(400);
/// assert_eq!(err.code(), Some("ThrottlingException"));
/// assert_eq!(err.request_id(), None);
/// assert_eq!(
///     err.to_string(),
///     "unhandled error ThrottlingException (HTTP 400): Rate exceeded"
/// );
/// assert_eq!(UnhandledError::new().to_string(), "unhandled error (no code)");
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct UnhandledError {
    code: Option<String>,
    message: Option<String>,
    status: Option<u16>,
    request_id: Option<String>,
}

impl UnhandledError {
    /// An error with nothing known about it yet; fill it in with the `with_*` methods.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets the error code (the error shape name sent by the service, already sanitized).
    pub fn with_code(mut self, code: impl Into<String>) -> Self {
        self.code = Some(code.into());
        self
    }

    /// Sets the human-readable message sent by the service.
    pub fn with_message(mut self, message: impl Into<String>) -> Self {
        self.message = Some(message.into());
        self
    }

    /// Sets the HTTP status code of the response.
    pub fn with_status(mut self, status: u16) -> Self {
        self.status = Some(status);
        self
    }

    /// Sets the request ID the service assigned (for example from `x-amzn-requestid`).
    pub fn with_request_id(mut self, request_id: impl Into<String>) -> Self {
        self.request_id = Some(request_id.into());
        self
    }

    /// The error code, if the response carried one.
    pub fn code(&self) -> Option<&str> {
        self.code.as_deref()
    }

    /// The message, if the response carried one.
    pub fn message(&self) -> Option<&str> {
        self.message.as_deref()
    }

    /// The HTTP status code, if known.
    pub fn status(&self) -> Option<u16> {
        self.status
    }

    /// The request ID, if the response carried one.
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }
}

impl fmt::Display for UnhandledError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("unhandled error ")?;
        match &self.code {
            Some(code) => f.write_str(code)?,
            None => f.write_str("(no code)")?,
        }
        match (self.status, &self.request_id) {
            (Some(status), Some(id)) => write!(f, " (HTTP {status}, request ID {id})")?,
            (Some(status), None) => write!(f, " (HTTP {status})")?,
            (None, Some(id)) => write!(f, " (request ID {id})")?,
            (None, None) => {}
        }
        if let Some(message) = &self.message {
            write!(f, ": {message}")?;
        }
        Ok(())
    }
}

impl std::error::Error for UnhandledError {}

/// Who is to blame for an error, as the model's `@error` trait says.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Fault {
    /// `@error("client")`: the request was wrong; sending it again unchanged will fail again
    /// (unless the error is also retryable, as throttling is).
    Client,
    /// `@error("server")`: the service failed.
    Server,
}

/// How an error may be retried, as the model's `@retryable` trait says.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RetryKind {
    /// `@retryable`: a passing failure; try again after a back-off.
    Transient,
    /// `@retryable(throttling: true)`: the caller is sending too fast; slow down.
    Throttling,
}

/// What is known about an error without matching on its type: its code and message, and
/// the model's `@error`, `@retryable` and `@httpError` facts. Every generated error
/// structure and operation error enum implements it, so retry logic can classify errors
/// without comparing strings.
///
/// ```
/// use anvil_runtime::{ErrorMetadata, Fault, UnhandledError};
///
/// let error = UnhandledError::new().with_code("Oops").with_status(503);
/// assert_eq!(error.code(), Some("Oops"));
/// assert_eq!(ErrorMetadata::fault(&error), Some(Fault::Server));
/// assert_eq!(ErrorMetadata::retryable(&error), None);
/// ```
pub trait ErrorMetadata: std::error::Error {
    /// The error code: the modeled error's shape name, or the code the service sent.
    fn code(&self) -> Option<&str>;

    /// The message the service sent, if any.
    fn message(&self) -> Option<&str>;

    /// Who is at fault, if known.
    fn fault(&self) -> Option<Fault> {
        None
    }

    /// Whether and how the error may be retried; `None` when the model does not say so.
    fn retryable(&self) -> Option<RetryKind> {
        None
    }

    /// The HTTP status: the one the model gives the error (`@httpError`), or for an
    /// unmodeled error the one received.
    fn http_status(&self) -> Option<u16> {
        None
    }

    /// The request id the service assigned, when it is known.
    fn request_id(&self) -> Option<&str> {
        None
    }

    /// When the error is a response that could not be read (rather than an error the
    /// service sent): what was wrong with it.
    fn response_error(&self) -> Option<&crate::wire::ResponseError> {
        None
    }
}

impl ErrorMetadata for UnhandledError {
    fn code(&self) -> Option<&str> {
        self.code.as_deref()
    }

    fn message(&self) -> Option<&str> {
        self.message.as_deref()
    }

    /// From the status class: 4xx is the client's fault, 5xx the server's.
    fn fault(&self) -> Option<Fault> {
        match self.status? {
            400..=499 => Some(Fault::Client),
            500..=599 => Some(Fault::Server),
            _ => None,
        }
    }

    fn http_status(&self) -> Option<u16> {
        self.status
    }

    fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }
}

/// A response that could not be read has no code, and its message is the reader's.
impl ErrorMetadata for crate::wire::ResponseError {
    fn code(&self) -> Option<&str> {
        None
    }

    fn message(&self) -> Option<&str> {
        Some(crate::wire::ResponseError::message(self))
    }

    fn response_error(&self) -> Option<&crate::wire::ResponseError> {
        Some(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn build_error() {
        const ERR: BuildError = BuildError::missing_member("Shape", "Member");
        assert_eq!(ERR.shape(), "Shape");
        assert_eq!(ERR.member(), "Member");
        assert_eq!(
            ERR.to_string(),
            "cannot build `Shape`: required member `Member` is not set"
        );
        let boxed: Box<dyn std::error::Error> = Box::new(ERR);
        assert!(boxed.source().is_none());
    }

    #[test]
    fn unhandled_accessors() {
        let err = UnhandledError::new()
            .with_code("Code")
            .with_message("Message")
            .with_status(503)
            .with_request_id("req-1");
        assert_eq!(err.code(), Some("Code"));
        assert_eq!(err.message(), Some("Message"));
        assert_eq!(err.status(), Some(503));
        assert_eq!(err.request_id(), Some("req-1"));
        assert_eq!(UnhandledError::new(), UnhandledError::default());
    }

    #[test]
    fn unhandled_display() {
        let cases = [
            (UnhandledError::new(), "unhandled error (no code)"),
            (
                UnhandledError::new().with_status(500),
                "unhandled error (no code) (HTTP 500)",
            ),
            (
                UnhandledError::new().with_message("boom"),
                "unhandled error (no code): boom",
            ),
            (
                UnhandledError::new().with_code("FooError"),
                "unhandled error FooError",
            ),
            (
                UnhandledError::new()
                    .with_code("FooError")
                    .with_request_id("abc"),
                "unhandled error FooError (request ID abc)",
            ),
            (
                UnhandledError::new()
                    .with_code("ThrottlingException")
                    .with_status(400)
                    .with_request_id("abc")
                    .with_message("Rate exceeded"),
                "unhandled error ThrottlingException (HTTP 400, request ID abc): Rate exceeded",
            ),
        ];
        for (err, text) in cases {
            assert_eq!(err.to_string(), text);
        }
    }

    #[test]
    fn unhandled_metadata_follows_the_status_class() {
        let client = UnhandledError::new().with_status(404).with_request_id("r");
        assert_eq!(ErrorMetadata::fault(&client), Some(Fault::Client));
        assert_eq!(ErrorMetadata::http_status(&client), Some(404));
        assert_eq!(ErrorMetadata::request_id(&client), Some("r"));
        let server = UnhandledError::new().with_status(502);
        assert_eq!(ErrorMetadata::fault(&server), Some(Fault::Server));
        assert_eq!(ErrorMetadata::fault(&UnhandledError::new()), None);
        assert_eq!(ErrorMetadata::retryable(&server), None);
    }
}
