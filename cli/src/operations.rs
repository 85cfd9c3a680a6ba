//! The operations the CLI knows, and how to find one by name.

use anvil_runtime::ValidationError;
use anvil_runtime::json::{JsonError, Value};

/// Reads an operation's input from JSON and validates it.
pub type ValidateJson = fn(&Value) -> Result<Result<(), ValidationError>, JsonError>;

/// One operation of one service.
pub struct Operation {
    /// Service name (`identitystore`).
    pub service: &'static str,
    /// Operation name as in the model (`UpdateUser`).
    pub name: &'static str,
    /// Input reading and validation.
    pub validate_json: ValidateJson,
}

macro_rules! operation {
    ($service:literal, $name:literal, $input:path) => {
        Operation {
            service: $service,
            name: $name,
            validate_json: |value| <$input>::from_json(value).map(|(_, outcome)| outcome),
        }
    };
}

/// Every operation, sorted by service then operation.
pub const OPERATIONS: &[Operation] = &[
    operation!(
        "codestar",
        "UpdateUserProfile",
        anvil_sdk::codestar::operation::update_user_profile::UpdateUserProfileInput
    ),
    operation!(
        "datazone",
        "CreateUserProfile",
        anvil_sdk::datazone::operation::create_user_profile::CreateUserProfileInput
    ),
    operation!(
        "datazone",
        "UpdateUserProfile",
        anvil_sdk::datazone::operation::update_user_profile::UpdateUserProfileInput
    ),
    operation!(
        "identitystore",
        "UpdateUser",
        anvil_sdk::identitystore::operation::update_user::UpdateUserInput
    ),
    operation!(
        "workmail",
        "UpdateUser",
        anvil_sdk::workmail::operation::update_user::UpdateUserInput
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
