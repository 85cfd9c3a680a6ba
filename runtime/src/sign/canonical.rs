//! The canonical request of SigV4: method, path, query, headers and payload hash, each
//! written in the one form both sides of a signature agree on.
//!
//! - Path: for most services, `.` and `..` segments and empty segments are removed and the
//!   already-encoded path is percent-encoded a second time (so `%2F` is signed as `%252F`).
//!   Services that ask for `disableDoubleEncoding` (S3 style) sign the path as it is sent.
//! - Query: each `key=value` pair is decoded, re-encoded with only the unreserved characters
//!   left as they are, and the pairs are sorted by encoded key, then encoded value.
//! - Headers: names in lowercase, values with surrounding spaces removed and inner runs of
//!   spaces collapsed to one, repeated headers joined with `,` in the order they were added.
//!   Headers that proxies change or that the signature itself carries are not signed.

use std::borrow::Cow;

use http::HeaderMap;

use super::SigningError;

/// Headers left out of the signature: `authorization` holds the signature itself, and the
/// others are changed by proxies or along the way.
const UNSIGNED_HEADERS: [&str; 4] = [
    "authorization",
    "user-agent",
    "x-amzn-trace-id",
    "transfer-encoding",
];

/// Headers whose values are secrets: a canonical request shown in logs replaces them.
const SECRET_HEADERS: [&str; 7] = [
    "x-amz-security-token",
    "cookie",
    "proxy-authorization",
    "x-amz-server-side-encryption-customer-key",
    "x-amz-server-side-encryption-customer-key-md5",
    "x-amz-copy-source-server-side-encryption-customer-key",
    "x-amz-copy-source-server-side-encryption-customer-key-md5",
];

/// A canonical request and the `;`-separated list of the headers it signs.
pub(super) struct CanonicalRequest {
    pub(super) text: String,
    pub(super) signed_headers: String,
}

/// The headers the signer adds, which take the place of any header of the same name.
pub(super) struct AddedHeaders<'a> {
    pub(super) amz_date: &'a str,
    pub(super) security_token: Option<&'a str>,
    pub(super) content_sha256: Option<&'a str>,
}

impl AddedHeaders<'_> {
    fn replaces(&self, name: &str) -> bool {
        name == "x-amz-date"
            || (self.security_token.is_some() && name == "x-amz-security-token")
            || (self.content_sha256.is_some() && name == "x-amz-content-sha256")
    }
}

/// The canonical request of a request with this method, path, query (without `?`) and
/// headers, plus the headers the signer adds, for a payload with hash `payload_hash`.
pub(super) fn canonical_request(
    method: &str,
    path: &str,
    query: Option<&str>,
    headers: &HeaderMap,
    added: &AddedHeaders<'_>,
    payload_hash: &str,
    double_encode: bool,
) -> Result<CanonicalRequest, SigningError> {
    let mut text = String::with_capacity(256 + path.len() + query.map_or(0, str::len));
    text.push_str(method);
    text.push('\n');
    if double_encode {
        percent_encode_into(&normalize_path(path), true, &mut text);
    } else if path.is_empty() {
        text.push('/');
    } else {
        text.push_str(path);
    }
    text.push('\n');
    if let Some(query) = query {
        write_query(query, &mut text);
    }
    text.push('\n');
    let signed_headers = write_headers(headers, added, &mut text)?;
    text.push('\n');
    text.push_str(&signed_headers);
    text.push('\n');
    text.push_str(payload_hash);
    Ok(CanonicalRequest {
        text,
        signed_headers,
    })
}

/// The canonical request as it may be logged: values of secret headers are replaced by
/// their length.
pub(super) fn redacted(canonical: &str) -> String {
    canonical
        .split('\n')
        .map(|line| {
            let secret = line.split_once(':').and_then(|(name, value)| {
                SECRET_HEADERS
                    .contains(&name)
                    .then(|| format!("{name}:** redacted (length={}) **", value.len()))
            });
            secret.map_or(Cow::Borrowed(line), Cow::Owned)
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The absolute path with dot segments and empty segments removed (RFC 3986 section 5.2.4,
/// plus `//` collapsing). A path that ends in `/`, `/.` or `/..` keeps a final `/`.
fn normalize_path(path: &str) -> Cow<'_, str> {
    if path.is_empty() {
        return Cow::Borrowed("/");
    }
    if path.starts_with('/') && !path.contains("//") && !path.contains('.') {
        return Cow::Borrowed(path);
    }
    let mut segments: Vec<&str> = Vec::new();
    for segment in path.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                segments.pop();
            }
            kept => segments.push(kept),
        }
    }
    let mut normalized = String::with_capacity(path.len() + 1);
    for segment in &segments {
        normalized.push('/');
        normalized.push_str(segment);
    }
    let ends_in_directory = path.ends_with('/') || path.ends_with("/.") || path.ends_with("/..");
    if normalized.is_empty() || (ends_in_directory && !normalized.ends_with('/')) {
        normalized.push('/');
    }
    Cow::Owned(normalized)
}

/// RFC 3986 unreserved characters: the only ones SigV4 leaves unencoded.
fn is_unreserved(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~')
}

/// Appends `value` with every byte but the unreserved ones (and `/` when `keep_slash`) as
/// `%XX`, uppercase hex.
fn percent_encode_into(value: &str, keep_slash: bool, out: &mut String) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    for &byte in value.as_bytes() {
        if is_unreserved(byte) || (keep_slash && byte == b'/') {
            out.push(char::from(byte));
        } else {
            out.push('%');
            out.push(char::from(HEX[usize::from(byte >> 4)]));
            out.push(char::from(HEX[usize::from(byte & 0x0f)]));
        }
    }
}

/// Decodes one query key or value: `%XX` escapes and `+` for space (as HTML forms write
/// them). A `%` not followed by two hex digits stays as it is; bytes that are not UTF-8
/// become U+FFFD.
fn decode_query_component(text: &str) -> Cow<'_, str> {
    if !text.contains(['%', '+']) {
        return Cow::Borrowed(text);
    }
    let bytes = text.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut index = 0;
    while index < bytes.len() {
        let byte = bytes[index];
        let escaped = (byte == b'%')
            .then(|| bytes.get(index + 1..index + 3))
            .flatten()
            .and_then(|hex| Some(hex_value(hex[0])? << 4 | hex_value(hex[1])?));
        match (byte, escaped) {
            (_, Some(value)) => {
                decoded.push(value);
                index += 3;
            }
            (b'+', None) => {
                decoded.push(b' ');
                index += 1;
            }
            (other, None) => {
                decoded.push(other);
                index += 1;
            }
        }
    }
    Cow::Owned(String::from_utf8_lossy(&decoded).into_owned())
}

fn hex_value(digit: u8) -> Option<u8> {
    char::from(digit)
        .to_digit(16)
        .and_then(|value| u8::try_from(value).ok())
}

/// Appends the canonical query string of `query`.
fn write_query(query: &str, out: &mut String) {
    let mut pairs: Vec<(String, String)> = query
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            let mut encoded_key = String::with_capacity(key.len());
            percent_encode_into(&decode_query_component(key), false, &mut encoded_key);
            let mut encoded_value = String::with_capacity(value.len());
            percent_encode_into(&decode_query_component(value), false, &mut encoded_value);
            (encoded_key, encoded_value)
        })
        .collect();
    pairs.sort_unstable();
    for (index, (key, value)) in pairs.iter().enumerate() {
        if index > 0 {
            out.push('&');
        }
        out.push_str(key);
        out.push('=');
        out.push_str(value);
    }
}

/// Appends one `name:value` line per signed header, sorted by name, and returns the
/// signed header list. Fails when a header value is not visible ASCII.
fn write_headers(
    headers: &HeaderMap,
    added: &AddedHeaders<'_>,
    out: &mut String,
) -> Result<String, SigningError> {
    let mut lines: Vec<(&str, &str)> = Vec::with_capacity(headers.len() + 3);
    for (name, value) in headers {
        let name = name.as_str();
        if UNSIGNED_HEADERS.contains(&name) || added.replaces(name) {
            continue;
        }
        let value = value.to_str().map_err(|_| SigningError::HeaderNotText {
            name: name.to_owned(),
        })?;
        lines.push((name, value));
    }
    lines.push(("x-amz-date", added.amz_date));
    if let Some(token) = added.security_token {
        lines.push(("x-amz-security-token", token));
    }
    if let Some(hash) = added.content_sha256 {
        lines.push(("x-amz-content-sha256", hash));
    }
    // Stable: the values of a repeated header keep their order.
    lines.sort_by(|left, right| left.0.cmp(right.0));

    let mut signed_headers = String::with_capacity(lines.len() * 16);
    let mut previous: Option<&str> = None;
    for (name, value) in lines {
        if previous == Some(name) {
            out.push(',');
        } else {
            if previous.is_some() {
                out.push('\n');
                signed_headers.push(';');
            }
            out.push_str(name);
            out.push(':');
            signed_headers.push_str(name);
            previous = Some(name);
        }
        push_trimmed(value, out);
    }
    if previous.is_some() {
        out.push('\n');
    }
    Ok(signed_headers)
}

/// Appends `value` without leading or trailing spaces and with each inner run of spaces
/// written as one. Only the space character counts: tabs are kept.
fn push_trimmed(value: &str, out: &mut String) {
    let mut words = value.split(' ').filter(|word| !word.is_empty());
    if let Some(first) = words.next() {
        out.push_str(first);
        for word in words {
            out.push(' ');
            out.push_str(word);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_lose_dot_and_empty_segments_but_keep_a_final_slash() {
        let cases = [
            ("", "/"),
            ("/", "/"),
            ("/a/b", "/a/b"),
            ("/a/./b/../c//d/", "/a/c/d/"),
            ("/a/b/.", "/a/b/"),
            ("/a/b/..", "/a/"),
            ("/..", "/"),
            ("/../x", "/x"),
            ("relative/path", "/relative/path"),
            ("/v1.2/file.txt", "/v1.2/file.txt"),
        ];
        for (path, expected) in cases {
            assert_eq!(normalize_path(path), expected, "{path:?}");
        }
    }

    #[test]
    fn percent_encoding_keeps_only_unreserved_bytes() {
        let mut out = String::new();
        percent_encode_into("a%2Fb /é~", true, &mut out);
        assert_eq!(out, "a%252Fb%20/%C3%A9~");
        out.clear();
        percent_encode_into("a/b+c", false, &mut out);
        assert_eq!(out, "a%2Fb%2Bc");
    }

    #[test]
    fn query_components_decode_escapes_and_plus() {
        assert_eq!(decode_query_component("a%20b+c%2f"), "a b c/");
        assert_eq!(decode_query_component("100%"), "100%");
        assert_eq!(decode_query_component("%zz%4"), "%zz%4");
        assert_eq!(decode_query_component("%FF"), "\u{fffd}");
        assert!(matches!(decode_query_component("plain"), Cow::Borrowed(_)));
    }

    #[test]
    fn query_pairs_are_encoded_then_sorted() {
        let mut out = String::new();
        write_query("b=2&a=10&&a=1&c&Z=up&a+b=%2F%3D&t=~", &mut out);
        assert_eq!(out, "Z=up&a=1&a=10&a%20b=%2F%3D&b=2&c=&t=~");
    }

    #[test]
    fn header_values_are_trimmed_and_repeats_joined() {
        let mut headers = HeaderMap::new();
        headers.append("x-b", "  two   words ".parse().unwrap());
        headers.append("x-a", "one".parse().unwrap());
        headers.append("x-a", "\tthen tab".parse().unwrap());
        headers.append("user-agent", "not signed".parse().unwrap());
        headers.append("x-amz-date", "stale".parse().unwrap());
        let added = AddedHeaders {
            amz_date: "20150830T123600Z",
            security_token: None,
            content_sha256: None,
        };
        let mut out = String::new();
        let signed = write_headers(&headers, &added, &mut out).unwrap();
        assert_eq!(signed, "x-a;x-amz-date;x-b");
        assert_eq!(
            out,
            "x-a:one,\tthen tab\nx-amz-date:20150830T123600Z\nx-b:two words\n"
        );
    }

    #[test]
    fn redaction_hides_secret_header_values_only() {
        let canonical = "GET\n/\n\nhost:h\nx-amz-security-token:SECRET\n\nhost\nhash";
        assert_eq!(
            redacted(canonical),
            "GET\n/\n\nhost:h\nx-amz-security-token:** redacted (length=6) **\n\nhost\nhash"
        );
    }
}
