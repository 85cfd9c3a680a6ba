//! The generated operations the targets drive, picked by one byte of the fuzz input.

/// How many operations [`select`] chooses from (the five of `anvil-sdk`).
pub const COUNT: u8 = 5;

/// Which operation the first byte picks, and the rest of the input. The byte is read as a
/// digit, so seed files start with `0`..`4`; any other byte still picks one.
pub fn select(data: &[u8]) -> Option<(u8, &[u8])> {
    let (&first, rest) = data.split_first()?;
    Some((first.wrapping_sub(b'0') % COUNT, rest))
}

/// Calls `$body` with the operation type `$op` bound to the operation numbered `$index`.
#[macro_export]
macro_rules! with_operation {
    ($index:expr, |$op:ident| $body:expr) => {
        match $index {
            0 => {
                type $op = anvil_sdk::codestar::operation::update_user_profile::UpdateUserProfile;
                $body
            }
            1 => {
                type $op = anvil_sdk::datazone::operation::create_user_profile::CreateUserProfile;
                $body
            }
            2 => {
                type $op = anvil_sdk::datazone::operation::update_user_profile::UpdateUserProfile;
                $body
            }
            3 => {
                type $op = anvil_sdk::identitystore::operation::update_user::UpdateUser;
                $body
            }
            _ => {
                type $op = anvil_sdk::workmail::operation::update_user::UpdateUser;
                $body
            }
        }
    };
}
