//! [`Rule`], [`Violation`] and [`ValidationError`]: what validation reports.

use std::fmt;

/// The Smithy constraint that a value broke.
///
/// ```
/// use anvil_runtime::Rule;
///
/// assert_eq!(Rule::UniqueItems.as_str(), "uniqueItems");
/// assert_eq!(Rule::Length.to_string(), "length");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Rule {
    /// `@required`: a member that must be set was not.
    Required,
    /// `@length`: a string, blob, list or map is too short or too long.
    Length,
    /// `@pattern`: a string does not match the model's regular expression.
    Pattern,
    /// `@range`: a number is below the minimum or above the maximum.
    Range,
    /// `@uniqueItems`: a list holds two equal items.
    UniqueItems,
    /// A union value that names no member this client knows, so it cannot be sent.
    Union,
}

impl Rule {
    /// The rule's name as Smithy spells the trait (`required`, `length`, `pattern`, `range`,
    /// `uniqueItems`), or `union` for [`Rule::Union`].
    pub fn as_str(&self) -> &'static str {
        match self {
            Rule::Required => "required",
            Rule::Length => "length",
            Rule::Pattern => "pattern",
            Rule::Range => "range",
            Rule::UniqueItems => "uniqueItems",
            Rule::Union => "union",
        }
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One broken constraint: where, which rule, and a message.
///
/// Messages never repeat the offending value, which may be sensitive; they give only facts
/// about it such as its length. Violations are recorded through [`Violations`](super::Violations).
///
/// ```
/// use anvil_runtime::{Path, Rule, Violations};
///
/// let root = Path::Root;
/// let mut violations = Violations::new();
/// violations.required(&root.member("UserId"));
/// let err = violations.into_result().unwrap_err();
/// let violation = &err.violations()[0];
/// assert_eq!(violation.path(), "UserId");
/// assert_eq!(violation.rule(), Rule::Required);
/// assert_eq!(violation.message(), "a value is required");
/// assert_eq!(violation.to_string(), "UserId: a value is required");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Violation {
    path: String,
    rule: Rule,
    message: String,
}

impl Violation {
    /// Makes a violation; the path is already rendered.
    pub(crate) fn new(path: String, rule: Rule, message: String) -> Self {
        Self {
            path,
            rule,
            message,
        }
    }

    /// Where the value sits in the input, as rendered by [`Path`](super::Path)
    /// (e.g. `Operations[3].AttributePath`); empty for the input itself.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The constraint that was broken.
    pub fn rule(&self) -> Rule {
        self.rule
    }

    /// What is wrong, without the value itself (e.g. `length 0 is below the minimum of 1`).
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            f.write_str(&self.message)
        } else {
            write!(f, "{}: {}", self.path, self.message)
        }
    }
}

/// An operation's input broke one or more constraints of the model.
///
/// Returned by [`Violations::into_result`](super::Violations::into_result); it always holds at
/// least one [`Violation`]. Its `Display` gives a count on the first line and then each
/// violation on a line of its own, indented by two spaces.
///
/// ```
/// use anvil_runtime::{Path, Violations};
///
/// let root = Path::Root;
/// let mut violations = Violations::new();
/// violations.required(&root.member("Name"));
/// violations.length_chars(&root.member("Title"), "", Some(1), None);
/// let err = violations.into_result().unwrap_err();
/// assert_eq!(err.violations().len(), 2);
/// assert_eq!(
///     err.to_string(),
///     "invalid input: 2 violations\n  Name: a value is required\n  Title: length 0 is below the minimum of 1"
/// );
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidationError {
    violations: Vec<Violation>,
}

impl ValidationError {
    /// Wraps violations; the caller guarantees there is at least one.
    pub(crate) fn new(violations: Vec<Violation>) -> Self {
        debug_assert!(!violations.is_empty());
        Self { violations }
    }

    /// The violations, in the order they were found (never empty).
    pub fn violations(&self) -> &[Violation] {
        &self.violations
    }

    /// Takes the violations out of the error (never empty).
    pub fn into_violations(self) -> Vec<Violation> {
        self.violations
    }
}

impl fmt::Display for ValidationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let count = self.violations.len();
        let noun = if count == 1 {
            "violation"
        } else {
            "violations"
        };
        write!(f, "invalid input: {count} {noun}")?;
        for violation in &self.violations {
            write!(f, "\n  {violation}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ValidationError {}

#[cfg(test)]
mod tests {
    use super::{Rule, ValidationError, Violation};

    #[test]
    fn rule_names() {
        let all = [
            (Rule::Required, "required"),
            (Rule::Length, "length"),
            (Rule::Pattern, "pattern"),
            (Rule::Range, "range"),
            (Rule::UniqueItems, "uniqueItems"),
            (Rule::Union, "union"),
        ];
        for (rule, name) in all {
            assert_eq!(rule.as_str(), name);
            assert_eq!(rule.to_string(), name);
        }
    }

    #[test]
    fn violation_display_without_path() {
        let violation = Violation::new(String::new(), Rule::Union, "no member".to_owned());
        assert_eq!(violation.to_string(), "no member");
    }

    #[test]
    fn error_display_singular() {
        let err = ValidationError::new(vec![Violation::new(
            "A".to_owned(),
            Rule::Required,
            "a value is required".to_owned(),
        )]);
        assert_eq!(
            err.to_string(),
            "invalid input: 1 violation\n  A: a value is required"
        );
        let violations = err.clone().into_violations();
        assert_eq!(violations.len(), 1);
        assert_eq!(err.violations(), violations.as_slice());
    }

    #[test]
    fn error_is_a_std_error() {
        let err: Box<dyn std::error::Error> = Box::new(ValidationError::new(vec![Violation::new(
            String::new(),
            Rule::Union,
            "x".to_owned(),
        )]));
        assert!(err.source().is_none());
    }
}
