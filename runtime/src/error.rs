//! Errors shared by every generated client.

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
}
