//! One parsed file -> raw shapes: names resolved, traits and values as JSON, sugar
//! (documentation comments, `= default`, enum values, inline input/output) expanded.

use std::collections::BTreeMap;

use serde_json::{Map, Value, json};

use super::ast::{
    Decorations, IdlFile, InlineStructure, MemberDefinition, NodeKind, OperationIo, Reference,
    ShapeBody, ShapeDefinition,
};
use super::entities::lower_properties;
use super::error::{Position, SyntaxError};
use super::raw::{Origin, RawMember, RawShape};
use super::resolve::{Scope, Symbols};
use super::values::{merge_trait, node_to_json, trait_value};

/// A file's shapes, `apply` statements and metadata after lowering.
#[derive(Debug, Default)]
pub struct LoweredFile {
    /// Shapes in written order (inline input/output right after their operation).
    pub shapes: Vec<RawShape>,
    /// `apply` statements: absolute target (maybe `Shape$member`), traits, origin.
    pub applies: Vec<(String, Map<String, Value>, Origin)>,
    /// Metadata entries.
    pub metadata: Map<String, Value>,
}

/// The names of inline input and output structures: operation name + suffix.
pub fn inline_names(file: &IdlFile, operation: &str) -> (String, String) {
    let input = file.input_suffix.as_deref().unwrap_or("Input");
    let output = file.output_suffix.as_deref().unwrap_or("Output");
    (
        format!("{operation}{input}"),
        format!("{operation}{output}"),
    )
}

/// Records every shape a file defines (inline input/output included) in `symbols`.
pub fn declare(file: &IdlFile, symbols: &mut Symbols) {
    let Some(namespace) = &file.namespace else {
        return;
    };
    for shape in &file.shapes {
        symbols.insert(
            format!("{namespace}#{}", shape.name),
            shape.type_name.clone(),
        );
        if let ShapeBody::Operation(body) = &shape.body {
            let (input, output) = inline_names(file, &shape.name);
            if let Some(OperationIo::Inline(_)) = body.input {
                symbols.insert(format!("{namespace}#{input}"), "structure".into());
            }
            if let Some(OperationIo::Inline(_)) = body.output {
                symbols.insert(format!("{namespace}#{output}"), "structure".into());
            }
        }
    }
}

/// Lowers one file. `file_index` goes into every [`Origin`].
pub fn lower_file(
    file: &IdlFile,
    file_index: usize,
    symbols: &Symbols,
) -> Result<LoweredFile, SyntaxError> {
    let mut lowered = LoweredFile::default();
    let namespace = file.namespace.as_deref().unwrap_or("");
    let mut scope = Scope {
        namespace,
        uses: BTreeMap::new(),
        symbols,
    };
    for reference in &file.uses {
        let (_, name) = reference
            .text
            .split_once('#')
            .unwrap_or(("", &reference.text));
        if let Some(previous) = scope
            .uses
            .get(name)
            .filter(|previous| **previous != reference.text)
        {
            return Err(SyntaxError::new(
                reference.position,
                format!(
                    "cannot use `{}`: the name `{name}` is already imported from `{previous}`",
                    reference.text
                ),
            ));
        }
        scope.uses.insert(name.to_string(), reference.text.clone());
    }
    for (key, value) in &file.metadata {
        lowered
            .metadata
            .insert(key.clone(), node_to_json(value, &scope)?);
    }
    let lowerer = Lowerer {
        file,
        file_index,
        scope: &scope,
    };
    for shape in &file.shapes {
        if let Some(imported) = scope.uses.get(&shape.name) {
            return Err(SyntaxError::new(
                shape.position,
                format!(
                    "shape name `{}` conflicts with the imported shape `{imported}`",
                    shape.name
                ),
            ));
        }
        lowerer.shape(shape, &mut lowered.shapes)?;
    }
    for apply in &file.applies {
        let target = resolve(&scope, &apply.target)?;
        let mut traits = Map::new();
        for application in &apply.traits {
            let (id, value) = trait_value(application, &scope)?;
            merge_trait(&mut traits, id, value)
                .map_err(|message| SyntaxError::new(application.name.position, message))?;
        }
        let origin = Origin {
            file: file_index,
            position: apply.target.position,
        };
        lowered.applies.push((target, traits, origin));
    }
    Ok(lowered)
}

fn resolve(scope: &Scope<'_>, reference: &Reference) -> Result<String, SyntaxError> {
    scope
        .resolve_reference(reference)
        .map_err(|message| SyntaxError::new(reference.position, message))
}

struct Lowerer<'a> {
    file: &'a IdlFile,
    file_index: usize,
    scope: &'a Scope<'a>,
}

impl Lowerer<'_> {
    fn origin(&self, position: Position) -> Origin {
        Origin {
            file: self.file_index,
            position,
        }
    }

    fn traits(&self, decorations: &Decorations) -> Result<Map<String, Value>, SyntaxError> {
        let mut traits = Map::new();
        if let Some(documentation) = &decorations.documentation {
            traits.insert(
                "smithy.api#documentation".into(),
                Value::String(documentation.clone()),
            );
        }
        for application in &decorations.traits {
            let (id, value) = trait_value(application, self.scope)?;
            if id == "smithy.api#documentation" {
                traits.insert(id, value);
                continue;
            }
            if id == "smithy.api#mixin" && !self.file.is_v2() {
                return Err(SyntaxError::new(
                    application.name.position,
                    "the @mixin trait needs IDL version 2",
                ));
            }
            merge_trait(&mut traits, id, value)
                .map_err(|message| SyntaxError::new(application.name.position, message))?;
        }
        Ok(traits)
    }

    fn shape(&self, shape: &ShapeDefinition, out: &mut Vec<RawShape>) -> Result<(), SyntaxError> {
        let namespace = self.scope.namespace;
        let mut raw = RawShape {
            id: format!("{namespace}#{}", shape.name),
            type_name: shape.type_name.clone(),
            traits: self.traits(&shape.decorations)?,
            members: Vec::new(),
            mixins: self.references(&shape.mixins)?,
            for_resource: shape
                .for_resource
                .as_ref()
                .map(|r| resolve(self.scope, r))
                .transpose()?,
            member_patches: Vec::new(),
            properties: Map::new(),
            origin: self.origin(shape.position),
        };
        let mut inline = Vec::new();
        match &shape.body {
            ShapeBody::None => {}
            ShapeBody::Members(members) => {
                raw.members = match shape.type_name.as_str() {
                    "enum" | "intEnum" => self.enum_members(&shape.type_name, members)?,
                    _ => self.members(members)?,
                };
            }
            ShapeBody::Entity(entries) => {
                raw.properties =
                    lower_properties(&shape.type_name, entries, self.scope, self.file.is_v2())?;
            }
            ShapeBody::Operation(body) => {
                let (input_name, output_name) = inline_names(self.file, &shape.name);
                for (key, io, name, marker) in [
                    ("input", &body.input, input_name, "smithy.api#input"),
                    ("output", &body.output, output_name, "smithy.api#output"),
                ] {
                    match io {
                        None => {}
                        Some(OperationIo::Target(reference)) => {
                            let target = resolve(self.scope, reference)?;
                            raw.properties
                                .insert(key.into(), json!({ "target": target }));
                        }
                        Some(OperationIo::Inline(structure)) => {
                            let id = format!("{namespace}#{name}");
                            raw.properties.insert(key.into(), json!({ "target": id }));
                            inline.push(self.inline_structure(id, structure, marker)?);
                        }
                    }
                }
                if let Some(errors) = &body.errors {
                    let errors = self.references(errors)?;
                    let targets = errors
                        .into_iter()
                        .map(|id| json!({ "target": id }))
                        .collect();
                    raw.properties
                        .insert("errors".into(), Value::Array(targets));
                }
            }
        }
        out.push(raw);
        out.extend(inline);
        Ok(())
    }

    fn inline_structure(
        &self,
        id: String,
        structure: &InlineStructure,
        marker: &str,
    ) -> Result<RawShape, SyntaxError> {
        let mut traits = self.traits(&structure.decorations)?;
        traits.insert(marker.into(), Value::Object(Map::new()));
        Ok(RawShape {
            id,
            type_name: "structure".into(),
            traits,
            members: self.members(&structure.members)?,
            mixins: self.references(&structure.mixins)?,
            for_resource: structure
                .for_resource
                .as_ref()
                .map(|r| resolve(self.scope, r))
                .transpose()?,
            member_patches: Vec::new(),
            properties: Map::new(),
            origin: self.origin(structure.position),
        })
    }

    fn references(&self, references: &[Reference]) -> Result<Vec<String>, SyntaxError> {
        references
            .iter()
            .map(|reference| resolve(self.scope, reference))
            .collect()
    }

    fn members(&self, members: &[MemberDefinition]) -> Result<Vec<RawMember>, SyntaxError> {
        members
            .iter()
            .map(|member| {
                let mut traits = self.traits(&member.decorations)?;
                if let Some(value) = &member.assigned {
                    let value = node_to_json(value, self.scope)?;
                    merge_trait(&mut traits, "smithy.api#default".into(), value)
                        .map_err(|message| SyntaxError::new(member.position, message))?;
                }
                Ok(RawMember {
                    name: member.name.clone(),
                    target: member
                        .target
                        .as_ref()
                        .map(|r| resolve(self.scope, r))
                        .transpose()?,
                    traits,
                    origin: self.origin(member.position),
                })
            })
            .collect()
    }

    fn enum_members(
        &self,
        type_name: &str,
        members: &[MemberDefinition],
    ) -> Result<Vec<RawMember>, SyntaxError> {
        let mut lowered = Vec::with_capacity(members.len());
        for member in members {
            let mut traits = self.traits(&member.decorations)?;
            let assigned = member.assigned.as_ref();
            let value = match (type_name, assigned.map(|node| &node.kind)) {
                (_, None) => None,
                ("enum", Some(NodeKind::String(text))) => Some(Value::String(text.clone())),
                ("enum", Some(_)) => {
                    return Err(SyntaxError::new(
                        member.position,
                        format!(
                            "enum member `{}` can only be assigned a string value",
                            member.name
                        ),
                    ));
                }
                (_, Some(NodeKind::Number(text))) => Some(int_enum_value(text, member)?),
                (_, Some(_)) => {
                    return Err(SyntaxError::new(
                        member.position,
                        format!("intEnum member `{}` needs an integer value", member.name),
                    ));
                }
            };
            if let Some(value) = value {
                traits.insert("smithy.api#enumValue".into(), value);
            }
            lowered.push(RawMember {
                name: member.name.clone(),
                target: Some("smithy.api#Unit".into()),
                traits,
                origin: self.origin(member.position),
            });
        }
        Ok(lowered)
    }
}

fn int_enum_value(text: &str, member: &MemberDefinition) -> Result<Value, SyntaxError> {
    if text.contains(['.', 'e', 'E']) {
        return Err(SyntaxError::new(
            member.position,
            format!(
                "intEnum member `{}` cannot have the floating point value {text}",
                member.name
            ),
        ));
    }
    match text.parse::<i32>() {
        Ok(value) => Ok(Value::from(value)),
        Err(_) => Err(SyntaxError::new(
            member.position,
            format!(
                "intEnum member `{}` must fit in a 32-bit integer, found {text}",
                member.name
            ),
        )),
    }
}
