//! The error type for reading, writing and converting timestamps.

use std::fmt;

use super::DateTime;

/// Longest input, in characters, that an error message repeats in full.
const MAX_QUOTED_CHARS: usize = 80;

/// A timestamp could not be parsed, written in a format, or converted.
///
/// The message names the format, repeats the input, and says what was wrong with it.
///
/// ```
/// use anvil_runtime::DateTime;
///
/// let err = DateTime::parse_rfc3339("2000-02-30T00:00:00Z").unwrap_err();
/// assert_eq!(
///     err.to_string(),
///     r#"invalid date-time "2000-02-30T00:00:00Z": day 30 is out of range for February 2000"#
/// );
/// assert_eq!(err.input(), "2000-02-30T00:00:00Z");
/// assert_eq!(err.reason(), "day 30 is out of range for February 2000");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DateTimeError {
    action: Action,
    input: String,
    reason: String,
}

/// What was being attempted when the error happened.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Action {
    /// Parsing text in the named format.
    Parse(&'static str),
    /// Writing an instant in the named format.
    Format(&'static str),
    /// Converting to `std::time::SystemTime`.
    SystemTime,
}

impl DateTimeError {
    /// Text in `format` (such as `"date-time"`) could not be parsed.
    pub(super) fn parse(format: &'static str, input: &str, reason: String) -> Self {
        Self {
            action: Action::Parse(format),
            input: input.to_owned(),
            reason,
        }
    }

    /// An instant cannot be written in `format`.
    pub(super) fn format(format: &'static str, value: &DateTime, reason: String) -> Self {
        Self {
            action: Action::Format(format),
            input: value.fmt_epoch_seconds(),
            reason,
        }
    }

    /// An instant cannot be converted to `SystemTime`.
    pub(super) fn system_time(value: &DateTime, reason: &str) -> Self {
        Self {
            action: Action::SystemTime,
            input: value.fmt_epoch_seconds(),
            reason: reason.to_owned(),
        }
    }

    /// The text that failed to parse, or, when writing or converting failed, the instant in
    /// epoch-seconds form.
    pub fn input(&self) -> &str {
        &self.input
    }

    /// What was wrong, without the input (for example `month 13 is out of range`).
    pub fn reason(&self) -> &str {
        &self.reason
    }
}

impl fmt::Display for DateTimeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.action {
            Action::Parse(format) => {
                write!(f, "invalid {format} ")?;
                // Quote and escape the input, shortening very long text.
                match self.input.char_indices().nth(MAX_QUOTED_CHARS) {
                    Some((cut, _)) => write!(f, "{:?}...", &self.input[..cut])?,
                    None => write!(f, "{:?}", self.input)?,
                }
            }
            Action::Format(format) => write!(
                f,
                "cannot write the instant {} seconds after the epoch as {format}",
                self.input
            )?,
            Action::SystemTime => write!(
                f,
                "cannot convert the instant {} seconds after the epoch to SystemTime",
                self.input
            )?,
        }
        write!(f, ": {}", self.reason)
    }
}

impl std::error::Error for DateTimeError {}
