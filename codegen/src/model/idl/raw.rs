//! Shapes after name resolution and before mixins are flattened: absolute ids, traits as
//! JSON, member targets possibly still elided.

use serde_json::{Map, Value};

use super::error::Position;

/// Where a shape or member was written: file index and position.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Origin {
    /// Index of the file in the load order.
    pub file: usize,
    /// Position in that file.
    pub position: Position,
}

/// A member before flattening.
#[derive(Clone, Debug, PartialEq)]
pub struct RawMember {
    /// Its name.
    pub name: String,
    /// Its absolute target; `None` while elided.
    pub target: Option<String>,
    /// Its traits.
    pub traits: Map<String, Value>,
    /// Where it was written.
    pub origin: Origin,
}

/// A shape before flattening.
#[derive(Clone, Debug, PartialEq)]
pub struct RawShape {
    /// Absolute id.
    pub id: String,
    /// JSON AST type name (`structure`, `set`, ...).
    pub type_name: String,
    /// Shape traits.
    pub traits: Map<String, Value>,
    /// Members written on the shape itself.
    pub members: Vec<RawMember>,
    /// Mixins, absolute ids in written order.
    pub mixins: Vec<String>,
    /// The resource whose identifiers and properties elided members may use (`for`).
    pub for_resource: Option<String>,
    /// Traits `apply`ed to members the shape inherits from mixins.
    pub member_patches: Vec<(String, Map<String, Value>, Origin)>,
    /// Service, resource and operation properties in JSON AST form.
    pub properties: Map<String, Value>,
    /// Where it was written.
    pub origin: Origin,
}

impl RawShape {
    /// True when the shape carries `@mixin`.
    pub fn is_mixin(&self) -> bool {
        self.traits.contains_key("smithy.api#mixin")
    }
}

/// An `apply` to a shape or member: absolute target (maybe `Shape$member`), traits, origin.
pub type ApplyEntry = (String, Map<String, Value>, Origin);
