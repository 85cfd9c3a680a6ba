//! Percent-encoding for URI labels and query strings, and quoting for header lists.

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
    fn quotes_header_items_only_when_needed() {
        assert_eq!(quote_header_list_item("plain"), "plain");
        assert_eq!(quote_header_list_item("a,b"), "\"a,b\"");
        assert_eq!(quote_header_list_item("say \"hi\""), "\"say \\\"hi\\\"\"");
    }
}
