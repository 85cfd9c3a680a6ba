//! The IR: what to generate, in Rust terms. Names are final identifiers, types are
//! resolved, recursion is boxed; emitters only render it.

mod auth;
mod defaults;
pub mod doc_text;
pub mod docs;
pub mod endpoint;
mod endpoint_params;
mod layout;
mod lower;
pub mod naming;
pub mod protocol;
mod recursion;
pub mod validation;

pub use lower::{LowerError, LowerOptions, lower_service};

use crate::model::{Deprecated, ErrorFault, NodeValue, Retryable};

/// One service, ready to render as a module (or as a crate root).
#[derive(Clone, Debug, PartialEq)]
pub struct ServiceIr {
    /// The Rust path of the service module, e.g. `["crate", "identitystore"]` or `["crate"]`.
    pub root: Vec<String>,
    /// The service shape's id, e.g. `com.amazonaws.identitystore#AWSIdentityStore`.
    pub shape_id: String,
    /// The SDK id (`identitystore`) or, without `aws.api#service`, the shape name.
    pub title: String,
    /// Module documentation.
    pub docs: Vec<String>,
    /// The model file, as shown in the generated header.
    pub source: String,
    /// Operations, in binding order.
    pub operations: Vec<OperationIr>,
    /// Shapes in the `types` module, sorted by name.
    pub types: Vec<TypeDef>,
    /// Error structures in the `error` module, sorted by name.
    pub errors: Vec<StructureIr>,
    /// Compiled-once patterns used by `validate()`.
    pub patterns: Vec<validation::PatternIr>,
    /// Model patterns whose checks are skipped.
    pub skipped_patterns: Vec<validation::SkippedPattern>,
    /// The wire protocol, if Anvil speaks the service's.
    pub protocol: Option<protocol::ProtocolIr>,
    /// The protocol traits the service shape carries, as written
    /// (`aws.protocols#awsQuery`, ...), for messages about unsupported protocols.
    pub declared_protocols: Vec<String>,
    /// The service's name in operation tables (`Operation::SERVICE`): the module name
    /// inside a multi-service crate, else the SDK id in snake case.
    pub service_name: String,
    /// The endpoint prefix (`identitystore`), for the default endpoint.
    pub endpoint_prefix: String,
    /// The endpoint rule set and its test cases, if the service has one.
    pub endpoint: Option<endpoint::EndpointIr>,
    /// The SigV4 signing name (`aws.auth#sigv4`), if the service signs with SigV4.
    pub signing_name: Option<String>,
}

/// One operation: its module, input, output and error enum.
#[derive(Clone, Debug, PartialEq)]
pub struct OperationIr {
    /// The operation shape name, e.g. `UpdateUser`.
    pub name: String,
    /// Its module name, e.g. `update_user`.
    pub module_name: String,
    /// The method of the service's `Client` that starts a call, usually the module name.
    pub client_method: String,
    /// The unit struct that implements `anvil_runtime::Operation`, e.g. `UpdateUser`.
    pub rust_name: String,
    /// Why `rust_name` differs from the model's name, when it was renamed (it would
    /// shadow a prelude name the generated code uses).
    pub rename_note: Option<String>,
    /// Documentation.
    pub docs: Vec<String>,
    /// The input structure, named `<Operation>Input`.
    pub input: StructureIr,
    /// The output structure, named `<Operation>Output`.
    pub output: StructureIr,
    /// The error enum, named `<Operation>Error`.
    pub error: ErrorEnumIr,
    /// The `@http` binding (restJson1).
    pub http: Option<protocol::HttpIr>,
    /// Endpoint rule parameters this operation sets (`@contextParam` input members and
    /// `@staticContextParams`), sorted by parameter name. Not rendered yet: the endpoint
    /// resolver will read them.
    pub endpoint_params: Vec<EndpointParamIr>,
    /// Whether requests are signed (`false` for `@optionalAuth`, `@auth([])`, or a service
    /// without SigV4).
    pub signed: bool,
    /// `@requestCompression` lists gzip, the one encoding the runtime writes.
    pub compress_request: bool,
    /// `@httpChecksumRequired`: requests carry `Content-MD5`.
    pub content_md5: bool,
    /// The `hostPrefix` of the operation's `smithy.api#endpoint` trait, in parts.
    pub host_prefix: Option<Vec<HostPrefixPart>>,
}

/// A piece of a host prefix: literal text, or an input member marked `@hostLabel`.
#[derive(Clone, Debug, PartialEq)]
pub enum HostPrefixPart {
    /// Text as written, e.g. `.` or `data-`.
    Literal(String),
    /// The value of an input member.
    Label {
        /// The member's name in the model, for messages.
        member_name: String,
        /// The input field.
        field_name: String,
    },
}

/// One endpoint rule parameter an operation sets.
#[derive(Clone, Debug, PartialEq)]
pub struct EndpointParamIr {
    /// The parameter name in the rule set, e.g. `Bucket`.
    pub name: String,
    /// Where its value comes from.
    pub source: EndpointParamSource,
}

/// Where an operation's endpoint parameter value comes from.
#[derive(Clone, Debug, PartialEq)]
pub enum EndpointParamSource {
    /// An input member (`@contextParam`), by its field name.
    InputMember {
        /// The input field, e.g. `bucket`.
        field_name: String,
    },
    /// A fixed value (`@staticContextParams`).
    Static(NodeValue),
}

/// The per-operation error enum.
#[derive(Clone, Debug, PartialEq)]
pub struct ErrorEnumIr {
    /// Type name.
    pub rust_name: String,
    /// Name of the catch-all variant (`Unhandled` unless a modeled error took that name).
    pub unhandled_variant: String,
    /// Name of the variant for responses that cannot be read.
    pub invalid_response_variant: String,
    /// One variant per modeled error, in model order.
    pub variants: Vec<ErrorVariantIr>,
}

/// One modeled error of an operation.
#[derive(Clone, Debug, PartialEq)]
pub struct ErrorVariantIr {
    /// Variant name.
    pub variant_name: String,
    /// The `is_*` method name.
    pub predicate_name: String,
    /// The error structure in the service's `error` module.
    pub error_type: TypeRef,
    /// The shape name, which is also the error code on the wire.
    pub code: String,
    /// The error's message member, if it has one (`message`, any case, a string).
    pub message: Option<MessageField>,
    /// Documentation.
    pub docs: Vec<String>,
}

/// How to read an error structure's message.
#[derive(Clone, Debug, PartialEq)]
pub struct MessageField {
    /// The accessor name.
    pub field_name: String,
    /// Whether the accessor returns `Option<&str>` (else `&str`).
    pub optional: bool,
}

/// A named type of the `types` module.
#[derive(Clone, Debug, PartialEq)]
pub enum TypeDef {
    /// A structure.
    Structure(StructureIr),
    /// An `enum`, `intEnum` or legacy `@enum` string.
    Enum(EnumIr),
    /// A union.
    Union(UnionIr),
}

impl TypeDef {
    /// The type's Rust name.
    pub fn rust_name(&self) -> &str {
        match self {
            Self::Structure(structure) => &structure.rust_name,
            Self::Enum(enumeration) => &enumeration.rust_name,
            Self::Union(union) => &union.rust_name,
        }
    }

    /// The file (module) name the type lives in.
    pub fn file_name(&self) -> &str {
        match self {
            Self::Structure(structure) => &structure.file_name,
            Self::Enum(enumeration) => &enumeration.file_name,
            Self::Union(union) => &union.file_name,
        }
    }
}

/// What role a structure plays.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StructureRole {
    /// A shared data shape.
    Data,
    /// An operation input: members are always optional.
    Input,
    /// An operation output.
    Output,
    /// An error.
    Error,
}

/// A structure with accessors and a builder.
#[derive(Clone, Debug, PartialEq)]
pub struct StructureIr {
    /// The Smithy shape id it comes from.
    pub shape_id: String,
    /// The shape name, used in build errors and messages.
    pub shape_name: String,
    /// Type name.
    pub rust_name: String,
    /// Builder type name.
    pub builder_name: String,
    /// File (module) name.
    pub file_name: String,
    /// Documentation.
    pub docs: Vec<String>,
    /// Members in declared order.
    pub members: Vec<MemberIr>,
    /// The whole structure is `@sensitive`.
    pub sensitive: bool,
    /// Its role.
    pub role: StructureRole,
    /// `@deprecated`, if set.
    pub deprecated: Option<Deprecated>,
    /// Reachable from an operation input: it gets a `read_json` method.
    pub from_input: bool,
    /// Gets a `validate_into` method (reachable from an operation input, and something
    /// in it has a constraint).
    pub validated: bool,
    /// For an error structure: what the model says about the error.
    pub error_traits: Option<ErrorTraitsIr>,
}

/// What an error shape's traits say: `@error`, `@retryable`, `@httpError`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ErrorTraitsIr {
    /// `@error("client")` or `@error("server")`.
    pub fault: ErrorFault,
    /// `@retryable`, with its `throttling` flag.
    pub retryable: Option<Retryable>,
    /// `@httpError`.
    pub http_status: Option<u16>,
}

impl StructureIr {
    /// The member an error's message lives in: named `message` in any case, a string, not
    /// sensitive.
    pub fn message_member(&self) -> Option<&MemberIr> {
        self.members.iter().find(|member| {
            member.member_name.eq_ignore_ascii_case("message")
                && member.rust_type == RustType::String
                && !member.sensitive
        })
    }

    /// Whether `build()` can fail (some member must be set).
    pub fn build_can_fail(&self) -> bool {
        self.role == StructureRole::Input
            || self
                .members
                .iter()
                .any(|member| member.presence.is_required())
    }
}

/// How a member's presence is handled.
#[derive(Clone, Debug, PartialEq)]
pub enum Presence {
    /// `Option<T>` field; the builder accepts it unset.
    Optional,
    /// `Option<T>` field (operation input); the builder refuses it unset.
    RequiredOptional,
    /// `T` field; the builder refuses it unset.
    Required,
    /// `T` field; the builder fills in the default when unset.
    Defaulted(DefaultValue),
}

impl Presence {
    /// Whether the builder refuses a missing value.
    pub fn is_required(&self) -> bool {
        matches!(self, Self::Required | Self::RequiredOptional)
    }

    /// Whether the struct field is an `Option`.
    pub fn is_option(&self) -> bool {
        matches!(self, Self::Optional | Self::RequiredOptional)
    }
}

/// A default value, already checked against the member's type.
#[derive(Clone, Debug, PartialEq)]
pub enum DefaultValue {
    /// A boolean.
    Bool(bool),
    /// An integer of the member's integer type.
    Integer(i64),
    /// A float, as written.
    Float(String),
    /// A string.
    String(String),
    /// A string enum value.
    EnumValue(String),
    /// An int enum value.
    IntEnumValue(i64),
    /// `[]`.
    EmptyList,
    /// `{}`.
    EmptyMap,
    /// Blob bytes.
    Blob(Vec<u8>),
    /// A timestamp.
    Timestamp {
        /// Seconds since the epoch.
        seconds: i64,
        /// Nanoseconds.
        nanos: u32,
    },
    /// A big number, as written.
    BigNumber(String),
    /// A document.
    Document(NodeValue),
}

/// A structure member.
#[derive(Clone, Debug, PartialEq)]
pub struct MemberIr {
    /// The Smithy member name (the wire name for awsJson).
    pub member_name: String,
    /// Field, accessor and setter identifier (may be raw, e.g. `r#type`).
    pub field_name: String,
    /// Documentation.
    pub docs: Vec<String>,
    /// The field's type, without the `Option` that [`Presence`] may add.
    pub rust_type: RustType,
    /// Presence handling.
    pub presence: Presence,
    /// `Debug` must redact the value.
    pub sensitive: bool,
    /// `@deprecated`, if set.
    pub deprecated: Option<Deprecated>,
    /// What `validate()` checks on the value.
    pub validation: validation::ValueValidation,
    /// The JSON key on the wire (`@jsonName` under restJson1, else the member name).
    pub wire_name: String,
    /// Where the member travels.
    pub location: protocol::Location,
    /// How a timestamp member is written where it travels.
    pub timestamp_wire: protocol::TimestampWire,
    /// `@idempotencyToken`: filled with a fresh UUID when unset.
    pub idempotency_token: bool,
    /// The target's `@mediaType`: a header holding such a string is base64-encoded, and a
    /// payload is sent with it as its `Content-Type`.
    pub media_type: Option<String>,
}

/// A Rust type of a member, list item or map value.
#[derive(Clone, Debug, PartialEq)]
pub enum RustType {
    /// `String`.
    String,
    /// `bool`.
    Bool,
    /// `i8`.
    I8,
    /// `i16`.
    I16,
    /// `i32`.
    I32,
    /// `i64`.
    I64,
    /// `f32`.
    F32,
    /// `f64`.
    F64,
    /// A runtime big integer.
    BigInteger,
    /// A runtime big decimal.
    BigDecimal,
    /// A runtime blob.
    Blob,
    /// A runtime date-time.
    DateTime,
    /// A runtime document.
    Document,
    /// A generated type.
    Named(TypeRef),
    /// `Vec<T>` (`Vec<Option<T>>` when sparse).
    List {
        /// Item type.
        item: Box<RustType>,
        /// `@sparse`.
        sparse: bool,
    },
    /// `HashMap<K, V>` (`HashMap<K, Option<V>>` when sparse).
    Map {
        /// Key type.
        key: Box<RustType>,
        /// Value type.
        value: Box<RustType>,
        /// `@sparse`.
        sparse: bool,
    },
    /// `Box<T>`, breaking a recursive cycle.
    Boxed(Box<RustType>),
}

impl RustType {
    /// Whether the type is `Copy` (accessors return it by value).
    pub fn is_copy(&self) -> bool {
        matches!(
            self,
            Self::Bool
                | Self::I8
                | Self::I16
                | Self::I32
                | Self::I64
                | Self::F32
                | Self::F64
                | Self::DateTime
        )
    }
}

/// Which module of the service a generated type lives in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TypeModule {
    /// `types`.
    Types,
    /// `error`.
    Error,
}

/// A reference to a generated type.
#[derive(Clone, Debug, PartialEq)]
pub struct TypeRef {
    /// The module.
    pub module: TypeModule,
    /// The type name.
    pub name: String,
    /// What kind of type it is.
    pub kind: TypeKind,
}

/// The kind of a generated type.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TypeKind {
    /// A structure (errors included).
    Structure,
    /// A union.
    Union,
    /// A string enum.
    Enum,
    /// An integer enum.
    IntEnum,
}

/// An enum of string or integer values, with an `Unknown` variant for values the model
/// does not list.
#[derive(Clone, Debug, PartialEq)]
pub struct EnumIr {
    /// Type name.
    pub rust_name: String,
    /// File name.
    pub file_name: String,
    /// Documentation.
    pub docs: Vec<String>,
    /// Known values, in model order.
    pub variants: Vec<EnumVariantIr>,
    /// Name of the catch-all variant.
    pub unknown_variant: String,
    /// `intEnum` rather than string enum.
    pub integer: bool,
    /// `@sensitive`.
    pub sensitive: bool,
}

/// One known enum value.
#[derive(Clone, Debug, PartialEq)]
pub struct EnumVariantIr {
    /// Variant name.
    pub name: String,
    /// The wire value (a string, or an integer's text for int enums).
    pub value: String,
    /// Documentation.
    pub docs: Vec<String>,
    /// `@deprecated` (or legacy `deprecated: true`).
    pub deprecated: bool,
}

/// A union: exactly one member set, plus `Unknown` for members the model does not list.
#[derive(Clone, Debug, PartialEq)]
pub struct UnionIr {
    /// Type name.
    pub rust_name: String,
    /// File name.
    pub file_name: String,
    /// Documentation.
    pub docs: Vec<String>,
    /// One variant per member.
    pub variants: Vec<UnionVariantIr>,
    /// Name of the catch-all variant.
    pub unknown_variant: String,
    /// `@sensitive`.
    pub sensitive: bool,
    /// Reachable from an operation input: it gets `read_json` and `validate_into` methods.
    pub validated: bool,
}

/// One union member.
#[derive(Clone, Debug, PartialEq)]
pub struct UnionVariantIr {
    /// Variant name.
    pub variant_name: String,
    /// The Smithy member name.
    pub member_name: String,
    /// Snake-case stem for `as_*` / `is_*` methods.
    pub method_stem: String,
    /// Payload type; `None` for members targeting `smithy.api#Unit`.
    pub rust_type: Option<RustType>,
    /// `Debug` must redact the value.
    pub sensitive: bool,
    /// Documentation.
    pub docs: Vec<String>,
    /// What `validate()` checks on the value.
    pub validation: validation::ValueValidation,
    /// The JSON key on the wire.
    pub wire_name: String,
    /// How a timestamp member is written.
    pub timestamp_wire: protocol::TimestampWire,
}
