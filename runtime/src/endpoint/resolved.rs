//! What resolution gives: an [`Endpoint`] or an [`EndpointError`].

use std::collections::HashMap;
use std::fmt;

use crate::document::Document;

/// A resolved endpoint: the URL to send the request to, headers to add, and properties
/// (notably `authSchemes`, how to sign).
#[derive(Clone, Debug, PartialEq)]
pub struct Endpoint {
    pub(crate) url: String,
    pub(crate) headers: Vec<(String, Vec<String>)>,
    pub(crate) properties: HashMap<String, Document>,
}

impl Endpoint {
    /// An endpoint that is just `url`: no headers, no properties (for a service without a
    /// rule set, called at the URL the user gave).
    pub fn from_url(url: String) -> Self {
        Endpoint {
            url,
            headers: Vec::new(),
            properties: Default::default(),
        }
    }

    /// The URL, for example `https://identitystore.us-east-1.amazonaws.com`.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// Headers to add to the request, each with its values, in rule order.
    pub fn headers(&self) -> &[(String, Vec<String>)] {
        &self.headers
    }

    /// The endpoint's properties; empty for most services.
    pub fn properties(&self) -> &HashMap<String, Document> {
        &self.properties
    }

    /// The signing schemes listed under `authSchemes`, in order of preference. Entries that
    /// are not objects with a string `name` are skipped.
    pub fn auth_schemes(&self) -> Vec<AuthScheme> {
        let Some(list) = self
            .properties
            .get("authSchemes")
            .and_then(Document::as_array)
        else {
            return Vec::new();
        };
        list.iter().filter_map(AuthScheme::from_document).collect()
    }
}

/// One entry of an endpoint's `authSchemes` property.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AuthScheme {
    /// `sigv4`, `sigv4a`, `sigv4-s3express`, ...
    pub name: String,
    /// The service name to sign with, when it differs from the model's.
    pub signing_name: Option<String>,
    /// The region to sign with (SigV4).
    pub signing_region: Option<String>,
    /// The regions to sign for (SigV4a); empty when not given.
    pub signing_region_set: Vec<String>,
    /// Whether the path must not be encoded a second time when signing.
    pub disable_double_encoding: Option<bool>,
}

impl AuthScheme {
    fn from_document(document: &Document) -> Option<AuthScheme> {
        let fields = document.as_object()?;
        let text = |key: &str| {
            fields
                .get(key)
                .and_then(Document::as_str)
                .map(str::to_string)
        };
        let signing_region_set = fields
            .get("signingRegionSet")
            .and_then(Document::as_array)
            .map(|regions| {
                regions
                    .iter()
                    .filter_map(Document::as_str)
                    .map(str::to_string)
                    .collect()
            })
            .unwrap_or_default();
        Some(AuthScheme {
            name: text("name")?,
            signing_name: text("signingName"),
            signing_region: text("signingRegion"),
            signing_region_set,
            disable_double_encoding: fields
                .get("disableDoubleEncoding")
                .and_then(Document::as_bool),
        })
    }
}

/// Why no endpoint could be resolved.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EndpointError {
    kind: EndpointErrorKind,
    message: String,
}

/// The kind of an [`EndpointError`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum EndpointErrorKind {
    /// An error rule matched; the message is the rule's, verbatim.
    Rule,
    /// No rule matched, at the top level or inside a tree rule.
    NoRuleMatched,
    /// A required parameter has no value.
    MissingParameter,
    /// A parameter value has the wrong type.
    InvalidParameter,
    /// A matched rule referred to a value it could not use (for example an unset one in its
    /// URL template).
    InvalidRule,
}

impl EndpointError {
    pub(crate) fn rule(message: String) -> Self {
        EndpointError {
            kind: EndpointErrorKind::Rule,
            message,
        }
    }

    pub(crate) fn no_rule_matched() -> Self {
        EndpointError {
            kind: EndpointErrorKind::NoRuleMatched,
            message: "no rule matched the endpoint parameters".to_string(),
        }
    }

    pub(crate) fn missing_parameter(name: &str) -> Self {
        EndpointError {
            kind: EndpointErrorKind::MissingParameter,
            message: format!("the endpoint parameter `{name}` is required but has no value"),
        }
    }

    pub(crate) fn invalid_parameter(name: &str, expected: &str, found: &str) -> Self {
        EndpointError {
            kind: EndpointErrorKind::InvalidParameter,
            message: format!("the endpoint parameter `{name}` must be a {expected}, not a {found}"),
        }
    }

    pub(crate) fn missing_rule_set(service: &str) -> Self {
        EndpointError {
            kind: EndpointErrorKind::MissingParameter,
            message: format!(
                "the {service} service has no endpoint rule set; give an endpoint URL"
            ),
        }
    }

    pub(crate) fn invalid_rule(what: &str) -> Self {
        EndpointError {
            kind: EndpointErrorKind::InvalidRule,
            message: what.to_string(),
        }
    }

    /// The message: an error rule's text verbatim, or a description of what went wrong.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// What kind of failure this is.
    pub fn kind(&self) -> EndpointErrorKind {
        self.kind
    }
}

impl fmt::Display for EndpointError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for EndpointError {}

#[cfg(test)]
mod tests {
    use super::*;

    fn object(entries: Vec<(&str, Document)>) -> Document {
        Document::from(
            entries
                .into_iter()
                .map(|(key, value)| (key.to_string(), value))
                .collect::<HashMap<_, _>>(),
        )
    }

    #[test]
    fn auth_schemes_read_the_property() {
        let schemes = Document::from(vec![
            object(vec![
                ("name", Document::from("sigv4a")),
                ("signingName", Document::from("s3")),
                (
                    "signingRegionSet",
                    Document::from(vec![Document::from("*")]),
                ),
                ("disableDoubleEncoding", Document::from(true)),
            ]),
            object(vec![
                ("name", Document::from("sigv4")),
                ("signingRegion", Document::from("us-east-1")),
            ]),
            Document::from("not a scheme"),
        ]);
        let endpoint = Endpoint {
            url: "https://example.com".to_string(),
            headers: Vec::new(),
            properties: HashMap::from([("authSchemes".to_string(), schemes)]),
        };
        let schemes = endpoint.auth_schemes();
        assert_eq!(schemes.len(), 2);
        assert_eq!(schemes[0].name, "sigv4a");
        assert_eq!(schemes[0].signing_name.as_deref(), Some("s3"));
        assert_eq!(schemes[0].signing_region_set, ["*"]);
        assert_eq!(schemes[0].disable_double_encoding, Some(true));
        assert_eq!(schemes[1].signing_region.as_deref(), Some("us-east-1"));
        assert!(schemes[1].signing_region_set.is_empty());
    }
}
