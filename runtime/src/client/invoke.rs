//! [`invoke`]: one call of an operation, from input to output, with retries.

use std::time::SystemTime;

use super::{Config, SdkError};
use crate::ErrorMetadata;
use crate::call::{CallSettings, SigningPlan, prepare_call};
use crate::credentials::ProvideCredentials;
use crate::operation::Operation;
use crate::retry::{AttemptOutcome, RetryClassification, run_with_retries};
use crate::sign::sign_request;
use crate::transport::{HttpClient, with_attempt_timeout, with_operation_timeout};
use crate::wire::header_text;

/// Calls operation `O` with `input`: validates it (unless the config turned that off),
/// fills its idempotency tokens once, then per attempt resolves the endpoint, builds and
/// signs the request, sends it within the attempt timeout and reads the answer, retrying
/// as the config's strategy decides; the whole call is bounded by the operation timeout.
pub async fn invoke<O>(config: &Config, input: O::Input) -> Result<O::Output, SdkError<O::Error>>
where
    O: Operation,
{
    let mut input = input;
    if config.validate {
        O::validate(&input).map_err(SdkError::InvalidInput)?;
    }
    O::prepare(&mut input);
    let client = http_client(config).map_err(SdkError::Construction)?;
    let mut settings = CallSettings::new(config.built_ins());
    settings.compression = config.compression;
    let attempts = run_with_retries(&config.retry, O::NAME, |_attempt| {
        attempt::<O>(config, &input, &settings, client.as_ref())
    });
    match with_operation_timeout(config.timeouts.operation(), attempts).await {
        Ok(result) => result,
        Err(timed_out) => Err(SdkError::Timeout(timed_out.timeout)),
    }
}

/// The config's HTTP client: the one it was given, or the default HTTPS client, made
/// once per config (and its clones) so that connections are pooled across calls.
fn http_client(config: &Config) -> Result<std::sync::Arc<dyn HttpClient>, String> {
    config
        .http_client
        .get_or_init(|| default_http_client(config))
        .clone()
}

#[cfg(feature = "default-https-client")]
fn default_http_client(config: &Config) -> Result<std::sync::Arc<dyn HttpClient>, String> {
    crate::transport::HyperClient::new(&config.timeouts)
        .map(|client| std::sync::Arc::new(client) as std::sync::Arc<dyn HttpClient>)
        .map_err(|error| format!("cannot start the HTTPS client: {error}"))
}

#[cfg(not(feature = "default-https-client"))]
fn default_http_client(_config: &Config) -> Result<std::sync::Arc<dyn HttpClient>, String> {
    Err(
        "no HTTP client: set one with `Config::builder().http_client(..)` or turn on \
         the `default-https-client` feature"
            .to_string(),
    )
}

/// One attempt and how it ended.
async fn attempt<O: Operation>(
    config: &Config,
    input: &O::Input,
    settings: &CallSettings,
    client: &dyn HttpClient,
) -> AttemptOutcome<O::Output, SdkError<O::Error>> {
    let local = |error: SdkError<O::Error>| {
        AttemptOutcome::new(Err(error), RetryClassification::local_failure())
    };
    let (mut request, endpoint) = match prepare_call::<O>(input, settings) {
        Ok(ready) => ready,
        Err(error) => return local(error.into()),
    };
    if O::SIGNED
        && let Err(message) = sign::<O>(config, &mut request, &endpoint).await
    {
        return local(SdkError::Construction(message));
    }
    let response =
        match with_attempt_timeout(config.timeouts.attempt(), client.dispatch(request)).await {
            Ok(response) => response,
            Err(error) => {
                let classification = RetryClassification::dispatch_failure(&error);
                return AttemptOutcome::new(Err(SdkError::Dispatch(error)), classification);
            }
        };
    let status = response.status().as_u16();
    match O::parse_response(&response) {
        Ok(output) => AttemptOutcome::new(Ok(output), RetryClassification::success()),
        Err(error) => {
            if let Some(unreadable) = error.response_error() {
                let unreadable = unreadable.clone();
                return AttemptOutcome::new(
                    Err(SdkError::Response(unreadable)),
                    RetryClassification::error_response(status)
                        .with_response_headers(response.headers()),
                );
            }
            let mut classification = RetryClassification::error_response(status)
                .with_modeled(error.retryable())
                .with_response_headers(response.headers());
            if let Some(code) = error.code() {
                classification = classification.with_error_code(code);
            }
            let request_id = error
                .request_id()
                .or_else(|| header_text(response.headers(), "x-amzn-requestid"))
                .or_else(|| header_text(response.headers(), "x-amz-request-id"))
                .map(str::to_string);
            AttemptOutcome::new(
                Err(SdkError::Service {
                    error,
                    status,
                    request_id,
                }),
                classification,
            )
        }
    }
}

/// Signs `request` for `endpoint` with the config's credentials, now.
async fn sign<O: Operation>(
    config: &Config,
    request: &mut crate::http::Request<Vec<u8>>,
    endpoint: &crate::endpoint::Endpoint,
) -> Result<(), String> {
    let provider = config.credentials.as_ref().ok_or_else(|| {
        "no credentials provider: set one with `Config::builder().credentials(..)` or use \
         `Config::from_env()`"
            .to_string()
    })?;
    let credentials = provider
        .provide_credentials()
        .await
        .map_err(|error| format!("no credentials to sign with: {error}"))?;
    let plan = SigningPlan::new(O::SERVICE, endpoint, config.region().unwrap_or(""))?;
    if plan.signing_region().is_empty() {
        return Err("signing needs a region and none is set: set one with \
                    `Config::builder().region(..)`, AWS_REGION, or `region` in the profile"
            .to_string());
    }
    sign_request(request, &credentials, &plan.params(SystemTime::now()))
        .map_err(|error| format!("cannot sign the request: {error}"))
}
