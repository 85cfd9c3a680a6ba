//! The operations the CLI knows, and how to find one by name.

use anvil_runtime::ValidationError;
use anvil_runtime::json::{JsonError, Value};
use anvil_runtime::wire::{Request, RequestError, Response};

/// What became of an input on its way to a request.
pub enum Prepared {
    /// It breaks the model's constraints.
    Invalid(ValidationError),
    /// It is valid but cannot be put on the wire (e.g. an empty URI label).
    Unbuildable(RequestError),
    /// The request.
    Ready(Request),
}

/// A parsed response, as the CLI prints it.
pub enum Parsed {
    /// The output as JSON with member names.
    Output(String),
    /// A modeled or unmodeled service error.
    ServiceError {
        /// The error code.
        code: Option<String>,
        /// The message.
        message: Option<String>,
    },
    /// The response could not be read.
    Unreadable(String),
}

/// One operation of one service.
pub struct Operation {
    /// Service name (`identitystore`).
    pub service: &'static str,
    /// Operation name as in the model (`UpdateUser`).
    pub name: &'static str,
    /// The service's endpoint prefix, for the default endpoint.
    pub endpoint_prefix: &'static str,
    /// Input reading and validation.
    pub validate_json: fn(&Value) -> Result<Result<(), ValidationError>, JsonError>,
    /// Input reading, validation (unless turned off) and request building for an endpoint.
    pub request: fn(&Value, &str, bool) -> Result<Prepared, JsonError>,
    /// Response parsing.
    pub parse_response: fn(&Response) -> Parsed,
}

macro_rules! operation {
    ($service:literal, $name:literal, $prefix:literal, $module:path, $input:ident) => {
        Operation {
            service: $service,
            name: $name,
            endpoint_prefix: $prefix,
            validate_json: |value| {
                use $module as module;
                module::$input::from_json(value).map(|(_, outcome)| outcome)
            },
            request: |value, endpoint, validate| {
                use $module as module;
                let (input, outcome) = module::$input::from_json(value)?;
                Ok(match outcome {
                    Err(violations) if validate => Prepared::Invalid(violations),
                    _ => match input.to_request(endpoint) {
                        Ok(request) => Prepared::Ready(request),
                        Err(error) => Prepared::Unbuildable(error),
                    },
                })
            },
            parse_response: |response| {
                use $module as module;
                match module::parse_response(response) {
                    Ok(output) => Parsed::Output(output.to_json()),
                    Err(error) if error.is_invalid_response() => {
                        Parsed::Unreadable(error.to_string())
                    }
                    Err(error) => Parsed::ServiceError {
                        code: error.code().map(str::to_string),
                        message: error.message().map(str::to_string),
                    },
                }
            },
        }
    };
}

/// Every operation, sorted by service then operation.
pub const OPERATIONS: &[Operation] = &[
    operation!(
        "codestar",
        "UpdateUserProfile",
        "codestar",
        anvil_sdk::codestar::operation::update_user_profile,
        UpdateUserProfileInput
    ),
    operation!(
        "datazone",
        "CreateUserProfile",
        "datazone",
        anvil_sdk::datazone::operation::create_user_profile,
        CreateUserProfileInput
    ),
    operation!(
        "datazone",
        "UpdateUserProfile",
        "datazone",
        anvil_sdk::datazone::operation::update_user_profile,
        UpdateUserProfileInput
    ),
    operation!(
        "identitystore",
        "UpdateUser",
        "identitystore",
        anvil_sdk::identitystore::operation::update_user,
        UpdateUserInput
    ),
    operation!(
        "workmail",
        "UpdateUser",
        "workmail",
        anvil_sdk::workmail::operation::update_user,
        UpdateUserInput
    ),
];

/// Finds an operation; the name may be written as in the model (`UpdateUser`) or in
/// kebab case (`update-user`).
pub fn find(service: &str, name: &str) -> Option<&'static Operation> {
    OPERATIONS.iter().find(|operation| {
        operation.service == service && (operation.name == name || kebab(operation.name) == name)
    })
}

/// `UpdateUserProfile` -> `update-user-profile`.
pub fn kebab(name: &str) -> String {
    let mut kebab = String::with_capacity(name.len() + 4);
    for (index, c) in name.chars().enumerate() {
        if c.is_ascii_uppercase() {
            if index > 0 {
                kebab.push('-');
            }
            kebab.push(c.to_ascii_lowercase());
        } else {
            kebab.push(c);
        }
    }
    kebab
}

/// `service operation` lines of every known operation.
pub fn known() -> String {
    OPERATIONS
        .iter()
        .map(|operation| format!("{} {}", operation.service, operation.name))
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_by_model_or_kebab_name() {
        assert_eq!(
            find("identitystore", "UpdateUser").map(|op| op.name),
            Some("UpdateUser")
        );
        assert_eq!(
            find("datazone", "create-user-profile").map(|op| op.name),
            Some("CreateUserProfile")
        );
        assert!(find("datazone", "UpdateUser").is_none());
        assert!(find("s3", "GetObject").is_none());
        assert_eq!(kebab("UpdateUserProfile"), "update-user-profile");
    }
}
