//! Calls through the operations table: [`OperationEntry::call`] reads JSON input, runs
//! [`invoke`] and reports how the call ended as a [`CallOutcome`], in printable form, so a
//! tool that picks operations by name (the `anvil call` command) needs no per-operation
//! code.
//!
//! [`OperationEntry::call`]: crate::OperationEntry::call

use std::future::Future;
use std::pin::Pin;
use std::time::Duration;

use crate::json::Value;

use crate::client::{Config, SdkError, invoke};
use crate::json::JsonError;
use crate::operation::{JsonInput, JsonOutput, ServiceErrorSummary, TableOperation};
use crate::transport::DispatchError;
use crate::validation::ValidationError;

/// How a call made through the operations table ended.
#[derive(Debug)]
pub enum CallOutcome {
    /// The output as JSON with the model's member names (as `parse_response` shows it).
    Output(String),
    /// The service answered with an error.
    ServiceError(ServiceErrorSummary),
    /// The input breaks the model's constraints; nothing was sent.
    InvalidInput(ValidationError),
    /// No request could be made or signed (endpoint rules, credentials, region); nothing
    /// was sent.
    Construction(String),
    /// The request could not be sent or got no response, after any retries.
    Dispatch(DispatchError),
    /// The whole call took longer than the operation timeout.
    Timeout(Duration),
    /// A response arrived but could not be read.
    Unreadable(String),
}

/// The future of a call through the table: it owns its input and config and may run on any
/// thread.
pub type CallFuture = Pin<Box<dyn Future<Output = CallOutcome> + Send>>;

/// Reads `O`'s input from `value` and starts calling `O` with `config`.
pub(crate) fn call_json<O>(value: &Value, config: Config) -> Result<CallFuture, JsonError>
where
    O: TableOperation,
    O::Input: JsonInput,
    O::Output: JsonOutput,
{
    // `invoke` validates (unless the config says not to), so the outcome read here is not
    // needed.
    let (input, _validated) = O::Input::from_json(value)?;
    Ok(Box::pin(async move {
        outcome_of::<O>(invoke::<O>(&config, input).await)
    }))
}

/// The printable form of a call's result.
fn outcome_of<O>(result: Result<O::Output, SdkError<O::Error>>) -> CallOutcome
where
    O: TableOperation,
    O::Output: JsonOutput,
{
    match result {
        Ok(output) => CallOutcome::Output(output.to_json()),
        Err(SdkError::Service {
            error,
            status,
            request_id,
        }) => CallOutcome::ServiceError(ServiceErrorSummary::of(&error, status, request_id)),
        Err(SdkError::InvalidInput(error)) => CallOutcome::InvalidInput(error),
        Err(SdkError::Construction(message)) => CallOutcome::Construction(message),
        Err(SdkError::Dispatch(error)) => CallOutcome::Dispatch(error),
        Err(SdkError::Timeout(limit)) => CallOutcome::Timeout(limit),
        Err(SdkError::Response(error)) => CallOutcome::Unreadable(error.to_string()),
    }
}
