//! Sorting the outcome of an attempt into "retry as throttled", "retry as transient" or "stop".

use std::fmt;
use std::time::{Duration, SystemTime};

use http::HeaderMap;

use super::backoff::retry_after_hint;
use crate::error::RetryKind;
use crate::transport::{DispatchError, DispatchErrorKind};

/// Error codes that mean the service is throttling the caller.
pub const THROTTLING_ERROR_CODES: &[&str] = &[
    "Throttling",
    "ThrottlingException",
    "ThrottledException",
    "RequestThrottledException",
    "TooManyRequestsException",
    "ProvisionedThroughputExceededException",
    "TransactionInProgressException",
    "RequestLimitExceeded",
    "BandwidthLimitExceeded",
    "LimitExceededException",
    "RequestThrottled",
    "SlowDown",
    "PriorRequestNotComplete",
    "EC2ThrottledException",
];

/// Error codes that mean a brief failure on the service's side.
pub const TRANSIENT_ERROR_CODES: &[&str] = &["RequestTimeout", "RequestTimeoutException"];

/// HTTP statuses that mean a brief failure on the service's side.
pub const TRANSIENT_STATUSES: &[u16] = &[500, 502, 503, 504];

/// HTTP status that means the caller is being throttled.
pub const THROTTLING_STATUS: u16 = 429;

/// How an attempt ended, as far as retrying is concerned.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum AttemptClass {
    /// A response the operation accepts: no retry.
    Success,
    /// The service asked the caller to slow down: retry after a backoff.
    Throttling,
    /// A brief failure (a 5xx status, a dropped connection): retry after a backoff.
    Transient,
    /// No response within a time limit: retry after a backoff, at a higher quota cost.
    Timeout,
    /// A failure that a retry would repeat.
    NotRetryable,
}

impl AttemptClass {
    /// Whether this kind of outcome is worth another attempt.
    pub fn is_retryable(self) -> bool {
        matches!(self, Self::Throttling | Self::Transient | Self::Timeout)
    }

    /// A short lowercase name for logs.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Success => "success",
            Self::Throttling => "throttling",
            Self::Transient => "transient",
            Self::Timeout => "timeout",
            Self::NotRetryable => "not-retryable",
        }
    }
}

impl fmt::Display for AttemptClass {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A failed dispatch, reduced to what retrying needs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct DispatchFailure {
    kind: DispatchErrorKind,
    retryable: bool,
}

/// Everything the client knows after an attempt that bears on retrying it.
///
/// Build one with [`success`](Self::success), [`dispatch_failure`](Self::dispatch_failure) or
/// [`error_response`](Self::error_response) and the `with_` methods, then read its
/// [`kind`](Self::kind) (the retry strategy does so).
///
/// ```
/// use anvil_runtime::RetryKind;
/// use anvil_runtime::retry::{AttemptClass, RetryClassification};
///
/// let throttled = RetryClassification::error_response(400).with_error_code("ThrottlingException");
/// assert_eq!(throttled.kind(), AttemptClass::Throttling);
///
/// let modeled = RetryClassification::error_response(400).with_modeled(Some(RetryKind::Transient));
/// assert_eq!(modeled.kind(), AttemptClass::Transient);
///
/// assert_eq!(RetryClassification::error_response(503).kind(), AttemptClass::Transient);
/// assert_eq!(RetryClassification::error_response(400).kind(), AttemptClass::NotRetryable);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RetryClassification {
    succeeded: bool,
    dispatch: Option<DispatchFailure>,
    status: Option<u16>,
    error_code: Option<String>,
    modeled: Option<RetryKind>,
    retry_after: Option<Duration>,
}

impl RetryClassification {
    fn empty() -> Self {
        Self {
            succeeded: false,
            dispatch: None,
            status: None,
            error_code: None,
            modeled: None,
            retry_after: None,
        }
    }

    /// The attempt got a response that the operation accepts.
    pub fn success() -> Self {
        Self {
            succeeded: true,
            ..Self::empty()
        }
    }

    /// The attempt failed before anything was sent (the request could not be built or
    /// signed): a retry would fail the same way.
    pub fn local_failure() -> Self {
        Self::empty()
    }

    /// The attempt got no response.
    pub fn dispatch_failure(error: &DispatchError) -> Self {
        Self {
            dispatch: Some(DispatchFailure {
                kind: error.kind(),
                retryable: error.is_retryable(),
            }),
            ..Self::empty()
        }
    }

    /// The attempt got an error response with this HTTP status.
    pub fn error_response(status: u16) -> Self {
        Self {
            status: Some(status),
            ..Self::empty()
        }
    }

    /// Adds the error code the response carried (`ThrottlingException`, ...). Namespaces
    /// (`aws.api#Code`) and suffixes after a colon (`Code:http://...`) are ignored.
    #[must_use]
    pub fn with_error_code(mut self, code: impl Into<String>) -> Self {
        self.error_code = Some(code.into());
        self
    }

    /// Adds what the model says of the matched error shape (`None`: no `@retryable`).
    #[must_use]
    pub fn with_modeled(mut self, modeled: Option<RetryKind>) -> Self {
        self.modeled = modeled;
        self
    }

    /// Adds the server's requested wait before a retry.
    #[must_use]
    pub fn with_retry_after(mut self, retry_after: Option<Duration>) -> Self {
        self.retry_after = retry_after;
        self
    }

    /// Adds the wait requested by `x-amz-retry-after` or `Retry-After`, if either is present.
    #[must_use]
    pub fn with_response_headers(self, headers: &HeaderMap) -> Self {
        self.with_retry_after(retry_after_hint(headers, SystemTime::now()))
    }

    /// The HTTP status of the response, if there was one.
    pub fn status(&self) -> Option<u16> {
        self.status
    }

    /// The error code of the response, as given.
    pub fn error_code(&self) -> Option<&str> {
        self.error_code.as_deref()
    }

    /// The kind of the failed dispatch, if no response was read.
    pub fn dispatch_error_kind(&self) -> Option<DispatchErrorKind> {
        self.dispatch.map(|failure| failure.kind)
    }

    /// The server's requested wait before a retry.
    pub fn retry_after(&self) -> Option<Duration> {
        self.retry_after
    }

    /// How the attempt ended, as far as retrying is concerned.
    ///
    /// Order of evidence: success; a failed dispatch (retryable or not, timeouts apart); the
    /// model's `@retryable`; the error code; the HTTP status.
    pub fn kind(&self) -> AttemptClass {
        if self.succeeded {
            return AttemptClass::Success;
        }
        if let Some(failure) = self.dispatch {
            return match (failure.retryable, failure.kind) {
                (false, _) => AttemptClass::NotRetryable,
                (true, DispatchErrorKind::Timeout) => AttemptClass::Timeout,
                (true, _) => AttemptClass::Transient,
            };
        }
        match self.modeled {
            Some(RetryKind::Throttling) => return AttemptClass::Throttling,
            Some(RetryKind::Transient) => return AttemptClass::Transient,
            None => {}
        }
        if let Some(code) = self.error_code.as_deref().map(bare_error_code) {
            if THROTTLING_ERROR_CODES.contains(&code) {
                return AttemptClass::Throttling;
            }
            if TRANSIENT_ERROR_CODES.contains(&code) {
                return AttemptClass::Transient;
            }
        }
        match self.status {
            Some(THROTTLING_STATUS) => AttemptClass::Throttling,
            Some(status) if TRANSIENT_STATUSES.contains(&status) => AttemptClass::Transient,
            _ => AttemptClass::NotRetryable,
        }
    }
}

/// `code` without a `namespace#` prefix or a `:suffix`.
fn bare_error_code(code: &str) -> &str {
    let code = code.split(':').next().unwrap_or(code);
    code.rsplit('#').next().unwrap_or(code).trim()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io;

    fn kind_of_status(status: u16) -> AttemptClass {
        RetryClassification::error_response(status).kind()
    }

    #[test]
    fn statuses_are_classified() {
        for status in [500, 502, 503, 504] {
            assert_eq!(kind_of_status(status), AttemptClass::Transient, "{status}");
        }
        assert_eq!(kind_of_status(429), AttemptClass::Throttling);
        for status in [400, 401, 403, 404, 409, 413, 501, 505] {
            assert_eq!(
                kind_of_status(status),
                AttemptClass::NotRetryable,
                "{status}"
            );
        }
    }

    #[test]
    fn every_throttling_code_is_throttling_even_on_a_400() {
        for code in THROTTLING_ERROR_CODES {
            let classification = RetryClassification::error_response(400).with_error_code(*code);
            assert_eq!(classification.kind(), AttemptClass::Throttling, "{code}");
        }
        for code in TRANSIENT_ERROR_CODES {
            let classification = RetryClassification::error_response(400).with_error_code(*code);
            assert_eq!(classification.kind(), AttemptClass::Transient, "{code}");
        }
        let other = RetryClassification::error_response(400).with_error_code("ValidationException");
        assert_eq!(other.kind(), AttemptClass::NotRetryable);
    }

    #[test]
    fn codes_are_compared_without_namespace_or_suffix() {
        for code in [
            "com.amazonaws.dynamodb#ThrottlingException",
            "SlowDown:http://internal.amazon.com/coral/",
            " Throttling ",
        ] {
            let classification = RetryClassification::error_response(400).with_error_code(code);
            assert_eq!(classification.kind(), AttemptClass::Throttling, "{code}");
        }
    }

    #[test]
    fn modeled_retryable_errors_are_retried() {
        let retryable = RetryClassification::error_response(400)
            .with_error_code("ConcurrentModificationException")
            .with_modeled(Some(RetryKind::Transient));
        assert_eq!(retryable.kind(), AttemptClass::Transient);
        let throttling =
            RetryClassification::error_response(400).with_modeled(Some(RetryKind::Throttling));
        assert_eq!(throttling.kind(), AttemptClass::Throttling);
    }

    #[test]
    fn dispatch_failures_follow_the_dispatch_error() {
        let reset = DispatchError::io(io::Error::from(io::ErrorKind::ConnectionReset));
        assert_eq!(
            RetryClassification::dispatch_failure(&reset).kind(),
            AttemptClass::Transient
        );
        let refused = DispatchError::connect(io::Error::from(io::ErrorKind::ConnectionRefused));
        assert_eq!(
            RetryClassification::dispatch_failure(&refused).kind(),
            AttemptClass::Transient
        );
        let timeout = DispatchError::timeout("slow");
        assert_eq!(
            RetryClassification::dispatch_failure(&timeout).kind(),
            AttemptClass::Timeout
        );
        let other = DispatchError::other("bad URI");
        assert_eq!(
            RetryClassification::dispatch_failure(&other).kind(),
            AttemptClass::NotRetryable
        );
    }

    #[test]
    fn success_is_never_retried_and_headers_give_the_hint() {
        assert_eq!(RetryClassification::success().kind(), AttemptClass::Success);
        let mut headers = HeaderMap::new();
        headers.insert("x-amz-retry-after", "250".parse().expect("valid value"));
        let classification =
            RetryClassification::error_response(503).with_response_headers(&headers);
        assert_eq!(
            classification.retry_after(),
            Some(Duration::from_millis(250))
        );
    }
}
