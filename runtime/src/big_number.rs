//! Arbitrary-precision numbers (`bigInteger`, `bigDecimal`), kept as their decimal text.
//!
//! The runtime does no arithmetic on them; it keeps the exact digits so that nothing is
//! lost between the wire and the caller.

use std::fmt;

/// An arbitrary-precision integer, kept as its decimal text (e.g. `"-123456789012345678901"`).
///
/// ```
/// let big = anvil_runtime::BigInteger::new("123456789012345678901234567890");
/// assert_eq!(big.as_str(), "123456789012345678901234567890");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct BigInteger(String);

/// An arbitrary-precision decimal, kept as its text (e.g. `"0.1"` or `"1.5e300"`).
///
/// ```
/// let big = anvil_runtime::BigDecimal::new("0.1");
/// assert_eq!(big.to_string(), "0.1");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct BigDecimal(String);

macro_rules! text_number {
    ($name:ident) => {
        impl $name {
            /// Wraps the number's text as written.
            pub fn new(text: impl Into<String>) -> Self {
                Self(text.into())
            }

            /// The number's text.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
                formatter.write_str(&self.0)
            }
        }

        impl From<&str> for $name {
            fn from(text: &str) -> Self {
                Self::new(text)
            }
        }

        impl From<String> for $name {
            fn from(text: String) -> Self {
                Self(text)
            }
        }
    };
}

text_number!(BigInteger);
text_number!(BigDecimal);
