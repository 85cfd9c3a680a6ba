//! Wire protocol facts in Rust terms: the service's protocol, each operation's HTTP
//! binding (restJson1), and where each member travels.

use crate::model::{HttpTrait, Member, Model, Protocol, TimestampFormat, Traits};

/// The protocol traits Anvil builds requests for.
pub const SUPPORTED_PROTOCOLS: [&str; 3] = [
    "aws.protocols#awsJson1_0",
    "aws.protocols#awsJson1_1",
    "aws.protocols#restJson1",
];

/// The service's wire protocol.
#[derive(Clone, Debug, PartialEq)]
pub enum ProtocolIr {
    /// `awsJson1_0` / `awsJson1_1`: `POST /`, the operation in `X-Amz-Target`.
    AwsJson {
        /// `application/x-amz-json-1.0` or `-1.1`.
        content_type: String,
        /// The service shape's name, the first half of `X-Amz-Target`.
        target_prefix: String,
        /// `@awsQueryCompatible`: requests say so with `x-amzn-query-mode: true`.
        query_compatible: bool,
    },
    /// `restJson1`: HTTP bindings.
    RestJson1,
}

impl ProtocolIr {
    /// The protocol for a service shape, if Anvil speaks it (`query_compatible`: the
    /// service has `@awsQueryCompatible`).
    pub fn of(
        protocol: Option<Protocol>,
        service_name: &str,
        query_compatible: bool,
    ) -> Option<Self> {
        let aws_json = |version: &str| Self::AwsJson {
            content_type: format!("application/x-amz-json-{version}"),
            target_prefix: service_name.to_string(),
            query_compatible,
        };
        match protocol? {
            Protocol::AwsJson1_0 => Some(aws_json("1.0")),
            Protocol::AwsJson1_1 => Some(aws_json("1.1")),
            Protocol::RestJson1 => Some(Self::RestJson1),
        }
    }

    /// Whether HTTP binding traits apply.
    pub fn is_rest(&self) -> bool {
        matches!(self, Self::RestJson1)
    }
}

/// The protocol traits a service shape carries, by trait id.
pub fn declared_protocols(traits: &Traits) -> Vec<String> {
    traits
        .raw
        .keys()
        .filter(|id| id.starts_with("aws.protocols#") || id.starts_with("smithy.protocols#"))
        .cloned()
        .collect()
}

/// Where a member travels (restJson1; every awsJson member is in the body).
#[derive(Clone, Debug, PartialEq)]
pub enum Location {
    /// A key of the JSON body.
    Body,
    /// A URI label.
    Label {
        /// `{Name+}`: keeps `/`.
        greedy: bool,
    },
    /// A query parameter with this name.
    Query(String),
    /// A map whose entries are query parameters.
    QueryParams,
    /// A header with this name.
    Header(String),
    /// A map whose entries are headers with this prefix.
    PrefixHeaders(String),
    /// The whole body.
    Payload,
    /// The HTTP status code (output).
    ResponseCode,
}

/// How a timestamp is written in one place.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TimestampWire {
    /// RFC 3339.
    DateTime,
    /// IMF-fixdate.
    HttpDate,
    /// Epoch seconds.
    EpochSeconds,
}

/// One piece of a URI path.
#[derive(Clone, Debug, PartialEq)]
pub enum UriPart {
    /// Text as written.
    Literal(String),
    /// A member's value.
    Label {
        /// The member name.
        member_name: String,
        /// `{Name+}`.
        greedy: bool,
    },
}

/// An operation's `@http` binding.
#[derive(Clone, Debug, PartialEq)]
pub struct HttpIr {
    /// Method.
    pub method: String,
    /// Path pieces.
    pub path: Vec<UriPart>,
    /// Literal query parameters from the URI (`?a=b&c`).
    pub query_literals: Vec<(String, Option<String>)>,
    /// Success status code.
    pub code: u16,
}

impl HttpIr {
    /// Splits the URI pattern into path pieces and literal query parameters.
    pub fn of(http: &HttpTrait) -> Self {
        let (path_text, query_text) = match http.uri.split_once('?') {
            Some((path, query)) => (path, Some(query)),
            None => (http.uri.as_str(), None),
        };
        let mut path = Vec::new();
        let mut rest = path_text;
        while let Some(start) = rest.find('{') {
            if start > 0 {
                path.push(UriPart::Literal(rest[..start].to_string()));
            }
            let Some(end) = rest[start..].find('}') else {
                break;
            };
            let label = &rest[start + 1..start + end];
            let (member_name, greedy) = match label.strip_suffix('+') {
                Some(name) => (name.to_string(), true),
                None => (label.to_string(), false),
            };
            path.push(UriPart::Label {
                member_name,
                greedy,
            });
            rest = &rest[start + end + 1..];
        }
        if !rest.is_empty() {
            path.push(UriPart::Literal(rest.to_string()));
        }
        let query_literals = query_text
            .into_iter()
            .flat_map(|query| query.split('&'))
            .filter(|pair| !pair.is_empty())
            .map(|pair| match pair.split_once('=') {
                Some((key, value)) => (key.to_string(), Some(value.to_string())),
                None => (pair.to_string(), None),
            })
            .collect();
        Self {
            method: http.method.clone(),
            path,
            query_literals,
            code: http.code,
        }
    }
}

/// Where a member travels. HTTP bindings apply to an operation's input and output and to
/// errors under restJson1 (`bound`); under the JSON RPC protocols only an error's header
/// members are read from headers (`Retry-After`, say), everything else is in the body.
/// Label and query bindings mean something on an `input` only: elsewhere the member is
/// where it would be without them.
pub fn member_location(
    traits: &Traits,
    rest: bool,
    bound: bool,
    error: bool,
    input: bool,
) -> Location {
    if !rest {
        return match (&traits.http_header, error) {
            (Some(name), true) => Location::Header(name.clone()),
            _ => Location::Body,
        };
    }
    if !bound {
        return Location::Body;
    }
    if traits.http_label && input {
        Location::Label { greedy: false }
    } else if let Some(name) = traits.http_query.as_ref().filter(|_| input) {
        Location::Query(name.clone())
    } else if traits.http_query_params && input {
        Location::QueryParams
    } else if let Some(name) = &traits.http_header {
        Location::Header(name.clone())
    } else if let Some(prefix) = &traits.http_prefix_headers {
        Location::PrefixHeaders(prefix.clone())
    } else if traits.http_payload {
        Location::Payload
    } else if traits.http_response_code {
        Location::ResponseCode
    } else {
        Location::Body
    }
}

/// The member's timestamp format where it is written: the member's trait, else the
/// target's, else the default of its location.
pub fn timestamp_wire(model: &Model, member: &Member, location: &Location) -> TimestampWire {
    let target = model.shape(&member.target);
    let explicit = member
        .traits
        .timestamp_format
        .or_else(|| target.and_then(|shape| shape.traits.timestamp_format));
    match explicit {
        Some(TimestampFormat::DateTime) => TimestampWire::DateTime,
        Some(TimestampFormat::HttpDate) => TimestampWire::HttpDate,
        Some(TimestampFormat::EpochSeconds) => TimestampWire::EpochSeconds,
        None => match location {
            Location::Header(_) | Location::PrefixHeaders(_) => TimestampWire::HttpDate,
            Location::Label { .. } | Location::Query(_) | Location::QueryParams => {
                TimestampWire::DateTime
            }
            _ => TimestampWire::EpochSeconds,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_uri_patterns() {
        let http = HttpIr::of(&HttpTrait {
            method: "GET".into(),
            uri: "/v2/domains/{domainIdentifier}/objects/{Key+}?list-type=2&flag".into(),
            code: 200,
        });
        assert_eq!(
            http.path,
            [
                UriPart::Literal("/v2/domains/".into()),
                UriPart::Label {
                    member_name: "domainIdentifier".into(),
                    greedy: false
                },
                UriPart::Literal("/objects/".into()),
                UriPart::Label {
                    member_name: "Key".into(),
                    greedy: true
                },
            ]
        );
        assert_eq!(
            http.query_literals,
            [
                ("list-type".to_string(), Some("2".to_string())),
                ("flag".to_string(), None)
            ]
        );
    }
}
