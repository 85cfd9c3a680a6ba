//! The call side of a service: its `Client`, and per operation the fluent builder that
//! `Client::<operation>()` returns, whose setters mirror the input builder's and whose
//! `send()` runs the call through `anvil_runtime::client::invoke`.
//!
//! Both exist only with the generated crate's `rt-tokio` feature (on by default), as
//! the runtime's call path does.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::ir::doc_text::inline_text;
use crate::ir::{OperationIr, ServiceIr};

use super::operation_trait::service_module_path;
use super::scope::{FileScope, ident};
use super::structure::setters;

/// The feature gate of everything that sends requests.
fn client_cfg() -> TokenStream {
    quote!(#[cfg(feature = "rt-tokio")])
}

/// The name of an operation's fluent builder, e.g. `UpdateUserFluentBuilder`.
pub fn fluent_builder_name(operation: &OperationIr) -> String {
    format!("{}FluentBuilder", operation.rust_name)
}

/// `client.rs` of a service: the `Client` struct with one method per operation.
pub fn client_module(service: &ServiceIr) -> TokenStream {
    let title = inline_text(&service.title);
    let module_doc = format!(" The client of {title}: one method per operation.");
    let client_doc = format!(
        " Calls the operations of {title}. Cheap to clone: clones share the config, and \
         with it the retry quota and the HTTP client's connections."
    );
    let service_path = service_module_path(service);
    let methods = service.operations.iter().map(|operation| {
        let method = ident(&operation.client_method);
        let module = ident(&operation.module_name);
        let builder = format_ident!("{}", fluent_builder_name(operation));
        let doc = format!(
            " Starts a call of `{}`: set its input with the builder's setters, then \
             `send()` it.",
            operation.name
        );
        quote! {
            #[doc = #doc]
            pub fn #method(&self) -> #service_path::operation::#module::#builder {
                #service_path::operation::#module::#builder {
                    config: self.config.clone(),
                    input: Default::default(),
                }
            }
        }
    });
    quote! {
        #![doc = #module_doc]

        #[doc = #client_doc]
        #[derive(Clone, Debug)]
        pub struct Client {
            config: anvil_runtime::client::Config,
        }

        impl Client {
            /// A client that calls with `config`: its region, credentials, endpoint,
            /// retries, timeouts and HTTP client.
            pub fn new(config: &anvil_runtime::client::Config) -> Self {
                Self { config: config.clone() }
            }

            /// The settings calls are made with.
            pub fn config(&self) -> &anvil_runtime::client::Config {
                &self.config
            }

            #(#methods)*
        }
    }
}

/// The lines of a service's root module that declare and re-export its client.
pub fn client_declaration() -> TokenStream {
    let cfg = client_cfg();
    quote! {
        #cfg
        pub mod client;
        #cfg
        pub use client::Client;
    }
}

/// An operation's fluent builder: the config to call with and the input being built.
pub fn fluent_builder(scope: &FileScope, operation: &OperationIr) -> TokenStream {
    let cfg = client_cfg();
    let builder = format_ident!("{}", fluent_builder_name(operation));
    let input = ident(&operation.input.rust_name);
    let input_builder = ident(&operation.input.builder_name);
    let output = ident(&operation.output.rust_name);
    let error = ident(&operation.error.rust_name);
    let unit = ident(&operation.rust_name);
    let result = scope.result();
    let doc = format!(
        " A call of `{}` being set up: the setters of [`{}`], then [`send`](Self::send).",
        operation.name, operation.input.builder_name
    );
    let setters = operation
        .input
        .members
        .iter()
        .map(|member| setters(scope, member, quote!(self.input)));
    let fields: Vec<_> = operation
        .input
        .members
        .iter()
        .map(|member| ident(&member.field_name))
        .collect();
    quote! {
        #[doc = #doc]
        #cfg
        #[derive(Clone, Debug)]
        pub struct #builder {
            pub(crate) config: anvil_runtime::client::Config,
            pub(crate) input: #input_builder,
        }

        #cfg
        impl #builder {
            #(#setters)*

            /// Sends the call: checks the input (unless the config turned validation
            /// off), then resolves the endpoint, signs, sends and reads the answer,
            /// retrying as the config says. Required members left unset are reported by
            /// that check, with every other violation, before anything is sent.
            pub async fn send(self) -> #result<#output, anvil_runtime::client::SdkError<#error>> {
                let #input_builder { #(#fields),* } = self.input;
                let input = #input { #(#fields),* };
                anvil_runtime::client::invoke::<#unit>(&self.config, input).await
            }
        }
    }
}

/// `pub use` of the runtime's client types at the root of a generated crate.
pub fn crate_reexports() -> TokenStream {
    let cfg = client_cfg();
    quote! {
        #cfg
        pub use anvil_runtime::client::{Config, ConfigBuilder, SdkError};
    }
}
