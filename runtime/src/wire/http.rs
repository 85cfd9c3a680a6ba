//! HTTP requests and responses as plain data, independent of any HTTP client.

use std::fmt;

/// A request ready to sign and send.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Request {
    method: String,
    url: String,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Request {
    /// A request with no headers and an empty body.
    pub fn new(method: impl Into<String>, url: impl Into<String>) -> Self {
        Self {
            method: method.into(),
            url: url.into(),
            headers: Vec::new(),
            body: Vec::new(),
        }
    }

    /// Adds a header (names keep their case; lookups ignore it).
    pub fn with_header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }

    /// Sets the body and its `Content-Length`.
    pub fn with_body(mut self, body: impl Into<Vec<u8>>) -> Self {
        self.body = body.into();
        self.headers
            .retain(|(name, _)| !name.eq_ignore_ascii_case("content-length"));
        self.headers
            .push(("Content-Length".to_string(), self.body.len().to_string()));
        self
    }

    /// The method, e.g. `POST`.
    pub fn method(&self) -> &str {
        &self.method
    }

    /// The full URL.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// Every header, in the order added.
    pub fn headers(&self) -> &[(String, String)] {
        &self.headers
    }

    /// The first value of a header, by case-insensitive name.
    pub fn header(&self, name: &str) -> Option<&str> {
        find_header(&self.headers, name)
    }

    /// The body bytes.
    pub fn body(&self) -> &[u8] {
        &self.body
    }
}

/// A response as received.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Response {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Response {
    /// A response with this status, headers and body.
    pub fn new(status: u16, headers: Vec<(String, String)>, body: impl Into<Vec<u8>>) -> Self {
        Self {
            status,
            headers,
            body: body.into(),
        }
    }

    /// The status code.
    pub fn status(&self) -> u16 {
        self.status
    }

    /// Every header.
    pub fn headers(&self) -> &[(String, String)] {
        &self.headers
    }

    /// The first value of a header, by case-insensitive name.
    pub fn header(&self, name: &str) -> Option<&str> {
        find_header(&self.headers, name)
    }

    /// The body bytes.
    pub fn body(&self) -> &[u8] {
        &self.body
    }

    /// Whether the status is 2xx.
    pub fn is_success(&self) -> bool {
        (200..300).contains(&self.status)
    }
}

fn find_header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(key, _)| key.eq_ignore_ascii_case(name))
        .map(|(_, value)| value.as_str())
}

/// An input that cannot become a request (for example an unset or empty URI label).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RequestError {
    operation: &'static str,
    message: String,
}

impl RequestError {
    /// An error building `operation`'s request.
    pub fn new(operation: &'static str, message: impl Into<String>) -> Self {
        Self {
            operation,
            message: message.into(),
        }
    }

    /// The operation.
    pub fn operation(&self) -> &str {
        self.operation
    }

    /// What is wrong.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for RequestError {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            formatter,
            "cannot build the {} request: {}",
            self.operation, self.message
        )
    }
}

impl std::error::Error for RequestError {}

/// A response that cannot be read: a body that is not JSON, a member of the wrong type,
/// a header that does not parse.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ResponseError {
    operation: &'static str,
    message: String,
    offset: Option<usize>,
}

impl ResponseError {
    /// An error reading `operation`'s response.
    pub fn new(operation: &'static str, message: impl Into<String>) -> Self {
        Self {
            operation,
            message: message.into(),
            offset: None,
        }
    }

    /// A body that is not JSON; `offset` is the byte where parsing failed.
    pub fn not_json(operation: &'static str, body: &[u8], error: &serde_json::Error) -> Self {
        let offset = byte_offset(body, error.line(), error.column());
        let message = format!("the response body is not valid JSON at byte {offset}: {error}");
        Self {
            operation,
            message,
            offset: Some(offset),
        }
    }

    /// The operation.
    pub fn operation(&self) -> &str {
        self.operation
    }

    /// What is wrong.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// For a body that is not JSON, the byte offset where reading failed.
    pub fn offset(&self) -> Option<usize> {
        self.offset
    }
}

impl fmt::Display for ResponseError {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            formatter,
            "cannot read the {} response: {}",
            self.operation, self.message
        )
    }
}

impl std::error::Error for ResponseError {}

/// The byte offset of a 1-based line and column (serde_json counts columns in bytes).
fn byte_offset(body: &[u8], line: usize, column: usize) -> usize {
    let mut current_line = 1;
    let mut line_start = 0;
    for (index, byte) in body.iter().enumerate() {
        if current_line == line {
            break;
        }
        if *byte == b'\n' {
            current_line += 1;
            line_start = index + 1;
        }
    }
    (line_start + column.saturating_sub(1)).min(body.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_are_found_whatever_their_case() {
        let response = Response::new(200, vec![("X-Amzn-RequestId".into(), "abc".into())], "{}");
        assert_eq!(response.header("x-amzn-requestid"), Some("abc"));
        assert!(response.is_success());
        let request = Request::new("POST", "https://x/").with_header("Content-Type", "a");
        assert_eq!(request.header("content-type"), Some("a"));
    }

    #[test]
    fn not_json_errors_give_the_byte_offset() {
        let body = b"{\"a\":\n  tru}";
        let error = serde_json::from_slice::<serde_json::Value>(body).unwrap_err();
        let error = ResponseError::not_json("UpdateUser", body, &error);
        assert_eq!(error.offset(), Some(11)); // the `}` that ends `tru`
        assert!(error.to_string().starts_with(
            "cannot read the UpdateUser response: the response body is not valid JSON at byte 11"
        ));
    }
}
