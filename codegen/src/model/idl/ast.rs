//! The parsed form of one IDL file: statements as written, shape ids not yet resolved.

use super::error::Position;

/// A node value (trait values, metadata, service and resource bodies).
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    /// The value.
    pub kind: NodeKind,
    /// Where it starts.
    pub position: Position,
}

/// The kinds of node values.
#[derive(Clone, Debug, PartialEq)]
pub enum NodeKind {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number as written.
    Number(String),
    /// A quoted string or text block.
    String(String),
    /// An unquoted shape id, resolved when the model is lowered.
    ShapeId(String),
    /// `[...]`.
    Array(Vec<Node>),
    /// `{...}`, in written order.
    Object(Vec<(String, Node)>),
}

/// A reference to a shape as written (relative or absolute, maybe with `$member`).
#[derive(Clone, Debug, PartialEq)]
pub struct Reference {
    /// The id text.
    pub text: String,
    /// Where it is written.
    pub position: Position,
}

/// `@name` or `@name(value)`.
#[derive(Clone, Debug, PartialEq)]
pub struct TraitApplication {
    /// The trait's shape id as written.
    pub name: Reference,
    /// The value; `None` when no value (or `()`) was given.
    pub value: Option<Node>,
}

/// The documentation comment and traits written before a shape or member.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Decorations {
    /// Documentation comment lines, joined with `\n`.
    pub documentation: Option<String>,
    /// Trait applications in written order.
    pub traits: Vec<TraitApplication>,
}

/// A member of a structure, union, list, map or enum.
#[derive(Clone, Debug, PartialEq)]
pub struct MemberDefinition {
    /// Its name.
    pub name: String,
    /// Its target; `None` when elided (`$name`) or for enum members.
    pub target: Option<Reference>,
    /// Documentation and traits.
    pub decorations: Decorations,
    /// `= value` (a default, or an enum member's value).
    pub assigned: Option<Node>,
    /// Where the member is written.
    pub position: Position,
}

/// An operation's input or output.
#[derive(Clone, Debug, PartialEq)]
pub enum OperationIo {
    /// `input: Target`.
    Target(Reference),
    /// `input := { ... }`.
    Inline(InlineStructure),
}

/// An inline structure (`:=`).
#[derive(Clone, Debug, PartialEq)]
pub struct InlineStructure {
    /// Documentation and traits.
    pub decorations: Decorations,
    /// `for Resource`.
    pub for_resource: Option<Reference>,
    /// `with [...]`.
    pub mixins: Vec<Reference>,
    /// Its members.
    pub members: Vec<MemberDefinition>,
    /// Where `:=` stands.
    pub position: Position,
}

/// The body of an operation.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct OperationBody {
    /// `input`.
    pub input: Option<OperationIo>,
    /// `output`.
    pub output: Option<OperationIo>,
    /// `errors`.
    pub errors: Option<Vec<Reference>>,
}

/// What follows a shape's name.
#[derive(Clone, Debug, PartialEq)]
pub enum ShapeBody {
    /// Simple shapes have none.
    None,
    /// Members of enums, structures, unions, lists and maps.
    Members(Vec<MemberDefinition>),
    /// The node object of a service or resource.
    Entity(Vec<(String, Node)>),
    /// An operation's properties.
    Operation(Box<OperationBody>),
}

/// A shape statement.
#[derive(Clone, Debug, PartialEq)]
pub struct ShapeDefinition {
    /// The shape type keyword (`structure`, `set`, ...).
    pub type_name: String,
    /// The shape name (relative to the namespace).
    pub name: String,
    /// Documentation and traits.
    pub decorations: Decorations,
    /// `with [...]`.
    pub mixins: Vec<Reference>,
    /// `for Resource`.
    pub for_resource: Option<Reference>,
    /// The body.
    pub body: ShapeBody,
    /// Where the statement (its type keyword) starts.
    pub position: Position,
}

/// `apply Target @trait` or `apply Target { ... }`.
#[derive(Clone, Debug, PartialEq)]
pub struct ApplyStatement {
    /// The shape or member the traits go to.
    pub target: Reference,
    /// The traits.
    pub traits: Vec<TraitApplication>,
}

/// One parsed IDL file.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct IdlFile {
    /// `$version`, or `None` when absent (IDL 1.0).
    pub version: Option<String>,
    /// `$operationInputSuffix`.
    pub input_suffix: Option<String>,
    /// `$operationOutputSuffix`.
    pub output_suffix: Option<String>,
    /// `metadata key = value`, in order.
    pub metadata: Vec<(String, Node)>,
    /// The namespace, if the file has a shape section.
    pub namespace: Option<String>,
    /// `use` statements.
    pub uses: Vec<Reference>,
    /// Shape statements in order.
    pub shapes: Vec<ShapeDefinition>,
    /// `apply` statements in order.
    pub applies: Vec<ApplyStatement>,
}

impl IdlFile {
    /// True when the file is IDL 2 (`$version: "2"` or `"2.0"`).
    pub fn is_v2(&self) -> bool {
        self.version
            .as_deref()
            .is_some_and(|version| version.starts_with('2'))
    }
}
