//! Model -> IR: picks the shapes one service needs, names them, types their members.

use std::collections::{BTreeMap, BTreeSet};

use heck::ToShoutySnakeCase;

use crate::model::{
    EnumValue, Member, Model, NodeValue, Shape, ShapeId, ShapeKind, closure, service_operations,
};

use super::defaults::default_value;
use super::doc_text::{clean, code_span};
use super::docs::to_markdown;
use super::endpoint_params::endpoint_params;
use super::naming::{
    CLIENT_METHODS, MODULE_NAMES_TAKEN, NameScope, PRELUDE_NAMES, STRUCTURE_METHODS, camel_ident,
    is_keyword, rename_note, snake_ident, unraw,
};
use super::protocol::{
    HttpIr, Location, ProtocolIr, UriPart, declared_protocols, member_location, timestamp_wire,
};
use super::recursion::members_to_box;
use super::validation::{self, Nested, PatternRegistry, ValueValidation, checks_of};
use super::{
    EnumIr, EnumVariantIr, ErrorEnumIr, ErrorTraitsIr, ErrorVariantIr, MemberIr, MessageField,
    OperationIr, Presence, RustType, ServiceIr, StructureIr, StructureRole, TypeDef, TypeKind,
    TypeModule, TypeRef, UnionIr, UnionVariantIr,
};

/// What to lower and where the result will live.
#[derive(Clone, Debug)]
pub struct LowerOptions {
    /// The service shape; `None` picks the model's only service.
    pub service: Option<String>,
    /// Operation names to keep; empty keeps every operation of the service.
    pub operations: Vec<String>,
    /// The Rust path of the service module, e.g. `["crate", "identitystore"]`.
    pub root: Vec<String>,
    /// The model file as shown in generated headers.
    pub source: String,
}

/// Problems that stop lowering; each names the shape or member concerned.
#[derive(Debug, thiserror::Error)]
#[error("{}", problems.join("\n"))]
pub struct LowerError {
    /// One line per problem.
    pub problems: Vec<String>,
}

/// Lowers one service of a checked model.
pub fn lower_service(model: &Model, options: &LowerOptions) -> Result<ServiceIr, LowerError> {
    let fail = |problem: String| LowerError {
        problems: vec![problem],
    };
    let services: Vec<_> = model.services().collect();
    let (service_shape, service) = match &options.service {
        Some(wanted) => services
            .iter()
            .find(|(shape, _)| shape.id.to_string() == *wanted || shape.id.name() == wanted)
            .copied()
            .ok_or_else(|| fail(format!("no service named {wanted} in the model")))?,
        None => match services.as_slice() {
            [only] => *only,
            [] => return Err(fail("the model has no service shape".to_string())),
            _ => {
                let names: Vec<String> = services
                    .iter()
                    .map(|(shape, _)| shape.id.to_string())
                    .collect();
                return Err(fail(format!(
                    "the model has several services; pick one of {}",
                    names.join(", ")
                )));
            }
        },
    };
    let mut operation_ids = service_operations(model, &service_shape.id);
    if !options.operations.is_empty() {
        let known: Vec<&str> = operation_ids.iter().map(ShapeId::name).collect();
        let missing: Vec<String> = options
            .operations
            .iter()
            .filter(|name| !known.contains(&name.as_str()))
            .map(|name| {
                format!(
                    "{}: no operation named {name}; known: {}",
                    service_shape.id,
                    known.join(", ")
                )
            })
            .collect();
        if !missing.is_empty() {
            return Err(LowerError { problems: missing });
        }
        operation_ids.retain(|id| options.operations.iter().any(|name| name == id.name()));
    }

    let mut roots: Vec<ShapeId> = operation_ids.clone();
    roots.extend(service.errors.iter().cloned());
    let reachable = closure(model, roots);
    let input_roots = operation_ids.iter().filter_map(|id| {
        model
            .operation(id)
            .and_then(|operation| operation.input.clone())
    });
    let input_reachable = closure(model, input_roots);
    let protocol = ProtocolIr::of(
        service_shape.traits.protocol,
        service_shape.id.name(),
        service_shape
            .traits
            .raw
            .contains_key("aws.protocols#awsQueryCompatible"),
    );
    let mut lowerer = Lowerer {
        model,
        rest: protocol.as_ref().is_some_and(ProtocolIr::is_rest),
        input_reachable,
        patterns: PatternRegistry::default(),
        boxed: members_to_box(model, &reachable),
        rename: &service.rename,
        type_refs: BTreeMap::new(),
        rename_notes: BTreeMap::new(),
        problems: Vec::new(),
    };
    lowerer.assign_type_names(&reachable);

    let mut types = Vec::new();
    let mut errors = Vec::new();
    let mut type_files = NameScope::with_reserved_lists(&[MODULE_NAMES_TAKEN, &["types"]]);
    let mut error_files = NameScope::with_reserved_lists(&[MODULE_NAMES_TAKEN, &["error"]]);
    let placed: Vec<(ShapeId, TypeRef)> = lowerer
        .type_refs
        .iter()
        .map(|(id, type_ref)| (id.clone(), type_ref.clone()))
        .collect();
    for (id, type_ref) in placed {
        let Some(shape) = model.shape(&id) else {
            continue;
        };
        match type_ref.module {
            TypeModule::Error => {
                let file_name = type_files_claim(&mut error_files, &type_ref.name);
                let role = StructureRole::Error;
                errors.push(lowerer.structure(shape, &type_ref.name, &file_name, role));
            }
            TypeModule::Types => {
                let file_name = type_files_claim(&mut type_files, &type_ref.name);
                types.push(lowerer.type_def(shape, &type_ref.name, &file_name));
            }
        }
    }
    types.sort_by(|a, b| a.rust_name().cmp(b.rust_name()));
    super::layout::box_large_union_payloads(&mut types);
    validation::settle(&mut types);
    errors.sort_by(|a, b| a.rust_name.cmp(&b.rust_name));

    let mut operation_modules =
        NameScope::with_reserved_lists(&[MODULE_NAMES_TAKEN, &["operation"]]);
    let mut client_methods = NameScope::with_reserved(CLIENT_METHODS);
    let mut operations = Vec::new();
    for id in &operation_ids {
        let Some(shape) = model.shape(id) else {
            continue;
        };
        let Some(operation) = model.operation(id) else {
            continue;
        };
        let name = camel_ident(id.name());
        let module_name = operation_modules.claim(&file_stem(&snake_ident(id.name())));
        let client_method = client_methods.claim(&module_name);
        let structure_of = |target: &Option<ShapeId>, suffix: &str, role, lowerer: &mut Lowerer| {
            let rust_name = format!("{name}{suffix}");
            let unit = Shape {
                id: ShapeId::prelude("Unit"),
                kind: ShapeKind::Structure(Vec::new()),
                traits: Default::default(),
            };
            let target_shape = target
                .as_ref()
                .and_then(|id| model.shape(id))
                .unwrap_or(&unit);
            let mut structure = lowerer.structure(target_shape, &rust_name, &module_name, role);
            if structure.docs.is_empty() {
                let what = if role == StructureRole::Input {
                    "Input"
                } else {
                    "Output"
                };
                structure.docs = vec![format!("{what} of the `{}` operation.", id.name())];
            }
            structure
        };
        let mut input = structure_of(
            &operation.input,
            "Input",
            StructureRole::Input,
            &mut lowerer,
        );
        validation::prune_members(&mut input.members, &types);
        let http = shape
            .traits
            .http
            .as_ref()
            .filter(|_| lowerer.rest)
            .map(HttpIr::of);
        if let Some(http) = &http {
            mark_greedy_labels(&mut input.members, http);
        }
        let output = structure_of(
            &operation.output,
            "Output",
            StructureRole::Output,
            &mut lowerer,
        );
        let mut error_ids: Vec<&ShapeId> = operation.errors.iter().collect();
        for error in &service.errors {
            if !error_ids.contains(&error) {
                error_ids.push(error);
            }
        }
        let error = lowerer.error_enum(&name, &error_ids, &errors);
        let endpoint_params = endpoint_params(shape, operation.input.as_ref(), &input, model);
        let host_prefix = super::auth::host_prefix(shape, &input).unwrap_or_else(|problem| {
            lowerer.problems.push(format!("{id}: {problem}"));
            None
        });
        // The operation module declares this unit struct next to code that writes prelude
        // names (and `String`, `Option`, ... which its scope does not track) unqualified.
        let shadows = PRELUDE_NAMES
            .iter()
            .chain(&["String", "Option", "Vec", "Box", "Result", "Default"])
            .any(|prelude| *prelude == name);
        let (rust_name, rename_note) = if shadows {
            let reason = format!("`{name}` is a Rust prelude name the generated code uses");
            (
                format!("{name}Operation"),
                Some(rename_note(id.name(), &reason)),
            )
        } else {
            (name.clone(), None)
        };
        operations.push(OperationIr {
            name: id.name().to_string(),
            module_name,
            client_method,
            rust_name,
            rename_note,
            docs: shape_docs(shape),
            input,
            output,
            error,
            http,
            endpoint_params,
            signed: super::auth::is_signed(service_shape, shape),
            compress_request: shape
                .traits
                .request_compression
                .as_ref()
                .is_some_and(|encodings| encodings.iter().any(|name| name == "gzip")),
            content_md5: shape.traits.http_checksum_required,
            host_prefix,
        });
    }

    lowerer.problems.append(&mut lowerer.patterns.problems);
    if !lowerer.problems.is_empty() {
        return Err(LowerError {
            problems: lowerer.problems,
        });
    }
    let title = service_shape
        .traits
        .aws_service
        .as_ref()
        .map(|aws| aws.sdk_id.clone())
        .unwrap_or_else(|| service_shape.id.name().to_string());
    Ok(ServiceIr {
        root: options.root.clone(),
        shape_id: service_shape.id.to_string(),
        docs: shape_docs(service_shape),
        source: options.source.clone(),
        operations,
        types,
        errors,
        patterns: lowerer.patterns.patterns,
        skipped_patterns: lowerer.patterns.skipped,
        endpoint_prefix: service_shape
            .traits
            .aws_service
            .as_ref()
            .and_then(|aws| aws.endpoint_prefix.clone())
            .unwrap_or_else(|| service_shape.id.name().to_ascii_lowercase()),
        protocol,
        endpoint: super::endpoint::lower_endpoint(
            &service_shape.traits,
            &service_shape.id.to_string(),
        )
        .map_err(fail)?,
        signing_name: super::auth::signing_name(&service_shape.traits),
        declared_protocols: declared_protocols(&service_shape.traits),
        service_name: match options.root.as_slice() {
            [_, .., module] => module.clone(),
            _ => snake_ident(&title.replace(|c: char| !c.is_ascii_alphanumeric(), " ")),
        },
        title,
    })
}

/// A module file stem: snake case with no `r#`, keywords suffixed with `_`.
fn file_stem(snake: &str) -> String {
    let bare = unraw(snake);
    if is_keyword(bare) {
        format!("{bare}_")
    } else {
        bare.to_string()
    }
}

fn type_files_claim(scope: &mut NameScope, type_name: &str) -> String {
    scope.claim(&file_stem(&snake_ident(type_name)))
}

fn shape_docs(shape: &Shape) -> Vec<String> {
    shape
        .traits
        .documentation
        .as_deref()
        .map(to_markdown)
        .unwrap_or_default()
}

struct Lowerer<'a> {
    model: &'a Model,
    /// restJson1: HTTP bindings and `@jsonName` apply.
    rest: bool,
    /// Shapes reachable from an operation input: the ones `validate()` walks.
    input_reachable: BTreeSet<ShapeId>,
    /// The service's patterns.
    patterns: PatternRegistry,
    boxed: BTreeSet<(ShapeId, String)>,
    rename: &'a BTreeMap<ShapeId, String>,
    /// Where each named (non-operation) type lives.
    type_refs: BTreeMap<ShapeId, TypeRef>,
    /// Why a type's name differs from its shape's, for types renamed off a prelude name.
    rename_notes: BTreeMap<ShapeId, String>,
    problems: Vec<String>,
}

impl Lowerer<'_> {
    /// Names every shape that becomes a type of its own, in shape id order.
    fn assign_type_names(&mut self, reachable: &BTreeSet<ShapeId>) {
        let mut targeted = BTreeSet::new();
        for id in reachable {
            if let Some(shape) = self.model.shape(id)
                && !matches!(shape.kind, ShapeKind::Operation(_))
            {
                targeted.extend(
                    shape
                        .kind
                        .members()
                        .into_iter()
                        .map(|member| member.target.clone()),
                );
            }
        }
        let mut type_names = NameScope::with_reserved(PRELUDE_NAMES);
        let mut error_names = NameScope::with_reserved(PRELUDE_NAMES);
        for id in reachable {
            let Some(shape) = self.model.shape(id) else {
                continue;
            };
            let wanted = camel_ident(self.rename.get(id).map(String::as_str).unwrap_or(id.name()));
            let module = match &shape.kind {
                ShapeKind::Structure(_) if shape.traits.error.is_some() => TypeModule::Error,
                ShapeKind::Structure(_) if targeted.contains(id) => TypeModule::Types,
                ShapeKind::Union(_) | ShapeKind::Enum(_) | ShapeKind::IntEnum(_) => {
                    TypeModule::Types
                }
                ShapeKind::String if shape.traits.legacy_enum.is_some() => TypeModule::Types,
                _ => continue,
            };
            let name = match module {
                TypeModule::Error => error_names.claim(&wanted),
                TypeModule::Types => type_names.claim(&wanted),
            };
            if PRELUDE_NAMES.contains(&wanted.as_str()) {
                let reason = format!("`{wanted}` is a Rust prelude name the generated code uses");
                self.rename_notes
                    .insert(id.clone(), rename_note(id.name(), &reason));
            }
            let kind = match &shape.kind {
                ShapeKind::Structure(_) => TypeKind::Structure,
                ShapeKind::Union(_) => TypeKind::Union,
                ShapeKind::IntEnum(_) => TypeKind::IntEnum,
                _ => TypeKind::Enum,
            };
            self.type_refs
                .insert(id.clone(), TypeRef { module, name, kind });
        }
    }

    /// A type's documentation, with the note on its rename if it was renamed.
    fn type_docs(&self, shape: &Shape) -> Vec<String> {
        let mut docs = shape_docs(shape);
        if let Some(note) = self.rename_notes.get(&shape.id) {
            if !docs.is_empty() {
                docs.push(String::new());
            }
            docs.push(note.clone());
        }
        docs
    }

    fn type_def(&mut self, shape: &Shape, rust_name: &str, file_name: &str) -> TypeDef {
        match &shape.kind {
            ShapeKind::Union(members) => {
                TypeDef::Union(self.union(shape, members, rust_name, file_name))
            }
            ShapeKind::Structure(_) => {
                TypeDef::Structure(self.structure(shape, rust_name, file_name, StructureRole::Data))
            }
            _ => TypeDef::Enum(self.enumeration(shape, rust_name, file_name)),
        }
    }

    fn structure(
        &mut self,
        shape: &Shape,
        rust_name: &str,
        file_name: &str,
        role: StructureRole,
    ) -> StructureIr {
        let members = match &shape.kind {
            ShapeKind::Structure(members) => members.as_slice(),
            _ => &[],
        };
        let mut scope = NameScope::with_reserved(STRUCTURE_METHODS);
        let accessors = |name: &str| {
            let bare = unraw(name);
            vec![
                name.to_string(),
                format!("set_{bare}"),
                format!("get_{bare}"),
            ]
        };
        let members = members
            .iter()
            .map(|member| {
                let wanted = snake_ident(&member.name);
                let field_name = scope.claim_with(&wanted, accessors);
                let mut ir = self.member(shape, member, field_name.clone(), role);
                if field_name != wanted {
                    let clashes_with_method = accessors(&wanted)
                        .iter()
                        .any(|name| STRUCTURE_METHODS.contains(&unraw(name)));
                    let reason = if clashes_with_method {
                        "the generated code has a method of that name"
                    } else {
                        "another member has the same name in Rust"
                    };
                    ir.docs.push(String::new());
                    ir.docs.push(rename_note(&member.name, reason));
                }
                ir
            })
            .collect();
        StructureIr {
            shape_id: shape.id.to_string(),
            shape_name: shape.id.name().to_string(),
            rust_name: rust_name.to_string(),
            builder_name: format!("{rust_name}Builder"),
            file_name: file_name.to_string(),
            docs: self.type_docs(shape),
            members,
            sensitive: shape.traits.sensitive,
            role,
            deprecated: shape.traits.deprecated.clone(),
            from_input: role == StructureRole::Input
                || (role == StructureRole::Data && self.input_reachable.contains(&shape.id)),
            validated: role == StructureRole::Input
                || (role == StructureRole::Data && self.input_reachable.contains(&shape.id)),
            error_traits: shape.traits.error.map(|fault| ErrorTraitsIr {
                fault,
                retryable: shape.traits.retryable,
                http_status: shape.traits.http_error,
            }),
        }
    }

    fn member(
        &mut self,
        owner: &Shape,
        member: &Member,
        field_name: String,
        role: StructureRole,
    ) -> MemberIr {
        let mut rust_type = self.rust_type(&member.target, owner, member);
        if self
            .boxed
            .contains(&(owner.id.clone(), member.name.clone()))
        {
            rust_type = RustType::Boxed(Box::new(rust_type));
        }
        let target = self.model.shape(&member.target);
        let default = match &member.traits.default {
            Some(NodeValue::Null) => None,
            Some(value) => Some(value),
            None => target
                .and_then(|target| target.traits.default.as_ref())
                .filter(|value| **value != NodeValue::Null),
        };
        let presence = if role == StructureRole::Input {
            if member.traits.required {
                Presence::RequiredOptional
            } else {
                Presence::Optional
            }
        } else if member.traits.client_optional {
            Presence::Optional
        } else if let Some(value) = default {
            match default_value(self.model, value, &member.target) {
                Ok(default) => Presence::Defaulted(default),
                Err(message) => {
                    self.problems.push(format!(
                        "{}${}: invalid default: {message}",
                        owner.id, member.name
                    ));
                    Presence::Optional
                }
            }
        } else if member.traits.required {
            Presence::Required
        } else {
            Presence::Optional
        };
        let bound = matches!(
            role,
            StructureRole::Input | StructureRole::Output | StructureRole::Error
        );
        let is_error = role == StructureRole::Error;
        let location = member_location(
            &member.traits,
            self.rest,
            bound,
            is_error,
            role == StructureRole::Input,
        );
        MemberIr {
            member_name: member.name.clone(),
            docs: self.member_docs(member),
            rust_type,
            presence,
            sensitive: self.is_sensitive(member, 0),
            deprecated: member.traits.deprecated.clone(),
            wire_name: self.wire_name(member),
            location: location.clone(),
            timestamp_wire: timestamp_wire(self.model, member, &location),
            idempotency_token: member.traits.idempotency_token,
            media_type: self
                .model
                .shape(&member.target)
                .and_then(|target| target.traits.media_type.clone()),
            validation: if role == StructureRole::Input
                || (role == StructureRole::Data && self.input_reachable.contains(&owner.id))
            {
                self.value_validation(owner, member, 0)
            } else {
                ValueValidation::default()
            },
            field_name,
        }
    }

    fn member_docs(&self, member: &Member) -> Vec<String> {
        let own = member.traits.documentation.as_deref();
        let target = self
            .model
            .shape(&member.target)
            .filter(|target| !target.id.is_prelude())
            .and_then(|target| target.traits.documentation.as_deref());
        [own, target]
            .into_iter()
            .flatten()
            .map(to_markdown)
            .find(|lines| !lines.is_empty())
            .unwrap_or_else(|| vec![format!("The `{}` member.", member.name)])
    }

    /// A member's value is sensitive: the member or its target is `@sensitive`, or a list or
    /// map target holds sensitive values.
    fn is_sensitive(&self, member: &Member, depth: usize) -> bool {
        if member.traits.sensitive {
            return true;
        }
        let Some(target) = self.model.shape(&member.target) else {
            return false;
        };
        if target.traits.sensitive {
            return true;
        }
        if depth > 16 {
            return false;
        }
        match &target.kind {
            ShapeKind::List(item) => self.is_sensitive(item, depth + 1),
            ShapeKind::Map { key, value } => {
                self.is_sensitive(key, depth + 1) || self.is_sensitive(value, depth + 1)
            }
            _ => false,
        }
    }

    fn rust_type(&mut self, target_id: &ShapeId, owner: &Shape, member: &Member) -> RustType {
        if let Some(type_ref) = self.type_refs.get(target_id) {
            return RustType::Named(type_ref.clone());
        }
        let Some(target) = self.model.shape(target_id) else {
            self.problems.push(format!(
                "{}${}: target {target_id} does not exist",
                owner.id, member.name
            ));
            return RustType::String;
        };
        match &target.kind {
            ShapeKind::Blob => RustType::Blob,
            ShapeKind::Boolean => RustType::Bool,
            ShapeKind::String => RustType::String,
            ShapeKind::Byte => RustType::I8,
            ShapeKind::Short => RustType::I16,
            ShapeKind::Integer => RustType::I32,
            ShapeKind::Long => RustType::I64,
            ShapeKind::Float => RustType::F32,
            ShapeKind::Double => RustType::F64,
            ShapeKind::BigInteger => RustType::BigInteger,
            ShapeKind::BigDecimal => RustType::BigDecimal,
            ShapeKind::Timestamp => RustType::DateTime,
            ShapeKind::Document => RustType::Document,
            ShapeKind::List(item) => RustType::List {
                item: Box::new(self.rust_type(&item.target, target, item)),
                sparse: target.traits.sparse,
            },
            ShapeKind::Map { key, value } => RustType::Map {
                key: Box::new(self.rust_type(&key.target, target, key)),
                value: Box::new(self.rust_type(&value.target, target, value)),
                sparse: target.traits.sparse,
            },
            other => {
                self.problems.push(format!(
                    "{}${}: a member cannot target the {} {target_id}",
                    owner.id,
                    member.name,
                    other.type_name()
                ));
                RustType::String
            }
        }
    }

    fn enumeration(&mut self, shape: &Shape, rust_name: &str, file_name: &str) -> EnumIr {
        // `Err` is also `FromStr::Err`, which `Self::Err` names in the enum's impl.
        let mut scope = NameScope::with_reserved(&["Unknown", "Err"]);
        let mut variants = Vec::new();
        let integer = matches!(shape.kind, ShapeKind::IntEnum(_));
        match &shape.kind {
            ShapeKind::Enum(members) | ShapeKind::IntEnum(members) => {
                for member in members {
                    let value = match &member.traits.enum_value {
                        Some(EnumValue::String(text)) => text.clone(),
                        Some(EnumValue::Int(number)) => number.to_string(),
                        None => member.name.clone(),
                    };
                    variants.push(EnumVariantIr {
                        name: scope.claim(&camel_ident(&member.name)),
                        docs: non_empty_docs(member.traits.documentation.as_deref(), || {
                            value_doc(&value)
                        }),
                        deprecated: member.traits.deprecated.is_some(),
                        value,
                    });
                }
            }
            _ => {
                for entry in shape.traits.legacy_enum.iter().flatten() {
                    let wanted = entry.name.as_deref().unwrap_or(&entry.value);
                    variants.push(EnumVariantIr {
                        name: scope.claim(&camel_ident(wanted)),
                        value: entry.value.clone(),
                        docs: non_empty_docs(entry.documentation.as_deref(), || {
                            value_doc(&entry.value)
                        }),
                        deprecated: entry.deprecated,
                    });
                }
            }
        }
        EnumIr {
            rust_name: rust_name.to_string(),
            file_name: file_name.to_string(),
            docs: self.type_docs(shape),
            variants,
            unknown_variant: "Unknown".to_string(),
            integer,
            sensitive: shape.traits.sensitive,
        }
    }

    fn union(
        &mut self,
        shape: &Shape,
        members: &[Member],
        rust_name: &str,
        file_name: &str,
    ) -> UnionIr {
        let mut variant_names = NameScope::with_reserved(&["Unknown"]);
        let mut stems = NameScope::with_reserved(&["unknown"]);
        let variants = members
            .iter()
            .map(|member| {
                let rust_type = if member.target == ShapeId::prelude("Unit") {
                    None
                } else {
                    let mut rust_type = self.rust_type(&member.target, shape, member);
                    if self
                        .boxed
                        .contains(&(shape.id.clone(), member.name.clone()))
                    {
                        rust_type = RustType::Boxed(Box::new(rust_type));
                    }
                    Some(rust_type)
                };
                UnionVariantIr {
                    variant_name: variant_names.claim(&camel_ident(&member.name)),
                    member_name: member.name.clone(),
                    method_stem: stems.claim(unraw(&snake_ident(&member.name))),
                    rust_type,
                    sensitive: self.is_sensitive(member, 0),
                    docs: self.member_docs(member),
                    wire_name: self.wire_name(member),
                    timestamp_wire: timestamp_wire(self.model, member, &Location::Body),
                    validation: if self.input_reachable.contains(&shape.id) {
                        self.value_validation(shape, member, 0)
                    } else {
                        ValueValidation::default()
                    },
                }
            })
            .collect();
        UnionIr {
            rust_name: rust_name.to_string(),
            file_name: file_name.to_string(),
            docs: self.type_docs(shape),
            variants,
            unknown_variant: "Unknown".to_string(),
            sensitive: shape.traits.sensitive,
            validated: self.input_reachable.contains(&shape.id),
        }
    }

    /// The JSON key: `@jsonName` under restJson1, else the member name.
    fn wire_name(&self, member: &Member) -> String {
        match (&member.traits.json_name, self.rest) {
            (Some(json_name), true) => json_name.clone(),
            _ => member.name.clone(),
        }
    }

    /// What `validate()` checks on a member's value: the member's constraints, then the
    /// target's, then whatever is inside.
    fn value_validation(
        &mut self,
        owner: &Shape,
        member: &Member,
        depth: usize,
    ) -> ValueValidation {
        let Some(target) = self.model.shape(&member.target) else {
            return ValueValidation::default();
        };
        let member_label = format!("{}${}", owner.id, member.name);
        let member_name = format!("{}_{}", owner.id.name(), member.name).to_shouty_snake_case();
        let mut checks = checks_of(
            &member.traits,
            &mut self.patterns,
            &member_name,
            &member_label,
        );
        let target_name = target.id.name().to_shouty_snake_case();
        let target_label = target.id.to_string();
        checks.extend(checks_of(
            &target.traits,
            &mut self.patterns,
            &target_name,
            &target_label,
        ));
        let nested = match &target.kind {
            _ if depth > 32 => Nested::None,
            ShapeKind::List(item) => {
                Nested::List(Box::new(self.value_validation(target, item, depth + 1)))
            }
            ShapeKind::Map { key, value } => Nested::Map {
                key: Box::new(self.value_validation(target, key, depth + 1)),
                value: Box::new(self.value_validation(target, value, depth + 1)),
            },
            ShapeKind::Structure(_) | ShapeKind::Union(_) => match self.type_refs.get(&target.id) {
                Some(type_ref) => Nested::Named(type_ref.clone()),
                None => Nested::None,
            },
            _ => Nested::None,
        };
        ValueValidation { checks, nested }
    }

    fn error_enum(
        &mut self,
        operation_name: &str,
        error_ids: &[&ShapeId],
        errors: &[StructureIr],
    ) -> ErrorEnumIr {
        let mut variant_names = NameScope::with_reserved(&["Unhandled", "InvalidResponse"]);
        let mut predicates = NameScope::with_reserved(&["is_unhandled", "is_invalid_response"]);
        let variants = error_ids
            .iter()
            .filter_map(|id| {
                let type_ref = self.type_refs.get(*id)?.clone();
                let structure = errors
                    .iter()
                    .find(|error| error.rust_name == type_ref.name)?;
                let message = structure.message_member().map(|member| MessageField {
                    field_name: member.field_name.clone(),
                    optional: member.presence.is_option(),
                });
                Some(ErrorVariantIr {
                    variant_name: variant_names.claim(&type_ref.name),
                    predicate_name: predicates
                        .claim(&format!("is_{}", unraw(&snake_ident(&type_ref.name)))),
                    code: id.name().to_string(),
                    message,
                    docs: structure.docs.clone(),
                    error_type: type_ref,
                })
            })
            .collect();
        ErrorEnumIr {
            rust_name: format!("{operation_name}Error"),
            unhandled_variant: "Unhandled".to_string(),
            invalid_response_variant: "InvalidResponse".to_string(),
            variants,
        }
    }
}

/// Labels written `{Name+}` in the URI keep their `/`.
fn mark_greedy_labels(members: &mut [MemberIr], http: &HttpIr) {
    for member in members {
        if let Location::Label { greedy } = &mut member.location {
            *greedy = http.path.iter().any(|part| {
                matches!(part, UriPart::Label { member_name, greedy: true } if *member_name == member.member_name)
            });
        }
    }
}

/// The Markdown of `text`, or `fallback()` when there is no text or it converts to nothing.
fn non_empty_docs(text: Option<&str>, fallback: impl FnOnce() -> Vec<String>) -> Vec<String> {
    text.map(to_markdown)
        .filter(|lines| !lines.is_empty())
        .unwrap_or_else(fallback)
}

fn value_doc(value: &str) -> Vec<String> {
    if value.is_empty() {
        return vec!["The empty string value.".to_string()];
    }
    if clean(value, false).trim().is_empty() {
        return vec!["A value of blank or invisible characters only.".to_string()];
    }
    vec![format!("The value {}.", code_span(value))]
}
