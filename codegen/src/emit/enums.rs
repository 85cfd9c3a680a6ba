//! Enums: a variant per known value plus `Unknown`, with string/integer conversions.

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::EnumIr;

use super::scope::{FileScope, doc_attrs, ident};

/// Renders a string or integer enum.
pub fn enumeration(scope: &FileScope, enumeration: &EnumIr) -> TokenStream {
    if enumeration.integer {
        integer_enum(enumeration)
    } else {
        string_enum(scope, enumeration)
    }
}

fn enum_docs(enumeration: &EnumIr) -> TokenStream {
    let mut docs = enumeration.docs.clone();
    if docs.is_empty() {
        docs.push(format!("The `{}` values.", enumeration.rust_name));
    }
    docs.push(String::new());
    docs.push(format!(
        "Values this version does not list arrive as [`{}::{}`] and are sent back unchanged.",
        enumeration.rust_name, enumeration.unknown_variant
    ));
    doc_attrs(&docs)
}

fn variant_lines(enumeration: &EnumIr) -> Vec<TokenStream> {
    enumeration
        .variants
        .iter()
        .map(|variant| {
            let name = ident(&variant.name);
            let docs = doc_attrs(&variant.docs);
            let deprecated = variant
                .deprecated
                .then(|| quote!(#[doc = ""] #[doc = " Deprecated."]));
            quote!(#docs #deprecated #name,)
        })
        .collect()
}

fn debug_parts(enumeration: &EnumIr) -> (TokenStream, TokenStream) {
    if enumeration.sensitive {
        let name = ident(&enumeration.rust_name);
        let manual = quote! {
            impl std::fmt::Debug for #name {
                fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                    formatter.write_str(anvil_runtime::SENSITIVE_REDACTED)
                }
            }
        };
        (TokenStream::new(), manual)
    } else {
        (quote!(Debug,), TokenStream::new())
    }
}

/// What string and integer enums render alike.
struct EnumParts {
    name: proc_macro2::Ident,
    unknown: proc_macro2::Ident,
    docs: TokenStream,
    variants: Vec<TokenStream>,
    debug_derive: TokenStream,
    debug_impl: TokenStream,
    names: Vec<proc_macro2::Ident>,
}

impl EnumParts {
    fn of(enumeration: &EnumIr) -> Self {
        let (debug_derive, debug_impl) = debug_parts(enumeration);
        Self {
            name: ident(&enumeration.rust_name),
            unknown: ident(&enumeration.unknown_variant),
            docs: enum_docs(enumeration),
            variants: variant_lines(enumeration),
            debug_derive,
            debug_impl,
            names: enumeration
                .variants
                .iter()
                .map(|variant| ident(&variant.name))
                .collect(),
        }
    }
}

fn string_enum(scope: &FileScope, enumeration: &EnumIr) -> TokenStream {
    let EnumParts {
        name,
        unknown,
        docs,
        variants,
        debug_derive,
        debug_impl,
        names,
    } = EnumParts::of(enumeration);
    let values: Vec<&str> = enumeration
        .variants
        .iter()
        .map(|variant| variant.value.as_str())
        .collect();
    let result = scope.result();
    quote! {
        #docs
        #[non_exhaustive]
        #[derive(Clone, #debug_derive PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum #name {
            #(#variants)*
            /// A value this version of the model does not list.
            #unknown(anvil_runtime::UnknownVariantValue),
        }

        impl #name {
            /// The value as sent on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    #(Self::#names => #values,)*
                    Self::#unknown(value) => value.as_str(),
                }
            }

            /// Every value the model lists, in model order.
            pub const fn values() -> &'static [&'static str] {
                &[#(#values),*]
            }
        }

        impl From<&str> for #name {
            fn from(value: &str) -> Self {
                match value {
                    #(#values => Self::#names,)*
                    other => Self::#unknown(anvil_runtime::UnknownVariantValue::new(other)),
                }
            }
        }

        impl std::str::FromStr for #name {
            type Err = std::convert::Infallible;

            fn from_str(value: &str) -> #result<Self, Self::Err> {
                Ok(Self::from(value))
            }
        }

        impl AsRef<str> for #name {
            fn as_ref(&self) -> &str {
                self.as_str()
            }
        }

        impl std::fmt::Display for #name {
            fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str(self.as_str())
            }
        }

        #debug_impl
    }
}

fn integer_enum(enumeration: &EnumIr) -> TokenStream {
    let EnumParts {
        name,
        unknown,
        docs,
        variants,
        debug_derive,
        debug_impl,
        names,
    } = EnumParts::of(enumeration);
    let values: Vec<proc_macro2::Literal> = enumeration
        .variants
        .iter()
        .map(|variant| {
            proc_macro2::Literal::i32_unsuffixed(variant.value.parse().unwrap_or_default())
        })
        .collect();
    quote! {
        #docs
        #[non_exhaustive]
        #[derive(Clone, Copy, #debug_derive PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum #name {
            #(#variants)*
            /// A value this version of the model does not list.
            #unknown(i32),
        }

        impl #name {
            /// The value as sent on the wire.
            pub fn as_i32(&self) -> i32 {
                match self {
                    #(Self::#names => #values,)*
                    Self::#unknown(value) => *value,
                }
            }

            /// Every value the model lists, in model order.
            pub const fn values() -> &'static [i32] {
                &[#(#values),*]
            }
        }

        impl From<i32> for #name {
            fn from(value: i32) -> Self {
                match value {
                    #(#values => Self::#names,)*
                    other => Self::#unknown(other),
                }
            }
        }

        #debug_impl
    }
}
