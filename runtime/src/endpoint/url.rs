//! `parseURL`: the parts of an `http` or `https` URL that endpoint rules use.

use std::net::{Ipv4Addr, Ipv6Addr};

/// A URL accepted by `parseURL`.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Url<'s> {
    pub(crate) scheme: &'s str,
    /// Host and port as written (an explicit port is kept).
    pub(crate) authority: &'s str,
    /// The path as written: `""` when there is none.
    pub(crate) path: &'s str,
    /// The path starting and ending with `/`.
    pub(crate) normalized_path: String,
    /// Whether the host is an IPv4 or a bracketed IPv6 address.
    pub(crate) is_ip: bool,
}

/// Parses `scheme://authority[/path]`. Unset for another scheme, a query or fragment, user
/// information, a malformed host or port, whitespace, control or non-ASCII characters.
pub(crate) fn parse_url(value: &str) -> Option<Url<'_>> {
    if !value.bytes().all(|byte| byte.is_ascii_graphic()) {
        return None;
    }
    let (scheme, rest) = value.split_once("://")?;
    if scheme != "http" && scheme != "https" {
        return None;
    }
    if rest.contains(['?', '#']) {
        return None;
    }
    let (authority, path) = match rest.find('/') {
        Some(slash) => rest.split_at(slash),
        None => (rest, ""),
    };
    let is_ip = check_authority(authority)?;
    let mut normalized_path = String::with_capacity(path.len() + 2);
    if !path.starts_with('/') {
        normalized_path.push('/');
    }
    normalized_path.push_str(path);
    if !normalized_path.ends_with('/') {
        normalized_path.push('/');
    }
    Some(Url {
        scheme,
        authority,
        path,
        normalized_path,
        is_ip,
    })
}

/// Checks `host[:port]`, returning whether the host is an IP address.
fn check_authority(authority: &str) -> Option<bool> {
    let (host, port) = if let Some(bracketed) = authority.strip_prefix('[') {
        let (address, after) = bracketed.split_once(']')?;
        address.parse::<Ipv6Addr>().ok()?;
        let port = match after {
            "" => None,
            _ => Some(after.strip_prefix(':')?),
        };
        (None, port)
    } else {
        match authority.split_once(':') {
            Some((host, port)) => (Some(host), Some(port)),
            None => (Some(authority), None),
        }
    };
    if let Some(port) = port {
        if port.is_empty() || port.len() > 5 || !port.bytes().all(|byte| byte.is_ascii_digit()) {
            return None;
        }
        port.parse::<u16>().ok()?;
    }
    match host {
        None => Some(true),
        Some(host) => {
            let forbidden = |byte: u8| {
                matches!(
                    byte,
                    b'@' | b'['
                        | b']'
                        | b'\\'
                        | b'%'
                        | b'<'
                        | b'>'
                        | b'^'
                        | b'|'
                        | b'"'
                        | b'`'
                        | b'{'
                        | b'}'
                )
            };
            if host.is_empty() || host.bytes().any(forbidden) {
                return None;
            }
            Some(host.parse::<Ipv4Addr>().is_ok())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(value: &str) -> (String, String, String, String, bool) {
        let url = parse_url(value).unwrap_or_else(|| panic!("{value} should parse"));
        (
            url.scheme.into(),
            url.authority.into(),
            url.path.into(),
            url.normalized_path,
            url.is_ip,
        )
    }

    #[test]
    fn urls_split_into_their_parts() {
        assert_eq!(
            parts("https://authority.com/custom-path"),
            (
                "https".into(),
                "authority.com".into(),
                "/custom-path".into(),
                "/custom-path/".into(),
                false
            )
        );
        assert_eq!(parts("https://authority.com").2, "");
        assert_eq!(parts("https://authority.com").3, "/");
        assert_eq!(parts("https://authority.com/").2, "/");
        assert_eq!(
            parts("http://authority.com:8000/port").1,
            "authority.com:8000"
        );
        assert_eq!(parts("http://99_ab-.com").1, "99_ab-.com");
        assert!(parts("http://192.168.1.1:1234/foo/").4);
        assert_eq!(parts("http://192.168.1.1/foo/").3, "/foo/");
        let ipv6 = parts("https://[2001:db8:85a3:8d3:1319:8a2e:370:7348]:443");
        assert_eq!(ipv6.1, "[2001:db8:85a3:8d3:1319:8a2e:370:7348]:443");
        assert!(ipv6.4);
        assert!(!parts("https://999.999.abc.blah").4);
    }

    #[test]
    fn other_urls_are_rejected() {
        for bad in [
            "acbd://example.com",
            "http://abc.com:a/foo",
            "https://example.com/path?query1=foo",
            "https://example.com#frag",
            "https://user@example.com",
            "https://",
            "https://exa mple.com",
            "https://[::1",
            "https://[zz]",
            "https://example.com:99999",
            "example.com",
        ] {
            assert_eq!(parse_url(bad), None, "{bad}");
        }
    }
}
