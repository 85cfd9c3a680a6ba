//! [`JsonReader`]: typed values out of a [`Value`], each error naming its path.

use super::{JsonError, Map, Value, check_fits, integer_type_name, mismatch, to_document};
use crate::validation::{Path, Rule, Violation, Violations};
use crate::{Blob, DateTime, Document, ValidationError};

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
    pub fn object<'v>(&self, value: &'v Value, path: &Path<'_>) -> Result<&'v Map, JsonError> {
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
        if !number.is_integer() {
            return Err(mismatch(path, "an integer", value));
        }
        // The value itself is not repeated in messages: it may be sensitive.
        let out_of_range = || {
            JsonError::new(
                path,
                format!(
                    "the number is out of range for {}",
                    integer_type_name(size_of::<T>())
                ),
            )
        };
        // An integer's text that does not parse as an `i64` is out of its range.
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
            Value::Number(number) => Ok(number.as_str().to_string()),
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
                DateTime::parse_epoch_seconds(number.as_str()).map_err(|error| {
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
