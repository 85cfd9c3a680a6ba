//! Unions: one variant per member, plus `Unknown` for members this version does not list.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::ir::{RustType, UnionIr};

use super::scope::{FileScope, doc_attrs, ident};

/// Renders a union.
pub fn union(scope: &FileScope, union: &UnionIr) -> TokenStream {
    let name = ident(&union.rust_name);
    let unknown = ident(&union.unknown_variant);
    let mut docs = union.docs.clone();
    if docs.is_empty() {
        docs.push(format!(
            "The `{}` union: exactly one member is set.",
            union.rust_name
        ));
    }
    let docs = doc_attrs(&docs);
    let result = scope.result();
    let variants = union.variants.iter().map(|variant| {
        let variant_name = ident(&variant.variant_name);
        let docs = doc_attrs(&variant.docs);
        match &variant.rust_type {
            Some(rust_type) => {
                let rust_type = scope.rust_type(rust_type);
                quote!(#docs #variant_name(#rust_type),)
            }
            None => quote!(#docs #variant_name,),
        }
    });
    let methods = union.variants.iter().map(|variant| {
        let variant_name = ident(&variant.variant_name);
        let is_name = format_ident!("is_{}", variant.method_stem);
        let is_doc = format!(
            " Whether this is [`{}::{}`].",
            union.rust_name, variant.variant_name
        );
        let Some(rust_type) = &variant.rust_type else {
            return quote! {
                #[doc = #is_doc]
                pub fn #is_name(&self) -> bool {
                    matches!(self, Self::#variant_name)
                }
            };
        };
        let as_name = format_ident!("as_{}", variant.method_stem);
        let as_doc = format!(
            " The `{}` value, or `Err(self)` for any other variant.",
            variant.member_name
        );
        let (value_type, value) = match rust_type {
            RustType::Boxed(inner) => (scope.rust_type(inner), quote!(value.as_ref())),
            other => (scope.rust_type(other), quote!(value)),
        };
        quote! {
            #[doc = #as_doc]
            pub fn #as_name(&self) -> #result<&#value_type, &Self> {
                if let Self::#variant_name(value) = self { Ok(#value) } else { Err(self) }
            }

            #[doc = #is_doc]
            pub fn #is_name(&self) -> bool {
                matches!(self, Self::#variant_name(_))
            }
        }
    });
    let needs_manual_debug =
        union.sensitive || union.variants.iter().any(|variant| variant.sensitive);
    let derives = if needs_manual_debug {
        quote!(#[derive(Clone, PartialEq)])
    } else {
        quote!(#[derive(Clone, Debug, PartialEq)])
    };
    let debug = needs_manual_debug.then(|| debug_impl(union));
    quote! {
        #docs
        #[non_exhaustive]
        #derives
        pub enum #name {
            #(#variants)*
            /// A member this version of the model does not list. It cannot be sent.
            #unknown,
        }

        impl #name {
            #(#methods)*

            /// Whether this is a member this version of the model does not list.
            pub fn is_unknown(&self) -> bool {
                matches!(self, Self::#unknown)
            }
        }

        #debug
    }
}

fn debug_impl(union: &UnionIr) -> TokenStream {
    let name = ident(&union.rust_name);
    let unknown = ident(&union.unknown_variant);
    let unknown_label = &union.unknown_variant;
    let body = if union.sensitive {
        quote!(formatter.write_str(anvil_runtime::SENSITIVE_REDACTED))
    } else {
        let arms = union.variants.iter().map(|variant| {
            let variant_name = ident(&variant.variant_name);
            let label = &variant.variant_name;
            match (&variant.rust_type, variant.sensitive) {
                (None, _) => quote!(Self::#variant_name => formatter.write_str(#label),),
                (Some(_), true) => quote! {
                    Self::#variant_name(_) => formatter
                        .debug_tuple(#label)
                        .field(&anvil_runtime::SENSITIVE_REDACTED)
                        .finish(),
                },
                (Some(_), false) => quote! {
                    Self::#variant_name(value) => formatter.debug_tuple(#label).field(value).finish(),
                },
            }
        });
        quote! {
            match self {
                #(#arms)*
                Self::#unknown => formatter.write_str(#unknown_label),
            }
        }
    };
    quote! {
        impl std::fmt::Debug for #name {
            fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                #body
            }
        }
    }
}
