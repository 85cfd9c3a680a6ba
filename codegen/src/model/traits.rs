//! Typed views of the traits codegen uses; every trait is also kept raw.

use serde_json::{Map, Value};

use super::node::{NodeValue, json_kind};

/// Where an enum value came from and what it is.
#[derive(Clone, Debug, PartialEq)]
pub enum EnumValue {
    /// `smithy.api#enumValue` on an `enum` member.
    String(String),
    /// `smithy.api#enumValue` on an `intEnum` member.
    Int(i64),
}

/// One entry of the legacy `smithy.api#enum` trait on a string shape.
#[derive(Clone, Debug, PartialEq)]
pub struct LegacyEnumEntry {
    /// The wire value.
    pub value: String,
    /// The optional symbolic name.
    pub name: Option<String>,
    /// Optional documentation.
    pub documentation: Option<String>,
    /// Whether the value is deprecated.
    pub deprecated: bool,
}

/// Inclusive bounds of `@length` or `@range`; numbers kept as written.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Bounds {
    /// Lower bound, if any.
    pub min: Option<String>,
    /// Upper bound, if any.
    pub max: Option<String>,
}

/// `smithy.api#error`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorFault {
    /// The caller is at fault.
    Client,
    /// The service is at fault.
    Server,
}

/// `smithy.api#deprecated`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Deprecated {
    /// Why, or what to use instead.
    pub message: Option<String>,
    /// Since when.
    pub since: Option<String>,
}

/// `smithy.api#retryable`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Retryable {
    /// The error means the caller is being throttled.
    pub throttling: bool,
}

/// `aws.api#service`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct AwsService {
    /// The SDK id, e.g. `identitystore`.
    pub sdk_id: String,
    /// The endpoint prefix, e.g. `identitystore`.
    pub endpoint_prefix: Option<String>,
}

/// The wire protocols Anvil knows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Protocol {
    /// `aws.protocols#awsJson1_0`.
    AwsJson1_0,
    /// `aws.protocols#awsJson1_1`.
    AwsJson1_1,
    /// `aws.protocols#restJson1`.
    RestJson1,
}

/// `smithy.api#http`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HttpTrait {
    /// Method, e.g. `PUT`.
    pub method: String,
    /// URI pattern, e.g. `/v2/domains/{domainIdentifier}/user-profiles/{userIdentifier}`.
    pub uri: String,
    /// Success status code.
    pub code: u16,
}

/// `smithy.api#timestampFormat`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TimestampFormat {
    /// RFC 3339 (`date-time`).
    DateTime,
    /// IMF-fixdate (`http-date`).
    HttpDate,
    /// Seconds since the epoch (`epoch-seconds`).
    EpochSeconds,
}

/// The traits on a shape or member.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Traits {
    /// Documentation text (HTML or plain).
    pub documentation: Option<String>,
    /// `@required`.
    pub required: bool,
    /// `@sensitive`.
    pub sensitive: bool,
    /// `@clientOptional`.
    pub client_optional: bool,
    /// `@sparse`.
    pub sparse: bool,
    /// `@uniqueItems`.
    pub unique_items: bool,
    /// `@input`.
    pub input: bool,
    /// `@output`.
    pub output: bool,
    /// `@idempotencyToken`.
    pub idempotency_token: bool,
    /// `@default`; `Some(NodeValue::Null)` when the model explicitly removes a default.
    pub default: Option<NodeValue>,
    /// `@enumValue`.
    pub enum_value: Option<EnumValue>,
    /// Legacy `@enum` on a string shape.
    pub legacy_enum: Option<Vec<LegacyEnumEntry>>,
    /// `@error`.
    pub error: Option<ErrorFault>,
    /// `@length`.
    pub length: Option<Bounds>,
    /// `@range`.
    pub range: Option<Bounds>,
    /// `@pattern`.
    pub pattern: Option<String>,
    /// `@deprecated`.
    pub deprecated: Option<Deprecated>,
    /// `@retryable`.
    pub retryable: Option<Retryable>,
    /// `aws.api#service`.
    pub aws_service: Option<AwsService>,
    /// The protocol trait, if any.
    pub protocol: Option<Protocol>,
    /// `@http` on an operation.
    pub http: Option<HttpTrait>,
    /// `@httpLabel`.
    pub http_label: bool,
    /// `@httpQuery` name.
    pub http_query: Option<String>,
    /// `@httpQueryParams`.
    pub http_query_params: bool,
    /// `@httpHeader` name.
    pub http_header: Option<String>,
    /// `@httpPrefixHeaders` prefix.
    pub http_prefix_headers: Option<String>,
    /// `@httpPayload`.
    pub http_payload: bool,
    /// `@httpResponseCode`.
    pub http_response_code: bool,
    /// `@httpError` status code.
    pub http_error: Option<u16>,
    /// `@jsonName`.
    pub json_name: Option<String>,
    /// `@timestampFormat`.
    pub timestamp_format: Option<TimestampFormat>,
    /// `@mediaType`.
    pub media_type: Option<String>,
    /// `@requestCompression` encodings, in the model's order of preference.
    pub request_compression: Option<Vec<String>>,
    /// `@httpChecksumRequired`.
    pub http_checksum_required: bool,
    /// Every trait as written, in order, including the typed ones.
    pub raw: Map<String, Value>,
}

impl Traits {
    /// Reads a `traits` object. Problems are pushed to `problems` as `(json path, message)`;
    /// a trait with a wrong value is left unset and the rest are still read.
    pub fn parse(value: &Value, path: &str, problems: &mut Vec<(String, String)>) -> Self {
        let Some(object) = value.as_object() else {
            problems.push((
                path.to_string(),
                format!("expected an object, found {}", json_kind(value)),
            ));
            return Self::default();
        };
        let mut traits = Self {
            raw: object.clone(),
            ..Self::default()
        };
        for (trait_id, trait_value) in object {
            let trait_path = format!("{path}[\"{trait_id}\"]");
            let mut reader = TraitReader {
                path: &trait_path,
                value: trait_value,
                problems,
            };
            match trait_id.as_str() {
                "smithy.api#documentation" => traits.documentation = reader.string(),
                "smithy.api#required" => traits.required = reader.annotation(),
                "smithy.api#sensitive" => traits.sensitive = reader.annotation(),
                "smithy.api#clientOptional" => traits.client_optional = reader.annotation(),
                "smithy.api#sparse" => traits.sparse = reader.annotation(),
                "smithy.api#uniqueItems" => traits.unique_items = reader.annotation(),
                "smithy.api#input" => traits.input = reader.annotation(),
                "smithy.api#output" => traits.output = reader.annotation(),
                "smithy.api#idempotencyToken" => traits.idempotency_token = reader.annotation(),
                "smithy.api#default" => traits.default = Some(NodeValue::from_json(trait_value)),
                "smithy.api#enumValue" => traits.enum_value = reader.enum_value(),
                "smithy.api#enum" => traits.legacy_enum = reader.legacy_enum(),
                "smithy.api#error" => traits.error = reader.error_fault(),
                "smithy.api#length" => traits.length = reader.bounds(),
                "smithy.api#range" => traits.range = reader.bounds(),
                "smithy.api#pattern" => traits.pattern = reader.string(),
                "smithy.api#deprecated" => traits.deprecated = reader.deprecated(),
                "smithy.api#retryable" => traits.retryable = reader.retryable(),
                "aws.api#service" => traits.aws_service = reader.aws_service(),
                "aws.protocols#awsJson1_0" => traits.protocol = Some(Protocol::AwsJson1_0),
                "aws.protocols#awsJson1_1" => traits.protocol = Some(Protocol::AwsJson1_1),
                "aws.protocols#restJson1" => traits.protocol = Some(Protocol::RestJson1),
                "smithy.api#http" => traits.http = reader.http(),
                "smithy.api#httpLabel" => traits.http_label = reader.annotation(),
                "smithy.api#httpQuery" => traits.http_query = reader.string(),
                "smithy.api#httpQueryParams" => traits.http_query_params = reader.annotation(),
                "smithy.api#httpHeader" => traits.http_header = reader.string(),
                "smithy.api#httpPrefixHeaders" => traits.http_prefix_headers = reader.string(),
                "smithy.api#httpPayload" => traits.http_payload = reader.annotation(),
                "smithy.api#httpResponseCode" => traits.http_response_code = reader.annotation(),
                "smithy.api#httpError" => traits.http_error = reader.status_code(),
                "smithy.api#jsonName" => traits.json_name = reader.string(),
                "smithy.api#timestampFormat" => traits.timestamp_format = reader.timestamp_format(),
                "smithy.api#mediaType" => traits.media_type = reader.string(),
                "smithy.api#requestCompression" => {
                    traits.request_compression = reader.request_compression();
                }
                "smithy.api#httpChecksumRequired" => {
                    traits.http_checksum_required = reader.annotation();
                }
                _ => {}
            }
        }
        traits
    }
}

/// Reads one trait value, reporting type mismatches with the trait's JSON path.
struct TraitReader<'a> {
    path: &'a str,
    value: &'a Value,
    problems: &'a mut Vec<(String, String)>,
}

impl TraitReader<'_> {
    fn problem(&mut self, suffix: &str, message: String) {
        self.problems
            .push((format!("{}{suffix}", self.path), message));
    }

    fn mismatch(&mut self, suffix: &str, expected: &str, found: &Value) {
        let message = format!("expected {expected}, found {}", json_kind(found));
        self.problem(suffix, message);
    }

    fn object(&mut self) -> Option<&Map<String, Value>> {
        match self.value {
            Value::Object(object) => Some(object),
            other => {
                self.mismatch("", "an object", other);
                None
            }
        }
    }

    fn annotation(&mut self) -> bool {
        self.object().is_some()
    }

    fn string(&mut self) -> Option<String> {
        match self.value {
            Value::String(text) => Some(text.clone()),
            other => {
                self.mismatch("", "a string", other);
                None
            }
        }
    }

    fn optional_string(&mut self, object: &Map<String, Value>, key: &str) -> Option<String> {
        match object.get(key)? {
            Value::String(text) => Some(text.clone()),
            other => {
                self.mismatch(&format!(".{key}"), "a string", other);
                None
            }
        }
    }

    fn optional_bool(&mut self, object: &Map<String, Value>, key: &str) -> bool {
        match object.get(key) {
            None => false,
            Some(Value::Bool(flag)) => *flag,
            Some(other) => {
                self.mismatch(&format!(".{key}"), "a boolean", other);
                false
            }
        }
    }

    fn enum_value(&mut self) -> Option<EnumValue> {
        match self.value {
            Value::String(text) => Some(EnumValue::String(text.clone())),
            Value::Number(number) => match number.as_i64() {
                Some(int) => Some(EnumValue::Int(int)),
                None => {
                    self.problem("", format!("expected an integer, found {number}"));
                    None
                }
            },
            other => {
                self.mismatch("", "a string or an integer", other);
                None
            }
        }
    }

    fn legacy_enum(&mut self) -> Option<Vec<LegacyEnumEntry>> {
        let Value::Array(items) = self.value else {
            let found = self.value;
            self.mismatch("", "an array", found);
            return None;
        };
        let mut entries = Vec::with_capacity(items.len());
        for (index, item) in items.iter().enumerate() {
            let suffix = format!("[{index}]");
            let Some(object) = item.as_object() else {
                self.mismatch(&suffix, "an object", item);
                continue;
            };
            let Some(Value::String(value)) = object.get("value") else {
                self.problem(&suffix, "enum entry has no string `value`".to_string());
                continue;
            };
            let name = self.optional_string(object, "name");
            if entries
                .iter()
                .any(|entry: &LegacyEnumEntry| entry.value == *value)
            {
                self.problem(&suffix, format!("enum value {value:?} appears twice"));
                continue;
            }
            if let Some(name) = &name
                && entries
                    .iter()
                    .any(|entry| entry.name.as_ref() == Some(name))
            {
                self.problem(&suffix, format!("enum name {name:?} appears twice"));
                continue;
            }
            let documentation = self.optional_string(object, "documentation");
            let deprecated = self.optional_bool(object, "deprecated");
            entries.push(LegacyEnumEntry {
                value: value.clone(),
                name,
                documentation,
                deprecated,
            });
        }
        Some(entries)
    }

    fn request_compression(&mut self) -> Option<Vec<String>> {
        let value = self.value;
        let Some(Value::Array(items)) = value.get("encodings") else {
            self.problem(
                "",
                "expected an object with an `encodings` array".to_string(),
            );
            return None;
        };
        let mut names = Vec::with_capacity(items.len());
        for (index, item) in items.iter().enumerate() {
            match item {
                Value::String(name) => names.push(name.to_ascii_lowercase()),
                other => self.mismatch(&format!(".encodings[{index}]"), "a string", other),
            }
        }
        Some(names)
    }

    fn error_fault(&mut self) -> Option<ErrorFault> {
        match self.value.as_str() {
            Some("client") => Some(ErrorFault::Client),
            Some("server") => Some(ErrorFault::Server),
            Some(other) => {
                self.problem(
                    "",
                    format!("expected \"client\" or \"server\", found \"{other}\""),
                );
                None
            }
            None => {
                let found = self.value;
                self.mismatch("", "a string", found);
                None
            }
        }
    }

    fn bounds(&mut self) -> Option<Bounds> {
        let object = self.object()?.clone();
        let mut bounds = Bounds::default();
        for (key, slot) in [("min", &mut bounds.min), ("max", &mut bounds.max)] {
            match object.get(key) {
                None => {}
                Some(Value::Number(number)) => *slot = Some(number.to_string()),
                Some(other) => self.mismatch(&format!(".{key}"), "a number", other),
            }
        }
        Some(bounds)
    }

    fn deprecated(&mut self) -> Option<Deprecated> {
        let object = self.object()?.clone();
        Some(Deprecated {
            message: self.optional_string(&object, "message"),
            since: self.optional_string(&object, "since"),
        })
    }

    fn retryable(&mut self) -> Option<Retryable> {
        let object = self.object()?.clone();
        Some(Retryable {
            throttling: self.optional_bool(&object, "throttling"),
        })
    }

    fn status_code(&mut self) -> Option<u16> {
        match self
            .value
            .as_u64()
            .and_then(|code| u16::try_from(code).ok())
        {
            Some(code) if (100..=999).contains(&code) => Some(code),
            _ => {
                let found = self.value;
                self.mismatch("", "an HTTP status code", found);
                None
            }
        }
    }

    fn timestamp_format(&mut self) -> Option<TimestampFormat> {
        match self.value.as_str() {
            Some("date-time") => Some(TimestampFormat::DateTime),
            Some("http-date") => Some(TimestampFormat::HttpDate),
            Some("epoch-seconds") => Some(TimestampFormat::EpochSeconds),
            _ => {
                let found = self.value;
                self.mismatch(
                    "",
                    "\"date-time\", \"http-date\" or \"epoch-seconds\"",
                    found,
                );
                None
            }
        }
    }

    fn http(&mut self) -> Option<HttpTrait> {
        let object = self.object()?.clone();
        let method = self.optional_string(&object, "method");
        let uri = self.optional_string(&object, "uri");
        let code = match object.get("code") {
            None => Some(200),
            Some(value) => match value.as_u64().and_then(|code| u16::try_from(code).ok()) {
                Some(code) => Some(code),
                None => {
                    self.mismatch(".code", "an HTTP status code", value);
                    None
                }
            },
        };
        match (method, uri, code) {
            (Some(method), Some(uri), Some(code)) => Some(HttpTrait { method, uri, code }),
            (None, _, _) | (_, None, _) => {
                self.problem("", "`smithy.api#http` needs `method` and `uri`".to_string());
                None
            }
            _ => None,
        }
    }

    fn aws_service(&mut self) -> Option<AwsService> {
        let object = self.object()?.clone();
        let Some(sdk_id) = self.optional_string(&object, "sdkId") else {
            self.problem("", "`aws.api#service` has no `sdkId`".to_string());
            return None;
        };
        Some(AwsService {
            sdk_id,
            endpoint_prefix: self.optional_string(&object, "endpointPrefix"),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn parse(value: Value) -> (Traits, Vec<(String, String)>) {
        let mut problems = Vec::new();
        let traits = Traits::parse(&value, "$.traits", &mut problems);
        (traits, problems)
    }

    #[test]
    fn reads_typed_traits_and_keeps_raw_ones() {
        let (traits, problems) = parse(json!({
            "smithy.api#required": {},
            "smithy.api#length": {"min": 1, "max": 64},
            "smithy.api#pattern": "^[a-z]+$",
            "smithy.api#default": null,
            "com.example#custom": [1, 2]
        }));
        assert!(problems.is_empty(), "{problems:?}");
        assert!(traits.required);
        assert_eq!(traits.length.unwrap().max.as_deref(), Some("64"));
        assert_eq!(traits.pattern.as_deref(), Some("^[a-z]+$"));
        assert_eq!(traits.default, Some(NodeValue::Null));
        assert_eq!(traits.raw["com.example#custom"], json!([1, 2]));
    }

    #[test]
    fn reports_wrong_value_types_with_paths() {
        let (_, problems) = parse(json!({
            "smithy.api#required": "yes",
            "smithy.api#length": {"min": "1"},
            "smithy.api#documentation": 3,
            "smithy.api#error": "nobody"
        }));
        let lines: Vec<String> = problems.iter().map(|(p, m)| format!("{p}: {m}")).collect();
        assert_eq!(
            lines,
            [
                "$.traits[\"smithy.api#required\"]: expected an object, found a string",
                "$.traits[\"smithy.api#length\"].min: expected a number, found a string",
                "$.traits[\"smithy.api#documentation\"]: expected a string, found a number",
                "$.traits[\"smithy.api#error\"]: expected \"client\" or \"server\", found \"nobody\"",
            ]
        );
    }
}
