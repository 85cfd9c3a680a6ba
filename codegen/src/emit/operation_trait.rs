//! The contract side of an operation: its unit struct implementing
//! `anvil_runtime::Operation`, and the `OPERATIONS` tables of a service and of a crate.

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::{
    EndpointParamIr, EndpointParamSource, HostPrefixPart, OperationIr, RustType, ServiceIr,
    StructureIr, TypeKind,
};
use crate::model::NodeValue;

use super::protocol::idempotency_member;
use super::scope::{FileScope, doc_attrs, ident};

/// The operation's unit struct and its `anvil_runtime::Operation` impl, plus the input's
/// `JsonInput` and the output's `JsonOutput` impls that the operation table uses (both
/// behind the `json-input` feature, as the table is). Each
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
    let service_path = service_const_path(service);
    let signed = (!operation.signed).then(|| {
        quote!(
            const SIGNED: bool = false;
        )
    });
    let compress = operation.compress_request.then(|| {
        quote!(
            const COMPRESS_REQUEST: bool = true;
        )
    });
    let content_md5 = operation.content_md5.then(|| {
        quote!(
            const CONTENT_MD5: bool = true;
        )
    });
    let endpoint_params = endpoint_params_fn(&input, &operation.endpoint_params, &operation.input);
    let host_prefix = operation
        .host_prefix
        .as_ref()
        .map(|parts| host_prefix_fn(&input, operation_name, parts, scope));
    quote! {
        #doc
        #[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
        pub struct #name;

        impl anvil_runtime::Operation for #name {
            type Input = #input;
            type Output = #output;
            type Error = #error;
            const NAME: &'static str = #operation_name;
            const SERVICE: &'static anvil_runtime::ServiceInfo = &#service_path;
            #signed
            #compress
            #content_md5

            fn validate(input: &#input) -> #result<(), anvil_runtime::ValidationError> {
                input.validate()
            }

            #prepare
            #endpoint_params
            #host_prefix

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

        #[cfg(feature = "json-input")]
        impl anvil_runtime::operation::JsonInput for #input {
            fn from_json(
                value: &anvil_runtime::json::Value,
            ) -> #result<(Self, #result<(), anvil_runtime::ValidationError>), anvil_runtime::json::JsonError> {
                #input::from_json(value)
            }
        }

        #[cfg(feature = "json-input")]
        impl anvil_runtime::operation::JsonOutput for #output {
            fn to_json(&self) -> String {
                #output::to_json(self)
            }
        }
    }
}

/// `OPERATIONS` of one service (its root module), or of a crate of several services:
/// one `anvil_runtime::OperationEntry` per operation, sorted by service then name, behind
/// the `json-input` feature.
pub fn operations_table<'a>(
    services: impl IntoIterator<Item = (&'a ServiceIr, Option<&'a str>)>,
) -> TokenStream {
    let mut rows: Vec<(&str, &str, TokenStream)> = Vec::new();
    for (service, module) in services {
        if service.protocol.is_none() {
            continue;
        }
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
                    anvil_runtime::OperationEntry::of::<#module operation::#operation_module::#name>()
                },
            ));
        }
    }
    rows.sort_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)));
    let rows = rows.into_iter().map(|(_, _, row)| row);
    quote! {
        /// Every operation, sorted by service then name, for tools that pick one by name at
        /// run time (JSON input in, request out; response in, printable result out).
        /// (Feature `json-input`.)
        #[cfg(feature = "json-input")]
        pub const OPERATIONS: &[anvil_runtime::OperationEntry] = &[#(#rows),*];
    }
}

/// The path of the service's `SERVICE` constant, e.g. `crate::identitystore::SERVICE`.
fn service_const_path(service: &ServiceIr) -> TokenStream {
    let module = service_module_path(service);
    quote!(#module::SERVICE)
}

/// The path of the service's root module, e.g. `crate::identitystore` (or `crate`).
pub fn service_module_path(service: &ServiceIr) -> TokenStream {
    let segments = service.root.iter().map(|segment| ident(segment));
    quote!(#(#segments)::*)
}

/// The service's `SERVICE` constant: names, rule set and partitions for the operations.
pub fn service_info(service: &ServiceIr) -> TokenStream {
    let name = &service.service_name;
    let signing_name = match &service.signing_name {
        Some(signing_name) => quote!(Some(#signing_name)),
        None => quote!(None),
    };
    let (rule_set, partitions) = if service.endpoint.is_some() {
        (
            quote!(Some(endpoint::rule_set)),
            quote!(Some(crate::partitions::partitions)),
        )
    } else {
        (quote!(None), quote!(None))
    };
    quote! {
        /// What the service's operations share: its name, signing name, endpoint rule set
        /// and partitions table.
        pub const SERVICE: anvil_runtime::ServiceInfo = anvil_runtime::ServiceInfo {
            name: #name,
            signing_name: #signing_name,
            rule_set: #rule_set,
            partitions: #partitions,
        };
    }
}

/// `endpoint_params`: the operation's static context parameters and `@contextParam` members.
fn endpoint_params_fn(
    input: &proc_macro2::Ident,
    params: &[EndpointParamIr],
    structure: &StructureIr,
) -> Option<TokenStream> {
    let sets: Vec<TokenStream> = params
        .iter()
        .filter_map(|param| {
            let name = &param.name;
            match &param.source {
                EndpointParamSource::Static(NodeValue::Bool(value)) => {
                    Some(quote!(params.insert(#name, #value);))
                }
                EndpointParamSource::Static(NodeValue::String(value)) => {
                    Some(quote!(params.insert(#name, #value);))
                }
                EndpointParamSource::Static(NodeValue::Array(items)) => {
                    let items = items.iter().filter_map(|item| match item {
                        NodeValue::String(text) => Some(text.as_str()),
                        _ => None,
                    });
                    Some(quote!(params.insert(#name, vec![#(#items),*]);))
                }
                EndpointParamSource::Static(_) => None,
                EndpointParamSource::InputMember { field_name } => {
                    let member = structure
                        .members
                        .iter()
                        .find(|member| &member.field_name == field_name)?;
                    let field = ident(field_name);
                    let value = match &member.rust_type {
                        RustType::String => quote!(value.clone()),
                        RustType::Bool => quote!(*value),
                        RustType::List { item, .. } if **item == RustType::String => {
                            quote!(value.clone())
                        }
                        RustType::Named(type_ref) if type_ref.kind == TypeKind::Enum => {
                            quote!(value.as_str())
                        }
                        _ => return None,
                    };
                    Some(quote! {
                        if let Some(value) = &input.#field {
                            params.insert(#name, #value);
                        }
                    })
                }
            }
        })
        .collect();
    if sets.is_empty() {
        return None;
    }
    let uses_input = params
        .iter()
        .any(|param| matches!(param.source, EndpointParamSource::InputMember { .. }));
    let input_name = if uses_input {
        quote!(input)
    } else {
        quote!(_input)
    };
    Some(quote! {
        fn endpoint_params(#input_name: &#input, params: &mut anvil_runtime::endpoint::Params) {
            #(#sets)*
        }
    })
}

/// `host_prefix`: the literal parts and the `@hostLabel` members, each checked as a host
/// label by the runtime.
fn host_prefix_fn(
    input: &proc_macro2::Ident,
    operation_name: &str,
    parts: &[HostPrefixPart],
    scope: &FileScope,
) -> TokenStream {
    let result = scope.result();
    let pushes = parts.iter().map(|part| match part {
        HostPrefixPart::Literal(text) => quote!(prefix.push_str(#text);),
        HostPrefixPart::Label {
            member_name,
            field_name,
        } => {
            let field = ident(field_name);
            quote! {
                prefix.push_str(&anvil_runtime::wire::host_label(
                    #operation_name,
                    #member_name,
                    input.#field.as_deref(),
                )?);
            }
        }
    });
    let uses_input = parts
        .iter()
        .any(|part| matches!(part, HostPrefixPart::Label { .. }));
    let input_name = if uses_input {
        quote!(input)
    } else {
        quote!(_input)
    };
    quote! {
        fn host_prefix(#input_name: &#input) -> #result<Option<String>, anvil_runtime::wire::RequestError> {
            let mut prefix = String::new();
            #(#pushes)*
            Ok(Some(prefix))
        }
    }
}
