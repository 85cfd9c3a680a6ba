//! The contract side of an operation: its unit struct implementing
//! `anvil_runtime::Operation`, and the `OPERATIONS` tables of a service and of a crate.

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::{OperationIr, ServiceIr};

use super::protocol::idempotency_member;
use super::scope::{FileScope, doc_attrs, ident};

/// The operation's unit struct and its `anvil_runtime::Operation` impl, plus the input's
/// `JsonInput` and the output's `JsonOutput` impls that the operation table uses. Each
/// method delegates to the functions above.
pub fn operation_impl(
    scope: &FileScope,
    service: &ServiceIr,
    operation: &OperationIr,
) -> TokenStream {
    let name = ident(&operation.rust_name);
    let input = ident(&operation.input.rust_name);
    let output = ident(&operation.output.rust_name);
    let error = ident(&operation.error.rust_name);
    let operation_name = &operation.name;
    let service_name = &service.service_name;
    let result = scope.result();
    let vec = scope.vec();
    let prepare = idempotency_member(&operation.input).map(|member| {
        let field = ident(&member.field_name);
        quote! {
            fn prepare(input: &mut #input) {
                if input.#field.is_none() {
                    input.#field = Some(anvil_runtime::wire::idempotency_token());
                }
            }
        }
    });
    let mut doc_lines = vec![
        format!("The `{operation_name}` operation as a whole (its types, request and response),"),
        "for callers generic over [`anvil_runtime::Operation`].".to_string(),
    ];
    if let Some(note) = &operation.rename_note {
        doc_lines.extend([String::new(), note.clone()]);
    }
    let doc = doc_attrs(&doc_lines);
    quote! {
        #doc
        #[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
        pub struct #name;

        impl anvil_runtime::Operation for #name {
            type Input = #input;
            type Output = #output;
            type Error = #error;
            const NAME: &'static str = #operation_name;
            const SERVICE: &'static str = #service_name;

            #prepare

            fn build_request(
                input: &#input,
                endpoint_url: &str,
            ) -> #result<anvil_runtime::http::Request<#vec<u8>>, anvil_runtime::wire::RequestError> {
                input.to_request(endpoint_url)
            }

            fn parse_response(response: &anvil_runtime::http::Response<#vec<u8>>) -> #result<#output, #error> {
                parse_response(response)
            }
        }

        impl anvil_runtime::operation::JsonInput for #input {
            fn from_json(
                value: &anvil_runtime::json::Value,
            ) -> #result<(Self, #result<(), anvil_runtime::ValidationError>), anvil_runtime::json::JsonError> {
                #input::from_json(value)
            }
        }

        impl anvil_runtime::operation::JsonOutput for #output {
            fn to_json(&self) -> String {
                #output::to_json(self)
            }
        }
    }
}

/// `OPERATIONS` of one service (its root module), or of a crate of several services:
/// one `anvil_runtime::OperationEntry` per operation, sorted by service then name.
pub fn operations_table<'a>(
    services: impl IntoIterator<Item = (&'a ServiceIr, Option<&'a str>)>,
) -> TokenStream {
    let mut rows: Vec<(&str, &str, TokenStream)> = Vec::new();
    for (service, module) in services {
        if service.protocol.is_none() {
            continue;
        }
        let prefix = &service.endpoint_prefix;
        let module = module.map(|module| {
            let module = ident(module);
            quote!(#module::)
        });
        for operation in &service.operations {
            let operation_module = ident(&operation.module_name);
            let name = ident(&operation.rust_name);
            rows.push((
                service.service_name.as_str(),
                operation.name.as_str(),
                quote! {
                    anvil_runtime::OperationEntry::of::<#module operation::#operation_module::#name>(#prefix)
                },
            ));
        }
    }
    rows.sort_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)));
    let rows = rows.into_iter().map(|(_, _, row)| row);
    quote! {
        /// Every operation, sorted by service then name, for tools that pick one by name at
        /// run time (JSON input in, request out; response in, printable result out).
        pub const OPERATIONS: &[anvil_runtime::OperationEntry] = &[#(#rows),*];
    }
}
