//! Endpoint resolution in the generated crate: each service's `endpoint.rs` (its rule set as a
//! JSON constant, parsed once), the crate-wide `partitions.rs`, and one integration test per
//! `endpointTests` case.

use std::str::FromStr;

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use crate::ir::ServiceIr;
use crate::ir::endpoint::{EndpointIr, EndpointParameterIr, EndpointTestIr, Expectation};
use anvil_runtime::endpoint::Value as ParamValue;

use super::scope::{ident, inner_doc_attrs};

/// A raw string literal holding `text`, with enough `#`s to hold any quote in it.
fn raw_string(text: &str) -> Literal {
    let mut hashes = 1;
    while text.contains(&format!("\"{}", "#".repeat(hashes))) {
        hashes += 1;
    }
    let fence = "#".repeat(hashes);
    Literal::from_str(&format!("r{fence}\"{text}\"{fence}"))
        .expect("a raw string literal is a valid token")
}

fn describe(parameter: &EndpointParameterIr) -> String {
    let mut facts = vec![parameter.type_name.clone()];
    match &parameter.default {
        Some(ParamValue::Bool(flag)) => facts.push(format!("default `{flag}`")),
        Some(ParamValue::String(text)) => facts.push(format!("default `{text:?}`")),
        Some(ParamValue::StringArray(items)) => facts.push(format!("default `{items:?}`")),
        None if parameter.required => facts.push("required".to_string()),
        None => facts.push("optional".to_string()),
    }
    if let Some(built_in) = &parameter.built_in {
        facts.push(format!("from the client's `{built_in}`"));
    }
    format!("- `{}` ({})", parameter.name, facts.join(", "))
}

/// The service's `endpoint.rs`.
pub fn endpoint_module(service: &ServiceIr, endpoint: &EndpointIr) -> TokenStream {
    let mut docs = vec![
        format!("Endpoint resolution for the {} service.", service.title),
        String::new(),
        "The service's endpoint rule set is embedded as JSON, parsed on first use and shared"
            .to_string(),
        "afterwards; [`resolve_endpoint`] evaluates it for one request. Its parameters, as"
            .to_string(),
        "[`Params`] names them:".to_string(),
        String::new(),
    ];
    docs.extend(endpoint.parameters.iter().map(describe));
    let docs = inner_doc_attrs(&docs);
    let json = raw_string(&endpoint.rule_set_json);
    quote! {
        #docs

        use std::sync::OnceLock;

        use anvil_runtime::endpoint::{Endpoint, EndpointError, Params, RuleSet};

        /// The parsed rule set: the first call parses [`RULE_SET_JSON`], later calls share it.
        pub fn rule_set() -> &'static RuleSet {
            static RULE_SET: OnceLock<RuleSet> = OnceLock::new();
            RULE_SET.get_or_init(|| {
                RuleSet::from_json(RULE_SET_JSON)
                    .expect("the generator parsed this rule set with the same runtime parser")
            })
        }

        /// Resolves the endpoint of a request from its parameters, with the crate's
        /// partitions table.
        ///
        /// Unset parameters take their defaults; the error carries the message of the rule
        /// set's matching error rule, or names a missing or mistyped parameter.
        pub fn resolve_endpoint(params: &Params) -> Result<Endpoint, EndpointError> {
            rule_set().resolve(params, crate::partitions::partitions())
        }

        /// The service's endpoint rule set (`smithy.rules#endpointRuleSet`) as compact JSON.
        pub const RULE_SET_JSON: &str = #json;
    }
}

/// The crate's `partitions.rs`, holding `compact_json` (a checked partitions table).
pub fn partitions_module(compact_json: &str) -> TokenStream {
    let json = raw_string(compact_json);
    quote! {
        //! The AWS partitions table (`sdk-partitions.json`) that every service's endpoint
        //! resolution uses: each partition's DNS suffixes, capabilities and regions.

        use std::sync::OnceLock;

        use anvil_runtime::endpoint::Partitions;

        /// The parsed table: the first call parses [`PARTITIONS_JSON`] and compiles its region
        /// patterns, later calls share it.
        pub fn partitions() -> &'static Partitions {
            static PARTITIONS: OnceLock<Partitions> = OnceLock::new();
            PARTITIONS.get_or_init(|| {
                Partitions::from_json(PARTITIONS_JSON)
                    .expect("the generator parsed this table with the same runtime parser")
            })
        }

        /// The partitions table as compact JSON.
        pub const PARTITIONS_JSON: &str = #json;
    }
}

/// The `pub mod partitions;` line of a crate root.
pub fn partitions_declaration() -> TokenStream {
    quote! {
        /// The AWS partitions table used by endpoint resolution.
        pub mod partitions;
    }
}

/// An integration test file with one test per case; `service_path` is the service module as
/// seen from outside the crate (`anvil_sdk::identitystore`).
pub fn endpoint_tests(service_path: &str, title: &str, endpoint: &EndpointIr) -> TokenStream {
    let docs = inner_doc_attrs(&[
        format!("The endpoint test cases of the {title} model (`smithy.rules#endpointTests`),"),
        "one test per case. Cases written against an older partitions table are ignored, with"
            .to_string(),
        "the reason.".to_string(),
    ]);
    let resolve: TokenStream = format!("{service_path}::endpoint::resolve_endpoint")
        .parse()
        .expect("a module path is valid tokens");
    let uses_endpoints = endpoint
        .tests
        .iter()
        .any(|test| matches!(test.expect, Expectation::Endpoint { .. }));
    let uses_errors = endpoint
        .tests
        .iter()
        .any(|test| matches!(test.expect, Expectation::Error(_)));
    let expect_endpoint = uses_endpoints.then(|| {
        quote! {
            /// Resolves `params` and checks the URL, the headers (in any order) and the properties.
            fn expect_endpoint(params: &Params, url: &str, headers: &[(&str, &[&str])], properties: &str) {
                let endpoint = resolve_endpoint(params)
                    .unwrap_or_else(|err| panic!("expected {url}, got the error: {err}"));
                assert_eq!(endpoint.url(), url);
                let mut actual: Vec<(&str, Vec<&str>)> = endpoint
                    .headers()
                    .iter()
                    .map(|(name, values)| (name.as_str(), values.iter().map(String::as_str).collect()))
                    .collect();
                let mut expected: Vec<(&str, Vec<&str>)> =
                    headers.iter().map(|(name, values)| (*name, values.to_vec())).collect();
                actual.sort();
                expected.sort();
                assert_eq!(actual, expected);
                let properties = json::to_document(
                    &json::parse(properties).expect("valid JSON"),
                    &anvil_runtime::Path::Root,
                )
                .expect("a document");
                assert_eq!(Document::Object(endpoint.properties().clone()), properties);
            }
        }
    });
    let expect_error = uses_errors.then(|| {
        quote! {
            /// Resolves `params` and checks the error message.
            fn expect_error(params: &Params, message: &str) {
                match resolve_endpoint(params) {
                    Ok(endpoint) => panic!("expected the error {message:?}, got {}", endpoint.url()),
                    Err(err) => assert_eq!(err.message(), message),
                }
            }
        }
    });
    let runtime_imports = if uses_endpoints {
        quote!(
            use anvil_runtime::{Document, json};
        )
    } else {
        quote!()
    };
    let tests = endpoint.tests.iter().map(test_function);
    quote! {
        #docs

        #runtime_imports
        use anvil_runtime::endpoint::Params;
        use #resolve;

        #expect_endpoint
        #expect_error
        #(#tests)*
    }
}

fn test_function(test: &EndpointTestIr) -> TokenStream {
    let name = ident(&test.name);
    let setters = test.params.iter().map(|(param, value)| {
        let value = match value {
            ParamValue::String(text) => quote!(#text),
            ParamValue::Bool(flag) => quote!(#flag),
            ParamValue::StringArray(items) if items.is_empty() => quote!(Vec::<String>::new()),
            ParamValue::StringArray(items) => quote!(vec![#(#items),*]),
        };
        quote!(.set(#param, #value))
    });
    let check = match &test.expect {
        Expectation::Endpoint {
            url,
            headers,
            properties,
        } => {
            let headers = headers
                .iter()
                .map(|(name, values)| quote!((#name, &[#(#values),*])));
            let properties = properties.to_string();
            quote!(expect_endpoint(&params, #url, &[#(#headers),*], #properties);)
        }
        Expectation::Error(message) => quote!(expect_error(&params, #message);),
    };
    let ignore = test.stale.as_ref().map(|reason| {
        let reason = format!("stale: {reason}");
        quote!(#[ignore = #reason])
    });
    quote! {
        #[test]
        #ignore
        fn #name() {
            let params = Params::new()#(#setters)*;
            #check
        }
    }
}
