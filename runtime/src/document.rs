//! Untyped data: the Rust side of the Smithy `document` shape.
//!
//! A document is a JSON-like tree whose structure the model leaves open. Numbers keep the
//! distinction between non-negative integers, negative integers and floats, so that integers
//! larger than 2^53 survive a round trip.

use std::collections::HashMap;
use std::fmt;

/// A value of a Smithy `document` shape.
///
/// ```
/// use std::collections::HashMap;
/// use anvil_runtime::{Document, Number};
///
/// let doc = Document::from(HashMap::from([
///     ("name".to_string(), Document::from("anvil")),
///     ("size".to_string(), Document::from(3u64)),
///     ("tags".to_string(), Document::from(vec![Document::Null, Document::from(true)])),
/// ]));
/// let object = doc.as_object().expect("an object");
/// assert_eq!(object["name"].as_str(), Some("anvil"));
/// assert_eq!(object["size"].as_number(), Some(&Number::PosInt(3)));
/// assert!(object["tags"].as_array().is_some_and(|tags| tags[0].is_null()));
/// ```
#[derive(Clone, Debug, PartialEq)]
pub enum Document {
    /// JSON `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// Any number.
    Number(Number),
    /// A string.
    String(String),
    /// An ordered list of documents.
    Array(Vec<Document>),
    /// String keys mapped to documents.
    Object(HashMap<String, Document>),
}

impl Document {
    /// Whether this is [`Document::Null`].
    pub fn is_null(&self) -> bool {
        matches!(self, Document::Null)
    }

    /// The boolean, if this is a [`Document::Bool`].
    ///
    /// Returned by value: a `bool` is smaller than a reference to one.
    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Document::Bool(value) => Some(*value),
            _ => None,
        }
    }

    /// The number, if this is a [`Document::Number`].
    pub fn as_number(&self) -> Option<&Number> {
        match self {
            Document::Number(number) => Some(number),
            _ => None,
        }
    }

    /// The text, if this is a [`Document::String`].
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Document::String(text) => Some(text),
            _ => None,
        }
    }

    /// The elements, if this is a [`Document::Array`].
    pub fn as_array(&self) -> Option<&Vec<Document>> {
        match self {
            Document::Array(items) => Some(items),
            _ => None,
        }
    }

    /// The entries, if this is a [`Document::Object`].
    pub fn as_object(&self) -> Option<&HashMap<String, Document>> {
        match self {
            Document::Object(entries) => Some(entries),
            _ => None,
        }
    }
}

impl From<bool> for Document {
    fn from(value: bool) -> Self {
        Document::Bool(value)
    }
}

impl From<String> for Document {
    fn from(value: String) -> Self {
        Document::String(value)
    }
}

impl From<&str> for Document {
    fn from(value: &str) -> Self {
        Document::String(value.to_owned())
    }
}

impl From<u64> for Document {
    fn from(value: u64) -> Self {
        Document::Number(Number::from(value))
    }
}

impl From<i64> for Document {
    /// Negative values become [`Number::NegInt`], the others [`Number::PosInt`].
    fn from(value: i64) -> Self {
        Document::Number(Number::from(value))
    }
}

impl From<i32> for Document {
    /// Negative values become [`Number::NegInt`], the others [`Number::PosInt`].
    fn from(value: i32) -> Self {
        Document::Number(Number::from(value))
    }
}

impl From<f64> for Document {
    fn from(value: f64) -> Self {
        Document::Number(Number::Float(value))
    }
}

impl From<Vec<Document>> for Document {
    fn from(value: Vec<Document>) -> Self {
        Document::Array(value)
    }
}

impl From<HashMap<String, Document>> for Document {
    fn from(value: HashMap<String, Document>) -> Self {
        Document::Object(value)
    }
}

impl From<Number> for Document {
    fn from(value: Number) -> Self {
        Document::Number(value)
    }
}

/// A number inside a [`Document`].
///
/// Integers use [`PosInt`](Number::PosInt) when they are zero or more and
/// [`NegInt`](Number::NegInt) only when they are below zero; the `From` conversions keep to
/// that rule. [`Float`](Number::Float) may hold any `f64`, NaN and the infinities included.
///
/// ```
/// use anvil_runtime::Number;
///
/// assert_eq!(Number::from(-5i64), Number::NegInt(-5));
/// assert_eq!(Number::from(5i64), Number::PosInt(5));
/// assert_eq!(Number::Float(3.0).to_i64(), Some(3));
/// assert_eq!(Number::Float(3.5).to_i64(), None);
/// assert_eq!(Number::PosInt(u64::MAX).to_i64(), None);
/// assert_eq!(Number::Float(f64::NAN).to_string(), "NaN");
/// ```
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Number {
    /// An integer that is zero or more.
    PosInt(u64),
    /// An integer below zero.
    NegInt(i64),
    /// A floating-point number.
    Float(f64),
}

/// 2^63 as a float: the first value past the end of `i64`.
const TWO_POW_63: f64 = 9_223_372_036_854_775_808.0;
/// 2^64 as a float: the first value past the end of `u64`.
const TWO_POW_64: f64 = 18_446_744_073_709_551_616.0;

impl Number {
    /// The value as an `f64`, rounding integers that `f64` cannot hold exactly.
    pub fn to_f64_lossy(self) -> f64 {
        match self {
            Number::PosInt(value) => value as f64,
            Number::NegInt(value) => value as f64,
            Number::Float(value) => value,
        }
    }

    /// The value as an `i64`, only if it is exactly an integer in range.
    pub fn to_i64(self) -> Option<i64> {
        match self {
            Number::PosInt(value) => i64::try_from(value).ok(),
            Number::NegInt(value) => Some(value),
            // The range check also rejects NaN; whole floats in range convert exactly.
            Number::Float(value) => {
                if value.fract() == 0.0 && (-TWO_POW_63..TWO_POW_63).contains(&value) {
                    Some(value as i64)
                } else {
                    None
                }
            }
        }
    }

    /// The value as a `u64`, only if it is exactly a non-negative integer in range.
    pub fn to_u64(self) -> Option<u64> {
        match self {
            Number::PosInt(value) => Some(value),
            Number::NegInt(value) => u64::try_from(value).ok(),
            Number::Float(value) => {
                if value.fract() == 0.0 && (0.0..TWO_POW_64).contains(&value) {
                    Some(value as u64)
                } else {
                    None
                }
            }
        }
    }
}

impl From<u64> for Number {
    fn from(value: u64) -> Self {
        Number::PosInt(value)
    }
}

impl From<i64> for Number {
    /// Negative values become [`Number::NegInt`], the others [`Number::PosInt`].
    fn from(value: i64) -> Self {
        match u64::try_from(value) {
            Ok(positive) => Number::PosInt(positive),
            Err(_) => Number::NegInt(value),
        }
    }
}

impl From<i32> for Number {
    /// Negative values become [`Number::NegInt`], the others [`Number::PosInt`].
    fn from(value: i32) -> Self {
        Number::from(i64::from(value))
    }
}

impl From<f64> for Number {
    fn from(value: f64) -> Self {
        Number::Float(value)
    }
}

impl fmt::Display for Number {
    /// Integers print as plain digits; floats use Rust's shortest round-trip form, except that
    /// the non-finite values print as Smithy spells them: `NaN`, `Infinity`, `-Infinity`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Number::PosInt(value) => write!(f, "{value}"),
            Number::NegInt(value) => write!(f, "{value}"),
            Number::Float(value) if value.is_nan() => f.write_str("NaN"),
            Number::Float(value) if value == f64::INFINITY => f.write_str("Infinity"),
            Number::Float(value) if value == f64::NEG_INFINITY => f.write_str("-Infinity"),
            Number::Float(value) => write!(f, "{value}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accessors_match_only_their_variant() {
        let samples = [
            Document::Null,
            Document::from(false),
            Document::from(1.5),
            Document::from("s"),
            Document::from(Vec::new()),
            Document::from(HashMap::new()),
        ];
        for (index, doc) in samples.iter().enumerate() {
            assert_eq!(doc.is_null(), index == 0);
            assert_eq!(doc.as_bool().is_some(), index == 1);
            assert_eq!(doc.as_number().is_some(), index == 2);
            assert_eq!(doc.as_str().is_some(), index == 3);
            assert_eq!(doc.as_array().is_some(), index == 4);
            assert_eq!(doc.as_object().is_some(), index == 5);
        }
        assert_eq!(samples[1].as_bool(), Some(false));
        assert_eq!(samples[2].as_number(), Some(&Number::Float(1.5)));
    }

    #[test]
    fn conversions_pick_the_right_variant() {
        assert_eq!(Document::from(0i64), Document::Number(Number::PosInt(0)));
        assert_eq!(Document::from(-1i32), Document::Number(Number::NegInt(-1)));
        assert_eq!(Document::from(7i32), Document::Number(Number::PosInt(7)));
        assert_eq!(
            Document::from(i64::MIN),
            Document::Number(Number::NegInt(i64::MIN))
        );
        assert_eq!(
            Document::from(u64::MAX),
            Document::Number(Number::PosInt(u64::MAX))
        );
        assert_eq!(Document::from(String::from("x")), Document::from("x"));
        assert_eq!(
            Document::from(Number::Float(2.0)),
            Document::Number(Number::Float(2.0))
        );
        assert_eq!(Number::from(2.5), Number::Float(2.5));
    }

    #[test]
    fn exact_integer_conversions() {
        assert_eq!(Number::PosInt(5).to_i64(), Some(5));
        assert_eq!(Number::PosInt(u64::MAX).to_u64(), Some(u64::MAX));
        assert_eq!(Number::NegInt(-5).to_u64(), None);
        assert_eq!(Number::NegInt(-5).to_i64(), Some(-5));
        assert_eq!(Number::Float(-0.0).to_u64(), Some(0));
        assert_eq!(Number::Float(-TWO_POW_63).to_i64(), Some(i64::MIN));
        assert_eq!(Number::Float(TWO_POW_63).to_i64(), None);
        assert_eq!(Number::Float(TWO_POW_64).to_u64(), None);
        assert_eq!(Number::Float(-1.0).to_u64(), None);
        assert_eq!(Number::Float(0.5).to_u64(), None);
        for bad in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
            assert_eq!(Number::Float(bad).to_i64(), None);
            assert_eq!(Number::Float(bad).to_u64(), None);
        }
    }

    #[test]
    fn lossy_float_conversion() {
        assert_eq!(Number::PosInt(3).to_f64_lossy(), 3.0);
        assert_eq!(Number::NegInt(-3).to_f64_lossy(), -3.0);
        assert!(Number::Float(f64::NAN).to_f64_lossy().is_nan());
    }

    #[test]
    fn display() {
        assert_eq!(
            Number::PosInt(18_446_744_073_709_551_615).to_string(),
            "18446744073709551615"
        );
        assert_eq!(Number::NegInt(-42).to_string(), "-42");
        assert_eq!(Number::Float(1.25).to_string(), "1.25");
        assert_eq!(Number::Float(f64::INFINITY).to_string(), "Infinity");
        assert_eq!(Number::Float(f64::NEG_INFINITY).to_string(), "-Infinity");
        assert_eq!(Number::Float(f64::NAN).to_string(), "NaN");
    }
}
