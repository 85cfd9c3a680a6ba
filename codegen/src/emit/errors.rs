//! Errors: `Display`/`Error` for error structures and the per-operation error enum.

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::{ErrorEnumIr, StructureIr};

use super::scope::{FileScope, doc_attrs, ident};

/// `Display` and `std::error::Error` for an error structure.
pub fn error_structure_impls(structure: &StructureIr) -> TokenStream {
    let name = ident(&structure.rust_name);
    let code = &structure.shape_name;
    let message = structure.message_member().map(|member| {
        let field = ident(&member.field_name);
        if member.presence.is_option() {
            quote! {
                if let Some(message) = &self.#field {
                    write!(formatter, ": {message}")?;
                }
            }
        } else {
            quote!(write!(formatter, ": {}", self.#field)?;)
        }
    });
    quote! {
        impl std::fmt::Display for #name {
            fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str(#code)?;
                #message
                Ok(())
            }
        }

        impl std::error::Error for #name {}
    }
}

/// The error enum of one operation.
pub fn error_enum(scope: &FileScope, operation_name: &str, error: &ErrorEnumIr) -> TokenStream {
    let name = ident(&error.rust_name);
    let unhandled = ident(&error.unhandled_variant);
    let invalid = ident(&error.invalid_response_variant);
    let doc = format!(" The errors `{operation_name}` can return.");
    let option = scope.option();
    let variants = error.variants.iter().map(|variant| {
        let variant_name = ident(&variant.variant_name);
        let error_type = scope.type_path(&variant.error_type);
        let mut docs = variant.docs.clone();
        if docs.is_empty() {
            docs.push(format!("The modeled error `{}`.", variant.code));
        }
        let docs = doc_attrs(&docs);
        quote!(#docs #variant_name(#error_type),)
    });
    let names: Vec<_> = error
        .variants
        .iter()
        .map(|variant| ident(&variant.variant_name))
        .collect();
    let codes = error.variants.iter().map(|variant| variant.code.as_str());
    let messages = error.variants.iter().map(|variant| {
        let variant_name = ident(&variant.variant_name);
        match &variant.message {
            Some(message) if message.optional => {
                let accessor = ident(&message.field_name);
                quote!(Self::#variant_name(error) => error.#accessor(),)
            }
            Some(message) => {
                let accessor = ident(&message.field_name);
                quote!(Self::#variant_name(error) => Some(error.#accessor()),)
            }
            None => quote!(Self::#variant_name(_) => None,),
        }
    });
    let predicates = error.variants.iter().map(|variant| {
        let variant_name = ident(&variant.variant_name);
        let predicate = ident(&variant.predicate_name);
        let doc = format!(
            " Whether this is [`{}::{}`].",
            error.rust_name, variant.variant_name
        );
        quote! {
            #[doc = #doc]
            pub fn #predicate(&self) -> bool {
                matches!(self, Self::#variant_name(_))
            }
        }
    });
    quote! {
        #[doc = #doc]
        #[non_exhaustive]
        #[derive(Clone, Debug)]
        pub enum #name {
            #(#variants)*
            /// An error the model does not describe, with the code and message the service sent.
            #unhandled(anvil_runtime::UnhandledError),
            /// A response that could not be read (for example a body that is not JSON).
            #invalid(anvil_runtime::wire::ResponseError),
        }

        impl #name {
            /// The error code: the modeled error's name, or the code the service sent.
            pub fn code(&self) -> #option<&str> {
                match self {
                    #(Self::#names(_) => Some(#codes),)*
                    Self::#unhandled(error) => error.code(),
                    Self::#invalid(_) => None,
                }
            }

            /// The error message, if the service sent one.
            pub fn message(&self) -> #option<&str> {
                match self {
                    #(#messages)*
                    Self::#unhandled(error) => error.message(),
                    Self::#invalid(error) => Some(error.message()),
                }
            }

            #(#predicates)*

            /// Whether this is an error the model does not describe.
            pub fn is_unhandled(&self) -> bool {
                matches!(self, Self::#unhandled(_))
            }

            /// Whether the response could not be read.
            pub fn is_invalid_response(&self) -> bool {
                matches!(self, Self::#invalid(_))
            }
        }

        impl std::fmt::Display for #name {
            fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                match self {
                    #(Self::#names(error) => std::fmt::Display::fmt(error, formatter),)*
                    Self::#unhandled(error) => std::fmt::Display::fmt(error, formatter),
                    Self::#invalid(error) => std::fmt::Display::fmt(error, formatter),
                }
            }
        }

        impl std::error::Error for #name {}
    }
}
