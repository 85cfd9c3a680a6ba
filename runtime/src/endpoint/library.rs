//! The string functions of the rules-engine standard library and its AWS extension:
//! `substring`, `uriEncode`, `isValidHostLabel`, `split`, `aws.parseArn` and
//! `aws.isVirtualHostableS3Bucket`. (`parseURL` lives in `url.rs`, `aws.partition` in
//! `partitions.rs`.)

use std::fmt::Write as _;

/// `substring(input, start, stop, reverse)`: the characters `start..stop`, counted from the
/// end when `reverse` is set (the slice itself still reads forwards). Unset when the input
/// has a non-ASCII character or the range does not fit inside it.
pub(crate) fn substring(input: &str, start: i64, stop: i64, reverse: bool) -> Option<&str> {
    if !input.is_ascii() {
        return None;
    }
    let start = usize::try_from(start).ok()?;
    let stop = usize::try_from(stop).ok()?;
    let len = input.len();
    if start >= stop || stop > len {
        return None;
    }
    if reverse {
        input.get(len - stop..len - start)
    } else {
        input.get(start..stop)
    }
}

/// `uriEncode(value)`: percent-encodes every byte except `A-Z a-z 0-9 - _ . ~`, with
/// uppercase hexadecimal digits.
pub(crate) fn uri_encode(value: &str) -> String {
    let mut encoded = String::with_capacity(value.len());
    for byte in value.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.' | b'~') {
            encoded.push(char::from(byte));
        } else {
            // Writing to a String cannot fail.
            let _ = write!(encoded, "%{byte:02X}");
        }
    }
    encoded
}

/// `isValidHostLabel(value, allowSubDomains)`: 1 to 63 characters of `A-Za-z0-9-`, not
/// starting with `-`; with `allow_sub_domains`, every `.`-separated label must be one.
///
/// Clients can use it to check a configured region before it reaches a rule set, since not
/// every rule set checks the region before putting it into a host name.
///
/// ```
/// use anvil_runtime::endpoint::is_valid_host_label;
///
/// assert!(is_valid_host_label("us-east-1", false));
/// assert!(!is_valid_host_label("evil.example.com/x", true));
/// ```
pub fn is_valid_host_label(value: &str, allow_sub_domains: bool) -> bool {
    if allow_sub_domains {
        value.split('.').all(is_single_host_label)
    } else {
        is_single_host_label(value)
    }
}

fn is_single_host_label(label: &str) -> bool {
    (1..=63).contains(&label.len())
        && !label.starts_with('-')
        && label
            .bytes()
            .all(|byte| byte.is_ascii_alphanumeric() || byte == b'-')
}

/// `split(value, delimiter, limit)`: the pieces between occurrences of `delimiter`, read from
/// the left. A `limit` of 0 splits everywhere; a positive limit caps the number of pieces, the
/// last one keeping the rest. Unset for an empty delimiter or a negative limit.
pub(crate) fn split(value: &str, delimiter: &str, limit: i64) -> Option<Vec<String>> {
    if delimiter.is_empty() {
        return None;
    }
    let pieces: Vec<String> = match usize::try_from(limit).ok()? {
        0 => value.split(delimiter).map(str::to_string).collect(),
        limit => value.splitn(limit, delimiter).map(str::to_string).collect(),
    };
    Some(pieces)
}

/// The parts of an ARN, as `aws.parseArn` gives them.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Arn<'s> {
    pub(crate) partition: &'s str,
    pub(crate) service: &'s str,
    pub(crate) region: &'s str,
    pub(crate) account_id: &'s str,
    /// The resource, split on both `:` and `/`.
    pub(crate) resource_id: Vec<&'s str>,
}

/// `aws.parseArn(value)`: `arn:partition:service:region:account:resource`, where partition,
/// service and resource must not be empty; unset otherwise.
pub(crate) fn parse_arn(value: &str) -> Option<Arn<'_>> {
    let mut fields = value.splitn(6, ':');
    if fields.next()? != "arn" {
        return None;
    }
    let partition = fields.next()?;
    let service = fields.next()?;
    let region = fields.next()?;
    let account_id = fields.next()?;
    let resource = fields.next()?;
    if partition.is_empty() || service.is_empty() || resource.is_empty() {
        return None;
    }
    Some(Arn {
        partition,
        service,
        region,
        account_id,
        resource_id: resource.split([':', '/']).collect(),
    })
}

/// `aws.isVirtualHostableS3Bucket(value, allowSubDomains)`: whether the bucket name can be the
/// first label(s) of an S3 host name: a valid host label (or `.`-separated labels with
/// `allow_sub_domains`) of 3 to 63 characters of `a-z0-9-.`, starting and ending with a letter
/// or digit, without `.-` or `-.`, and not shaped like an IPv4 address.
pub(crate) fn is_virtual_hostable_s3_bucket(value: &str, allow_sub_domains: bool) -> bool {
    let bytes = value.as_bytes();
    let edge_ok = |byte: &u8| byte.is_ascii_lowercase() || byte.is_ascii_digit();
    is_valid_host_label(value, allow_sub_domains)
        && (3..=63).contains(&bytes.len())
        && bytes.first().is_some_and(edge_ok)
        && bytes.last().is_some_and(edge_ok)
        && bytes.iter().all(|byte| {
            byte.is_ascii_lowercase() || byte.is_ascii_digit() || matches!(byte, b'-' | b'.')
        })
        && !value.contains(".-")
        && !value.contains("-.")
        && !looks_like_ipv4(value)
}

/// Four groups of digits separated by dots.
fn looks_like_ipv4(value: &str) -> bool {
    let groups: Vec<&str> = value.split('.').collect();
    groups.len() == 4
        && groups
            .iter()
            .all(|group| !group.is_empty() && group.bytes().all(|byte| byte.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn substring_counts_from_either_end() {
        assert_eq!(substring("abcdefg", 0, 4, false), Some("abcd"));
        assert_eq!(substring("abcdefg", 0, 4, true), Some("defg"));
        assert_eq!(substring("defg", 1, 3, false), Some("ef"));
        assert_eq!(substring("abcd", 0, 4, false), Some("abcd"));
        assert_eq!(substring("\u{7f}abcdef", 0, 4, false), Some("\u{7f}abc"));
    }

    #[test]
    fn substring_is_unset_outside_the_input() {
        assert_eq!(substring("abc", 0, 4, false), None);
        assert_eq!(substring("", 0, 4, true), None);
        assert_eq!(substring("abc", 2, 2, false), None);
        assert_eq!(substring("abc", -1, 2, false), None);
        assert_eq!(substring("\u{fdfd}", 0, 1, false), None);
        assert_eq!(substring("ab\u{e9}cdef", 0, 2, false), None);
    }

    #[test]
    fn uri_encode_keeps_only_unreserved_characters() {
        assert_eq!(uri_encode("abc:defg"), "abc%3Adefg");
        assert_eq!(
            uri_encode("/:,?#[]{}|@! $&'()*+;=%<>\"^`\\"),
            "%2F%3A%2C%3F%23%5B%5D%7B%7D%7C%40%21%20%24%26%27%28%29%2A%2B%3B%3D%25%3C%3E%22%5E%60%5C"
        );
        assert_eq!(
            uri_encode("0123456789.underscore_dash-Tilda~"),
            "0123456789.underscore_dash-Tilda~"
        );
        assert_eq!(uri_encode("\u{1f639}"), "%F0%9F%98%B9");
        assert_eq!(uri_encode(""), "");
    }

    #[test]
    fn host_labels() {
        assert!(is_valid_host_label("us-east-1", false));
        assert!(is_valid_host_label("3aws4", false));
        assert!(!is_valid_host_label("part1.part2", false));
        assert!(is_valid_host_label("part1.part2", true));
        for bad in [
            "part1 part2",
            "",
            "part1.",
            "part1..part2",
            "part1.-part2",
            "-a",
        ] {
            assert!(!is_valid_host_label(bad, true), "{bad:?}");
        }
        assert!(is_valid_host_label(&"a".repeat(63), false));
        assert!(!is_valid_host_label(&"a".repeat(64), false));
        assert!(!is_valid_host_label("evil.com/x", true));
    }

    #[test]
    fn split_follows_the_limit() {
        let split = |value, delimiter, limit| split(value, delimiter, limit).unwrap();
        assert_eq!(split("a--b--c", "--", 0), ["a", "b", "c"]);
        assert_eq!(split("", "--", 0), [""]);
        assert_eq!(split("----", "--", 0), ["", "", ""]);
        assert_eq!(split("aaaa", "aa", 0), ["", "", ""]);
        assert_eq!(split("aaa", "aa", 0), ["", "a"]);
        assert_eq!(split("a--b--c", "--", 1), ["a--b--c"]);
        assert_eq!(split("--both--", "--", 2), ["", "both--"]);
        assert_eq!(split("a--b--c--d--e", "--", 4), ["a", "b", "c", "d--e"]);
        assert_eq!(
            split("a\u{1f31f}b\u{1f31f}c", "\u{1f31f}", 0),
            ["a", "b", "c"]
        );
        assert_eq!(super::split("abc", "", 0), None);
        assert_eq!(super::split("abc", "b", -1), None);
    }

    #[test]
    fn arns_split_into_their_fields() {
        let arn = parse_arn("arn:aws:s3:us-west-2:123456789012:accesspoint/my-ap:obj").unwrap();
        assert_eq!(arn.partition, "aws");
        assert_eq!(arn.service, "s3");
        assert_eq!(arn.region, "us-west-2");
        assert_eq!(arn.account_id, "123456789012");
        assert_eq!(arn.resource_id, ["accesspoint", "my-ap", "obj"]);
        let bare = parse_arn("arn:aws:iam:::role/x").unwrap();
        assert_eq!((bare.region, bare.account_id), ("", ""));
        for bad in [
            "arn:aws:s3:us-west-2:123",
            "arn::s3:r:a:res",
            "arn:aws::r:a:res",
            "arn:aws:s3:r:a:",
            "urn:aws:s3:r:a:b",
        ] {
            assert_eq!(parse_arn(bad), None, "{bad}");
        }
    }

    #[test]
    fn virtual_hostable_buckets() {
        assert!(is_virtual_hostable_s3_bucket("bucket-name", false));
        assert!(is_virtual_hostable_s3_bucket("my.bucket.name", true));
        assert!(!is_virtual_hostable_s3_bucket("my.bucket.name", false));
        assert!(!is_virtual_hostable_s3_bucket("Bucket", false));
        assert!(!is_virtual_hostable_s3_bucket("ab", false));
        assert!(!is_virtual_hostable_s3_bucket("bucket-", false));
        assert!(!is_virtual_hostable_s3_bucket("192.168.1.1", true));
    }
}
