//! Errors: `Display`, `Error` and `ErrorMetadata` for error structures, and the
//! per-operation error enum.

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::{ErrorEnumIr, StructureIr};
use crate::model::ErrorFault;

use super::scope::{FileScope, doc_attrs, ident};

/// `Display` and `std::error::Error` for an error structure.
pub fn error_structure_impls(scope: &FileScope, structure: &StructureIr) -> TokenStream {
    let name = ident(&structure.rust_name);
    let metadata = error_structure_metadata(scope, structure);
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

        #metadata
    }
}

/// `ErrorMetadata` for an error structure: its code, message and the model's facts.
fn error_structure_metadata(scope: &FileScope, structure: &StructureIr) -> TokenStream {
    let name = ident(&structure.rust_name);
    let option = scope.option();
    let code = &structure.shape_name;
    let message = match structure.message_member() {
        Some(member) if member.presence.is_option() => {
            let field = ident(&member.field_name);
            quote!(self.#field.as_deref())
        }
        Some(member) => {
            let field = ident(&member.field_name);
            quote!(Some(self.#field.as_str()))
        }
        None => quote!(None),
    };
    let traits = structure.error_traits;
    let fault = traits.map(|traits| {
        let fault = match traits.fault {
            ErrorFault::Client => quote!(Client),
            ErrorFault::Server => quote!(Server),
        };
        quote! {
            fn fault(&self) -> #option<anvil_runtime::Fault> {
                Some(anvil_runtime::Fault::#fault)
            }
        }
    });
    let retryable = traits.and_then(|traits| traits.retryable).map(|retryable| {
        let kind = if retryable.throttling {
            quote!(Throttling)
        } else {
            quote!(Transient)
        };
        quote! {
            fn retryable(&self) -> #option<anvil_runtime::RetryKind> {
                Some(anvil_runtime::RetryKind::#kind)
            }
        }
    });
    let status = traits.and_then(|traits| traits.http_status).map(|status| {
        let status = proc_macro2::Literal::u16_unsuffixed(status);
        quote! {
            fn http_status(&self) -> #option<u16> {
                Some(#status)
            }
        }
    });
    quote! {
        impl anvil_runtime::ErrorMetadata for #name {
            fn code(&self) -> #option<&str> {
                Some(#code)
            }

            fn message(&self) -> #option<&str> {
                #message
            }

            #fault
            #retryable
            #status
        }
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
            /// The error inside, as its metadata.
            fn metadata(&self) -> &dyn anvil_runtime::ErrorMetadata {
                match self {
                    #(Self::#names(error) => error,)*
                    Self::#unhandled(error) => error,
                    Self::#invalid(error) => error,
                }
            }

            /// The error code: the modeled error's name, or the code the service sent.
            pub fn code(&self) -> #option<&str> {
                self.metadata().code()
            }

            /// The error message, if the service sent one.
            pub fn message(&self) -> #option<&str> {
                self.metadata().message()
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
                std::fmt::Display::fmt(self.metadata(), formatter)
            }
        }

        impl std::error::Error for #name {}

        impl anvil_runtime::ErrorMetadata for #name {
            fn code(&self) -> #option<&str> {
                self.metadata().code()
            }

            fn message(&self) -> #option<&str> {
                self.metadata().message()
            }

            fn fault(&self) -> #option<anvil_runtime::Fault> {
                self.metadata().fault()
            }

            fn retryable(&self) -> #option<anvil_runtime::RetryKind> {
                self.metadata().retryable()
            }

            fn http_status(&self) -> #option<u16> {
                self.metadata().http_status()
            }

            fn request_id(&self) -> #option<&str> {
                self.metadata().request_id()
            }

            fn response_error(&self) -> #option<&anvil_runtime::wire::ResponseError> {
                self.metadata().response_error()
            }
        }
    }
}
