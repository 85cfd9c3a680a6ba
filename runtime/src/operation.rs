//! The contract every generated operation keeps: the [`Operation`] trait (its types, how
//! its request is built and its response read), and, with the `json-input` feature,
//! `OperationEntry`, the row of the table of operations a generated crate publishes for
//! tools that pick an operation by name at run time (the `anvil` command) and read its
//! input from JSON. With `rt-tokio` too, an entry can also make the call itself
//! (`OperationEntry::call`, see [`crate::client::invoke`]).

use crate::call::ServiceInfo;
#[cfg(feature = "json-input")]
use crate::call::{CallError, CallSettings, prepare_call};
#[cfg(feature = "json-input")]
use crate::endpoint::Endpoint;
use crate::endpoint::Params;
use crate::error::ErrorMetadata;
#[cfg(feature = "json-input")]
use crate::error::{Fault, RetryKind};
#[cfg(feature = "json-input")]
use crate::json::{JsonError, Value};
use crate::validation::ValidationError;
use crate::wire::RequestError;
#[cfg(feature = "json-input")]
use crate::wire::header_text;

/// One operation of one service. Generated crates implement it on a unit struct named
/// after the operation (`update_user::UpdateUser`).
///
/// A call runs [`Operation::prepare`] once on the input, then, for every attempt,
/// [`Operation::build_request`], signs and sends the request, and reads the answer with
/// [`Operation::parse_response`].
pub trait Operation {
    /// The input structure.
    type Input;
    /// The output structure.
    type Output;
    /// The operation's error enum.
    type Error: ErrorMetadata;

    /// The operation's name in the model, e.g. `UpdateUser`.
    const NAME: &'static str;
    /// The service: its name, signing name, endpoint rule set and partitions table.
    const SERVICE: &'static ServiceInfo;
    /// Whether requests are signed: `false` for `@optionalAuth` and `@auth([])` operations
    /// and for services without `aws.auth#sigv4`.
    const SIGNED: bool = true;
    /// Whether the operation has `@requestCompression` with gzip among its encodings: a body
    /// at least as large as the client's minimum is sent gzipped.
    const COMPRESS_REQUEST: bool = false;
    /// Whether the operation has `@httpChecksumRequired`: the request carries a
    /// `Content-MD5` header.
    const CONTENT_MD5: bool = false;

    /// Fills what must be the same on every attempt but may be left to the client: unset
    /// `@idempotencyToken` members get a fresh token. Run it once, before the first attempt,
    /// so that retries repeat the same token. Members already set are left alone.
    fn prepare(input: &mut Self::Input) {
        let _ = input;
    }

    /// Checks the input against the model's constraints (what the input's own `validate`
    /// does), so that a caller generic over operations can refuse invalid input before
    /// anything is sent.
    fn validate(input: &Self::Input) -> Result<(), ValidationError>;

    /// Sets the endpoint parameters the operation binds: `@staticContextParams` values and
    /// input members marked `@contextParam`. Most operations bind none.
    fn endpoint_params(input: &Self::Input, params: &mut Params) {
        let _ = (input, params);
    }

    /// The operation's host prefix (the `hostPrefix` of its `smithy.api#endpoint` trait)
    /// with its `@hostLabel` members filled in and checked, e.g. `123456789012.`; `None`
    /// when the operation has none.
    fn host_prefix(input: &Self::Input) -> Result<Option<String>, RequestError> {
        let _ = input;
        Ok(None)
    }

    /// The HTTP request for `input` sent to `endpoint_url` (a base URL such as
    /// `https://identitystore.us-east-1.amazonaws.com`). It neither validates nor signs.
    /// An idempotency token still unset (because [`Operation::prepare`] was not run) is
    /// filled with a fresh one for this request only.
    fn build_request(
        input: &Self::Input,
        endpoint_url: &str,
    ) -> Result<http::Request<Vec<u8>>, RequestError>;

    /// The output for a success status; otherwise the error the response describes.
    fn parse_response(response: &http::Response<Vec<u8>>) -> Result<Self::Output, Self::Error>;
}

#[cfg(feature = "json-input")]
/// An input that can be read from JSON keyed by the model's member names (as boto3
/// parameters are).
pub trait JsonInput: Sized {
    /// The input and the outcome of validating it; `Err` when the JSON does not fit.
    fn from_json(value: &Value) -> Result<(Self, Result<(), ValidationError>), JsonError>;
}

#[cfg(feature = "json-input")]
/// An output that can be shown as JSON keyed by the model's member names.
pub trait JsonOutput {
    /// The output as JSON text.
    fn to_json(&self) -> String;
}

#[cfg(feature = "json-input")]
/// What became of a JSON input on its way to a request.
#[derive(Debug)]
pub enum PreparedRequest {
    /// It breaks the model's constraints.
    Invalid(ValidationError),
    /// It is valid but no request can be made of it: the endpoint rules refuse the settings,
    /// or a value cannot be put on the wire (e.g. an empty URI label).
    Unbuildable(CallError),
    /// The request and the endpoint it goes to (boxed: much larger than the other variants).
    Ready(Box<(http::Request<Vec<u8>>, Endpoint)>),
}

#[cfg(feature = "json-input")]
/// A response read by a table entry, in printable form.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ParsedResponse {
    /// The output as JSON with member names.
    Output(String),
    /// A modeled or unmodeled error sent by the service.
    ServiceError(ServiceErrorSummary),
    /// The response could not be read.
    Unreadable(String),
}

#[cfg(feature = "json-input")]
/// What a table entry reports of an error the service sent.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ServiceErrorSummary {
    /// The error code.
    pub code: Option<String>,
    /// The message.
    pub message: Option<String>,
    /// The HTTP status received.
    pub status: u16,
    /// The request id, if the response carried one.
    pub request_id: Option<String>,
    /// Who is at fault, if known.
    pub fault: Option<Fault>,
    /// How the error may be retried, if it may.
    pub retryable: Option<RetryKind>,
}

/// What an operation in the table needs of its types. With `rt-tokio` an entry's
/// [`call`](OperationEntry::call) moves the input into a future that may run on another
/// thread, so the input must be `Send + Sync` and the output and error `Send`; without
/// it, any [`Operation`] fits. Every generated operation qualifies.
#[cfg(all(feature = "json-input", feature = "rt-tokio"))]
pub trait TableOperation:
    Operation<Input: Send + Sync + 'static, Output: Send + 'static, Error: Send + 'static> + 'static
{
}

#[cfg(all(feature = "json-input", feature = "rt-tokio"))]
impl<O> TableOperation for O where
    O: Operation<Input: Send + Sync + 'static, Output: Send + 'static, Error: Send + 'static>
        + 'static
{
}

/// What an operation in the table needs of its types: without `rt-tokio`, any
/// [`Operation`] fits.
#[cfg(all(feature = "json-input", not(feature = "rt-tokio")))]
pub trait TableOperation: Operation {}

#[cfg(all(feature = "json-input", not(feature = "rt-tokio")))]
impl<O: Operation> TableOperation for O {}

#[cfg(feature = "json-input")]
/// One row of a generated crate's `OPERATIONS` table: an operation reachable by name,
/// working on JSON input and printable output.
#[derive(Clone, Copy, Debug)]
pub struct OperationEntry {
    /// The service.
    pub service: &'static ServiceInfo,
    /// The operation's name in the model, e.g. `UpdateUser`.
    pub name: &'static str,
    /// Whether its requests are signed.
    pub signed: bool,
    /// Reads the input from JSON and validates it.
    pub validate_json: fn(&Value) -> Result<Result<(), ValidationError>, JsonError>,
    /// Reads the input from JSON, validates it (when the flag is set), prepares it,
    /// resolves its endpoint and builds its request there.
    pub request: fn(&Value, &CallSettings, bool) -> Result<PreparedRequest, JsonError>,
    /// Reads a response.
    pub parse_response: fn(&http::Response<Vec<u8>>) -> ParsedResponse,
    /// Reads the input from JSON and calls the operation with `config` through
    /// [`crate::client::invoke`] (validation as the config says, retries, timeouts); `Err`
    /// when the JSON does not fit the input. The future owns everything it needs.
    #[cfg(feature = "rt-tokio")]
    pub call: fn(&Value, crate::client::Config) -> Result<crate::entry_call::CallFuture, JsonError>,
}

#[cfg(feature = "json-input")]
impl OperationEntry {
    /// The entry of operation `O`.
    pub const fn of<O>() -> Self
    where
        O: TableOperation,
        O::Input: JsonInput,
        O::Output: JsonOutput,
    {
        Self {
            service: O::SERVICE,
            name: O::NAME,
            signed: O::SIGNED,
            validate_json: validate_json::<O>,
            request: request_from_json::<O>,
            parse_response: parse_to_summary::<O>,
            #[cfg(feature = "rt-tokio")]
            call: crate::entry_call::call_json::<O>,
        }
    }
}

#[cfg(feature = "json-input")]
fn validate_json<O>(value: &Value) -> Result<Result<(), ValidationError>, JsonError>
where
    O: Operation,
    O::Input: JsonInput,
{
    O::Input::from_json(value).map(|(_, outcome)| outcome)
}

#[cfg(feature = "json-input")]
fn request_from_json<O>(
    value: &Value,
    settings: &CallSettings,
    validate: bool,
) -> Result<PreparedRequest, JsonError>
where
    O: Operation,
    O::Input: JsonInput,
{
    let (mut input, outcome) = O::Input::from_json(value)?;
    if let (Err(violations), true) = (outcome, validate) {
        return Ok(PreparedRequest::Invalid(violations));
    }
    O::prepare(&mut input);
    Ok(match prepare_call::<O>(&input, settings) {
        Ok(ready) => PreparedRequest::Ready(Box::new(ready)),
        Err(error) => PreparedRequest::Unbuildable(error),
    })
}

#[cfg(feature = "json-input")]
fn parse_to_summary<O>(response: &http::Response<Vec<u8>>) -> ParsedResponse
where
    O: Operation,
    O::Output: JsonOutput,
{
    let error = match O::parse_response(response) {
        Ok(output) => return ParsedResponse::Output(output.to_json()),
        Err(error) => error,
    };
    if let Some(unreadable) = error.response_error() {
        return ParsedResponse::Unreadable(unreadable.to_string());
    }
    let request_id = error.request_id().or_else(|| {
        header_text(response.headers(), "x-amzn-requestid")
            .or_else(|| header_text(response.headers(), "x-amz-request-id"))
    });
    ParsedResponse::ServiceError(ServiceErrorSummary::of(
        &error,
        response.status().as_u16(),
        request_id.map(str::to_string),
    ))
}

#[cfg(feature = "json-input")]
impl ServiceErrorSummary {
    /// What `error`, received with `status` and `request_id`, reports.
    pub fn of(error: &impl ErrorMetadata, status: u16, request_id: Option<String>) -> Self {
        Self {
            code: error.code().map(str::to_string),
            message: error.message().map(str::to_string),
            status,
            request_id,
            fault: error.fault(),
            retryable: error.retryable(),
        }
    }
}
