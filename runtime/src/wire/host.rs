//! Checks on what decides where a request goes: the region (a host label of the default
//! endpoint) and an endpoint URL the user gives.
//!
//! Both are checked before any request URL is built, so a region such as `evil.com/x?` or
//! an endpoint with user info cannot move the request to another host.

use std::fmt;

/// The longest DNS label, in bytes (RFC 1035).
const MAX_LABEL_LEN: usize = 63;

/// The longest host name, in bytes (RFC 1035).
const MAX_HOST_LEN: usize = 253;

/// Why a region name cannot be used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RegionError {
    /// The region is empty.
    Empty,
    /// The region is longer than a host label may be.
    TooLong {
        /// Its length in bytes.
        len: usize,
    },
    /// The region holds a character other than a letter, a digit or a hyphen.
    Character {
        /// The character.
        found: char,
        /// Its byte offset.
        offset: usize,
    },
    /// The region starts or ends with a hyphen.
    EdgeHyphen,
}

impl fmt::Display for RegionError {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("the region must be a host label (")?;
        match self {
            Self::Empty => formatter.write_str("it is empty")?,
            Self::TooLong { len } => {
                write!(
                    formatter,
                    "it is {len} bytes long, the most is {MAX_LABEL_LEN}"
                )?;
            }
            Self::Character { found, offset } => write!(
                formatter,
                "it holds {} at byte {offset}; only letters, digits and hyphens are allowed",
                describe(*found)
            )?,
            Self::EdgeHyphen => formatter.write_str("it starts or ends with a hyphen")?,
        }
        formatter.write_str(")")
    }
}

impl std::error::Error for RegionError {}

/// Checks that `region` can be a label of a host name: 1 to 63 letters, digits and hyphens,
/// not starting or ending with a hyphen.
///
/// ```
/// use anvil_runtime::wire::check_region;
///
/// assert!(check_region("us-east-1").is_ok());
/// assert!(check_region("evil.com/x?").is_err());
/// assert!(check_region("-west").is_err());
/// ```
pub fn check_region(region: &str) -> Result<(), RegionError> {
    if region.is_empty() {
        return Err(RegionError::Empty);
    }
    if let Some((offset, found)) = region
        .char_indices()
        .find(|(_, c)| !(c.is_ascii_alphanumeric() || *c == '-'))
    {
        return Err(RegionError::Character { found, offset });
    }
    if region.len() > MAX_LABEL_LEN {
        return Err(RegionError::TooLong { len: region.len() });
    }
    if region.starts_with('-') || region.ends_with('-') {
        return Err(RegionError::EdgeHyphen);
    }
    Ok(())
}

/// Whether `label` is a valid host label (the same rules as [`check_region`]).
fn is_host_label(label: &str) -> bool {
    check_region(label).is_ok()
}

/// A character for a message; control characters are never printed raw.
fn describe(found: char) -> String {
    if found.is_control() {
        format!("the control character U+{:04X}", found as u32)
    } else {
        format!("the character {found:?}")
    }
}

/// Why an endpoint URL cannot be used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EndpointUrlError {
    reason: String,
}

impl EndpointUrlError {
    fn new(reason: impl Into<String>) -> Self {
        Self {
            reason: reason.into(),
        }
    }

    /// What is wrong with the URL.
    pub fn reason(&self) -> &str {
        &self.reason
    }
}

impl fmt::Display for EndpointUrlError {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            formatter,
            "the endpoint URL cannot be used: {}",
            self.reason
        )
    }
}

impl std::error::Error for EndpointUrlError {}

/// An endpoint URL, parsed and checked: `http` or `https`, a valid host (a DNS name, an IPv4
/// address or a bracketed IPv6 address), an optional port, an optional base path and query;
/// no user info and no fragment.
///
/// Operations put their path after the base path and their query after the endpoint's:
///
/// ```
/// use anvil_runtime::wire::EndpointUrl;
///
/// let endpoint = EndpointUrl::parse("http://localhost:8080/proxy/?tenant=7")?;
/// assert_eq!(endpoint.base(), "http://localhost:8080/proxy");
/// assert_eq!(
///     endpoint.url_for("/v2/domains/d-1?limit=5"),
///     "http://localhost:8080/proxy/v2/domains/d-1?tenant=7&limit=5"
/// );
/// assert!(EndpointUrl::parse("https://user@example.com").is_err());
/// # Ok::<(), anvil_runtime::wire::EndpointUrlError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EndpointUrl {
    /// `scheme://host[:port]` followed by the base path without its trailing `/`.
    base: String,
    /// The query, without `?`; `None` when there is none or it is empty.
    query: Option<String>,
}

impl EndpointUrl {
    /// Parses and checks an endpoint URL.
    pub fn parse(text: &str) -> Result<Self, EndpointUrlError> {
        // `http::Uri` drops a fragment without a word; refuse it before parsing.
        if text.contains('#') {
            return Err(EndpointUrlError::new(
                "it has a fragment (`#...`), which is never sent",
            ));
        }
        let uri: http::Uri = text
            .parse()
            .map_err(|error| EndpointUrlError::new(format!("it is not a URL: {error}")))?;
        let scheme = match uri.scheme_str() {
            Some(scheme @ ("http" | "https")) => scheme,
            Some(other) => {
                return Err(EndpointUrlError::new(format!(
                    "the scheme is `{other}`, not `http` or `https`"
                )));
            }
            None => {
                return Err(EndpointUrlError::new(
                    "it has no scheme; write `https://host` or `http://host`",
                ));
            }
        };
        let authority = uri
            .authority()
            .ok_or_else(|| EndpointUrlError::new("it has no host"))?
            .as_str();
        if authority.contains('@') {
            return Err(EndpointUrlError::new(
                "it has user info (`user@`); credentials do not belong in the URL",
            ));
        }
        let host = uri.host().unwrap_or_default();
        check_host(host)?;
        let port = &authority[host.len()..];
        if let Some(port) = port.strip_prefix(':') {
            check_port(port)?;
        }
        let (path, query) = match uri.path_and_query() {
            Some(path_and_query) => (path_and_query.path(), path_and_query.query()),
            None => ("", None),
        };
        Ok(Self {
            base: format!("{scheme}://{authority}{}", path.trim_end_matches('/')),
            query: query.filter(|query| !query.is_empty()).map(str::to_string),
        })
    }

    /// `scheme://host[:port]` and the base path, without a trailing `/` or the query: the
    /// endpoint to give a generated `to_request`.
    pub fn base(&self) -> &str {
        &self.base
    }

    /// The endpoint with `prefix` (a model's `hostPrefix` with its labels filled, such as
    /// `123456789012.`) put in front of its host. The result is checked like any endpoint,
    /// so a prefix cannot add a path, a port or user info.
    pub fn with_host_prefix(&self, prefix: &str) -> Result<Self, EndpointUrlError> {
        let (scheme, rest) = self
            .base
            .split_once("://")
            .ok_or_else(|| EndpointUrlError::new("it has no scheme"))?;
        let mut text = format!("{scheme}://{prefix}{rest}");
        if let Some(query) = &self.query {
            text.push('?');
            text.push_str(query);
        }
        if prefix.contains(['/', '?', '#', '@', ':', '[', ']']) {
            return Err(EndpointUrlError::new(format!(
                "the host prefix `{}` holds a character a host cannot",
                prefix.escape_debug()
            )));
        }
        Self::parse(&text)
    }

    /// The endpoint's query, without `?`.
    pub fn query(&self) -> Option<&str> {
        self.query.as_deref()
    }

    /// The full URL of a request whose path (and query, if any) is `path_and_query`, with the
    /// endpoint's query first and the operation's after it.
    pub fn url_for(&self, path_and_query: &str) -> String {
        let (path, operation_query) = match path_and_query.split_once('?') {
            Some((path, query)) => (path, Some(query).filter(|query| !query.is_empty())),
            None => (path_and_query, None),
        };
        let mut url = format!("{}{path}", self.base);
        let queries = [self.query.as_deref(), operation_query];
        for (index, query) in queries.into_iter().flatten().enumerate() {
            url.push(if index == 0 { '?' } else { '&' });
            url.push_str(query);
        }
        url
    }
}

/// Checks a host: a bracketed IPv6 address, or dot-separated host labels (which covers IPv4).
fn check_host(host: &str) -> Result<(), EndpointUrlError> {
    if host.is_empty() {
        return Err(EndpointUrlError::new("it has no host"));
    }
    if let Some(inner) = host
        .strip_prefix('[')
        .and_then(|rest| rest.strip_suffix(']'))
    {
        return inner
            .parse::<std::net::Ipv6Addr>()
            .map(|_| ())
            .map_err(|_| EndpointUrlError::new("the host is not a valid IPv6 address"));
    }
    if host.len() > MAX_HOST_LEN {
        return Err(EndpointUrlError::new(format!(
            "the host is {} bytes long, the most is {MAX_HOST_LEN}",
            host.len()
        )));
    }
    match host.split('.').find(|label| !is_host_label(label)) {
        Some(label) => Err(EndpointUrlError::new(format!(
            "the host label `{}` is not 1 to {MAX_LABEL_LEN} letters, digits and inner hyphens",
            label.escape_debug()
        ))),
        None => Ok(()),
    }
}

/// Checks the text after `host:`: a decimal port from 1 to 65535.
fn check_port(port: &str) -> Result<(), EndpointUrlError> {
    match port.parse::<u16>() {
        Ok(number) if number > 0 && port.bytes().all(|byte| byte.is_ascii_digit()) => Ok(()),
        _ => Err(EndpointUrlError::new(format!(
            "the port `{}` is not a number from 1 to 65535",
            port.escape_debug()
        ))),
    }
}

/// The value of a `@hostLabel` member for an operation's host prefix: it must be set and be
/// a host label (letters, digits and inner hyphens, 1 to 63), so that it cannot move the
/// request to another host. The error names the operation and the member.
pub fn host_label(
    operation: &'static str,
    member: &str,
    value: Option<&str>,
) -> Result<String, super::RequestError> {
    let value = value.ok_or_else(|| {
        super::RequestError::new(
            operation,
            format!("the host label `{member}` is not set, and the host prefix needs it"),
        )
    })?;
    if !is_host_label(value) {
        return Err(super::RequestError::new(
            operation,
            format!(
                "the host label `{member}` (`{}`) is not 1 to {MAX_LABEL_LEN} letters, digits \
                 and inner hyphens",
                value.escape_debug()
            ),
        ));
    }
    Ok(value.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regions_are_host_labels() {
        for region in [
            "us-east-1",
            "eu-central-2",
            "cn-north-1",
            "us-gov-west-1",
            "x",
        ] {
            assert_eq!(check_region(region), Ok(()), "{region}");
        }
        assert_eq!(check_region(&"a".repeat(63)), Ok(()));
        assert_eq!(check_region(""), Err(RegionError::Empty));
        assert_eq!(
            check_region(&"a".repeat(64)),
            Err(RegionError::TooLong { len: 64 })
        );
        assert_eq!(check_region("-us"), Err(RegionError::EdgeHyphen));
        assert_eq!(check_region("us-"), Err(RegionError::EdgeHyphen));
        for (region, found, offset) in [
            ("evil.com/x?", '.', 4),
            ("us-east-1/", '/', 9),
            ("us east", ' ', 2),
            ("us\r\n", '\r', 2),
            ("ü", 'ü', 0),
            ("a@b", '@', 1),
        ] {
            assert_eq!(
                check_region(region),
                Err(RegionError::Character { found, offset }),
                "{region:?}"
            );
        }
        let message = check_region("us\n").unwrap_err().to_string();
        assert_eq!(
            message,
            "the region must be a host label (it holds the control character U+000A at byte 2; \
             only letters, digits and hyphens are allowed)"
        );
    }

    #[test]
    fn endpoints_keep_scheme_host_port_path_and_query() {
        let cases = [
            ("https://example.com", "https://example.com", None),
            ("https://example.com/", "https://example.com", None),
            ("http://127.0.0.1:4566", "http://127.0.0.1:4566", None),
            ("http://[::1]:8080/base/", "http://[::1]:8080/base", None),
            (
                "https://h.example/a/b?x=1&y",
                "https://h.example/a/b",
                Some("x=1&y"),
            ),
            ("https://h.example/?", "https://h.example", None),
        ];
        for (text, base, query) in cases {
            let endpoint = EndpointUrl::parse(text).unwrap();
            assert_eq!((endpoint.base(), endpoint.query()), (base, query), "{text}");
        }
    }

    #[test]
    fn operation_paths_go_before_the_query() {
        let endpoint = EndpointUrl::parse("https://h.example/p?sig=abc").unwrap();
        assert_eq!(endpoint.url_for("/x"), "https://h.example/p/x?sig=abc");
        assert_eq!(
            endpoint.url_for("/x?a=1"),
            "https://h.example/p/x?sig=abc&a=1"
        );
        let plain = EndpointUrl::parse("https://h.example").unwrap();
        assert_eq!(plain.url_for("/x?a=1"), "https://h.example/x?a=1");
        assert_eq!(plain.url_for("/"), "https://h.example/");
        assert_eq!(plain.url_for("/x?"), "https://h.example/x");
    }

    #[test]
    fn hostile_endpoints_are_refused() {
        for (text, reason) in [
            ("https://user:pw@example.com/", "user info"),
            ("https://example.com@evil.com/", "user info"),
            ("https://example.com/#frag", "fragment"),
            ("ftp://example.com/", "scheme is `ftp`"),
            ("example.com", "no scheme"),
            ("/just/a/path", "no scheme"),
            ("https://exa_mple.com/", "host label `exa_mple`"),
            ("https://a..b/", "host label ``"),
            ("https://-a.com/", "host label `-a`"),
            ("http://[::zz]/", "IPv6"),
            ("http://h:99999/", "port `99999`"),
            ("http://h:0/", "port `0`"),
            ("http://h:/", "port ``"),
            ("https://h/a b", "not a URL"),
            ("https://h/\r\nX: y", "not a URL"),
            ("", "not a URL"),
        ] {
            let error = EndpointUrl::parse(text).unwrap_err();
            assert!(error.reason().contains(reason), "{text:?}: {error}");
        }
        let long = format!("https://{}.com/", vec!["a".repeat(60); 5].join("."));
        assert!(
            EndpointUrl::parse(&long)
                .unwrap_err()
                .reason()
                .contains("253")
        );
    }

    #[test]
    fn host_labels_must_be_set_and_be_one_label() {
        assert_eq!(
            host_label("Op", "AccountId", Some("123456789012")).unwrap(),
            "123456789012"
        );
        for value in ["evil.com", "a/b", "", "-a", "a b"] {
            let error = host_label("Op", "AccountId", Some(value)).unwrap_err();
            assert!(
                error.to_string().contains("the host label `AccountId`"),
                "{error}"
            );
        }
        let unset = host_label("Op", "AccountId", None).unwrap_err();
        assert!(unset.to_string().contains("is not set"), "{unset}");
    }
}
