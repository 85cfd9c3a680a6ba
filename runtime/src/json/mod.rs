//! JSON in: an exact tree ([`Value`]: numbers kept as text, members in order) parsed by
//! [`parse`] and [`parse_bytes`], and [`JsonReader`], which generated `read_json` functions
//! call to read typed values from it; each error names the path of the part that did not
//! fit.
//!
//! The runtime has its own tree rather than `serde_json::Value` so that exactness needs no
//! serde_json feature (`arbitrary_precision`, `preserve_order`), which would change how
//! serde_json behaves for every crate of a program that depends on this one.

use std::fmt;

mod parse;
mod reader;
mod value;

pub use parse::{MAX_DEPTH, SyntaxError};
pub use reader::JsonReader;
pub use value::{Iter, JsonNumber, Map, Value};

use crate::validation::Path;
use crate::{Document, Number};

/// JSON that cannot be read as the expected shape: where, and what is wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JsonError {
    path: String,
    message: String,
}

impl JsonError {
    /// An error at `path`.
    pub fn new(path: &Path<'_>, message: impl Into<String>) -> Self {
        Self {
            path: path.to_string(),
            message: message.into(),
        }
    }

    /// The path of the bad part (empty for the top level).
    pub fn path(&self) -> &str {
        &self.path
    }

    /// What is wrong.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for JsonError {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            formatter.write_str(&self.message)
        } else {
            write!(formatter, "{}: {}", self.path, self.message)
        }
    }
}

impl std::error::Error for JsonError {}

/// Parses JSON text into a [`Value`], ready for a generated `from_json`.
///
/// Text that is not JSON gives a [`JsonError`] with an empty path (the fault lies in the
/// text, not in a member) and a message that says at which line and column the parser gave
/// up (lines count from 1, columns from 1 too, column 0 meaning before the line's first
/// character, as for empty text). Numbers keep their text until they are read as a
/// member's type, which refuses any that do not fit.
///
/// ```
/// use anvil_runtime::json::parse;
///
/// let value = parse(r#"{"UserName": "bob", "Limit": 5}"#)?;
/// assert_eq!(value.get("Limit").and_then(|limit| limit.as_number()?.as_i64()), Some(5));
///
/// let error = parse("{\n  \"UserName\": }").unwrap_err();
/// assert_eq!(error.path(), "");
/// assert!(error.message().starts_with("invalid JSON at line 2, column 15: "));
/// # Ok::<(), anvil_runtime::json::JsonError>(())
/// ```
pub fn parse(text: &str) -> Result<Value, JsonError> {
    parse_bytes(text.as_bytes()).map_err(|error| JsonError {
        path: String::new(),
        message: format!(
            "invalid JSON at line {}, column {}: {}",
            error.line(),
            error.column(),
            error.reason()
        ),
    })
}

/// Parses bytes (a response body, say) into a [`Value`]; the error says at which byte
/// reading stopped and why.
///
/// ```
/// use anvil_runtime::json::parse_bytes;
///
/// let error = parse_bytes(b"[1, 2,]").unwrap_err();
/// assert_eq!((error.offset(), error.reason()), (6, "expected a value"));
/// ```
pub fn parse_bytes(bytes: &[u8]) -> Result<Value, SyntaxError> {
    parse::parse_value(bytes)
}

/// Converts JSON to a [`Document`]; `path` locates `value` in messages.
///
/// Integers that fit 64 bits stay exact; every other number becomes a double, and one that
/// a double cannot hold (too large, or too small to be told from zero) is refused rather
/// than turned into an infinity, NaN or zero.
///
/// ```
/// use anvil_runtime::json::{parse, to_document};
/// use anvil_runtime::{Document, Number, Path};
///
/// let root = Path::Root;
/// let document = to_document(&parse(r#"{"n": [7, -1, 0.5]}"#)?, &root)?;
/// assert_eq!(document.as_object().unwrap()["n"].as_array().unwrap()[0], Document::Number(Number::PosInt(7)));
/// let error = to_document(&parse(r#"{"n": [1e400]}"#)?, &root).unwrap_err();
/// assert_eq!(error.to_string(), r#"["n"][0]: the number is too large for a double"#);
/// # Ok::<(), anvil_runtime::json::JsonError>(())
/// ```
pub fn to_document(value: &Value, path: &Path<'_>) -> Result<Document, JsonError> {
    Ok(match value {
        Value::Null => Document::Null,
        Value::Bool(flag) => Document::Bool(*flag),
        Value::Number(number) => Document::Number(if let Some(unsigned) = number.as_u64() {
            // `-0` written as an integer is zero.
            Number::PosInt(unsigned)
        } else if let Some(signed) = number.as_i64() {
            Number::NegInt(signed)
        } else {
            let text = number.as_str();
            let double = text
                .parse::<f64>()
                .map_err(|_| mismatch(path, "a number", value))?;
            Number::Float(check_fits(double, text, "double", path)?)
        }),
        Value::String(text) => Document::String(text.clone()),
        Value::Array(items) => Document::Array(
            items
                .iter()
                .enumerate()
                .map(|(index, item)| to_document(item, &path.index(index)))
                .collect::<Result<_, _>>()?,
        ),
        Value::Object(entries) => Document::Object(
            entries
                .iter()
                .map(|(key, item)| Ok((key.clone(), to_document(item, &path.key(key))?)))
                .collect::<Result<_, JsonError>>()?,
        ),
    })
}

/// The Smithy name of the integer type that is `size` bytes wide.
fn integer_type_name(size: usize) -> &'static str {
    match size {
        1 => "a byte (-128 to 127)",
        2 => "a short (-32768 to 32767)",
        4 => "an integer (-2^31 to 2^31-1)",
        _ => "a long (-2^63 to 2^63-1)",
    }
}

/// Whether a decimal number's text has a non-zero digit before its exponent.
fn has_nonzero_digit(text: &str) -> bool {
    text.split(['e', 'E'])
        .next()
        .is_some_and(|mantissa| mantissa.bytes().any(|byte| matches!(byte, b'1'..=b'9')))
}

/// `parsed`, the value of the number `text`, unless it overflowed to an infinity or
/// underflowed to zero.
fn check_fits<F: Into<f64> + Copy>(
    parsed: F,
    text: &str,
    type_name: &str,
    path: &Path<'_>,
) -> Result<F, JsonError> {
    let wide: f64 = parsed.into();
    if wide.is_infinite() {
        return Err(JsonError::new(
            path,
            format!("the number is too large for a {type_name}"),
        ));
    }
    if wide == 0.0 && has_nonzero_digit(text) {
        return Err(JsonError::new(
            path,
            format!("the number is too small for a {type_name} (it would read as zero)"),
        ));
    }
    Ok(parsed)
}

fn mismatch(path: &Path<'_>, expected: &str, found: &Value) -> JsonError {
    let found = match found {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(number) if !number.is_integer() => "a number with a fraction or exponent",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    };
    JsonError::new(path, format!("expected {expected}, found {found}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::DateTime;
    use crate::validation::Violations;

    /// JSON text as a value, for tests.
    fn json(text: &str) -> Value {
        parse(text).unwrap()
    }

    #[test]
    fn errors_name_the_path() {
        let reader = JsonReader::strict();
        let root = Path::Root;
        let operations = root.member("Operations");
        let first = operations.index(0);
        let attribute = first.member("AttributePath");
        let error = reader.string(&json(r#"5"#), &attribute).unwrap_err();
        assert_eq!(
            error.to_string(),
            "Operations[0].AttributePath: expected a string, found a number"
        );
        let error = reader.unknown_member(&root, "Bogus").unwrap_err();
        assert_eq!(error.to_string(), "Bogus: unknown member `Bogus`");
        assert!(JsonReader::lenient().unknown_member(&root, "Bogus").is_ok());
    }

    #[test]
    fn reads_scalars() {
        let reader = JsonReader::strict();
        let root = Path::Root;
        assert_eq!(reader.integer::<i8>(&json(r#"127"#), &root), Ok(127));
        assert!(reader.integer::<i8>(&json(r#"128"#), &root).is_err());
        assert!(reader.integer::<i32>(&json(r#"1.5"#), &root).is_err());
        assert!(reader.double(&json(r#""NaN""#), &root).unwrap().is_nan());
        assert_eq!(
            reader.double(&json(r#""-Infinity""#), &root),
            Ok(f64::NEG_INFINITY)
        );
        assert_eq!(
            reader.timestamp(&json(r#"946845296.123"#), &root).unwrap(),
            DateTime::from_secs_and_nanos(946845296, 123_000_000)
        );
        assert_eq!(
            reader
                .timestamp(&json(r#""2000-01-02T20:34:56Z""#), &root)
                .unwrap(),
            DateTime::from_secs(946845296)
        );
        assert_eq!(
            reader.blob(&json(r#""aGk=""#), &root).unwrap().as_bytes(),
            b"hi"
        );
        assert!(reader.blob(&json(r#""!!""#), &root).is_err());
        assert_eq!(
            reader.number_text(&json(r#""1e400""#), &root).unwrap(),
            "1e400"
        );
    }

    #[test]
    fn numbers_that_do_not_fit_are_refused_never_rounded() {
        let reader = JsonReader::strict();
        let root = Path::Root;
        let size = root.member("Size");
        let number = |text: &str| parse(text).unwrap();
        let refused = |result: Result<(), JsonError>| result.unwrap_err().to_string();
        let integer = |text: &str| refused(reader.integer::<i32>(&number(text), &size).map(drop));
        assert_eq!(
            refused(reader.integer::<i8>(&number("128"), &size).map(drop)),
            "Size: the number is out of range for a byte (-128 to 127)"
        );
        assert_eq!(
            refused(reader.integer::<i16>(&number("-32769"), &size).map(drop)),
            "Size: the number is out of range for a short (-32768 to 32767)"
        );
        assert_eq!(
            refused(
                reader
                    .integer::<i64>(&number("18446744073709551616"), &size)
                    .map(drop)
            ),
            "Size: the number is out of range for a long (-2^63 to 2^63-1)"
        );
        assert_eq!(
            integer("2147483648"),
            "Size: the number is out of range for an integer (-2^31 to 2^31-1)"
        );
        for fractional in ["1.5", "1.0", "1e2", "-0.0"] {
            assert_eq!(
                integer(fractional),
                "Size: expected an integer, found a number with a fraction or exponent",
                "{fractional}"
            );
        }
        assert_eq!(
            reader.integer::<i64>(&number("-9223372036854775808"), &size),
            Ok(i64::MIN)
        );
        assert_eq!(reader.integer::<i8>(&number("-0"), &size), Ok(0));
        // Responses are read by the same functions.
        let wire = JsonReader::wire();
        assert!(wire.integer::<i32>(&number("4294967296"), &size).is_err());
        assert!(wire.double(&number("1e400"), &size).is_err());
        assert!(wire.document(&number("[1e400]"), &size).is_err());

        let double = |text: &str| reader.double(&number(text), &size);
        let float = |text: &str| reader.float(&number(text), &size);
        for huge in ["1e400", "-1e400", "1.8e308"] {
            assert_eq!(
                refused(double(huge).map(drop)),
                "Size: the number is too large for a double",
                "{huge}"
            );
        }
        assert_eq!(
            refused(double("1e-400").map(drop)),
            "Size: the number is too small for a double (it would read as zero)"
        );
        assert_eq!(
            refused(float("3.5e38").map(drop)),
            "Size: the number is too large for a float"
        );
        assert_eq!(
            refused(float("1e-50").map(drop)),
            "Size: the number is too small for a float (it would read as zero)"
        );
        assert_eq!(double("1.7976931348623157e308"), Ok(f64::MAX));
        assert_eq!(double("5e-324"), Ok(5e-324));
        assert_eq!(double("0.000e999"), Ok(0.0));
        assert_eq!(double("-0.0").map(f64::is_sign_negative), Ok(true));
        assert_eq!(double("18446744073709551616"), Ok(18446744073709551616.0));
        assert_eq!(float("3.4028235e38"), Ok(f32::MAX));
        assert_eq!(float("0.1"), Ok(0.1));
        assert_eq!(
            reader.float(&json(r#""-Infinity""#), &size),
            Ok(f32::NEG_INFINITY)
        );
        assert!(reader.float(&json(r#""NaN""#), &size).unwrap().is_nan());
    }

    #[test]
    fn parse_reads_text_and_places_syntax_errors() {
        let value = parse(r#" {"A": [1, 2.5, "x", null, true]} "#).unwrap();
        let items = value.get("A").and_then(Value::as_array).unwrap();
        assert_eq!(items[1].as_number().map(JsonNumber::as_str), Some("2.5"));
        assert_eq!(items[2].as_str(), Some("x"));
        assert!(items[3].is_null());
        assert_eq!(items[4].as_bool(), Some(true));
        assert_eq!(
            parse("7").unwrap().as_number().and_then(JsonNumber::as_u64),
            Some(7)
        );

        let error = parse("{\n  \"A\": 1,\n  \"B\": x\n}").unwrap_err();
        assert_eq!(error.path(), "");
        assert_eq!(
            error.message(),
            "invalid JSON at line 3, column 8: expected a value"
        );
        assert_eq!(error.to_string(), error.message());

        let error = parse("").unwrap_err();
        assert_eq!(error.path(), "");
        assert_eq!(
            error.message(),
            "invalid JSON at line 1, column 0: the text ends before the value does"
        );

        let error = parse("{} {}").unwrap_err();
        assert_eq!(
            error.message(),
            "invalid JSON at line 1, column 4: trailing characters after the value"
        );
    }

    #[test]
    fn missing_members_replace_violations_of_their_zero_values() {
        let mut reader = JsonReader::strict();
        let root = Path::Root;
        let operations = root.member("Operations");
        let first = operations.index(0);
        let attribute = first.member("AttributePath");
        reader.missing(&attribute);
        let mut violations = Violations::new();
        violations.length_chars(&attribute, "", Some(1), None);
        violations.required(&root.member("UserId"));
        let error = reader.finish(violations).unwrap_err();
        let found: Vec<(&str, &str)> = error
            .violations()
            .iter()
            .map(|violation| (violation.path(), violation.rule().as_str()))
            .collect();
        assert_eq!(
            found,
            [
                ("UserId", "required"),
                ("Operations[0].AttributePath", "required")
            ]
        );
    }
}
