//! Just enough HTTP/1.1 for the test server: reading one request with a `Content-Length`
//! body, and writing one response that closes the connection.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;

use crate::sigv4::RawRequest;

/// The most bytes of request line and headers read before giving up.
const MAX_HEAD_BYTES: usize = 64 * 1024;

/// The most body bytes accepted.
const MAX_BODY_BYTES: usize = 16 * 1024 * 1024;

/// Reads one request from `stream`.
pub fn read_request(stream: &TcpStream) -> Result<RawRequest, String> {
    let mut reader = BufReader::new(stream);
    let mut head_bytes = 0;
    let mut next_line = |reader: &mut BufReader<&TcpStream>| -> Result<String, String> {
        let mut line = String::new();
        let read = reader
            .read_line(&mut line)
            .map_err(|error| format!("reading the request head: {error}"))?;
        if read == 0 {
            return Err("the connection closed before the request head ended".to_string());
        }
        head_bytes += read;
        if head_bytes > MAX_HEAD_BYTES {
            return Err(format!("the request head is over {MAX_HEAD_BYTES} bytes"));
        }
        Ok(line.trim_end_matches(['\r', '\n']).to_string())
    };
    let request_line = next_line(&mut reader)?;
    let mut parts = request_line.split(' ');
    let (Some(method), Some(target), Some(version), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(format!("not an HTTP request line: `{request_line}`"));
    };
    if version != "HTTP/1.1" {
        return Err(format!("not HTTP/1.1: `{request_line}`"));
    }
    let mut request = RawRequest {
        method: method.to_string(),
        target: target.to_string(),
        ..RawRequest::default()
    };
    loop {
        let line = next_line(&mut reader)?;
        if line.is_empty() {
            break;
        }
        let (name, value) = line
            .split_once(':')
            .ok_or_else(|| format!("not a header line: `{line}`"))?;
        request
            .headers
            .push((name.to_string(), value.trim().to_string()));
    }
    if request.header("transfer-encoding").is_some() {
        return Err("chunked request bodies are not supported by the test server".to_string());
    }
    let length: usize = match request.header("content-length") {
        None => 0,
        Some(text) => text
            .parse()
            .map_err(|_| format!("Content-Length `{text}` is not a number"))?,
    };
    if length > MAX_BODY_BYTES {
        return Err(format!("a body of {length} bytes is over {MAX_BODY_BYTES}"));
    }
    request.body = vec![0; length];
    reader
        .read_exact(&mut request.body)
        .map_err(|error| format!("reading the {length}-byte body: {error}"))?;
    Ok(request)
}

/// Writes a whole response with `Content-Length` and `Connection: close`.
pub fn write_response(
    mut stream: &TcpStream,
    status: u16,
    headers: &[(String, String)],
    body: &[u8],
) -> std::io::Result<()> {
    let mut head = format!("HTTP/1.1 {status} Scripted\r\n");
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str(&format!(
        "content-length: {}\r\nconnection: close\r\n\r\n",
        body.len()
    ));
    stream.write_all(head.as_bytes())?;
    stream.write_all(body)?;
    stream.flush()
}
