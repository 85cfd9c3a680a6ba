//! `anvil`: a command-line tool over the generated clients.
//!
//! ```text
//! anvil list
//! anvil validate SERVICE OPERATION --input JSON|@FILE|-
//! ```
//!
//! Exit codes: 0 success (valid input), 1 invalid input, 2 unusable command or input.

mod operations;

use std::io::Read;
use std::process::ExitCode;

use anvil_runtime::json::Value;

const USAGE: &str =
    "usage: anvil list\n       anvil validate SERVICE OPERATION --input JSON|@FILE|-";

/// What went wrong, with the exit code it maps to.
enum Failure {
    /// The input is readable but breaks the model's constraints (exit 1); the JSON report
    /// was already printed.
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
        Some("help" | "--help" | "-h") => {
            println!("{USAGE}");
            Ok(())
        }
        Some(other) => Err(Failure::Unusable(format!(
            "unknown command `{other}`\n{USAGE}"
        ))),
        None => Err(Failure::Unusable(USAGE.to_string())),
    }
}

fn validate(args: &[String]) -> Result<(), Failure> {
    let [service, operation_name, rest @ ..] = args else {
        return Err(Failure::Unusable(format!(
            "validate needs SERVICE and OPERATION\n{USAGE}"
        )));
    };
    let operation = operations::find(service, operation_name).ok_or_else(|| {
        Failure::Unusable(format!(
            "unknown operation `{service} {operation_name}`; known operations:\n{}",
            operations::known()
        ))
    })?;
    let input = match rest {
        [flag, source] if flag == "--input" => read_input(source)?,
        _ => {
            return Err(Failure::Unusable(format!(
                "validate needs --input\n{USAGE}"
            )));
        }
    };
    let value: Value = serde_json::from_str(&input)
        .map_err(|error| Failure::Unusable(format!("the input is not JSON: {error}")))?;
    let outcome = (operation.validate_json)(&value).map_err(|error| {
        Failure::Unusable(format!(
            "the input does not fit {}: {error}",
            operation.name
        ))
    })?;
    match outcome {
        Ok(()) => {
            println!("{}", serde_json::json!({"valid": true}));
            Ok(())
        }
        Err(error) => {
            let violations: Vec<Value> = error
                .violations()
                .iter()
                .map(|violation| {
                    serde_json::json!({
                        "path": violation.path(),
                        "rule": violation.rule().as_str(),
                        "message": violation.message(),
                    })
                })
                .collect();
            println!(
                "{}",
                serde_json::json!({"valid": false, "violations": violations})
            );
            Err(Failure::Invalid)
        }
    }
}

/// The input text: inline JSON, `@path` to read a file, or `-` for standard input.
fn read_input(source: &str) -> Result<String, Failure> {
    if source == "-" {
        let mut text = String::new();
        std::io::stdin()
            .read_to_string(&mut text)
            .map_err(|error| Failure::Unusable(format!("cannot read standard input: {error}")))?;
        return Ok(text);
    }
    if let Some(path) = source.strip_prefix('@') {
        return std::fs::read_to_string(path)
            .map_err(|error| Failure::Unusable(format!("{path}: {error}")));
    }
    Ok(source.to_string())
}
