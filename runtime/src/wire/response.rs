//! Helpers for reading responses: the JSON body, unmodeled errors, header values.

use super::{ResponseError, error_message, header_text};
use crate::json::{JsonError, JsonReader, Value};
use crate::{Path, UnhandledError};

/// The parsed JSON body; `None` for an empty (or all-whitespace) body.
pub fn parse_body(operation: &'static str, body: &[u8]) -> Result<Option<Value>, ResponseError> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(None);
    }
    crate::json::parse_bytes(body)
        .map(Some)
        .map_err(|error| ResponseError::not_json(operation, &error))
}

/// Reads a structure (an output or a modeled error) from a parsed response body with its
/// generated `read_json`, taking wire names; a body that does not fit becomes a
/// [`ResponseError`] of `operation`.
pub fn read_response_shape<T>(
    operation: &'static str,
    body: &Value,
    read_json: impl FnOnce(&Value, &Path<'_>, &mut JsonReader) -> Result<T, JsonError>,
) -> Result<T, ResponseError> {
    read_json(body, &Path::Root, &mut JsonReader::wire())
        .map_err(|problem| ResponseError::new(operation, problem.to_string()))
}

/// An error the model does not describe: code, message, status and request id as sent.
pub fn unhandled_error(
    response: &http::Response<Vec<u8>>,
    code: Option<String>,
    body: Option<&Value>,
) -> UnhandledError {
    let mut error = UnhandledError::new().with_status(response.status().as_u16());
    if let Some(code) = code {
        error = error.with_code(code);
    }
    if let Some(message) = error_message(body) {
        error = error.with_message(message);
    }
    let request_id = header_text(response.headers(), "x-amzn-requestid")
        .or_else(|| header_text(response.headers(), "x-amz-request-id"));
    if let Some(request_id) = request_id {
        error = error.with_request_id(request_id);
    }
    error
}

/// An error response whose body is not JSON: the code from `X-Amzn-Errortype` if any, the
/// body text (if any, cut after [`MAX_ECHOED_BODY_BYTES`]) as the message, the status and
/// request id.
pub fn unhandled_error_from_text(response: &http::Response<Vec<u8>>) -> UnhandledError {
    let status = response.status().as_u16();
    let code = header_text(response.headers(), "x-amzn-errortype")
        .map(super::sanitize_error_code)
        .filter(|code| !code.is_empty())
        .map(str::to_string);
    let mut error = unhandled_error(response, code, None);
    // A server error without JSON is usually a proxy's page: its status says more than
    // its HTML. A client error's text is the service's own message.
    let text = String::from_utf8_lossy(response.body());
    let text = text.trim();
    if status >= 500 {
        if let Some(reason) = reason_phrase(status) {
            error = error.with_message(reason);
        }
    } else if !text.is_empty() {
        error = error.with_message(excerpt(text));
    }
    error
}

/// The most bytes of a body that is not JSON kept as an error's message.
pub const MAX_ECHOED_BODY_BYTES: usize = 256;

/// `text` if it is short, else its first [`MAX_ECHOED_BODY_BYTES`] (cut at a character
/// boundary) and a note of how many bytes were left out: a large error page must not flood
/// a log or a terminal.
fn excerpt(text: &str) -> String {
    if text.len() <= MAX_ECHOED_BODY_BYTES {
        return text.to_string();
    }
    let mut end = MAX_ECHOED_BODY_BYTES;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    format!(
        "{}... ({} more bytes not shown)",
        &text[..end],
        text.len() - end
    )
}

/// The standard reason phrase of common server error statuses.
fn reason_phrase(status: u16) -> Option<&'static str> {
    Some(match status {
        500 => "Internal Server Error",
        501 => "Not Implemented",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => return None,
    })
}

/// The items of a header list: split on commas outside double quotes, trimmed, unquoted.
///
/// ```
/// use anvil_runtime::wire::split_header_list;
///
/// assert_eq!(split_header_list(r#"a, "b,c", "say \"hi\"""#), ["a", "b,c", "say \"hi\""]);
/// ```
pub fn split_header_list(value: &str) -> Vec<String> {
    let mut items = Vec::new();
    let mut current = String::new();
    let mut quoted = false;
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => quoted = !quoted,
            '\\' if quoted => current.extend(chars.next()),
            ',' if !quoted => items.push(std::mem::take(&mut current).trim().to_string()),
            _ => current.push(c),
        }
    }
    let last = current.trim();
    if !last.is_empty() || !items.is_empty() {
        items.push(last.to_string());
    }
    items
}

/// Splits a header list of HTTP dates (`Mon, 16 Dec 2019 23:48:18 GMT, Tue, ...`): each
/// date holds a comma itself, so the items are every two comma-separated pieces.
///
/// ```
/// use anvil_runtime::wire::split_http_date_list;
///
/// assert_eq!(
///     split_http_date_list("Mon, 16 Dec 2019 23:48:18 GMT, Tue, 17 Dec 2019 23:48:18 GMT"),
///     ["Mon, 16 Dec 2019 23:48:18 GMT", "Tue, 17 Dec 2019 23:48:18 GMT"]
/// );
/// ```
pub fn split_http_date_list(value: &str) -> Vec<String> {
    let pieces: Vec<&str> = value.split(',').map(str::trim).collect();
    pieces
        .chunks(2)
        .map(|pair| pair.join(", "))
        .filter(|item| !item.is_empty())
        .collect()
}

/// A float's text in a label, query string or header: the shortest decimal that reads back
/// as the same 32-bit value (`1.1`, not the `1.100000023841858` of its widened double), or
/// `NaN`, `Infinity`, `-Infinity`.
///
/// ```
/// use anvil_runtime::wire::float32_text;
///
/// assert_eq!(float32_text(1.1), "1.1");
/// assert_eq!(float32_text(f32::NEG_INFINITY), "-Infinity");
/// ```
pub fn float32_text(value: f32) -> String {
    if value.is_finite() {
        value.to_string()
    } else {
        float_text(f64::from(value))
    }
}

/// A float as text in a URI or header: `NaN`, `Infinity`, `-Infinity`, else its shortest
/// decimal form.
pub fn float_text(value: f64) -> String {
    if value.is_nan() {
        "NaN".to_string()
    } else if value.is_infinite() {
        if value > 0.0 { "Infinity" } else { "-Infinity" }.to_string()
    } else {
        value.to_string()
    }
}

/// A double header value: a decimal number, or `NaN`, `Infinity`, `-Infinity` as Smithy
/// spells them. Other spellings Rust would take (`inf`, `nan`) are refused, and so is a
/// number too large for a double or too small to be told from zero.
///
/// ```
/// use anvil_runtime::wire::header_double;
///
/// assert_eq!(header_double("1.5"), Ok(1.5));
/// assert_eq!(header_double("-Infinity"), Ok(f64::NEG_INFINITY));
/// assert!(header_double("1e400").is_err());
/// assert!(header_double("inf").is_err());
/// ```
pub fn header_double(text: &str) -> Result<f64, String> {
    match text {
        "NaN" => return Ok(f64::NAN),
        "Infinity" => return Ok(f64::INFINITY),
        "-Infinity" => return Ok(f64::NEG_INFINITY),
        _ => {}
    }
    let is_decimal = text.bytes().any(|byte| byte.is_ascii_digit())
        && text
            .bytes()
            .all(|byte| byte.is_ascii_digit() || matches!(byte, b'+' | b'-' | b'.' | b'e' | b'E'));
    let double = text
        .parse::<f64>()
        .ok()
        .filter(|_| is_decimal)
        .ok_or_else(|| "is not a number".to_string())?;
    fits(double, text, "double")
}

/// A float header value, as [`header_double`] reads it, refused when out of the 32-bit
/// range or too small to be told from zero there.
pub fn header_float(text: &str) -> Result<f32, String> {
    let double = header_double(text)?;
    if double.is_finite() {
        fits(double as f32, text, "float")
    } else {
        Ok(double as f32)
    }
}

/// `value`, read from `text`, unless it overflowed to an infinity or underflowed to zero.
fn fits<F: Into<f64> + Copy>(value: F, text: &str, type_name: &str) -> Result<F, String> {
    let wide: f64 = value.into();
    let mantissa = text.split(['e', 'E']).next().unwrap_or_default();
    if wide.is_infinite() {
        Err(format!("is too large for a {type_name}"))
    } else if wide == 0.0 && mantissa.bytes().any(|byte| matches!(byte, b'1'..=b'9')) {
        Err(format!("is too small for a {type_name}"))
    } else {
        Ok(value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_bodies_are_none_and_bad_ones_are_errors() {
        assert_eq!(parse_body("Op", b"  \n"), Ok(None));
        assert!(parse_body("Op", b"{}").unwrap().is_some());
        assert_eq!(parse_body("Op", b"{oops").unwrap_err().offset(), Some(1));
    }

    #[test]
    fn shapes_that_do_not_fit_are_response_errors() {
        let read =
            |value: &Value, path: &Path<'_>, reader: &mut JsonReader| reader.string(value, path);
        let text = Value::String("hi".to_string());
        assert_eq!(read_response_shape("Op", &text, read), Ok("hi".to_string()));
        let one = crate::json::parse("1").unwrap();
        let error = read_response_shape("Op", &one, read).unwrap_err();
        assert_eq!(error.operation(), "Op");
    }

    #[test]
    fn unhandled_errors_keep_what_was_sent() {
        let response = http::Response::builder()
            .status(418)
            .header("x-amzn-RequestId", "r-1")
            .body(Vec::new())
            .unwrap();
        let body = crate::json::parse(r#"{"message": "short and stout"}"#).unwrap();
        let error = unhandled_error(&response, Some("Teapot".into()), Some(&body));
        assert_eq!(error.code(), Some("Teapot"));
        assert_eq!(error.message(), Some("short and stout"));
        assert_eq!(error.status(), Some(418));
        assert_eq!(error.request_id(), Some("r-1"));
    }

    #[test]
    fn header_numbers_that_do_not_fit_are_refused() {
        assert_eq!(
            header_double("1e400"),
            Err("is too large for a double".into())
        );
        assert_eq!(
            header_double("-1e400"),
            Err("is too large for a double".into())
        );
        assert_eq!(
            header_double("1e-400"),
            Err("is too small for a double".into())
        );
        assert_eq!(
            header_float("3.5e38"),
            Err("is too large for a float".into())
        );
        assert_eq!(
            header_float("1e-50"),
            Err("is too small for a float".into())
        );
        for text in ["inf", "+infinity", "nan", "", "1.5x", "0x10", "e", "."] {
            assert_eq!(
                header_double(text),
                Err("is not a number".into()),
                "{text:?}"
            );
        }
        assert_eq!(header_double("0.0e999"), Ok(0.0));
        assert_eq!(header_float("-2.5"), Ok(-2.5));
        assert!(header_float("NaN").unwrap().is_nan());
        assert_eq!(header_float("Infinity"), Ok(f32::INFINITY));
    }

    #[test]
    fn long_text_error_bodies_are_cut_with_a_note() {
        let page = format!("{}é{}", "a".repeat(255), "b".repeat(1000));
        let response = http::Response::builder()
            .status(400)
            .body(page.clone().into_bytes())
            .unwrap();
        let message = unhandled_error_from_text(&response)
            .message()
            .unwrap()
            .to_string();
        // `é` would straddle byte 256, so the cut comes before it.
        assert_eq!(
            message,
            format!("{}... (1002 more bytes not shown)", "a".repeat(255))
        );
        let short = "a".repeat(MAX_ECHOED_BODY_BYTES);
        let response = http::Response::builder()
            .status(400)
            .body(short.clone().into_bytes())
            .unwrap();
        assert_eq!(
            unhandled_error_from_text(&response).message(),
            Some(short.as_str())
        );
    }

    #[test]
    fn floats_use_smithy_spellings() {
        assert_eq!(float_text(f64::NAN), "NaN");
        assert_eq!(float_text(f64::NEG_INFINITY), "-Infinity");
        assert_eq!(float_text(1.5), "1.5");
    }
}
