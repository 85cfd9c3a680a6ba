//! Percent-encoding for URI labels and query strings, and quoting for header lists.

use super::RequestError;

/// Bytes that stay as they are in labels and query values (RFC 3986 unreserved).
fn is_unreserved(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~')
}

fn encode(value: &str, keep_slash: bool) -> String {
    let mut encoded = String::with_capacity(value.len());
    for byte in value.bytes() {
        if is_unreserved(byte) || (keep_slash && byte == b'/') {
            encoded.push(byte as char);
        } else {
            encoded.push_str(&format!("%{byte:02X}"));
        }
    }
    encoded
}

/// A URI label value: every byte but the unreserved ones percent-encoded; a greedy label
/// (`{Key+}`) keeps its `/`.
///
/// ```
/// use anvil_runtime::wire::encode_label;
///
/// assert_eq!(encode_label("a b/c", false), "a%20b%2Fc");
/// assert_eq!(encode_label("a b/c", true), "a%20b/c");
/// ```
pub fn encode_label(value: &str, greedy: bool) -> String {
    encode(value, greedy)
}

/// A URI label value ready for the path: percent-encoded as by [`encode_label`], after
/// checking that it cannot change which path the request goes to.
///
/// The value is refused, with an error naming `member`, when it is empty, or when it is a
/// dot segment: `.` or `..` as the whole value of a label, or as one `/`-separated segment of
/// a greedy label. Both characters are unreserved, so encoding would leave them as they are,
/// and a server or proxy that normalizes the path would then send the request to another
/// operation (`/domains/d-1/user-profiles/..` is `/domains/d-1`).
///
/// ```
/// use anvil_runtime::wire::uri_label;
///
/// assert_eq!(uri_label("GetThing", "name", "a b", false)?, "a%20b");
/// assert_eq!(uri_label("GetThing", "key", "dir/v1.2", true)?, "dir/v1.2");
/// let error = uri_label("GetThing", "name", "..", false).unwrap_err();
/// assert_eq!(
///     error.to_string(),
///     "cannot build the GetThing request: the URI label `name` is the dot segment `..`, \
///      which would change the request's path"
/// );
/// # Ok::<(), anvil_runtime::wire::RequestError>(())
/// ```
pub fn uri_label(
    operation: &'static str,
    member: &str,
    value: &str,
    greedy: bool,
) -> Result<String, RequestError> {
    if value.is_empty() {
        return Err(RequestError::new(
            operation,
            format!("the URI label `{member}` is empty"),
        ));
    }
    let is_dot_segment = |segment: &str| segment == "." || segment == "..";
    if !greedy && is_dot_segment(value) {
        return Err(RequestError::new(
            operation,
            format!(
                "the URI label `{member}` is the dot segment `{value}`, which would change \
                 the request's path"
            ),
        ));
    }
    if greedy && let Some(segment) = value.split('/').find(|segment| is_dot_segment(segment)) {
        return Err(RequestError::new(
            operation,
            format!(
                "the greedy URI label `{member}` holds the dot segment `{segment}`, which \
                 would change the request's path"
            ),
        ));
    }
    Ok(encode(value, greedy))
}

/// A query string key or value: `+` and space become `%2B` and `%20`.
pub fn encode_query(value: &str) -> String {
    encode(value, false)
}

/// One item of a header list: quoted when it holds a comma or a double quote.
pub fn quote_header_list_item(value: &str) -> String {
    if value.contains([',', '"']) {
        format!("\"{}\"", value.replace('\\', "\\\\").replace('"', "\\\""))
    } else {
        value.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodes_reserved_and_non_ascii_bytes() {
        assert_eq!(encode_label("%+é😀", false), "%25%2B%C3%A9%F0%9F%98%80");
        assert_eq!(encode_query("a+b c&d=e"), "a%2Bb%20c%26d%3De");
        assert_eq!(encode_label("-._~AZaz09", false), "-._~AZaz09");
    }

    #[test]
    fn labels_refuse_dot_segments_and_empty_values() {
        let refused = |value: &str, greedy: bool| {
            uri_label("Op", "Key", value, greedy)
                .unwrap_err()
                .message()
                .to_string()
        };
        assert_eq!(refused("", false), "the URI label `Key` is empty");
        assert_eq!(refused("", true), "the URI label `Key` is empty");
        for value in [".", ".."] {
            assert!(refused(value, false).contains(&format!("`Key` is the dot segment `{value}`")));
            assert!(refused(value, true).contains("greedy URI label `Key`"));
        }
        for value in ["a/../b", "../b", "a/..", "a/./b", "./a", "a/."] {
            assert!(refused(value, true).contains("dot segment"), "{value}");
        }
        // Dots that are not a whole segment, and percent-encoded dots, are plain data.
        for value in ["...", ".a", "a..", "v1.2", "%2E%2E", "a/.../b", "a/.b/c"] {
            assert!(uri_label("Op", "Key", value, true).is_ok(), "{value}");
        }
        assert_eq!(uri_label("Op", "Key", "%2E", false).unwrap(), "%252E");
        // In a plain label `/` is encoded, so `a/..` is one harmless segment.
        assert_eq!(uri_label("Op", "Key", "a/..", false).unwrap(), "a%2F..");
    }

    #[test]
    fn quotes_header_items_only_when_needed() {
        assert_eq!(quote_header_list_item("plain"), "plain");
        assert_eq!(quote_header_list_item("a,b"), "\"a,b\"");
        assert_eq!(quote_header_list_item("say \"hi\""), "\"say \\\"hi\\\"\"");
    }
}
