//! Reading typed values from JSON keyed by Smithy member names. Generated `read_json`
//! functions call these helpers; each error names the path of the part that did not fit.

use std::fmt;

pub use serde_json::{Map, Value};

use crate::validation::{Path, Rule, Violation, Violations};
use crate::{Blob, DateTime, Document, Number, ValidationError};

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

/// How strictly to read, and what was missing.
///
/// A strict reader (for input a person wrote) rejects members the model does not have; a
/// lenient one (for service responses) skips them. Required members that are absent are
/// filled with zero values and remembered, so they can be reported as `required`
/// violations rather than stop the read.
#[derive(Debug)]
pub struct JsonReader {
    strict: bool,
    wire: bool,
    record_missing: bool,
    missing: Vec<String>,
}

impl JsonReader {
    /// Unknown members are errors.
    pub fn strict() -> Self {
        Self {
            strict: true,
            wire: false,
            record_missing: true,
            missing: Vec::new(),
        }
    }

    /// Unknown members are skipped.
    pub fn lenient() -> Self {
        Self {
            strict: false,
            wire: false,
            record_missing: true,
            missing: Vec::new(),
        }
    }

    /// Builds zero values: reads nothing and records nothing.
    pub fn filling_zeros() -> Self {
        Self {
            strict: false,
            wire: false,
            record_missing: false,
            missing: Vec::new(),
        }
    }

    /// Reads a response body: lenient, with wire names (`@jsonName`), and members bound
    /// to headers or the status code are not expected in the body.
    pub fn wire() -> Self {
        Self {
            strict: false,
            wire: true,
            record_missing: false,
            missing: Vec::new(),
        }
    }

    /// Whether this reader reads wire JSON (see [`JsonReader::wire`]).
    pub fn is_wire(&self) -> bool {
        self.wire
    }

    /// Paths of required members that were absent, in reading order.
    pub fn missing_required(&self) -> &[String] {
        &self.missing
    }

    /// Notes that a required member at `path` was absent.
    pub fn missing(&mut self, path: &Path<'_>) {
        if self.record_missing {
            self.missing.push(path.to_string());
        }
    }

    /// Combines the read's missing members with `violations` from validation: each
    /// missing member becomes one `required` violation, and violations of the zero
    /// value that stood in for it are dropped.
    pub fn finish(self, violations: Violations) -> Result<(), ValidationError> {
        if self.missing.is_empty() {
            return violations.into_result();
        }
        let is_under = |path: &str, missing: &str| {
            path == missing
                || path
                    .strip_prefix(missing)
                    .is_some_and(|rest| rest.starts_with('.') || rest.starts_with('['))
        };
        let mut combined = Violations::new();
        for violation in violations.into_violations() {
            if !self
                .missing
                .iter()
                .any(|missing| is_under(violation.path(), missing))
            {
                combined.push_violation(violation);
            }
        }
        for missing in self.missing {
            combined.push_violation(Violation::new(
                missing,
                Rule::Required,
                "a value is required".to_string(),
            ));
        }
        combined.into_result()
    }

    /// Rejects (strict) or skips (lenient) a member the model does not have.
    pub fn unknown_member(&self, path: &Path<'_>, name: &str) -> Result<(), JsonError> {
        if self.strict {
            let parent = path.to_string();
            let at = if parent.is_empty() {
                name.to_string()
            } else {
                format!("{parent}.{name}")
            };
            Err(JsonError {
                path: at,
                message: format!("unknown member `{name}`"),
            })
        } else {
            Ok(())
        }
    }

    /// A `null` item in a list that is not `@sparse`: an error for input a person wrote
    /// (dropping it would shift every later item's path), skipped in responses.
    pub fn null_in_dense_list(&self, path: &Path<'_>) -> Result<(), JsonError> {
        if self.strict {
            Err(JsonError::new(path, "null is not allowed in this list"))
        } else {
            Ok(())
        }
    }

    /// The object at `path`.
    pub fn object<'v>(
        &self,
        value: &'v Value,
        path: &Path<'_>,
    ) -> Result<&'v Map<String, Value>, JsonError> {
        value
            .as_object()
            .ok_or_else(|| mismatch(path, "an object", value))
    }

    /// The array at `path`.
    pub fn array<'v>(&self, value: &'v Value, path: &Path<'_>) -> Result<&'v [Value], JsonError> {
        value
            .as_array()
            .map(Vec::as_slice)
            .ok_or_else(|| mismatch(path, "an array", value))
    }

    /// The string at `path`, borrowed.
    pub fn str<'v>(&self, value: &'v Value, path: &Path<'_>) -> Result<&'v str, JsonError> {
        value
            .as_str()
            .ok_or_else(|| mismatch(path, "a string", value))
    }

    /// The string at `path`.
    pub fn string(&self, value: &Value, path: &Path<'_>) -> Result<String, JsonError> {
        self.str(value, path).map(str::to_string)
    }

    /// The boolean at `path`.
    pub fn boolean(&self, value: &Value, path: &Path<'_>) -> Result<bool, JsonError> {
        value
            .as_bool()
            .ok_or_else(|| mismatch(path, "a boolean", value))
    }

    /// The integer at `path`, which must fit `T` (`i8` to `i64`). A number with a fraction
    /// or an exponent is refused, as is one outside `T`'s range: nothing is rounded or
    /// clamped.
    pub fn integer<T: TryFrom<i64>>(&self, value: &Value, path: &Path<'_>) -> Result<T, JsonError> {
        let Value::Number(number) = value else {
            return Err(mismatch(path, "an integer", value));
        };
        if number.is_f64() {
            return Err(mismatch(path, "an integer", value));
        }
        // The value itself is not repeated in messages: it may be sensitive.
        let out_of_range = || {
            JsonError::new(
                path,
                format!(
                    "the number is out of range for {}",
                    integer_type_name(std::mem::size_of::<T>())
                ),
            )
        };
        let wide = number.as_i64().ok_or_else(out_of_range)?;
        T::try_from(wide).map_err(|_| out_of_range())
    }

    /// The double at `path`: a number, or `"NaN"`, `"Infinity"`, `"-Infinity"`. A number too
    /// large for a double, or too small to be told from zero, is refused.
    pub fn double(&self, value: &Value, path: &Path<'_>) -> Result<f64, JsonError> {
        match value {
            Value::Number(number) => {
                let text = number.as_str();
                let double = text
                    .parse::<f64>()
                    .map_err(|_| mismatch(path, "a number", value))?;
                check_fits(double, text, "double", path)
            }
            Value::String(text) => match text.as_str() {
                "NaN" => Ok(f64::NAN),
                "Infinity" => Ok(f64::INFINITY),
                "-Infinity" => Ok(f64::NEG_INFINITY),
                _ => Err(mismatch(path, "a number", value)),
            },
            _ => Err(mismatch(path, "a number", value)),
        }
    }

    /// The float at `path`, as [`JsonReader::double`] reads it, refused when out of the
    /// 32-bit range or too small to be told from zero there.
    pub fn float(&self, value: &Value, path: &Path<'_>) -> Result<f32, JsonError> {
        let double = self.double(value, path)?;
        match value {
            // Narrowing to the nearest 32-bit value is the meaning of a float member;
            // leaving the range is not.
            Value::Number(number) => check_fits(double as f32, number.as_str(), "float", path),
            // `"NaN"`, `"Infinity"` or `"-Infinity"`, which narrowing keeps.
            _ => Ok(double as f32),
        }
    }

    /// A big number's text at `path`: a JSON number or a string holding one.
    pub fn number_text(&self, value: &Value, path: &Path<'_>) -> Result<String, JsonError> {
        match value {
            Value::Number(number) => Ok(number.to_string()),
            Value::String(text) if crate::validation::compare_decimal(text, "0").is_some() => {
                Ok(text.clone())
            }
            _ => Err(mismatch(path, "a number", value)),
        }
    }

    /// A timestamp at `path`: epoch seconds (a number) or an RFC 3339 string.
    pub fn timestamp(&self, value: &Value, path: &Path<'_>) -> Result<DateTime, JsonError> {
        match value {
            // Messages give the reason but never the text: the value may be sensitive.
            Value::Number(number) => {
                DateTime::parse_epoch_seconds(&number.to_string()).map_err(|error| {
                    JsonError::new(path, format!("not a valid timestamp: {}", error.reason()))
                })
            }
            Value::String(text) => DateTime::parse_rfc3339(text)
                .or_else(|error| DateTime::parse_http_date(text).map_err(|_| error))
                .map_err(|error| {
                    JsonError::new(path, format!("not a valid timestamp: {}", error.reason()))
                }),
            _ => Err(mismatch(
                path,
                "a timestamp (epoch seconds or an RFC 3339 string)",
                value,
            )),
        }
    }

    /// A blob at `path`: a base64 string.
    pub fn blob(&self, value: &Value, path: &Path<'_>) -> Result<Blob, JsonError> {
        let text = value
            .as_str()
            .ok_or_else(|| mismatch(path, "a base64 string", value))?;
        // Not the decoder's message: it quotes the offending character.
        Blob::from_base64(text).map_err(|_| JsonError::new(path, "not valid base64"))
    }

    /// A document at `path`: any JSON, but a number must fit a double (see [`to_document`]).
    pub fn document(&self, value: &Value, path: &Path<'_>) -> Result<Document, JsonError> {
        to_document(value, path)
    }
}

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
/// assert_eq!(value["Limit"], 5);
///
/// let error = parse("{\n  \"UserName\": }").unwrap_err();
/// assert_eq!(error.path(), "");
/// assert!(error.message().starts_with("invalid JSON at line 2, column 15: "));
/// # Ok::<(), anvil_runtime::json::JsonError>(())
/// ```
pub fn parse(text: &str) -> Result<Value, JsonError> {
    serde_json::from_str(text).map_err(|error| {
        // serde_json's own text ends in " at line L column C"; give the place once, up front.
        let full = error.to_string();
        let suffix = format!(" at line {} column {}", error.line(), error.column());
        let reason = full.strip_suffix(&suffix).unwrap_or(&full);
        JsonError {
            path: String::new(),
            message: format!(
                "invalid JSON at line {}, column {}: {reason}",
                error.line(),
                error.column()
            ),
        }
    })
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
            Number::PosInt(unsigned)
        } else if let Some(signed) = number.as_i64().filter(|signed| *signed < 0) {
            Number::NegInt(signed)
        } else if number.as_i64() == Some(0) {
            // `-0` written as an integer is zero.
            Number::PosInt(0)
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
        Value::Number(number) if number.is_f64() => "a number with a fraction or exponent",
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
    use serde_json::json;

    #[test]
    fn errors_name_the_path() {
        let reader = JsonReader::strict();
        let root = Path::Root;
        let operations = root.member("Operations");
        let first = operations.index(0);
        let attribute = first.member("AttributePath");
        let error = reader.string(&json!(5), &attribute).unwrap_err();
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
        assert_eq!(reader.integer::<i8>(&json!(127), &root), Ok(127));
        assert!(reader.integer::<i8>(&json!(128), &root).is_err());
        assert!(reader.integer::<i32>(&json!(1.5), &root).is_err());
        assert!(reader.double(&json!("NaN"), &root).unwrap().is_nan());
        assert_eq!(
            reader.double(&json!("-Infinity"), &root),
            Ok(f64::NEG_INFINITY)
        );
        assert_eq!(
            reader.timestamp(&json!(946845296.123), &root).unwrap(),
            DateTime::from_secs_and_nanos(946845296, 123_000_000)
        );
        assert_eq!(
            reader
                .timestamp(&json!("2000-01-02T20:34:56Z"), &root)
                .unwrap(),
            DateTime::from_secs(946845296)
        );
        assert_eq!(
            reader.blob(&json!("aGk="), &root).unwrap().as_bytes(),
            b"hi"
        );
        assert!(reader.blob(&json!("!!"), &root).is_err());
        assert_eq!(reader.number_text(&json!("1e400"), &root).unwrap(), "1e400");
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
            reader.float(&json!("-Infinity"), &size),
            Ok(f32::NEG_INFINITY)
        );
        assert!(reader.float(&json!("NaN"), &size).unwrap().is_nan());
    }

    #[test]
    fn parse_reads_text_and_places_syntax_errors() {
        assert_eq!(
            parse(r#" {"A": [1, 2.5, "x", null, true]} "#),
            Ok(json!({"A": [1, 2.5, "x", null, true]}))
        );
        assert_eq!(parse("7"), Ok(json!(7)));

        let error = parse("{\n  \"A\": 1,\n  \"B\": x\n}").unwrap_err();
        assert_eq!(error.path(), "");
        assert_eq!(
            error.message(),
            "invalid JSON at line 3, column 8: expected value"
        );
        assert_eq!(error.to_string(), error.message());

        let error = parse("").unwrap_err();
        assert_eq!(error.path(), "");
        assert_eq!(
            error.message(),
            "invalid JSON at line 1, column 0: EOF while parsing a value"
        );

        let error = parse("{} {}").unwrap_err();
        assert_eq!(
            error.message(),
            "invalid JSON at line 1, column 4: trailing characters"
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
