//! The `@pattern` checks, through the generated inputs' `validate()`: every member that
//! carries `@pattern` gets a fuzzed string. It does not touch `anvil_runtime::Pattern`
//! itself, so it keeps working whatever engine runs the patterns.
//!
//! Input layout: one byte picking the operation (see [`crate::operations::select`]), then
//! the strings, separated by NUL bytes, in the order each operation lists below (missing
//! strings are empty; bytes that are not UTF-8 become U+FFFD).

use anvil_runtime::ValidationError;
use anvil_sdk::{codestar, datazone, identitystore, workmail};

use super::operations::select;

/// Validates the operation's input with the fuzzed strings in its patterned members.
pub fn run(data: &[u8]) {
    let Some((index, rest)) = select(data) else {
        return;
    };
    let mut strings = rest
        .split(|&byte| byte == 0)
        .map(|piece| String::from_utf8_lossy(piece).into_owned());
    let mut next = || strings.next().unwrap_or_default();
    let outcome = match index {
        0 => codestar_update_user_profile(&mut next),
        1 => datazone_create_user_profile(&mut next),
        2 => datazone_update_user_profile(&mut next),
        3 => identitystore_update_user(&mut next),
        _ => workmail_update_user(&mut next),
    };
    if let Some(Err(violations)) = outcome {
        let _ = violations.to_string();
    }
}

/// `userArn`, `displayName`, `emailAddress`, `sshPublicKey`.
fn codestar_update_user_profile(
    next: &mut impl FnMut() -> String,
) -> Option<Result<(), ValidationError>> {
    use codestar::operation::update_user_profile::UpdateUserProfileInput;
    let input = UpdateUserProfileInput::builder()
        .user_arn(next())
        .display_name(next())
        .email_address(next())
        .ssh_public_key(next())
        .build()
        .ok()?;
    Some(input.validate())
}

/// `domainIdentifier`, `userIdentifier`.
fn datazone_create_user_profile(
    next: &mut impl FnMut() -> String,
) -> Option<Result<(), ValidationError>> {
    use datazone::operation::create_user_profile::CreateUserProfileInput;
    let input = CreateUserProfileInput::builder()
        .domain_identifier(next())
        .user_identifier(next())
        .build()
        .ok()?;
    Some(input.validate())
}

/// `domainIdentifier`, `userIdentifier`.
fn datazone_update_user_profile(
    next: &mut impl FnMut() -> String,
) -> Option<Result<(), ValidationError>> {
    use datazone::operation::update_user_profile::UpdateUserProfileInput;
    use datazone::types::UserProfileStatus;
    let input = UpdateUserProfileInput::builder()
        .domain_identifier(next())
        .user_identifier(next())
        .status(UserProfileStatus::Activated)
        .build()
        .ok()?;
    Some(input.validate())
}

/// `IdentityStoreId`, `UserId`, then `AttributePath` of one `Operations` entry.
fn identitystore_update_user(
    next: &mut impl FnMut() -> String,
) -> Option<Result<(), ValidationError>> {
    use identitystore::operation::update_user::UpdateUserInput;
    use identitystore::types::AttributeOperation;
    let builder = UpdateUserInput::builder()
        .identity_store_id(next())
        .user_id(next());
    let operation = AttributeOperation::builder()
        .attribute_path(next())
        .build()
        .ok()?;
    let input = builder.operations(operation).build().ok()?;
    Some(input.validate())
}

/// `OrganizationId`, `UserId`, `IdentityProviderUserId`.
fn workmail_update_user(next: &mut impl FnMut() -> String) -> Option<Result<(), ValidationError>> {
    use workmail::operation::update_user::UpdateUserInput;
    let input = UpdateUserInput::builder()
        .organization_id(next())
        .user_id(next())
        .identity_provider_user_id(next())
        .build()
        .ok()?;
    Some(input.validate())
}
