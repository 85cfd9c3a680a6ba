//! What `validate()` checks: constraint traits (`@length`, `@pattern`, `@range`,
//! `@uniqueItems`) on a member and on its target, `@required`, and nested values.

use std::collections::{BTreeMap, BTreeSet};

use super::naming::NameScope;
use super::{TypeDef, TypeModule, TypeRef};
use crate::model::Traits;
use crate::pattern::{PatternEngine, PatternError, translate_pattern};

/// One constraint on a value.
#[derive(Clone, Debug, PartialEq)]
pub enum Check {
    /// `@length`: characters of a string, items of a list, entries of a map, bytes of a blob.
    Length {
        /// Inclusive minimum.
        min: Option<u64>,
        /// Inclusive maximum.
        max: Option<u64>,
    },
    /// `@pattern`, by the name of its static in the service's `patterns` module.
    Pattern {
        /// The static's name.
        name: String,
    },
    /// `@range`, bounds as written in the model.
    Range {
        /// Inclusive minimum.
        min: Option<String>,
        /// Inclusive maximum.
        max: Option<String>,
    },
    /// `@uniqueItems`.
    UniqueItems,
}

/// What to check on one value, and inside it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ValueValidation {
    /// Checks on the value itself, member traits first, then the target's.
    pub checks: Vec<Check>,
    /// Checks inside it.
    pub nested: Nested,
}

/// Values inside a value that have checks of their own.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum Nested {
    /// Nothing inside needs checking.
    #[default]
    None,
    /// Every list item.
    List(Box<ValueValidation>),
    /// Every map key and value.
    Map {
        /// Checks on keys.
        key: Box<ValueValidation>,
        /// Checks on values.
        value: Box<ValueValidation>,
    },
    /// A structure or union with its own `validate_into`.
    Named(TypeRef),
}

impl ValueValidation {
    /// Nothing to check here or inside.
    pub fn is_empty(&self) -> bool {
        self.checks.is_empty()
            && match &self.nested {
                Nested::None => true,
                Nested::List(item) => item.is_empty(),
                Nested::Map { key, value } => key.is_empty() && value.is_empty(),
                Nested::Named(_) => false,
            }
    }

    /// Drops calls into types that have nothing to check.
    fn prune(&mut self, needs: &BTreeSet<String>) {
        match &mut self.nested {
            Nested::None => {}
            Nested::List(item) => item.prune(needs),
            Nested::Map { key, value } => {
                key.prune(needs);
                value.prune(needs);
            }
            Nested::Named(type_ref) => {
                if !needs.contains(&type_ref.name) {
                    self.nested = Nested::None;
                }
            }
        }
    }
}

/// A compiled-once pattern of the service.
#[derive(Clone, Debug, PartialEq)]
pub struct PatternIr {
    /// Static name, e.g. `IDENTITY_STORE_ID`.
    pub name: String,
    /// The pattern as ECMA-262 reads it (shown in violation messages).
    pub source: String,
    /// Its ECMA-262 flags (`u`, `i`, ...), which regress needs on the backtracking path.
    pub flags: String,
    /// What was translated from the model's pattern, if anything.
    pub note: Option<String>,
    /// What runs.
    pub engine: PatternEngine,
}

/// A model pattern no engine reads as meant: its check is skipped, and the docs say so.
#[derive(Clone, Debug, PartialEq)]
pub struct SkippedPattern {
    /// Shape or member carrying it.
    pub location: String,
    /// The model's pattern.
    pub pattern: String,
    /// Why it was skipped.
    pub reason: String,
}

/// Collects the distinct patterns of a service and names their statics.
#[derive(Debug, Default)]
pub struct PatternRegistry {
    by_pattern: BTreeMap<String, Option<String>>,
    names: NameScope,
    /// Patterns that compile, in registration order.
    pub patterns: Vec<PatternIr>,
    /// Patterns skipped.
    pub skipped: Vec<SkippedPattern>,
    /// ECMA-262 patterns that could not be made ready for the runtime: generation errors,
    /// each naming the shape or member and the pattern.
    pub problems: Vec<String>,
}

impl PatternRegistry {
    /// The static name for `pattern`, registering it on first sight; `None` when the
    /// pattern cannot be used.
    pub fn register(&mut self, pattern: &str, wanted_name: &str, location: &str) -> Option<String> {
        if let Some(known) = self.by_pattern.get(pattern) {
            return known.clone();
        }
        let name = match translate_pattern(pattern) {
            Ok(translated) => {
                let name = self.names.claim(wanted_name);
                self.patterns.push(PatternIr {
                    name: name.clone(),
                    source: translated.ecma.source,
                    flags: translated.ecma.flags,
                    note: translated.ecma.note,
                    engine: translated.engine,
                });
                Some(name)
            }
            Err(PatternError::NotEcma(reason)) => {
                self.skipped.push(SkippedPattern {
                    location: location.to_string(),
                    pattern: pattern.to_string(),
                    reason,
                });
                None
            }
            Err(err @ PatternError::Untranslatable { .. }) => {
                self.problems
                    .push(format!("{location}: the @pattern `{pattern}`: {err}"));
                None
            }
        };
        self.by_pattern.insert(pattern.to_string(), name.clone());
        name
    }
}

/// The checks one set of traits asks for.
pub fn checks_of(
    traits: &Traits,
    registry: &mut PatternRegistry,
    wanted_name: &str,
    location: &str,
) -> Vec<Check> {
    let mut checks = Vec::new();
    if let Some(length) = &traits.length {
        let bound =
            |text: &Option<String>| text.as_deref().and_then(|text| text.parse::<u64>().ok());
        checks.push(Check::Length {
            min: bound(&length.min),
            max: bound(&length.max),
        });
    }
    if let Some(pattern) = &traits.pattern
        && let Some(name) = registry.register(pattern, wanted_name, location)
    {
        checks.push(Check::Pattern { name });
    }
    if let Some(range) = &traits.range {
        checks.push(Check::Range {
            min: range.min.clone(),
            max: range.max.clone(),
        });
    }
    if traits.unique_items {
        checks.push(Check::UniqueItems);
    }
    checks
}

/// Decides which input-reachable types need a `validate_into` (a union always does: its
/// `Unknown` variant is a violation) and removes calls into the others.
pub fn settle(types: &mut [TypeDef]) {
    let mut needs: BTreeSet<String> = BTreeSet::new();
    loop {
        let before = needs.len();
        for type_def in types.iter() {
            let wants = match type_def {
                TypeDef::Structure(structure) if structure.validated => {
                    structure.members.iter().any(|member| {
                        member.presence == super::Presence::RequiredOptional
                            || wants_call(&member.validation, &needs)
                    })
                }
                TypeDef::Union(union) => union.validated,
                _ => false,
            };
            if wants {
                needs.insert(type_def.rust_name().to_string());
            }
        }
        if needs.len() == before {
            break;
        }
    }
    for type_def in types.iter_mut() {
        match type_def {
            TypeDef::Structure(structure) => {
                structure.validated = needs.contains(&structure.rust_name);
                for member in &mut structure.members {
                    member.validation.prune(&needs);
                }
            }
            TypeDef::Union(union) => {
                for variant in &mut union.variants {
                    variant.validation.prune(&needs);
                }
            }
            TypeDef::Enum(_) => {}
        }
    }
}

/// Whether a value's validation does anything once calls into `needs` are known.
fn wants_call(validation: &ValueValidation, needs: &BTreeSet<String>) -> bool {
    !validation.checks.is_empty()
        || match &validation.nested {
            Nested::None => false,
            Nested::List(item) => wants_call(item, needs),
            Nested::Map { key, value } => wants_call(key, needs) || wants_call(value, needs),
            Nested::Named(type_ref) => {
                type_ref.module == TypeModule::Types && needs.contains(&type_ref.name)
            }
        }
}

/// Prunes an operation input's members against the settled types.
pub fn prune_members(members: &mut [super::MemberIr], types: &[TypeDef]) {
    let needs: BTreeSet<String> = types
        .iter()
        .filter(|type_def| match type_def {
            TypeDef::Structure(structure) => structure.validated,
            TypeDef::Union(union) => union.validated,
            TypeDef::Enum(_) => false,
        })
        .map(|type_def| type_def.rust_name().to_string())
        .collect();
    for member in members {
        member.validation.prune(&needs);
    }
}
