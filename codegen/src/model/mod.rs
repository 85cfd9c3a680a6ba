//! The typed Smithy model: what the JSON AST says, with no Rust in it.

mod closure;
mod constraint_checks;
mod http_checks;
pub mod idl;
mod load;
mod node;
mod prelude;
mod recursion_checks;
mod references;
mod shape_id;
mod traits;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub use closure::{closure, service_operations};
pub use idl::{IdlError, IdlProblem, json_ast, load_paths};
pub use load::{LoadError, Problem, load_file, load_str};
pub use node::NodeValue;
pub use shape_id::ShapeId;
pub use traits::{
    AwsService, Bounds, Deprecated, EnumValue, ErrorFault, HttpTrait, LegacyEnumEntry, Protocol,
    Retryable, TimestampFormat, Traits,
};

/// Loads a model from a JSON AST file (exactly as [`load_file`]), a Smithy IDL file, or a
/// directory of `.smithy` and `.json` files (loaded together as one model).
pub fn load_path(path: &Path) -> Result<Model, LoadError> {
    if path.is_file()
        && path
            .extension()
            .is_some_and(|extension| extension == "json")
    {
        return load_file(path);
    }
    load_paths(&[path.to_path_buf()], &[])
}

/// A member of an aggregate shape (structure, union, enum, list, map).
#[derive(Clone, Debug, PartialEq)]
pub struct Member {
    /// The member name as written (`IdentityStoreId`, `member`, `key`).
    pub name: String,
    /// The shape the member targets.
    pub target: ShapeId,
    /// The member's own traits.
    pub traits: Traits,
}

/// A `service` shape.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Service {
    /// The API version.
    pub version: Option<String>,
    /// Operations bound directly.
    pub operations: Vec<ShapeId>,
    /// Resources bound directly.
    pub resources: Vec<ShapeId>,
    /// Errors every operation may return.
    pub errors: Vec<ShapeId>,
    /// Renamed shapes (`rename`).
    pub rename: BTreeMap<ShapeId, String>,
}

/// An `operation` shape.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Operation {
    /// Input structure; `None` means `smithy.api#Unit`.
    pub input: Option<ShapeId>,
    /// Output structure; `None` means `smithy.api#Unit`.
    pub output: Option<ShapeId>,
    /// Modeled errors.
    pub errors: Vec<ShapeId>,
}

/// A `resource` shape: only a container of operations and child resources.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Resource {
    /// Every operation bound to it (lifecycle, `operations`, `collectionOperations`).
    pub operations: Vec<ShapeId>,
    /// Child resources.
    pub resources: Vec<ShapeId>,
}

/// What kind of shape this is, with its type-specific data.
#[derive(Clone, Debug, PartialEq)]
pub enum ShapeKind {
    /// `blob`.
    Blob,
    /// `boolean`.
    Boolean,
    /// `string`.
    String,
    /// `byte`.
    Byte,
    /// `short`.
    Short,
    /// `integer`.
    Integer,
    /// `long`.
    Long,
    /// `float`.
    Float,
    /// `double`.
    Double,
    /// `bigInteger`.
    BigInteger,
    /// `bigDecimal`.
    BigDecimal,
    /// `timestamp`.
    Timestamp,
    /// `document`.
    Document,
    /// `enum`: members target `smithy.api#Unit` and carry `enumValue`.
    Enum(Vec<Member>),
    /// `intEnum`.
    IntEnum(Vec<Member>),
    /// `list` (and IDL 1.0 `set`, read as a list with `uniqueItems`).
    List(Box<Member>),
    /// `map`.
    Map {
        /// The key member.
        key: Box<Member>,
        /// The value member.
        value: Box<Member>,
    },
    /// `structure`.
    Structure(Vec<Member>),
    /// `union`.
    Union(Vec<Member>),
    /// `service`.
    Service(Service),
    /// `operation`.
    Operation(Operation),
    /// `resource`.
    Resource(Resource),
}

impl ShapeKind {
    /// The shape type as written in the JSON AST.
    pub fn type_name(&self) -> &'static str {
        match self {
            Self::Blob => "blob",
            Self::Boolean => "boolean",
            Self::String => "string",
            Self::Byte => "byte",
            Self::Short => "short",
            Self::Integer => "integer",
            Self::Long => "long",
            Self::Float => "float",
            Self::Double => "double",
            Self::BigInteger => "bigInteger",
            Self::BigDecimal => "bigDecimal",
            Self::Timestamp => "timestamp",
            Self::Document => "document",
            Self::Enum(_) => "enum",
            Self::IntEnum(_) => "intEnum",
            Self::List(_) => "list",
            Self::Map { .. } => "map",
            Self::Structure(_) => "structure",
            Self::Union(_) => "union",
            Self::Service(_) => "service",
            Self::Operation(_) => "operation",
            Self::Resource(_) => "resource",
        }
    }

    /// The members of an aggregate, in declared order (list `member`, map `key` and `value`).
    pub fn members(&self) -> Vec<&Member> {
        match self {
            Self::Enum(members)
            | Self::IntEnum(members)
            | Self::Structure(members)
            | Self::Union(members) => members.iter().collect(),
            Self::List(member) => vec![member.as_ref()],
            Self::Map { key, value } => vec![key.as_ref(), value.as_ref()],
            _ => Vec::new(),
        }
    }
}

/// One shape of the model.
#[derive(Clone, Debug, PartialEq)]
pub struct Shape {
    /// Its absolute id.
    pub id: ShapeId,
    /// Its kind and type-specific data.
    pub kind: ShapeKind,
    /// Its traits.
    pub traits: Traits,
}

/// A loaded, checked model: shapes by id (prelude included), in file order.
#[derive(Clone, Debug)]
pub struct Model {
    /// The file the model was read from (for messages).
    pub source: PathBuf,
    shapes: BTreeMap<ShapeId, Shape>,
    order: Vec<ShapeId>,
}

impl Model {
    /// Looks a shape up, prelude included.
    pub fn shape(&self, id: &ShapeId) -> Option<&Shape> {
        self.shapes.get(id)
    }

    /// The shapes the file defines, in file order (prelude excluded).
    pub fn shapes(&self) -> impl Iterator<Item = &Shape> {
        self.order.iter().filter_map(|id| self.shapes.get(id))
    }

    /// The service shapes the file defines, in file order.
    pub fn services(&self) -> impl Iterator<Item = (&Shape, &Service)> {
        self.shapes().filter_map(|shape| match &shape.kind {
            ShapeKind::Service(service) => Some((shape, service)),
            _ => None,
        })
    }

    /// The operation data of an operation shape.
    pub fn operation(&self, id: &ShapeId) -> Option<&Operation> {
        match &self.shape(id)?.kind {
            ShapeKind::Operation(operation) => Some(operation),
            _ => None,
        }
    }
}
