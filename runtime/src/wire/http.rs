//! Requests and responses are the `http` crate's types (`http::Request<Vec<u8>>`,
//! `http::Response<Vec<u8>>`), which signers and HTTP clients speak. This file holds what
//! generated code needs around them: a request builder that reports a bad URL or header
//! with the operation's name, header lookups, and the two error types of the wire.

use std::collections::HashMap;
use std::fmt;

use http::header::{CONTENT_LENGTH, HeaderMap, HeaderName, HeaderValue};

/// Builds an `http::Request<Vec<u8>>` step by step; the first bad URL or header is
/// reported by [`RequestBuilder::build`], naming the operation and the header.
///
/// ```
/// use anvil_runtime::wire::RequestBuilder;
///
/// let request = RequestBuilder::new("UpdateUser", "POST", "https://example.com/".to_string())
///     .header("Content-Type", "application/x-amz-json-1.1")
///     .body(b"{}".to_vec())
///     .build()?;
/// assert_eq!(request.headers()["content-length"], "2");
/// assert_eq!(request.uri(), "https://example.com/");
/// # Ok::<(), anvil_runtime::wire::RequestError>(())
/// ```
#[derive(Debug)]
pub struct RequestBuilder {
    operation: &'static str,
    method: &'static str,
    url: String,
    headers: HeaderMap,
    body: Vec<u8>,
    problem: Option<String>,
}

impl RequestBuilder {
    /// A request for `operation` with no headers and an empty body.
    pub fn new(operation: &'static str, method: &'static str, url: String) -> Self {
        Self {
            operation,
            method,
            url,
            headers: HeaderMap::new(),
            body: Vec::new(),
            problem: None,
        }
    }

    /// Adds a header; a name already present gets one more value.
    pub fn header(mut self, name: impl AsRef<str>, value: impl AsRef<str>) -> Self {
        if self.problem.is_some() {
            return self;
        }
        let (name, value) = (name.as_ref(), value.as_ref());
        let Ok(header_name) = HeaderName::try_from(name) else {
            self.problem = Some(format!("`{name}` is not a valid header name"));
            return self;
        };
        match HeaderValue::try_from(value) {
            Ok(header_value) => {
                self.headers.append(header_name, header_value);
            }
            Err(_) => {
                self.problem = Some(format!(
                    "the value of header `{name}` has a control character, which a header \
                     cannot carry"
                ));
            }
        }
        self
    }

    /// Adds a header unless the request already has one of that name (a `Content-Type`
    /// bound to an input member wins over the protocol's default).
    pub fn default_header(self, name: impl AsRef<str>, value: impl AsRef<str>) -> Self {
        if self.headers.contains_key(name.as_ref()) {
            self
        } else {
            self.header(name, value)
        }
    }

    /// Sets the body and its `Content-Length`.
    pub fn body(mut self, body: Vec<u8>) -> Self {
        self.headers
            .insert(CONTENT_LENGTH, HeaderValue::from(body.len()));
        self.body = body;
        self
    }

    /// The request, or what is wrong with its URL or headers.
    pub fn build(self) -> Result<http::Request<Vec<u8>>, RequestError> {
        if let Some(problem) = self.problem {
            return Err(RequestError::new(self.operation, problem));
        }
        let uri = http::Uri::try_from(self.url.as_str()).map_err(|error| {
            RequestError::new(
                self.operation,
                format!("the URL `{}` is not valid: {error}", self.url),
            )
        })?;
        let method = http::Method::from_bytes(self.method.as_bytes()).map_err(|_| {
            RequestError::new(
                self.operation,
                format!("`{}` is not an HTTP method", self.method),
            )
        })?;
        let mut request = http::Request::new(self.body);
        *request.method_mut() = method;
        *request.uri_mut() = uri;
        *request.headers_mut() = self.headers;
        Ok(request)
    }
}

/// The first value of a header as text; `None` when absent or not UTF-8. Header names are
/// matched whatever their case.
pub fn header_text<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get(name)
        .and_then(|value| std::str::from_utf8(value.as_bytes()).ok())
}

/// Every header whose name starts with `prefix` (any case), keyed by the rest of its
/// (lower-case) name; the last value of a repeated header wins.
pub fn prefixed_headers(headers: &HeaderMap, prefix: &str) -> HashMap<String, String> {
    let mut found = HashMap::new();
    for (name, value) in headers {
        let name = name.as_str();
        let Some(head) = name.get(..prefix.len()) else {
            continue;
        };
        if !head.eq_ignore_ascii_case(prefix) {
            continue;
        }
        if let Ok(text) = std::str::from_utf8(value.as_bytes()) {
            found.insert(name[prefix.len()..].to_string(), text.to_string());
        }
    }
    found
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

    /// A body that is not JSON; the error's offset is the byte where parsing failed.
    pub fn not_json(operation: &'static str, error: &crate::json::SyntaxError) -> Self {
        let offset = error.offset();
        let message = format!(
            "the response body is not valid JSON at byte {offset} (line {}, column {}): {}",
            error.line(),
            error.column(),
            error.reason()
        );
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builds_method_url_headers_and_body() {
        let request = RequestBuilder::new("Op", "PUT", "https://x.example/a%2Fb?q=1".into())
            .header("X-Amz-Target", "Svc.Op")
            .header("X-List", "a")
            .header("x-list", "b")
            .body(b"hello".to_vec())
            .build()
            .unwrap();
        assert_eq!(request.method(), http::Method::PUT);
        assert_eq!(request.uri().to_string(), "https://x.example/a%2Fb?q=1");
        assert_eq!(
            header_text(request.headers(), "x-amz-target"),
            Some("Svc.Op")
        );
        let listed: Vec<_> = request.headers().get_all("X-List").iter().collect();
        assert_eq!(listed, ["a", "b"]);
        assert_eq!(request.headers()["Content-Length"], "5");
        assert_eq!(request.body(), b"hello");
    }

    #[test]
    fn bad_headers_and_urls_name_the_culprit() {
        let error = RequestBuilder::new("Op", "GET", "https://x/".into())
            .header("X-Name", "two\nlines")
            .header("Bad Name", "v")
            .build()
            .unwrap_err();
        assert_eq!(error.operation(), "Op");
        assert!(error.message().contains("`X-Name`"), "{error}");
        let error = RequestBuilder::new("Op", "GET", "https://x/a b".into())
            .build()
            .unwrap_err();
        assert!(
            error.message().starts_with("the URL `https://x/a b`"),
            "{error}"
        );
        let error = RequestBuilder::new("Op", "GET", "https://x/".into())
            .header("Bad Name", "v")
            .build()
            .unwrap_err();
        assert!(error.message().contains("`Bad Name`"), "{error}");
    }

    #[test]
    fn prefixed_headers_strip_the_prefix() {
        let mut headers = HeaderMap::new();
        headers.insert("x-meta-colour", HeaderValue::from_static("red"));
        headers.insert("x-metadata", HeaderValue::from_static("no"));
        headers.insert("other", HeaderValue::from_static("x"));
        let found = prefixed_headers(&headers, "X-Meta-");
        assert_eq!(found.len(), 1);
        assert_eq!(found["colour"], "red");
    }

    #[test]
    fn not_json_errors_give_the_byte_offset() {
        let body = b"{\"a\":\n  tru}";
        let error = crate::json::parse_bytes(body).unwrap_err();
        let error = ResponseError::not_json("UpdateUser", &error);
        assert_eq!(error.offset(), Some(11)); // the `}` that ends `tru`
        assert!(error.to_string().starts_with(
            "cannot read the UpdateUser response: the response body is not valid JSON at byte 11"
        ));
    }
}
