//! Checking an operation's input against the model's constraint traits before it is sent.
//!
//! Generated clients give every input type a `validate` step that walks the value, building a
//! [`Path`] on the stack as it goes, and calls the checks of a [`Violations`] collector for
//! `@required`, `@length`, `@pattern`, `@range` and `@uniqueItems` (and for union values that
//! cannot be sent). The collector ends in `Ok(())` or a [`ValidationError`] listing every
//! [`Violation`]. The service remains the authority on what it accepts, so the client runs
//! this as a separate step that configuration can turn off, and never on responses.
//!
//! ```
//! use anvil_runtime::{Path, Violations};
//!
//! let root = Path::Root;
//! let tags = root.member("Tags");
//! let mut violations = Violations::new();
//! violations.length_chars(&tags.key("team"), "", Some(1), Some(256));
//! violations.unique_items(&root.member("Emails"), &["a@example.com", "a@example.com"]);
//! let err = violations.into_result().unwrap_err();
//! assert_eq!(
//!     err.to_string(),
//!     "invalid input: 2 violations\n  \
//!      Tags[\"team\"]: length 0 is below the minimum of 1\n  \
//!      Emails: items 0 and 1 are equal"
//! );
//! ```

mod decimal;
mod path;
mod violation;
mod violations;

pub use decimal::compare_decimal;
pub use path::Path;
pub use violation::{Rule, ValidationError, Violation};
pub use violations::Violations;
