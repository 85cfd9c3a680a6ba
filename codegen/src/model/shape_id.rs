//! Absolute shape identifiers (`namespace#Name`).

use std::fmt;

/// An absolute Smithy shape id such as `com.amazonaws.identitystore#UpdateUser`.
///
/// Member ids (`ns#Shape$member`) are not shape ids here: members live inside their
/// container and are named by [`crate::model::Member::name`].
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ShapeId {
    namespace: String,
    name: String,
}

/// The namespace of the Smithy prelude.
pub const PRELUDE_NAMESPACE: &str = "smithy.api";

impl ShapeId {
    /// Parses `namespace#Name`; returns a message naming what is wrong otherwise.
    pub fn parse(text: &str) -> Result<Self, String> {
        let Some((namespace, name)) = text.split_once('#') else {
            return Err(format!(
                "shape id `{text}` has no `#` between namespace and name"
            ));
        };
        if name.contains('$') {
            return Err(format!("`{text}` is a member id, not a shape id"));
        }
        let namespace_ok = !namespace.is_empty() && namespace.split('.').all(is_identifier);
        if !namespace_ok {
            return Err(format!("shape id `{text}` has an invalid namespace"));
        }
        if !is_identifier(name) {
            return Err(format!("shape id `{text}` has an invalid name"));
        }
        Ok(Self {
            namespace: namespace.to_string(),
            name: name.to_string(),
        })
    }

    /// Builds a shape id from parts already known to be valid.
    pub fn new(namespace: &str, name: &str) -> Self {
        Self {
            namespace: namespace.to_string(),
            name: name.to_string(),
        }
    }

    /// A shape in the prelude (`smithy.api#name`).
    pub fn prelude(name: &str) -> Self {
        Self::new(PRELUDE_NAMESPACE, name)
    }

    /// The part before `#`.
    pub fn namespace(&self) -> &str {
        &self.namespace
    }

    /// The part after `#`.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// True for shapes of the Smithy prelude.
    pub fn is_prelude(&self) -> bool {
        self.namespace == PRELUDE_NAMESPACE
    }
}

impl fmt::Display for ShapeId {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(formatter, "{}#{}", self.namespace, self.name)
    }
}

/// Smithy identifier: `_*[A-Za-z][A-Za-z0-9_]*`.
fn is_identifier(text: &str) -> bool {
    let trimmed = text.trim_start_matches('_');
    let mut chars = trimmed.chars();
    matches!(chars.next(), Some(first) if first.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_absolute_ids() {
        let id = ShapeId::parse("com.amazonaws.identitystore#UpdateUser").unwrap();
        assert_eq!(id.namespace(), "com.amazonaws.identitystore");
        assert_eq!(id.name(), "UpdateUser");
        assert_eq!(id.to_string(), "com.amazonaws.identitystore#UpdateUser");
        assert!(ShapeId::parse("smithy.api#String").unwrap().is_prelude());
        assert!(ShapeId::parse("a#_Private").is_ok());
    }

    #[test]
    fn rejects_malformed_ids() {
        for bad in [
            "NoHash",
            "#Name",
            "ns#",
            "ns#Shape$member",
            "ns..x#A",
            "ns#1A",
            "n s#A",
        ] {
            assert!(ShapeId::parse(bad).is_err(), "{bad} should be rejected");
        }
    }
}
