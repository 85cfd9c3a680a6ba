//! `anvil call`: sends an operation's request for real through the runtime's client
//! (credentials and region from the default chain, the standard retries) and sorts how it
//! ended into what the command prints and its exit code.

use anvil_runtime::ValidationError;
use anvil_runtime::client::Config;
use anvil_runtime::credentials::{DefaultChain, Env};
use anvil_runtime::endpoint::{ENDPOINT, Value as EndpointValue};
use anvil_runtime::entry_call::CallOutcome;
use anvil_runtime::json::Value;
use anvil_runtime::retry::{RetryConfig, RetryStrategy};
use serde_json::json;

use crate::call::EndpointFlags;
use crate::operations::Operation;

/// The environment variable that sets the most attempts per call, as for the AWS CLI.
const MAX_ATTEMPTS_VARIABLE: &str = "AWS_MAX_ATTEMPTS";

/// How a call that reached a verdict ended.
pub enum Sent {
    /// The service answered with success: `{"output": ...}` (exit 0).
    Output(serde_json::Value),
    /// The service answered with an error: `{"error": {...}}` (exit 1).
    ServiceError(serde_json::Value),
    /// The input breaks the model's constraints; nothing was sent (exit 1).
    Invalid(ValidationError),
}

/// Calls `operation` with `input`; `Err` carries the reason no verdict was reached (no
/// credentials or region, an unusable endpoint, the network, a timeout, an unreadable
/// response), for exit 2.
pub fn send(
    operation: &Operation,
    input: &Value,
    flags: &EndpointFlags,
    validate: bool,
    env: &Env,
) -> Result<Sent, String> {
    let settings = flags.settings(env)?;
    let mut chain = DefaultChain::new(env.clone());
    if let Some(profile) = &flags.profile {
        chain = chain.with_profile(profile.clone());
    }
    let mut builder = Config::builder()
        .credentials(chain.build())
        .use_fips(flags.use_fips)
        .use_dual_stack(flags.use_dual_stack)
        .validation(validate)
        .retry(RetryStrategy::new(retry_config(env)?));
    if let Some(region) = &settings.region {
        builder = builder.region(region.clone());
    }
    // The checked form of --endpoint-url, as `request` uses it.
    if let Some(EndpointValue::String(url)) = settings.call.built_ins.get(ENDPOINT) {
        builder = builder.endpoint_url(url.clone());
    }
    let config = builder.build();
    let call = (operation.call)(input, config)
        .map_err(|error| format!("the input does not fit {}: {error}", operation.name))?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|error| format!("cannot start the async runtime: {error}"))?;
    match runtime.block_on(call) {
        CallOutcome::Output(output) => {
            let output: serde_json::Value = serde_json::from_str(&output)
                .map_err(|error| format!("internal error: output is not JSON: {error}"))?;
            Ok(Sent::Output(json!({"output": output})))
        }
        CallOutcome::ServiceError(error) => Ok(Sent::ServiceError(json!({"error": {
            "code": error.code,
            "message": error.message,
            "status": error.status,
            "request_id": error.request_id,
        }}))),
        CallOutcome::InvalidInput(error) => Ok(Sent::Invalid(error)),
        CallOutcome::Construction(message) => Err(match &settings.region_missing {
            Some(looked_in) => format!(
                "the request could not be made: {message} (no region is set; looked in: \
                 {looked_in})"
            ),
            None => format!("the request could not be made: {message}"),
        }),
        CallOutcome::Dispatch(error) => Err(format!(
            "no response from the service: {}",
            error_chain(&error)
        )),
        CallOutcome::Timeout(limit) => Err(format!(
            "the call took longer than its operation timeout of {limit:?}"
        )),
        CallOutcome::Unreadable(message) => {
            Err(format!("the response could not be read: {message}"))
        }
    }
}

/// The standard retries, with `AWS_MAX_ATTEMPTS` when it is set.
fn retry_config(env: &Env) -> Result<RetryConfig, String> {
    let config = RetryConfig::default();
    let Some(text) = env.get(MAX_ATTEMPTS_VARIABLE) else {
        return Ok(config);
    };
    let attempts: u32 = text
        .trim()
        .parse()
        .ok()
        .filter(|attempts| *attempts >= 1)
        .ok_or_else(|| {
            format!(
                "{MAX_ATTEMPTS_VARIABLE} must be a whole number of at least 1, not `{}`",
                text.escape_debug()
            )
        })?;
    Ok(config.with_max_attempts(attempts))
}

/// `error` and its sources, joined with `: `.
fn error_chain(error: &(dyn std::error::Error + 'static)) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        let cause_text = cause.to_string();
        if !text.contains(&cause_text) {
            text.push_str(": ");
            text.push_str(&cause_text);
        }
        source = cause.source();
    }
    text
}

/// Sends the runtime's per-attempt events (debug level, target `anvil_runtime` only) to
/// standard error.
pub fn log_attempts_to_stderr() {
    use tracing_subscriber::filter::{LevelFilter, Targets};
    use tracing_subscriber::layer::SubscriberExt;
    use tracing_subscriber::util::SubscriberInitExt;

    let filter = Targets::new().with_target("anvil_runtime", LevelFilter::DEBUG);
    let layer = tracing_subscriber::fmt::layer()
        .with_writer(std::io::stderr)
        .with_ansi(false)
        .with_target(true);
    // Only fails if a subscriber is already installed, which nothing else here does.
    let _ = tracing_subscriber::registry()
        .with(layer)
        .with(filter)
        .try_init();
}
