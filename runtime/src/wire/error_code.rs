//! Finding the error code and message in an error response.

use super::header_text;
use crate::json::Value;

/// The bare error name: everything after a `#` namespace and before a `:` suffix.
///
/// ```
/// use anvil_runtime::wire::sanitize_error_code;
///
/// assert_eq!(sanitize_error_code("aws.protocoltests#FooError:http://internal/"), "FooError");
/// assert_eq!(sanitize_error_code("FooError"), "FooError");
/// ```
pub fn sanitize_error_code(raw: &str) -> &str {
    let before_colon = raw.split(':').next().unwrap_or(raw);
    let after_hash = before_colon.rsplit('#').next().unwrap_or(before_colon);
    after_hash.trim()
}

/// The error code of a response: the `X-Amzn-Errortype` header, else the body's top-level
/// `code`, else its `__type`, else a `Code` (which some services send, but which never
/// overrides `__type`); sanitized. `body` is the parsed body, if it parsed.
pub fn error_code(response: &http::Response<Vec<u8>>, body: Option<&Value>) -> Option<String> {
    if let Some(header) = header_text(response.headers(), "x-amzn-errortype") {
        let code = sanitize_error_code(header);
        if !code.is_empty() {
            return Some(code.to_string());
        }
    }
    let object = body?.as_object()?;
    ["code", "__type", "Code"].iter().find_map(|key| {
        let code = sanitize_error_code(object.get(key)?.as_str()?);
        (!code.is_empty()).then(|| code.to_string())
    })
}

/// The error message of a parsed body: `message`, `Message` or `errorMessage`.
pub fn error_message(body: Option<&Value>) -> Option<String> {
    let object = body?.as_object()?;
    ["message", "Message", "errorMessage"]
        .iter()
        .find_map(|key| object.get(key)?.as_str().map(str::to_string))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn json(text: &str) -> Value {
        crate::json::parse(text).unwrap()
    }

    #[test]
    fn header_wins_then_code_then_type() {
        let with_header = http::Response::builder()
            .status(400)
            .header("X-Amzn-ErrorType", "A:http://x")
            .body(Vec::new())
            .unwrap();
        let body = json(r#"{"code": "B", "__type": "ns#C"}"#);
        assert_eq!(error_code(&with_header, Some(&body)).as_deref(), Some("A"));
        let plain = http::Response::builder()
            .status(400)
            .body(Vec::new())
            .unwrap();
        assert_eq!(error_code(&plain, Some(&body)).as_deref(), Some("B"));
        assert_eq!(
            error_code(&plain, Some(&json(r#"{"__type": "com.x#C:y"}"#))).as_deref(),
            Some("C")
        );
        assert_eq!(
            error_code(&plain, Some(&json(r#"{"nested": {"__type": "D"}}"#))),
            None
        );
        let capital_code = json(r#"{"Code": "E", "__type": "ns#F"}"#);
        assert_eq!(
            error_code(&plain, Some(&capital_code)).as_deref(),
            Some("F")
        );
        let only_capital = json(r#"{"Code": "G"}"#);
        assert_eq!(
            error_code(&plain, Some(&only_capital)).as_deref(),
            Some("G")
        );
        assert_eq!(
            error_message(Some(&json(r#"{"Message": "m"}"#))).as_deref(),
            Some("m")
        );
    }
}
