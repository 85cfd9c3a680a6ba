//! Relative shape id resolution: `use`d names, then the file's namespace, then the prelude.

use std::collections::{BTreeMap, HashMap};

use super::ast::Reference;
use super::prelude_names::prelude_type;

/// Every shape the loader knows, by absolute id, with its shape type: shapes of the IDL and
/// JSON files being loaded and of the trait-definition files.
#[derive(Debug, Default)]
pub struct Symbols {
    types: HashMap<String, String>,
}

impl Symbols {
    /// Records a shape.
    pub fn insert(&mut self, id: String, type_name: String) {
        self.types.insert(id, type_name);
    }

    /// The shape type of an absolute id (prelude included), if the shape exists.
    pub fn type_of(&self, id: &str) -> Option<&str> {
        if let Some(type_name) = self.types.get(id) {
            return Some(type_name);
        }
        id.strip_prefix("smithy.api#").and_then(prelude_type)
    }

    /// True when the absolute id names a known shape.
    pub fn contains(&self, id: &str) -> bool {
        self.type_of(id).is_some()
    }
}

/// The names visible in one file: its namespace and its `use` statements.
#[derive(Debug)]
pub struct Scope<'a> {
    /// The file's namespace.
    pub namespace: &'a str,
    /// Imported names: short name -> absolute id.
    pub uses: BTreeMap<String, String>,
    /// All known shapes.
    pub symbols: &'a Symbols,
}

impl Scope<'_> {
    /// Resolves a shape id as written (maybe with `$member`) to an absolute id.
    pub fn resolve(&self, text: &str) -> Result<String, String> {
        let (root, member) = match text.split_once('$') {
            Some((root, member)) => (root, Some(member)),
            None => (text, None),
        };
        let absolute = if root.contains('#') {
            root.to_string()
        } else if let Some(imported) = self.uses.get(root) {
            imported.clone()
        } else {
            let local = format!("{}#{root}", self.namespace);
            let prelude = format!("smithy.api#{root}");
            if self.symbols.contains(&local) {
                local
            } else if self.symbols.contains(&prelude) {
                prelude
            } else {
                return Err(format!(
                    "shape id `{text}` does not resolve: no `use` imports it and neither `{local}` nor `{prelude}` exists"
                ));
            }
        };
        Ok(match member {
            Some(member) => format!("{absolute}${member}"),
            None => absolute,
        })
    }

    /// Resolves a reference, keeping its position for the error.
    pub fn resolve_reference(&self, reference: &Reference) -> Result<String, String> {
        self.resolve(&reference.text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_use_then_namespace_then_prelude() {
        let mut symbols = Symbols::default();
        symbols.insert("ex#Local".into(), "string".into());
        symbols.insert("ex#String".into(), "string".into());
        let mut uses = BTreeMap::new();
        uses.insert("Other".into(), "other#Other".into());
        let scope = Scope {
            namespace: "ex",
            uses,
            symbols: &symbols,
        };
        assert_eq!(scope.resolve("Other").unwrap(), "other#Other");
        assert_eq!(scope.resolve("Local").unwrap(), "ex#Local");
        assert_eq!(scope.resolve("String").unwrap(), "ex#String");
        assert_eq!(scope.resolve("Integer").unwrap(), "smithy.api#Integer");
        assert_eq!(scope.resolve("required").unwrap(), "smithy.api#required");
        assert_eq!(scope.resolve("Local$m").unwrap(), "ex#Local$m");
        assert!(scope.resolve("Missing").is_err());
    }
}
