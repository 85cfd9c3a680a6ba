//! Support for enum values that the model did not list.
//!
//! Services add enum values over time. A generated enum keeps such a value in an `Unknown`
//! variant holding an [`UnknownVariantValue`], so the client can still read it, show it, and
//! send it back unchanged.

use std::fmt;

/// The text of an enum value that the generated enum does not know.
///
/// Only generated code creates these; users read them through [`as_str`](Self::as_str) or
/// `Display`.
///
/// ```
/// use anvil_runtime::UnknownVariantValue;
///
/// let value = UnknownVariantValue::new("NEW_VALUE");
/// assert_eq!(value.as_str(), "NEW_VALUE");
/// assert_eq!(value.to_string(), "NEW_VALUE");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct UnknownVariantValue(String);

impl UnknownVariantValue {
    /// Wraps a value read from the wire. Meant for generated code only; not a stable API.
    #[doc(hidden)]
    pub fn new(value: impl Into<String>) -> Self {
        Self(value.into())
    }

    /// The value exactly as the service sent it.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for UnknownVariantValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_value_unchanged() {
        let value = UnknownVariantValue::new(String::from(" Mixed Case "));
        assert_eq!(value.as_str(), " Mixed Case ");
        assert_eq!(format!("{value}"), " Mixed Case ");
        assert!(UnknownVariantValue::new("A") < UnknownVariantValue::new("B"));
    }
}
