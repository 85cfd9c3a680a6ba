//! Each generated operation's `parse_response`, on a response built from the fuzz bytes.
//!
//! Input layout (text-friendly, so seeds are readable): one byte picking the operation (see
//! [`crate::operations::select`]), then an HTTP/1-style head and the body:
//!
//! ```text
//! 3400
//! X-Amzn-Errortype: ValidationException
//!
//! {"message":"bad"}
//! ```
//!
//! The first line of the head is the status, every further line `name: value`; a blank
//! line ends the head and the rest, any bytes, is the body. Lines the `http` crate refuses
//! (bad names or values) are left out, a status it refuses skips the input.

use anvil_runtime::http::{HeaderName, HeaderValue, Response, StatusCode};
use anvil_runtime::operation::JsonOutput;
use anvil_runtime::{ErrorMetadata, Operation};

use super::operations::select;

/// Parses the response the bytes describe with the operation they pick.
pub fn run(data: &[u8]) {
    let Some((index, rest)) = select(data) else {
        return;
    };
    let Some(response) = response_from_bytes(rest) else {
        return;
    };
    crate::with_operation!(index, |Op| exercise::<Op>(&response));
}

/// The response `bytes` describe (layout in the module documentation), if its status is one.
pub fn response_from_bytes(bytes: &[u8]) -> Option<Response<Vec<u8>>> {
    let (head, body) = match find(bytes, b"\n\n") {
        Some(at) => (&bytes[..at], &bytes[at + 2..]),
        None => (bytes, &[][..]),
    };
    let mut lines = head.split(|&byte| byte == b'\n');
    let status = StatusCode::from_bytes(lines.next()?.trim_ascii()).ok()?;
    let mut response = Response::new(body.to_vec());
    *response.status_mut() = status;
    for line in lines {
        let Some(colon) = line.iter().position(|&byte| byte == b':') else {
            continue;
        };
        let (name, value) = (&line[..colon], line[colon + 1..].trim_ascii());
        if let (Ok(name), Ok(value)) =
            (HeaderName::from_bytes(name), HeaderValue::from_bytes(value))
        {
            response.headers_mut().append(name, value);
        }
    }
    Some(response)
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .position(|window| window == needle)
}

/// Reads `response` as operation `O` would, and uses everything the result offers.
fn exercise<O>(response: &Response<Vec<u8>>)
where
    O: Operation,
    O::Output: JsonOutput + std::fmt::Debug,
    O::Error: std::fmt::Display + std::fmt::Debug,
{
    match O::parse_response(response) {
        Ok(output) => {
            let _ = format!("{output:?}");
            let _ = output.to_json();
        }
        Err(error) => {
            let _ = format!("{error} {error:?}");
            let _ = (
                error.code(),
                error.message(),
                error.fault(),
                error.retryable(),
            );
            let _ = (error.http_status(), error.request_id());
        }
    }
}
