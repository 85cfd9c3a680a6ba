//! `anvil`: a command-line tool over the generated clients.
//!
//! ```text
//! anvil list
//! anvil validate SERVICE OPERATION --input JSON|@FILE|-
//! anvil request SERVICE OPERATION --input JSON|@FILE|- [--region R] [--profile P] [--use-fips]
//!     [--use-dual-stack] [--endpoint-url URL] [--no-host-prefix] [--no-validate] [--sign [--timestamp RFC3339]]
//! anvil endpoint SERVICE [--region R] [--profile P] [--use-fips] [--use-dual-stack] [--endpoint-url URL]
//! anvil parse-response SERVICE OPERATION --status N [--header 'Name: value']... --body TEXT|@FILE
//! anvil call SERVICE OPERATION --input JSON|@FILE|- [--region R] [--profile P] [--endpoint-url URL]
//!     [--use-fips] [--use-dual-stack] [--no-validate] [--debug]
//! ```
//!
//! `--input` and `--body` hold at most 10 MiB, whether inline, from a file or from standard
//! input.
//!
//! Exit codes: 0 success, 1 input that breaks the model's constraints or (for `call`) an
//! error answered by the service, 2 a command or input that cannot be used, or (for `call`)
//! a call that reached no verdict: no credentials or region, no connection, a timeout.

mod call;
mod input;
mod operations;
mod send;

use std::process::ExitCode;

use anvil_runtime::ValidationError;
use anvil_runtime::call::CallError;
use anvil_runtime::credentials::Env;
use anvil_runtime::wire::{check_header_name, check_header_value};
use serde_json::{Value, json};

use operations::{Operation, Parsed, Prepared};

const USAGE: &str = "usage: anvil list
       anvil validate SERVICE OPERATION --input JSON|@FILE|-
       anvil request SERVICE OPERATION --input JSON|@FILE|- [--region R] [--profile P] [--use-fips]
           [--use-dual-stack] [--endpoint-url URL] [--no-host-prefix] [--no-validate] [--sign [--timestamp RFC3339]]
       anvil endpoint SERVICE [--region R] [--profile P] [--use-fips] [--use-dual-stack] [--endpoint-url URL]
       anvil parse-response SERVICE OPERATION --status N [--header 'Name: value']... --body TEXT|@FILE
       anvil call SERVICE OPERATION --input JSON|@FILE|- [--region R] [--profile P] [--endpoint-url URL]
           [--use-fips] [--use-dual-stack] [--no-validate] [--debug]";

/// What went wrong, with the exit code it maps to.
enum Failure {
    /// The input breaks the model's constraints, or the service answered with an error
    /// (exit 1); the report was printed.
    Invalid,
    /// The command or its input cannot be used (exit 2).
    Unusable(String),
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Invalid) => ExitCode::from(1),
        Err(Failure::Unusable(message)) => {
            eprintln!("anvil: {message}");
            ExitCode::from(2)
        }
    }
}

fn run(args: &[String]) -> Result<(), Failure> {
    match args.first().map(String::as_str) {
        Some("list") if args.len() == 1 => {
            println!("{}", operations::known());
            Ok(())
        }
        Some("validate") => validate(&args[1..]),
        Some("request") => request(&args[1..]),
        Some("endpoint") => endpoint(&args[1..]),
        Some("parse-response") => parse_response(&args[1..]),
        Some("call") => call(&args[1..]),
        Some("help" | "--help" | "-h") => {
            println!("{USAGE}");
            Ok(())
        }
        Some(other) => Err(unusable(format!(
            "unknown command `{}`\n{USAGE}",
            other.escape_debug()
        ))),
        None => Err(unusable(USAGE)),
    }
}

fn unusable(message: impl Into<String>) -> Failure {
    Failure::Unusable(message.into())
}

/// The operation named by the first two arguments, and the remaining arguments.
fn operation_and_options(args: &[String]) -> Result<(&'static Operation, Options), Failure> {
    let [service, operation_name, rest @ ..] = args else {
        return Err(unusable(format!(
            "SERVICE and OPERATION are needed\n{USAGE}"
        )));
    };
    let operation = operations::find(service, operation_name).ok_or_else(|| {
        unusable(format!(
            "unknown operation `{} {}`; known operations:\n{}",
            service.escape_debug(),
            operation_name.escape_debug(),
            operations::known()
        ))
    })?;
    Ok((operation, Options::parse(rest)?))
}

/// The options after SERVICE OPERATION.
#[derive(Default)]
struct Options {
    input: Option<String>,
    endpoint: call::EndpointFlags,
    sign: bool,
    timestamp: Option<String>,
    status: Option<String>,
    headers: Vec<String>,
    body: Option<String>,
    no_validate: bool,
    debug: bool,
}

impl Options {
    fn parse(args: &[String]) -> Result<Self, Failure> {
        let mut options = Self::default();
        let mut args = args.iter();
        while let Some(flag) = args.next() {
            let switch = match flag.as_str() {
                "--no-validate" => &mut options.no_validate,
                "--use-fips" => &mut options.endpoint.use_fips,
                "--use-dual-stack" => &mut options.endpoint.use_dual_stack,
                "--no-host-prefix" => &mut options.endpoint.no_host_prefix,
                "--sign" => &mut options.sign,
                "--debug" => &mut options.debug,
                _ => {
                    let value = args.next().cloned().ok_or_else(|| {
                        unusable(format!("{} needs a value\n{USAGE}", flag.escape_debug()))
                    })?;
                    options.set(flag, value)?;
                    continue;
                }
            };
            *switch = true;
        }
        Ok(options)
    }

    fn set(&mut self, flag: &str, value: String) -> Result<(), Failure> {
        let slot = match flag {
            "--input" => &mut self.input,
            "--region" => &mut self.endpoint.region,
            "--profile" => &mut self.endpoint.profile,
            "--endpoint-url" => &mut self.endpoint.endpoint_url,
            "--timestamp" => &mut self.timestamp,
            "--status" => &mut self.status,
            "--body" => &mut self.body,
            "--header" => {
                self.headers.push(value);
                return Ok(());
            }
            other => {
                return Err(unusable(format!(
                    "unknown option `{}`\n{USAGE}",
                    other.escape_debug()
                )));
            }
        };
        *slot = Some(value);
        Ok(())
    }

    fn input_json(&self) -> Result<anvil_runtime::json::Value, Failure> {
        let source = self
            .input
            .as_deref()
            .ok_or_else(|| unusable(format!("--input is needed\n{USAGE}")))?;
        let text = input::read_source("--input", source).map_err(unusable)?;
        anvil_runtime::json::parse_bytes(text.as_bytes())
            .map_err(|error| unusable(format!("the input is not JSON: {error}")))
    }
}

/// Prints the validation report and fails with exit 1.
fn report_invalid(error: &ValidationError) -> Failure {
    let violations: Vec<Value> = error
        .violations()
        .iter()
        .map(|violation| {
            json!({
                "path": violation.path(),
                "rule": violation.rule().as_str(),
                "message": violation.message(),
            })
        })
        .collect();
    println!("{}", json!({"valid": false, "violations": violations}));
    Failure::Invalid
}

fn validate(args: &[String]) -> Result<(), Failure> {
    let (operation, options) = operation_and_options(args)?;
    let value = options.input_json()?;
    let outcome = (operation.validate_json)(&value).map_err(|error| {
        unusable(format!(
            "the input does not fit {}: {error}",
            operation.name
        ))
    })?;
    match outcome {
        Ok(()) => {
            println!("{}", json!({"valid": true}));
            Ok(())
        }
        Err(error) => Err(report_invalid(&error)),
    }
}

fn request(args: &[String]) -> Result<(), Failure> {
    let (operation, options) = operation_and_options(args)?;
    let value = options.input_json()?;
    let env = Env::process();
    let settings = options.endpoint.settings(&env).map_err(unusable)?;
    let prepared =
        (operation.request)(&value, &settings.call, !options.no_validate).map_err(|error| {
            unusable(format!(
                "the input does not fit {}: {error}",
                operation.name
            ))
        })?;
    let (mut request, endpoint) = match prepared {
        Prepared::Invalid(error) => return Err(report_invalid(&error)),
        Prepared::Unbuildable(CallError::Endpoint(error)) => {
            return Err(unusable(settings.endpoint_failure(&error)));
        }
        Prepared::Unbuildable(error) => return Err(unusable(error.to_string())),
        Prepared::Ready(ready) => *ready,
    };
    if options.sign && operation.signed {
        call::sign(
            &mut request,
            operation.service,
            &endpoint,
            &settings,
            options.endpoint.profile.as_deref(),
            options.timestamp.as_deref(),
            &env,
        )
        .map_err(unusable)?;
    }
    let headers: serde_json::Map<String, Value> = request
        .headers()
        .iter()
        .map(|(name, value)| {
            let value = String::from_utf8_lossy(value.as_bytes()).into_owned();
            (name.as_str().to_string(), Value::String(value))
        })
        .collect();
    let body = String::from_utf8_lossy(request.body());
    println!(
        "{}",
        json!({
            "method": request.method().as_str(),
            "url": request.uri().to_string(),
            "headers": headers,
            "body": body
        })
    );
    Ok(())
}

/// `anvil endpoint SERVICE [...]`: the service's endpoint for the region and flags.
fn endpoint(args: &[String]) -> Result<(), Failure> {
    let [service_name, rest @ ..] = args else {
        return Err(unusable(format!("SERVICE is needed\n{USAGE}")));
    };
    let service = operations::service(service_name).ok_or_else(|| {
        unusable(format!(
            "unknown service `{}`; known operations:\n{}",
            service_name.escape_debug(),
            operations::known()
        ))
    })?;
    let options = Options::parse(rest)?;
    let settings = options
        .endpoint
        .settings(&Env::process())
        .map_err(unusable)?;
    let endpoint = call::service_endpoint(service, &settings).map_err(unusable)?;
    let mut properties = anvil_runtime::wire::JsonWriter::new(anvil_runtime::wire::JsonStyle::Wire);
    properties.document(&anvil_runtime::Document::Object(
        endpoint.properties().clone(),
    ));
    let properties: Value = serde_json::from_str(&properties.finish())
        .map_err(|error| unusable(format!("internal error: the properties: {error}")))?;
    let headers: serde_json::Map<String, Value> = endpoint
        .headers()
        .iter()
        .map(|(name, values)| (name.clone(), json!(values)))
        .collect();
    println!(
        "{}",
        json!({"url": endpoint.url(), "properties": properties, "headers": headers})
    );
    Ok(())
}

/// `anvil call SERVICE OPERATION --input ...`: sends the request and prints the answer.
fn call(args: &[String]) -> Result<(), Failure> {
    let (operation, options) = operation_and_options(args)?;
    if options.endpoint.no_host_prefix || options.sign || options.timestamp.is_some() {
        return Err(unusable(format!(
            "--no-host-prefix, --sign and --timestamp are options of `request`, not `call`\n{USAGE}"
        )));
    }
    let value = options.input_json()?;
    if options.debug {
        send::log_attempts_to_stderr();
    }
    let sent = send::send(
        operation,
        &value,
        &options.endpoint,
        !options.no_validate,
        &Env::process(),
    )
    .map_err(unusable)?;
    match sent {
        send::Sent::Output(output) => {
            println!("{output}");
            Ok(())
        }
        send::Sent::ServiceError(error) => {
            println!("{error}");
            Err(Failure::Invalid)
        }
        send::Sent::Invalid(error) => Err(report_invalid(&error)),
    }
}

fn parse_response(args: &[String]) -> Result<(), Failure> {
    let (operation, options) = operation_and_options(args)?;
    let status_text = options
        .status
        .as_deref()
        .ok_or_else(|| unusable(format!("--status is needed\n{USAGE}")))?;
    let status: u16 = status_text
        .parse()
        .ok()
        .filter(|status| (100..=999).contains(status))
        .ok_or_else(|| {
            unusable(format!(
                "--status takes an HTTP status code, not `{}`",
                status_text.escape_debug()
            ))
        })?;
    let mut response = anvil_runtime::http::Response::builder().status(status);
    for header in &options.headers {
        let (name, value) = header.split_once(':').ok_or_else(|| {
            unusable(format!(
                "--header takes 'Name: value', not `{}`",
                header.escape_debug()
            ))
        })?;
        let (name, value) = (name.trim(), value.trim());
        check_header_name(name)
            .and_then(|()| check_header_value(value))
            .map_err(|error| unusable(format!("--header `{}`: {error}", name.escape_debug())))?;
        response = response.header(name, value);
    }
    let body = match &options.body {
        Some(source) => input::read_source("--body", source).map_err(unusable)?,
        None => String::new(),
    };
    let response = response
        .body(body.into_bytes())
        .map_err(|error| unusable(format!("--header or --status cannot be used: {error}")))?;
    match (operation.parse_response)(&response) {
        Parsed::Output(output) => {
            let output: Value = serde_json::from_str(&output).map_err(|error| {
                unusable(format!("internal error: output is not JSON: {error}"))
            })?;
            println!("{}", json!({"output": output}));
            Ok(())
        }
        Parsed::ServiceError(error) => {
            let (code, message) = (error.code, error.message);
            println!("{}", json!({"error": {"code": code, "message": message}}));
            Ok(())
        }
        Parsed::Unreadable(message) => Err(unusable(message)),
    }
}
