//! `read_headers`: how a structure bound to response headers or the status code (restJson1
//! outputs and errors, and awsJson errors' header members) reads them.

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::protocol::{Location, TimestampWire};
use crate::ir::{MemberIr, RustType, StructureIr, TypeKind};

use super::json_write::timestamp_wire_tokens;
use super::scope::{FileScope, ident};

/// Whether a restJson1 structure has members in headers or the status code.
pub fn needs_read_headers(structure: &StructureIr) -> bool {
    structure.members.iter().any(|member| {
        matches!(
            member.location,
            Location::Header(_) | Location::PrefixHeaders(_) | Location::ResponseCode
        )
    })
}

/// `read_headers`: fills header- and status-bound members from a response.
pub fn read_headers(scope: &FileScope, structure: &StructureIr) -> TokenStream {
    if !needs_read_headers(structure) {
        return TokenStream::new();
    }
    let name = ident(&structure.rust_name);
    let result = scope.result();
    let vec = scope.vec();
    let assignments = structure.members.iter().filter_map(|member| {
        let field = ident(&member.field_name);
        let wrap = |value: TokenStream| {
            if member.presence.is_option() { quote!(Some(#value)) } else { value }
        };
        match (&member.location, &member.rust_type) {
            (Location::ResponseCode, _) => {
                let value = wrap(quote!(i32::from(response.status().as_u16())));
                Some(quote!(self.#field = #value;))
            }
            (Location::Header(name), RustType::List { item, .. }) => {
                let parse = header_parse(scope, item, member)?;
                let value = wrap(quote!(items));
                let vec = scope.vec();
                // HTTP dates hold a comma of their own and are not quoted in lists.
                let split = if **item == RustType::DateTime
                    && member.timestamp_wire == TimestampWire::HttpDate
                {
                    quote!(anvil_runtime::wire::split_http_date_list)
                } else {
                    quote!(anvil_runtime::wire::split_header_list)
                };
                Some(quote! {
                    if let Some(text) = anvil_runtime::wire::header_text(response.headers(), #name) {
                        let mut items = #vec::new();
                        for text in #split(text) {
                            let text = text.as_str();
                            items.push(#parse);
                        }
                        self.#field = #value;
                    }
                })
            }
            (Location::Header(name), rust_type) => {
                let parse = header_parse(scope, rust_type, member)?;
                let value = wrap(parse);
                Some(quote! {
                    if let Some(text) = anvil_runtime::wire::header_text(response.headers(), #name) {
                        self.#field = #value;
                    }
                })
            }
            (Location::PrefixHeaders(prefix), RustType::Map { .. }) => {
                let value = wrap(quote!(map));
                Some(quote! {
                    let map = anvil_runtime::wire::prefixed_headers(response.headers(), #prefix);
                    if !map.is_empty() {
                        self.#field = #value;
                    }
                })
            }
            _ => None,
        }
    });
    quote! {
        impl #name {
            /// Fills the members bound to headers and the status code from `response`.
            pub(crate) fn read_headers(&mut self, response: &anvil_runtime::http::Response<#vec<u8>>) -> #result<(), String> {
                #(#assignments)*
                Ok(())
            }
        }
    }
}

/// An expression parsing `text` (a `&str` header value) as `rust_type`, with `?` on failure.
fn header_parse(scope: &FileScope, rust_type: &RustType, member: &MemberIr) -> Option<TokenStream> {
    let name = &member.member_name;
    let bad = quote!(|_| format!("the header for `{}` does not parse", #name));
    let why = quote!(|reason| format!("the header for `{}` {}", #name, reason));
    let format = timestamp_wire_tokens(member.timestamp_wire);
    Some(match rust_type {
        RustType::String if member.media_type.is_some() => {
            quote!(anvil_runtime::wire::read_media_type_header(text).map_err(#why)?)
        }
        RustType::String => quote!(text.to_string()),
        RustType::Bool => quote!(text.trim().parse::<bool>().map_err(#bad)?),
        RustType::I8 => quote!(text.trim().parse::<i8>().map_err(#bad)?),
        RustType::I16 => quote!(text.trim().parse::<i16>().map_err(#bad)?),
        RustType::I32 => quote!(text.trim().parse::<i32>().map_err(#bad)?),
        RustType::I64 => quote!(text.trim().parse::<i64>().map_err(#bad)?),
        // These say why (`is too large for a double`).
        RustType::F32 => quote!(anvil_runtime::wire::header_float(text.trim()).map_err(#why)?),
        RustType::F64 => quote!(anvil_runtime::wire::header_double(text.trim()).map_err(#why)?),
        RustType::DateTime => quote!(#format.parse(text.trim()).map_err(#bad)?),
        RustType::Named(type_ref) => {
            let type_path = scope.type_path(type_ref);
            match type_ref.kind {
                TypeKind::Enum => quote!(#type_path::from(text.trim())),
                TypeKind::IntEnum => {
                    quote!(#type_path::from(text.trim().parse::<i32>().map_err(#bad)?))
                }
                _ => return None,
            }
        }
        _ => return None,
    })
}
