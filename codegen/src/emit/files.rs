//! Which files a service becomes, and their module glue (`mod.rs`, `lib.rs`, `Cargo.toml`).

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::doc_text::inline_text;
use crate::ir::protocol::SUPPORTED_PROTOCOLS;
use crate::ir::{OperationIr, ServiceIr, StructureIr, TypeDef};

use super::client::{
    client_declaration, client_module, crate_reexports, fluent_builder, fluent_builder_name,
};
use super::endpoint::{endpoint_module, partitions_declaration};
use super::enums::enumeration;
use super::errors::{error_enum, error_structure_impls};
use super::json_read::{structure_reader, union_reader};
use super::json_write::{structure_writer, union_writer};
use super::operation_trait::{operations_table, service_info};
use super::protocol::operation_protocol;
use super::response_headers::read_headers;
use super::scope::{FileScope, ident, inner_doc_attrs};
use super::structure::structure;
use super::union::union;
use super::validate::{patterns_module, structure_validation, union_validation};

/// A Rust file still as tokens, with its path relative to the service's directory.
pub struct TokenFile {
    /// Relative path, e.g. `types/user.rs`.
    pub path: String,
    /// Its items.
    pub tokens: TokenStream,
}

/// Every file of a service, relative to its directory. `crate_root` makes the root file
/// `lib.rs` of a crate of its own rather than `mod.rs` of a module.
pub fn service_files(service: &ServiceIr, crate_root: bool) -> Vec<TokenFile> {
    let mut files = vec![TokenFile {
        path: if crate_root { "lib.rs" } else { "mod.rs" }.to_string(),
        tokens: service_root(service, crate_root),
    }];
    files.push(TokenFile {
        path: "types/mod.rs".to_string(),
        tokens: types_mod(service),
    });
    for type_def in &service.types {
        files.push(TokenFile {
            path: format!("types/{}.rs", type_def.file_name()),
            tokens: type_file(service, type_def),
        });
    }
    files.push(TokenFile {
        path: "error/mod.rs".to_string(),
        tokens: error_mod(service),
    });
    for error in &service.errors {
        let scope = FileScope::new(&service.root, local_names_of_structure(error));
        let body = structure(&scope, error);
        let impls = error_structure_impls(&scope, error);
        let reader = structure_reader(&scope, error);
        let writer = structure_writer(&scope, error);
        let headers = service
            .protocol
            .is_some()
            .then(|| read_headers(&scope, error));
        files.push(TokenFile {
            path: format!("error/{}.rs", error.file_name),
            tokens: quote!(#body #impls #reader #writer #headers),
        });
    }
    if !service.patterns.is_empty() || !service.skipped_patterns.is_empty() {
        files.push(TokenFile {
            path: "patterns.rs".to_string(),
            tokens: patterns_module(&service.patterns, &service.skipped_patterns),
        });
    }
    if let Some(endpoint) = &service.endpoint {
        files.push(TokenFile {
            path: "endpoint.rs".to_string(),
            tokens: endpoint_module(service, endpoint),
        });
    }
    if service.protocol.is_some() {
        files.push(TokenFile {
            path: "client.rs".to_string(),
            tokens: client_module(service),
        });
    }
    files.push(TokenFile {
        path: "operation/mod.rs".to_string(),
        tokens: operation_mod(service),
    });
    for operation in &service.operations {
        files.push(TokenFile {
            path: format!("operation/{}.rs", operation.module_name),
            tokens: operation_file(service, operation),
        });
    }
    files
}

fn local_names_of_structure(structure: &StructureIr) -> Vec<String> {
    vec![structure.rust_name.clone(), structure.builder_name.clone()]
}

fn service_root(service: &ServiceIr, crate_root: bool) -> TokenStream {
    let mut docs = service.docs.clone();
    if docs.is_empty() {
        docs.push(format!("The {} service.", inline_text(&service.title)));
    }
    docs.push(String::new());
    docs.push(format!(
        "Generated from the Smithy service `{}`.",
        service.shape_id
    ));
    if service.protocol.is_none() {
        docs.push(String::new());
        docs.push(types_only_note(service));
    }
    let docs = inner_doc_attrs(&docs);
    let table = service.protocol.is_some().then(|| {
        let table = operations_table([(service, None)]);
        let info = service_info(service);
        quote!(#info #table)
    });
    let client = service.protocol.is_some().then(client_declaration);
    let reexports = (crate_root && service.protocol.is_some()).then(crate_reexports);
    let lints = crate_root.then(|| quote!(#![warn(missing_docs)]));
    let patterns =
        (!service.patterns.is_empty() || !service.skipped_patterns.is_empty()).then(|| {
            quote!(
                mod patterns;
            )
        });
    let endpoint = service.endpoint.is_some().then(|| {
        let partitions = crate_root.then(partitions_declaration);
        quote! {
            pub mod endpoint;
            #partitions
        }
    });
    quote! {
        #docs
        #lints

        #client
        #endpoint
        pub mod error;
        #patterns
        pub mod operation;
        pub mod types;
        #reexports

        #table
    }
}

/// Crate or module documentation for a service generated without requests: why.
fn types_only_note(service: &ServiceIr) -> String {
    let reason = if service.declared_protocols.is_empty() {
        "the model gives the service no protocol trait".to_string()
    } else if service
        .declared_protocols
        .iter()
        .any(|name| SUPPORTED_PROTOCOLS.contains(&name.as_str()))
    {
        "it was generated with `--types-only`".to_string()
    } else {
        let names: Vec<String> = service
            .declared_protocols
            .iter()
            .map(|name| format!("`{name}`"))
            .collect();
        format!(
            "Anvil does not speak the service's protocol ({}) yet",
            names.join(", ")
        )
    };
    format!(
        "**Types only**: this code has the service's data types, builders, validation and \
         errors, but no requests or response parsing, because {reason}."
    )
}

fn type_file(service: &ServiceIr, type_def: &TypeDef) -> TokenStream {
    match type_def {
        TypeDef::Structure(shape) => {
            let scope = FileScope::new(&service.root, local_names_of_structure(shape));
            let body = structure(&scope, shape);
            let validation = structure_validation(&scope, shape);
            let reader = structure_reader(&scope, shape);
            let writer = structure_writer(&scope, shape);
            quote!(#body #validation #reader #writer)
        }
        TypeDef::Enum(shape) => {
            let scope = FileScope::new(&service.root, [shape.rust_name.clone()]);
            enumeration(&scope, shape)
        }
        TypeDef::Union(shape) => {
            let scope = FileScope::new(&service.root, [shape.rust_name.clone()]);
            let body = union(&scope, shape);
            let validation = union_validation(&scope, shape);
            let reader = union_reader(&scope, shape);
            let writer = union_writer(&scope, shape);
            quote!(#body #validation #reader #writer)
        }
    }
}

/// `mod x; pub use x::X;` lines and a `builders` module for the structures among them.
fn reexports<'a>(
    items: impl Iterator<Item = (&'a str, &'a str, Option<&'a str>)> + Clone,
) -> TokenStream {
    let modules = items.clone().map(|(file, name, _)| {
        let file = ident(file);
        let name = ident(name);
        quote! {
            mod #file;
            pub use #file::#name;
        }
    });
    let builders: Vec<TokenStream> = items
        .filter_map(|(file, _, builder)| {
            let file = ident(file);
            let builder = ident(builder?);
            Some(quote!(pub use super::#file::#builder;))
        })
        .collect();
    let builders = (!builders.is_empty()).then(|| {
        quote! {
            /// Builders for the structures of this module.
            pub mod builders {
                #(#builders)*
            }
        }
    });
    quote!(#(#modules)* #builders)
}

fn types_mod(service: &ServiceIr) -> TokenStream {
    let items = service.types.iter().map(|type_def| {
        let builder = match type_def {
            TypeDef::Structure(structure) => Some(structure.builder_name.as_str()),
            _ => None,
        };
        (type_def.file_name(), type_def.rust_name(), builder)
    });
    let body = reexports(items);
    let doc = format!(
        " Data types of {} that operations share.",
        inline_text(&service.title)
    );
    quote! {
        #![doc = #doc]
        #body
    }
}

fn error_mod(service: &ServiceIr) -> TokenStream {
    let items = service.errors.iter().map(|error| {
        (
            error.file_name.as_str(),
            error.rust_name.as_str(),
            Some(error.builder_name.as_str()),
        )
    });
    let body = reexports(items);
    let doc = format!(
        " Errors the {} service models. Each operation's error enum wraps the ones it can return.",
        inline_text(&service.title)
    );
    quote! {
        #![doc = #doc]
        #body
    }
}

fn operation_mod(service: &ServiceIr) -> TokenStream {
    let modules = service.operations.iter().map(|operation| {
        let module = ident(&operation.module_name);
        let doc = format!(" `{}`: its input, output and errors.", operation.name);
        quote! {
            #[doc = #doc]
            pub mod #module;
        }
    });
    let doc = format!(
        " The operations of {}, one module each.",
        inline_text(&service.title)
    );
    quote! {
        #![doc = #doc]
        #(#modules)*
    }
}

fn operation_file(service: &ServiceIr, operation: &OperationIr) -> TokenStream {
    let local_names = [
        operation.rust_name.clone(),
        operation.input.rust_name.clone(),
        operation.input.builder_name.clone(),
        operation.output.rust_name.clone(),
        operation.output.builder_name.clone(),
        operation.error.rust_name.clone(),
        fluent_builder_name(operation),
    ];
    let scope = FileScope::new(&service.root, local_names);
    let mut docs = operation.docs.clone();
    if docs.is_empty() {
        docs.push(format!("The `{}` operation.", operation.name));
    }
    let docs = inner_doc_attrs(&docs);
    let input = structure(&scope, &operation.input);
    let input_validation = structure_validation(&scope, &operation.input);
    let input_reader = structure_reader(&scope, &operation.input);
    let input_writer = structure_writer(&scope, &operation.input);
    let output = structure(&scope, &operation.output);
    let output_reader = structure_reader(&scope, &operation.output);
    let output_writer = structure_writer(&scope, &operation.output);
    let output_headers = is_rest(service).then(|| read_headers(&scope, &operation.output));
    let errors = error_enum(&scope, &operation.name, &operation.error);
    let protocol = service
        .protocol
        .as_ref()
        .map(|protocol| operation_protocol(&scope, service, operation, protocol));
    let call = service
        .protocol
        .is_some()
        .then(|| fluent_builder(&scope, operation));
    quote! {
        #docs
        #input
        #input_validation
        #input_reader
        #input_writer
        #output
        #output_reader
        #output_writer
        #output_headers
        #errors
        #protocol
        #call
    }
}

fn is_rest(service: &ServiceIr) -> bool {
    service
        .protocol
        .as_ref()
        .is_some_and(|protocol| protocol.is_rest())
}

/// `lib.rs` of a crate holding several services, one module each (named by the first of
/// each pair), with the table of every operation.
pub fn multi_service_lib(crate_docs: &[String], services: &[(String, ServiceIr)]) -> TokenStream {
    let docs = inner_doc_attrs(crate_docs);
    let table = operations_table(
        services
            .iter()
            .map(|(module, service)| (service, Some(module.as_str()))),
    );
    let modules = services.iter().map(|(module, service)| {
        let doc = format!(" The {} service.", inline_text(&service.title));
        let module = ident(module);
        quote! {
            #[doc = #doc]
            pub mod #module;
        }
    });
    let reexports = crate_reexports();
    quote! {
        #docs
        #![warn(missing_docs)]
        #(#modules)*
        #reexports

        #table
    }
}
