//! `read_json`: typed values from JSON keyed by Smithy member names (the CLI's input form,
//! and awsJson's wire form). JSON `null` counts as absent; absent required members get zero
//! values and are reported through the reader.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::ir::naming::unraw;
use crate::ir::protocol::Location;
use crate::ir::{Presence, RustType, StructureIr, StructureRole, TypeKind, UnionIr};

use super::scope::{FileScope, ident};
use super::structure::default_fill;

/// `read_json` of a structure, plus the public `from_json` of an operation input (behind
/// the generated crate's `json-input` feature: a client reads responses without it).
pub fn structure_reader(scope: &FileScope, structure: &StructureIr) -> TokenStream {
    let name = ident(&structure.rust_name);
    let result = scope.result();
    let option = scope.option();
    let locals: Vec<_> = structure
        .members
        .iter()
        .map(|member| format_ident!("read_{}", unraw(&member.field_name)))
        .collect();
    let declarations = structure
        .members
        .iter()
        .zip(&locals)
        .map(|(member, local)| {
            let rust_type = scope.rust_type(&member.rust_type);
            quote!(let mut #local: #option<#rust_type> = None;)
        });
    let arms = structure
        .members
        .iter()
        .zip(&locals)
        .map(|(member, local)| {
            let member_name = &member.member_name;
            let read = read_value(scope, &member.rust_type);
            let path = quote!(let path = path.member(#member_name););
            let arm_body = quote! {
                {
                    #path
                    #local = Some(#read);
                }
            };
            let wire_name = &member.wire_name;
            if member.location != Location::Body {
                // Bound to headers, labels or the status on the wire; only people write it in JSON.
                quote!(#member_name if !reader.is_wire() => #arm_body)
            } else if *wire_name != member.member_name {
                quote! {
                    #member_name if !reader.is_wire() => #arm_body
                    #wire_name if reader.is_wire() => #arm_body
                }
            } else {
                quote!(#member_name => #arm_body)
            }
        });
    // Services spell an error's message key `message`, `Message` or `errorMessage` whatever
    // the model says; accept each for the message member.
    let message_aliases = (structure.role == StructureRole::Error)
        .then(|| structure.message_member())
        .flatten()
        .and_then(|member| {
            let position = structure
                .members
                .iter()
                .position(|candidate| candidate == member)?;
            let local = &locals[position];
            let member_name = &member.member_name;
            // A key another member (or this one) reads already is no alias.
            let aliases: Vec<&str> = ["message", "Message", "errorMessage"]
                .into_iter()
                .filter(|alias| {
                    structure
                        .members
                        .iter()
                        .all(|other| other.member_name != *alias && other.wire_name != *alias)
                })
                .collect();
            if aliases.is_empty() {
                return None;
            }
            Some(quote! {
                #(#aliases)|* if reader.is_wire() => {
                    let path = path.member(#member_name);
                    #local = Some(reader.string(item, &path)?);
                }
            })
        });
    let fields = structure
        .members
        .iter()
        .zip(&locals)
        .map(|(member, local)| {
            let field = ident(&member.field_name);
            let member_name = &member.member_name;
            let value = match &member.presence {
                Presence::Optional | Presence::RequiredOptional => quote!(#local),
                Presence::Defaulted(default) => {
                    default_fill(scope, member, default, quote!(#local))
                }
                Presence::Required => {
                    let zero = zero_value(scope, &member.rust_type);
                    quote! {
                        match #local {
                            Some(value) => value,
                            None => {
                                let path = path.member(#member_name);
                                reader.missing(&path);
                                #zero
                            }
                        }
                    }
                }
            };
            quote!(#field: #value,)
        });
    let from_json = (structure.role == StructureRole::Input).then(|| {
        quote! {
            /// Reads the input from JSON keyed by the model's member names (as boto3
            /// parameters are) and validates it. `Err` means the JSON does not fit the input
            /// (it names the path of the bad part); otherwise the input comes with the
            /// outcome of validation, where absent required members are `required` violations.
            /// (Feature `json-input`.)
            #[cfg(feature = "json-input")]
            pub fn from_json(
                value: &anvil_runtime::json::Value,
            ) -> #result<(Self, #result<(), anvil_runtime::ValidationError>), anvil_runtime::json::JsonError> {
                let mut reader = anvil_runtime::json::JsonReader::strict();
                let input = Self::read_json(value, &anvil_runtime::Path::Root, &mut reader)?;
                let mut violations = anvil_runtime::Violations::new();
                input.validate_into(&anvil_runtime::Path::Root, &mut violations);
                Ok((input, reader.finish(violations)))
            }
        }
    });
    let loop_body = if structure.members.is_empty() {
        quote! {
            for key in object.keys() {
                reader.unknown_member(path, key)?;
            }
        }
    } else {
        // JSON null means "absent", except for a document, where null is a value.
        let document_keys: Vec<&str> = structure
            .members
            .iter()
            .filter(|member| member.rust_type == RustType::Document)
            .map(|member| member.member_name.as_str())
            .collect();
        let skip_null = if document_keys.is_empty() {
            quote!(item.is_null())
        } else {
            quote!(item.is_null() && !matches!(key.as_str(), #(#document_keys)|*))
        };
        quote! {
            for (key, item) in object {
                if #skip_null {
                    continue;
                }
                match key.as_str() {
                    #(#arms)*
                    #message_aliases
                    other => reader.unknown_member(path, other)?,
                }
            }
        }
    };
    quote! {
        impl #name {
            #from_json

            /// Reads a value from JSON keyed by member names (wire names when the reader is
            /// [`anvil_runtime::json::JsonReader::wire`]); `path` locates it in messages.
            pub fn read_json(
                value: &anvil_runtime::json::Value,
                path: &anvil_runtime::Path<'_>,
                reader: &mut anvil_runtime::json::JsonReader,
            ) -> #result<Self, anvil_runtime::json::JsonError> {
                let object = reader.object(value, path)?;
                #(#declarations)*
                #loop_body
                Ok(Self { #(#fields)* })
            }
        }
    }
}

/// `read_json` of a union: the one member set, `Unknown` for none or an unlisted one.
pub fn union_reader(scope: &FileScope, union: &UnionIr) -> TokenStream {
    let name = ident(&union.rust_name);
    let unknown = ident(&union.unknown_variant);
    let result = scope.result();
    let arms = union.variants.iter().map(|variant| {
        let variant_name = ident(&variant.variant_name);
        let member_name = &variant.member_name;
        match &variant.rust_type {
            Some(rust_type) => {
                let read = read_value(scope, rust_type);
                let path = quote!(let path = path.member(#member_name););
                let wire_name = &variant.wire_name;
                let arm_body = quote! {
                    {
                        #path
                        Self::#variant_name(#read)
                    }
                };
                if *wire_name != variant.member_name {
                    quote! {
                        #member_name if !reader.is_wire() => #arm_body
                        #wire_name if reader.is_wire() => #arm_body
                    }
                } else {
                    quote!(#member_name => #arm_body)
                }
            }
            None => quote! {
                #member_name => {
                    // A unit member's only JSON form is an object (`{}`).
                    reader.object(item, &path.member(#member_name))?;
                    Self::#variant_name
                }
            },
        }
    });
    quote! {
        impl #name {
            /// Reads a value from JSON keyed by member names; exactly one member may be set.
            pub fn read_json(
                value: &anvil_runtime::json::Value,
                path: &anvil_runtime::Path<'_>,
                reader: &mut anvil_runtime::json::JsonReader,
            ) -> #result<Self, anvil_runtime::json::JsonError> {
                let object = reader.object(value, path)?;
                let mut found = None;
                for (key, item) in object {
                    if item.is_null() || key == "__type" {
                        continue;
                    }
                    if found.is_some() {
                        return Err(anvil_runtime::json::JsonError::new(
                            path,
                            "a union must have exactly one member set",
                        ));
                    }
                    found = Some(match key.as_str() {
                        #(#arms)*
                        other => {
                            reader.unknown_member(path, other)?;
                            Self::#unknown
                        }
                    });
                }
                Ok(found.unwrap_or(Self::#unknown))
            }
        }
    }
}

/// An expression reading `item` (a `&Value`) as `rust_type`, with `path` in scope.
fn read_value(scope: &FileScope, rust_type: &RustType) -> TokenStream {
    match rust_type {
        RustType::String => quote!(reader.string(item, &path)?),
        RustType::Bool => quote!(reader.boolean(item, &path)?),
        RustType::I8 => quote!(reader.integer::<i8>(item, &path)?),
        RustType::I16 => quote!(reader.integer::<i16>(item, &path)?),
        RustType::I32 => quote!(reader.integer::<i32>(item, &path)?),
        RustType::I64 => quote!(reader.integer::<i64>(item, &path)?),
        RustType::F32 => quote!(reader.float(item, &path)?),
        RustType::F64 => quote!(reader.double(item, &path)?),
        RustType::BigInteger => quote!(anvil_runtime::BigInteger::new(
            reader.number_text(item, &path)?
        )),
        RustType::BigDecimal => quote!(anvil_runtime::BigDecimal::new(
            reader.number_text(item, &path)?
        )),
        RustType::Blob => quote!(reader.blob(item, &path)?),
        RustType::DateTime => quote!(reader.timestamp(item, &path)?),
        RustType::Document => quote!(reader.document(item, &path)?),
        RustType::Named(type_ref) => {
            let type_path = scope.type_path(type_ref);
            match type_ref.kind {
                TypeKind::Structure | TypeKind::Union => {
                    quote!(#type_path::read_json(item, &path, reader)?)
                }
                TypeKind::Enum => quote!(#type_path::from(reader.str(item, &path)?)),
                TypeKind::IntEnum => quote!(#type_path::from(reader.integer::<i32>(item, &path)?)),
            }
        }
        RustType::Boxed(inner) => {
            let boxed = scope.boxed();
            let read = read_value(scope, inner);
            quote!(#boxed::new(#read))
        }
        RustType::List { item, sparse } => {
            let read = read_value(scope, item);
            let vec = scope.vec();
            let push = if *sparse {
                quote!(list.push(if item.is_null() { None } else { Some(#read) });)
            } else {
                quote! {
                    if item.is_null() {
                        reader.null_in_dense_list(&path)?;
                    } else {
                        list.push(#read);
                    }
                }
            };
            quote! {{
                let items = reader.array(item, &path)?;
                let mut list = #vec::with_capacity(items.len());
                for (index, item) in items.iter().enumerate() {
                    let path = path.index(index);
                    #push
                }
                list
            }}
        }
        RustType::Map { key, value, sparse } => {
            let read = read_value(scope, value);
            let key_value = match key.as_ref() {
                RustType::Named(type_ref) => {
                    let type_path = scope.type_path(type_ref);
                    quote!(#type_path::from(key.as_str()))
                }
                _ => quote!(key.clone()),
            };
            let key_path = quote!(let path = path.key(key););
            let insert = if *sparse {
                quote!(map.insert(#key_value, if item.is_null() { None } else { Some(#read) });)
            } else {
                quote! {
                    if !item.is_null() {
                        map.insert(#key_value, #read);
                    }
                }
            };
            quote! {{
                let entries = reader.object(item, &path)?;
                let mut map = std::collections::HashMap::with_capacity(entries.len());
                for (key, item) in entries {
                    #key_path
                    #insert
                }
                map
            }}
        }
    }
}

/// The zero value that stands in for an absent required member.
fn zero_value(scope: &FileScope, rust_type: &RustType) -> TokenStream {
    let string = scope.string();
    let vec = scope.vec();
    match rust_type {
        RustType::String => quote!(#string::new()),
        RustType::Bool => quote!(false),
        RustType::I8 | RustType::I16 | RustType::I32 | RustType::I64 => quote!(0),
        RustType::F32 | RustType::F64 => quote!(0.0),
        RustType::BigInteger => quote!(anvil_runtime::BigInteger::new("0")),
        RustType::BigDecimal => quote!(anvil_runtime::BigDecimal::new("0")),
        RustType::Blob => quote!(anvil_runtime::Blob::default()),
        RustType::DateTime => quote!(anvil_runtime::DateTime::from_secs(0)),
        RustType::Document => quote!(anvil_runtime::Document::Null),
        RustType::List { .. } => quote!(#vec::new()),
        RustType::Map { .. } => quote!(std::collections::HashMap::new()),
        RustType::Boxed(inner) => {
            let boxed = scope.boxed();
            let zero = zero_value(scope, inner);
            quote!(#boxed::new(#zero))
        }
        RustType::Named(type_ref) => {
            let type_path = scope.type_path(type_ref);
            match type_ref.kind {
                TypeKind::Structure => {
                    let default_trait = scope.default_trait();
                    quote! {
                        #type_path::read_json(
                            &anvil_runtime::json::Value::Object(#default_trait::default()),
                            &path,
                            &mut anvil_runtime::json::JsonReader::filling_zeros(),
                        )?
                    }
                }
                TypeKind::Union => quote!(#type_path::Unknown),
                TypeKind::Enum => quote!(#type_path::from("")),
                TypeKind::IntEnum => quote!(#type_path::from(0)),
            }
        }
    }
}
