//! [`SdkError`]: what a call can fail with, in classes a caller can act on.

use std::error::Error;
use std::fmt;

use crate::ValidationError;
use crate::call::CallError;
use crate::transport::DispatchError;
use crate::wire::ResponseError;

/// Why a call failed. `E` is the operation's error enum.
#[derive(Debug)]
pub enum SdkError<E> {
    /// The input breaks the model's constraints; nothing was sent.
    InvalidInput(ValidationError),
    /// No request could be made or signed (endpoint rules, a value that cannot go on the
    /// wire, missing credentials or region); nothing was sent.
    Construction(String),
    /// The request could not be sent or no response arrived (connect, timeout, I/O).
    Dispatch(DispatchError),
    /// The service answered with an error: the typed error, the status and the request id.
    Service {
        /// The operation's error.
        error: E,
        /// The HTTP status.
        status: u16,
        /// The request id the service sent, if any.
        request_id: Option<String>,
    },
    /// The response could not be read.
    Response(ResponseError),
    /// The whole call took longer than the operation timeout.
    Timeout(std::time::Duration),
}

impl<E> SdkError<E> {
    /// The service's error, if the service answered with one.
    pub fn service_error(&self) -> Option<&E> {
        match self {
            Self::Service { error, .. } => Some(error),
            _ => None,
        }
    }
}

impl<E> From<CallError> for SdkError<E> {
    fn from(error: CallError) -> Self {
        Self::Construction(error.to_string())
    }
}

impl<E: fmt::Display> fmt::Display for SdkError<E> {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::InvalidInput(error) => write!(
                formatter,
                "the input breaks the model's constraints, so nothing was sent: {error}"
            ),
            Self::Construction(message) => {
                write!(formatter, "the request could not be made: {message}")
            }
            Self::Dispatch(error) => write!(
                formatter,
                "the request could not be sent or got no response ({error}); check the \
                 network and the endpoint"
            ),
            Self::Service {
                error,
                status,
                request_id,
            } => {
                write!(formatter, "the service answered {status}: {error}")?;
                match request_id {
                    Some(id) => write!(formatter, " (request id {id})"),
                    None => Ok(()),
                }
            }
            Self::Response(error) => write!(formatter, "{error}"),
            Self::Timeout(limit) => write!(
                formatter,
                "the call took longer than its operation timeout of {limit:?}"
            ),
        }
    }
}

impl<E: Error + 'static> Error for SdkError<E> {
    fn source(&self) -> Option<&(dyn Error + 'static)> {
        match self {
            Self::InvalidInput(error) => Some(error),
            Self::Dispatch(error) => Some(error),
            Self::Service { error, .. } => Some(error),
            Self::Response(error) => Some(error),
            Self::Construction(_) | Self::Timeout(_) => None,
        }
    }
}
