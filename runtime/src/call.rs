//! From an operation's input to the request that goes on the wire: endpoint parameters from
//! the client's settings and the input, endpoint resolution with the service's rule set, the
//! request built at that endpoint (host prefix, endpoint query and headers included), and the
//! SigV4 parameters the endpoint asks for.
//!
//! The `anvil` command uses these today; the client builds each attempt with them too.

use std::fmt;
use std::time::SystemTime;

use crate::endpoint::{BuiltIns, Endpoint, EndpointError, Params, Partitions, RuleSet};
use crate::operation::Operation;
use crate::request_body::{CompressionConfig, finish_body};
use crate::sign::{EndpointAuthScheme, SigningParams};
use crate::wire::{EndpointUrl, EndpointUrlError, RequestError};

/// What every operation of a service shares: names, the endpoint rule set and the
/// partitions table. Generated crates publish one per service (`<service>::SERVICE`).
#[derive(Clone, Copy, Debug)]
pub struct ServiceInfo {
    /// The service's module in the generated crate, e.g. `identitystore`.
    pub name: &'static str,
    /// The name to sign requests for (`aws.auth#sigv4`), unless the endpoint says otherwise;
    /// `None` when the service does not use SigV4.
    pub signing_name: Option<&'static str>,
    /// The parsed endpoint rule set; `None` for a model without one (then the caller must
    /// give an endpoint URL).
    pub rule_set: Option<fn() -> &'static RuleSet>,
    /// The partitions table the rule set is evaluated with.
    pub partitions: Option<fn() -> &'static Partitions>,
}

/// Client settings that shape a request: the built-in endpoint parameters (region, FIPS,
/// dual-stack, endpoint URL...) and whether host prefixes are applied.
#[derive(Clone, Debug)]
pub struct CallSettings {
    /// Values for the rule set's built-in parameters.
    pub built_ins: BuiltIns,
    /// Whether an operation's `hostPrefix` is put in front of the endpoint's host
    /// (on unless the user turns it off).
    pub host_prefix: bool,
    /// When `@requestCompression` operations gzip their bodies.
    pub compression: CompressionConfig,
}

impl CallSettings {
    /// Settings with these built-ins, host prefixes on and the default compression.
    pub fn new(built_ins: BuiltIns) -> Self {
        Self {
            built_ins,
            host_prefix: true,
            compression: CompressionConfig::default(),
        }
    }
}

/// Why no request could be made.
#[derive(Clone, Debug, PartialEq)]
pub enum CallError {
    /// The endpoint rules gave an error (for example FIPS where a partition has none) or
    /// the parameters do not fit them.
    Endpoint(EndpointError),
    /// The resolved endpoint, or the endpoint with its host prefix, is not a usable URL.
    EndpointUrl(EndpointUrlError),
    /// The input cannot be put on the wire.
    Request(RequestError),
}

impl fmt::Display for CallError {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Endpoint(error) => write!(formatter, "cannot resolve the endpoint: {error}"),
            Self::EndpointUrl(error) => write!(formatter, "the endpoint URL: {error}"),
            Self::Request(error) => error.fmt(formatter),
        }
    }
}

impl std::error::Error for CallError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Endpoint(error) => Some(error),
            Self::EndpointUrl(error) => Some(error),
            Self::Request(error) => Some(error),
        }
    }
}

impl From<EndpointError> for CallError {
    fn from(error: EndpointError) -> Self {
        Self::Endpoint(error)
    }
}

impl From<EndpointUrlError> for CallError {
    fn from(error: EndpointUrlError) -> Self {
        Self::EndpointUrl(error)
    }
}

impl From<RequestError> for CallError {
    fn from(error: RequestError) -> Self {
        Self::Request(error)
    }
}

/// Resolves the endpoint of `service` for these built-ins and operation parameters.
///
/// A service without a rule set can only be called at an endpoint URL the user gives
/// (the `SDK::Endpoint` built-in).
pub fn resolve_service_endpoint(
    service: &ServiceInfo,
    built_ins: &BuiltIns,
    bind: impl FnOnce(&mut Params),
) -> Result<Endpoint, EndpointError> {
    let (Some(rule_set), Some(partitions)) = (service.rule_set, service.partitions) else {
        return match built_ins.get(crate::endpoint::ENDPOINT) {
            Some(crate::endpoint::Value::String(url)) => Ok(Endpoint::from_url(url.clone())),
            _ => Err(EndpointError::missing_rule_set(service.name)),
        };
    };
    let rule_set = rule_set();
    let mut params = Params::with_built_ins(rule_set, built_ins);
    bind(&mut params);
    rule_set.resolve(&params, partitions())
}

/// Resolves `input`'s endpoint and builds its request there: the operation's host prefix
/// (unless turned off) goes in front of the host, the endpoint's query before the
/// operation's, and the endpoint's headers are added; then the body is compressed and
/// checksummed as the operation asks ([`finish_body`]). The request is not signed.
pub fn prepare_call<O: Operation>(
    input: &O::Input,
    settings: &CallSettings,
) -> Result<(http::Request<Vec<u8>>, Endpoint), CallError> {
    let endpoint = resolve_service_endpoint(O::SERVICE, &settings.built_ins, |params| {
        O::endpoint_params(input, params)
    })?;
    let mut url = EndpointUrl::parse(endpoint.url())?;
    if settings.host_prefix
        && let Some(prefix) = O::host_prefix(input)?
    {
        url = url.with_host_prefix(&prefix)?;
    }
    let mut request = O::build_request(input, url.base())?;
    if url.query().is_some() {
        let built = request.uri().to_string();
        let path_and_query = built.strip_prefix(url.base()).ok_or_else(|| {
            RequestError::new(O::NAME, "the request URL does not start with its endpoint")
        })?;
        let full = url.url_for(path_and_query);
        *request.uri_mut() = full.parse().map_err(|error| {
            RequestError::new(
                O::NAME,
                format!("the URL with the endpoint's query: {error}"),
            )
        })?;
    }
    for (name, values) in endpoint.headers() {
        let name = http::HeaderName::from_bytes(name.as_bytes()).map_err(|_| {
            RequestError::new(
                O::NAME,
                format!("the endpoint header name `{name}` is invalid"),
            )
        })?;
        for value in values {
            let value = http::HeaderValue::from_str(value).map_err(|_| {
                RequestError::new(O::NAME, format!("the endpoint header `{name}` is invalid"))
            })?;
            request.headers_mut().append(name.clone(), value);
        }
    }
    finish_body::<O>(&mut request, &settings.compression)?;
    Ok((request, endpoint))
}

/// The SigV4 settings of a request to `endpoint`: the endpoint's `sigv4` auth scheme (its
/// signing name, region and double-encoding flag) over the service's signing name and the
/// configured region.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SigningPlan {
    signing_name: String,
    signing_region: String,
    disable_double_encoding: Option<bool>,
}

impl SigningPlan {
    /// The plan for `service` at `endpoint` with the client's `region`. An error names what
    /// is missing: a service without SigV4, or an endpoint that asks only for auth schemes
    /// Anvil does not sign with (such as `sigv4a`).
    pub fn new(service: &ServiceInfo, endpoint: &Endpoint, region: &str) -> Result<Self, String> {
        let schemes = endpoint.auth_schemes();
        let scheme = schemes.iter().find(|scheme| scheme.name == "sigv4");
        if scheme.is_none() && !schemes.is_empty() {
            let names: Vec<&str> = schemes.iter().map(|scheme| scheme.name.as_str()).collect();
            return Err(format!(
                "the endpoint asks for the auth schemes {names:?}; Anvil signs with sigv4 only"
            ));
        }
        let service_name = service.signing_name.ok_or_else(|| {
            format!(
                "the {} service has no `aws.auth#sigv4` trait; its requests cannot be signed",
                service.name
            )
        })?;
        let auth = scheme.map(|scheme| EndpointAuthScheme {
            signing_name: scheme.signing_name.as_deref(),
            signing_region: scheme.signing_region.as_deref(),
            disable_double_encoding: scheme.disable_double_encoding,
        });
        let params =
            SigningParams::from_parts(service_name, region, auth.as_ref(), SystemTime::UNIX_EPOCH);
        Ok(Self {
            signing_name: params.signing_name.to_string(),
            signing_region: params.signing_region.to_string(),
            disable_double_encoding: auth.and_then(|auth| auth.disable_double_encoding),
        })
    }

    /// The signing name, e.g. `datazone`.
    pub fn signing_name(&self) -> &str {
        &self.signing_name
    }

    /// The signing region.
    pub fn signing_region(&self) -> &str {
        &self.signing_region
    }

    /// The signer's parameters for a request signed at `time`.
    pub fn params(&self, time: SystemTime) -> SigningParams<'_> {
        let scheme = EndpointAuthScheme {
            signing_name: Some(&self.signing_name),
            signing_region: Some(&self.signing_region),
            disable_double_encoding: self.disable_double_encoding,
        };
        SigningParams::from_parts(
            &self.signing_name,
            &self.signing_region,
            Some(&scheme),
            time,
        )
    }
}

#[cfg(test)]
mod tests {
    use std::sync::OnceLock;

    use super::*;
    use crate::UnhandledError;

    const RULES: &str = r#"{"version": "1.0",
        "parameters": {
            "Region": {"type": "String", "builtIn": "AWS::Region", "required": true},
            "Bucket": {"type": "String", "required": false}
        },
        "rules": [
            {"conditions": [{"fn": "isSet", "argv": [{"ref": "Bucket"}]}],
             "endpoint": {"url": "https://{Bucket}.{Region}.example.com/base?tenant=7",
                          "headers": {"x-tenant": ["7"]},
                          "properties": {"authSchemes": [{"name": "sigv4",
                              "signingName": "blobs", "signingRegion": "us-east-2"}]}},
             "type": "endpoint"},
            {"conditions": [], "error": "a bucket is needed", "type": "error"}
        ]}"#;
    const PARTITIONS: &str = r#"{"partitions": [{"id": "aws", "regionRegex": "^us\\-\\w+\\-\\d+$",
        "regions": {}, "outputs": {"name": "aws", "dnsSuffix": "amazonaws.com",
        "dualStackDnsSuffix": "api.aws", "supportsFIPS": true, "supportsDualStack": true,
        "implicitGlobalRegion": "us-east-1"}}]}"#;

    fn rule_set() -> &'static RuleSet {
        static RULE_SET: OnceLock<RuleSet> = OnceLock::new();
        RULE_SET.get_or_init(|| RuleSet::from_json(RULES).unwrap())
    }

    fn partitions() -> &'static Partitions {
        static TABLE: OnceLock<Partitions> = OnceLock::new();
        TABLE.get_or_init(|| Partitions::from_json(PARTITIONS).unwrap())
    }

    const SERVICE: ServiceInfo = ServiceInfo {
        name: "blobs",
        signing_name: Some("blob-store"),
        rule_set: Some(rule_set),
        partitions: Some(partitions),
    };

    /// An operation whose input is (bucket, account): the bucket is a context parameter,
    /// the account a host label.
    struct PutBlob;

    impl Operation for PutBlob {
        type Input = (Option<String>, Option<String>);
        type Output = ();
        type Error = UnhandledError;
        const NAME: &'static str = "PutBlob";
        const SERVICE: &'static ServiceInfo = &SERVICE;

        fn validate(_input: &Self::Input) -> Result<(), crate::ValidationError> {
            Ok(())
        }

        fn endpoint_params(input: &Self::Input, params: &mut Params) {
            if let Some(bucket) = &input.0 {
                params.insert("Bucket", bucket.clone());
            }
        }

        fn host_prefix(input: &Self::Input) -> Result<Option<String>, RequestError> {
            let account = crate::wire::host_label(Self::NAME, "Account", input.1.as_deref())?;
            Ok(Some(format!("{account}.")))
        }

        fn build_request(
            _input: &Self::Input,
            endpoint_url: &str,
        ) -> Result<http::Request<Vec<u8>>, RequestError> {
            crate::wire::RequestBuilder::new(Self::NAME, "PUT", format!("{endpoint_url}/blob?x=1"))
                .build()
        }

        fn parse_response(_: &http::Response<Vec<u8>>) -> Result<(), UnhandledError> {
            Ok(())
        }
    }

    fn settings() -> CallSettings {
        CallSettings::new(BuiltIns::new().region("us-west-2"))
    }

    #[test]
    fn context_params_host_prefix_query_and_headers_shape_the_request() {
        let input = (Some("photos".to_string()), Some("123456789012".to_string()));
        let (request, endpoint) = prepare_call::<PutBlob>(&input, &settings()).unwrap();
        assert_eq!(
            request.uri().to_string(),
            "https://123456789012.photos.us-west-2.example.com/base/blob?tenant=7&x=1"
        );
        assert_eq!(request.headers()["x-tenant"], "7");

        let mut no_prefix = settings();
        no_prefix.host_prefix = false;
        let (request, _) = prepare_call::<PutBlob>(&input, &no_prefix).unwrap();
        assert!(
            request
                .uri()
                .to_string()
                .starts_with("https://photos.us-west-2")
        );

        let plan = SigningPlan::new(&SERVICE, &endpoint, "us-west-2").unwrap();
        assert_eq!(
            (plan.signing_name(), plan.signing_region()),
            ("blobs", "us-east-2")
        );
    }

    #[test]
    fn rule_errors_and_bad_host_labels_are_call_errors() {
        let error =
            prepare_call::<PutBlob>(&(None, Some("1".to_string())), &settings()).unwrap_err();
        assert_eq!(
            error.to_string(),
            "cannot resolve the endpoint: a bucket is needed"
        );
        let input = (Some("photos".to_string()), Some("evil.com/".to_string()));
        let error = prepare_call::<PutBlob>(&input, &settings()).unwrap_err();
        assert!(matches!(error, CallError::Request(_)), "{error}");
        assert!(
            error.to_string().contains("the host label `Account`"),
            "{error}"
        );
    }

    #[test]
    fn a_service_without_rules_needs_an_endpoint_url() {
        let service = ServiceInfo {
            rule_set: None,
            partitions: None,
            ..SERVICE
        };
        let error = resolve_service_endpoint(&service, &BuiltIns::new(), |_| {}).unwrap_err();
        assert!(error.message().contains("give an endpoint URL"), "{error}");
        let endpoint = resolve_service_endpoint(
            &service,
            &BuiltIns::new().endpoint("http://localhost:1"),
            |_| {},
        )
        .unwrap();
        assert_eq!(endpoint.url(), "http://localhost:1");
    }
}
