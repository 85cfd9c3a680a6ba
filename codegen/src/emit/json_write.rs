//! `write_json`: a structure or union as JSON, through the runtime's streaming writer.
//! On the wire, keys are wire names and members bound elsewhere (headers, labels...) are
//! left out; for display, keys are member names and every member is written.

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::protocol::{Location, TimestampWire};
use crate::ir::{RustType, StructureIr, TypeKind, UnionIr};

use super::scope::{FileScope, ident, value_as_f64, value_as_i64};

/// `write_json` of a structure.
pub fn structure_writer(scope: &FileScope, structure: &StructureIr) -> TokenStream {
    let name = ident(&structure.rust_name);
    let members = structure.members.iter().map(|member| {
        let field = ident(&member.field_name);
        let key = key_tokens(&member.member_name, &member.wire_name);
        let write = write_value(scope, &member.rust_type, member.timestamp_wire);
        let display_only = (member.location != Location::Body)
            .then(|| quote!(out.style() == anvil_runtime::wire::JsonStyle::Display &&));
        if member.presence.is_option() {
            return quote! {
                if #display_only let Some(value) = &self.#field {
                    out.key(#key);
                    #write
                }
            };
        }
        let body = quote! {
            {
                let value = &self.#field;
                out.key(#key);
                #write
            }
        };
        if display_only.is_some() {
            quote! {
                if out.style() == anvil_runtime::wire::JsonStyle::Display {
                    #body
                }
            }
        } else {
            body
        }
    });
    quote! {
        impl #name {
            /// Writes the value as a JSON object: wire names and only body members in
            /// [`anvil_runtime::wire::JsonStyle::Wire`], every member by its model name in
            /// `Display`.
            pub fn write_json(&self, out: &mut anvil_runtime::wire::JsonWriter) {
                out.begin_object();
                #(#members)*
                out.end_object();
            }
        }
    }
}

/// `write_json` of a union: an object with the one member that is set.
pub fn union_writer(scope: &FileScope, union: &UnionIr) -> TokenStream {
    let name = ident(&union.rust_name);
    let unknown = ident(&union.unknown_variant);
    let arms = union.variants.iter().map(|variant| {
        let variant_name = ident(&variant.variant_name);
        let key = key_tokens(&variant.member_name, &variant.wire_name);
        match &variant.rust_type {
            Some(rust_type) => {
                let write = write_value(scope, rust_type, variant.timestamp_wire);
                quote! {
                    Self::#variant_name(value) => {
                        out.key(#key);
                        #write
                    }
                }
            }
            None => quote! {
                Self::#variant_name => {
                    out.key(#key);
                    out.begin_object();
                    out.end_object();
                }
            },
        }
    });
    quote! {
        impl #name {
            /// Writes the value as a JSON object with its one member; `Unknown` writes `{}`.
            pub fn write_json(&self, out: &mut anvil_runtime::wire::JsonWriter) {
                out.begin_object();
                match self {
                    #(#arms)*
                    Self::#unknown => {}
                }
                out.end_object();
            }
        }
    }
}

/// The key: the wire name on the wire, the member name for display (one literal when equal).
fn key_tokens(member_name: &str, wire_name: &str) -> TokenStream {
    if member_name == wire_name {
        quote!(#member_name)
    } else {
        quote! {
            if out.style() == anvil_runtime::wire::JsonStyle::Display { #member_name } else { #wire_name }
        }
    }
}

/// The runtime's name for a timestamp format.
pub fn timestamp_wire_tokens(format: TimestampWire) -> TokenStream {
    match format {
        TimestampWire::DateTime => quote!(anvil_runtime::wire::TimestampWire::DateTime),
        TimestampWire::HttpDate => quote!(anvil_runtime::wire::TimestampWire::HttpDate),
        TimestampWire::EpochSeconds => quote!(anvil_runtime::wire::TimestampWire::EpochSeconds),
    }
}

/// An item of a list or map: `null` for an absent item of a sparse collection.
fn sparse_item(write: TokenStream, sparse: bool) -> TokenStream {
    if sparse {
        quote! {
            match value {
                Some(value) => { #write }
                None => out.null(),
            }
        }
    } else {
        write
    }
}

/// Statements writing `value` (a reference of `rust_type`) to `out`.
fn write_value(scope: &FileScope, rust_type: &RustType, timestamp: TimestampWire) -> TokenStream {
    match rust_type {
        RustType::String => quote!(out.string(value);),
        RustType::Bool => quote!(out.boolean(*value);),
        RustType::I8 | RustType::I16 | RustType::I32 | RustType::I64 => {
            let value = value_as_i64(rust_type);
            quote!(out.integer(#value);)
        }
        RustType::F32 | RustType::F64 => {
            let value = value_as_f64(rust_type);
            quote!(out.double(#value);)
        }
        RustType::BigInteger | RustType::BigDecimal => quote!(out.number_text(value.as_str());),
        RustType::Blob => quote!(out.blob(value);),
        RustType::DateTime => {
            let format = timestamp_wire_tokens(timestamp);
            quote!(out.timestamp(value, #format);)
        }
        RustType::Document => quote!(out.document(value);),
        RustType::Named(type_ref) => match type_ref.kind {
            TypeKind::Structure | TypeKind::Union => quote!(value.write_json(out);),
            TypeKind::Enum => quote!(out.string(value.as_str());),
            TypeKind::IntEnum => quote!(out.integer(i64::from(value.as_i32()));),
        },
        RustType::Boxed(inner) => {
            let write = write_value(scope, inner, timestamp);
            quote! {
                let value = value.as_ref();
                #write
            }
        }
        RustType::List { item, sparse } => {
            let write = write_value(scope, item, timestamp);
            let each = sparse_item(write, *sparse);
            quote! {
                out.begin_array();
                for value in value {
                    #each
                }
                out.end_array();
            }
        }
        RustType::Map {
            value: value_type,
            sparse,
            ..
        } => {
            let write = write_value(scope, value_type, timestamp);
            let each = sparse_item(write, *sparse);
            let vec = scope.vec();
            quote! {
                // Sorted, so the same value always gives the same bytes.
                let mut entries: #vec<_> = value.iter().collect();
                entries.sort_by(|a, b| a.0.cmp(b.0));
                out.begin_object();
                for (key, value) in entries {
                    out.key(key.as_str());
                    #each
                }
                out.end_object();
            }
        }
    }
}
