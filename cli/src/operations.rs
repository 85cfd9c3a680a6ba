//! Finding an operation of the generated crate by name. The table itself is
//! `anvil_sdk::OPERATIONS`, which the generator writes: every generated operation is
//! reachable.

pub use anvil_runtime::operation::{
    OperationEntry as Operation, ParsedResponse as Parsed, PreparedRequest as Prepared,
};

/// Every operation, sorted by service then operation.
pub const OPERATIONS: &[Operation] = anvil_sdk::OPERATIONS;

/// Finds an operation; the name may be written as in the model (`UpdateUser`) or in
/// kebab case (`update-user`).
pub fn find(service: &str, name: &str) -> Option<&'static Operation> {
    OPERATIONS.iter().find(|operation| {
        operation.service.name == service
            && (operation.name == name || kebab(operation.name) == name)
    })
}

/// The service named `name`, if any of its operations is generated.
pub fn service(name: &str) -> Option<&'static anvil_runtime::ServiceInfo> {
    OPERATIONS
        .iter()
        .find(|operation| operation.service.name == name)
        .map(|operation| operation.service)
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
        .map(|operation| format!("{} {}", operation.service.name, operation.name))
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

    #[test]
    fn the_table_is_sorted_and_unique() {
        let keys: Vec<(&str, &str)> = OPERATIONS
            .iter()
            .map(|operation| (operation.service.name, operation.name))
            .collect();
        let mut sorted = keys.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(keys, sorted);
        assert!(keys.contains(&("workmail", "UpdateUser")));
    }
}
