//! Requests and responses: `to_request` on an operation's input, and `parse_response` and
//! the `anvil_runtime::Operation` impl of the operation.

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::protocol::{HttpIr, Location, ProtocolIr, UriPart};
use crate::ir::{MemberIr, OperationIr, RustType, ServiceIr, StructureIr, TypeKind};

use super::json_write::timestamp_wire_tokens;
use super::operation_trait::operation_impl;
use super::response_headers::needs_read_headers;
use super::scope::{FileScope, doc_attrs, ident};

/// `to_request`, `parse_response`, the output's `to_json` and the operation's
/// `anvil_runtime::Operation` impl, for one operation.
pub fn operation_protocol(
    scope: &FileScope,
    service: &ServiceIr,
    operation: &OperationIr,
    protocol: &ProtocolIr,
) -> TokenStream {
    let errors = &service.errors;
    let input = ident(&operation.input.rust_name);
    let output = ident(&operation.output.rust_name);
    let error = ident(&operation.error.rust_name);
    let operation_name = &operation.name;
    let result = scope.result();
    let uses_input =
        matches!(protocol, ProtocolIr::AwsJson { .. }) || !operation.input.members.is_empty();
    let token_fill = if uses_input {
        idempotency_fill(&operation.input)
    } else {
        TokenStream::new()
    };
    let build = match (protocol, &operation.http) {
        (
            ProtocolIr::AwsJson {
                content_type,
                target_prefix,
                query_compatible,
            },
            _,
        ) => {
            let target = format!("{target_prefix}.{operation_name}");
            let query_mode = query_compatible.then(|| quote!(.header("x-amzn-query-mode", "true")));
            quote! {
                let mut out = anvil_runtime::wire::JsonWriter::new(anvil_runtime::wire::JsonStyle::Wire);
                input.write_json(&mut out);
                anvil_runtime::wire::RequestBuilder::new(#operation_name, "POST", format!("{}/", endpoint.trim_end_matches('/')))
                    .header("Content-Type", #content_type)
                    .header("X-Amz-Target", #target)
                    #query_mode
                    .body(out.finish().into_bytes())
                    .build()
            }
        }
        (ProtocolIr::RestJson1, Some(http)) => rest_request(scope, operation, http),
        (ProtocolIr::RestJson1, None) => quote! {
            let _ = endpoint;
            Err(anvil_runtime::wire::RequestError::new(#operation_name, "the model gives no @http binding"))
        },
    };
    let unhandled = ident(&operation.error.unhandled_variant);
    let invalid = ident(&operation.error.invalid_response_variant);
    let error_arms = operation.error.variants.iter().map(|variant| {
        let variant_name = ident(&variant.variant_name);
        let code = &variant.code;
        let error_type = scope.type_path(&variant.error_type);
        let with_headers = errors
                .iter()
                .any(|error| error.rust_name == variant.error_type.name && needs_read_headers(error));
        let read = quote! {
            anvil_runtime::wire::read_response_shape(#operation_name, value, #error_type::read_json)
        };
        if with_headers {
            quote! {
                Some(#code) => match #read {
                    Ok(mut error) => match error.read_headers(response) {
                        Ok(()) => #error::#variant_name(error),
                        Err(problem) => #error::#invalid(anvil_runtime::wire::ResponseError::new(#operation_name, problem)),
                    },
                    Err(problem) => #error::#invalid(problem),
                },
            }
        } else {
            quote! {
                Some(#code) => #read.map(#error::#variant_name).unwrap_or_else(#error::#invalid),
            }
        }
    });
    let error_arms: Vec<TokenStream> = error_arms.collect();
    let unhandled_error = quote! {
        #error::#unhandled(anvil_runtime::wire::unhandled_error(response, code, body.as_ref()))
    };
    let error_dispatch = if error_arms.is_empty() {
        quote!(return Err(#unhandled_error);)
    } else {
        quote! {
            return Err(match code.as_deref() {
                #(#error_arms)*
                _ => #unhandled_error,
            });
        }
    };
    let output_headers = (protocol.is_rest() && needs_read_headers(&operation.output)).then(|| {
        quote! {
            output
                .read_headers(response)
                .map_err(|problem| #error::#invalid(anvil_runtime::wire::ResponseError::new(#operation_name, problem)))?;
        }
    });
    let payload = output_payload(scope, &operation.output, &error, &invalid, operation_name);
    let payload_type = operation
        .output
        .members
        .iter()
        .find(|member| member.location == Location::Payload)
        .map(|member| &member.rust_type);
    // A blob, string or enum payload is the body as is: it need not be JSON.
    let unreadable_success = match payload_type {
        Some(RustType::Blob | RustType::String) => quote!(Err(_) => None,),
        Some(RustType::Named(type_ref)) if type_ref.kind == TypeKind::Enum => {
            quote!(Err(_) => None,)
        }
        _ => quote!(Err(problem) => return Err(#error::#invalid(problem)),),
    };
    // With a payload member, the body is the payload (read below), not the output's
    // members: those come from headers and the status, read from an empty object here.
    let body_value = if payload_type.is_some() {
        quote!(
            body.as_ref()
                .filter(|body| body.as_object().is_some())
                .unwrap_or(&empty)
        )
    } else {
        quote!(body.as_ref().unwrap_or(&empty))
    };
    let output_binding = if output_headers.is_some() || !payload.is_empty() {
        quote!(let mut output)
    } else {
        quote!(let output)
    };
    let mut request_doc = vec![
        format!("Builds the `{operation_name}` HTTP request for `endpoint` (for example"),
        "`https://service.us-east-1.amazonaws.com`). It does not validate: call".to_string(),
        format!("[`{}::validate`] first.", operation.input.rust_name),
    ];
    if idempotency_member(&operation.input).is_some() {
        request_doc.extend([
            String::new(),
            "An unset idempotency token is filled with a fresh one for this request only: to"
                .to_string(),
            "send the same token on every attempt, run `Operation::prepare` on the input once"
                .to_string(),
            "before the first.".to_string(),
        ]);
    }
    let request_doc = doc_attrs(&request_doc);
    let vec = scope.vec();
    let operation_impl = operation_impl(scope, service, operation);
    let parse_doc = doc_attrs(&[
        format!("Reads a `{operation_name}` response: the output for a success status, otherwise"),
        "the modeled error it names, or `Unhandled` with the code and message sent.".to_string(),
    ]);
    quote! {
        impl #input {
            #request_doc
            pub fn to_request(
                &self,
                endpoint: &str,
            ) -> #result<anvil_runtime::http::Request<#vec<u8>>, anvil_runtime::wire::RequestError> {
                #token_fill
                #build
            }
        }

        impl #output {
            /// The output as JSON with the model's member names (timestamps as RFC 3339,
            /// blobs as base64), as `anvil parse-response` prints it.
            pub fn to_json(&self) -> String {
                let mut out = anvil_runtime::wire::JsonWriter::new(anvil_runtime::wire::JsonStyle::Display);
                self.write_json(&mut out);
                out.finish()
            }
        }

        #operation_impl

        #parse_doc
        pub fn parse_response(response: &anvil_runtime::http::Response<#vec<u8>>) -> #result<#output, #error> {
            let body = match anvil_runtime::wire::parse_body(#operation_name, response.body()) {
                Ok(body) => body,
                // An error status with a body that is not JSON (a proxy's HTML page, say) is
                // still an error from the service, not an unreadable response.
                Err(_) if !response.status().is_success() => {
                    return Err(#error::#unhandled(anvil_runtime::wire::unhandled_error_from_text(response)));
                }
                #unreadable_success
            };
            let empty = anvil_runtime::json::Value::Object(Default::default());
            let value = #body_value;
            if !response.status().is_success() {
                let code = anvil_runtime::wire::error_code(response, body.as_ref());
                #error_dispatch
            }
            #output_binding = anvil_runtime::wire::read_response_shape(#operation_name, value, #output::read_json)
                .map_err(#error::#invalid)?;
            #payload
            #output_headers
            Ok(output)
        }
    }
}

/// The input's `@idempotencyToken` member that the client fills when unset.
pub fn idempotency_member(input: &StructureIr) -> Option<&MemberIr> {
    input.members.iter().find(|member| {
        member.idempotency_token
            && member.rust_type == RustType::String
            && member.presence.is_option()
    })
}

/// For an input with an unset `@idempotencyToken` member: a copy with a fresh token.
fn idempotency_fill(input: &StructureIr) -> TokenStream {
    let Some(member) = idempotency_member(input) else {
        return quote!(let input = self;);
    };
    let field = ident(&member.field_name);
    quote! {
        let filled;
        let input = if self.#field.is_none() {
            filled = Self {
                #field: Some(anvil_runtime::wire::idempotency_token()),
                ..self.clone()
            };
            &filled
        } else {
            self
        };
    }
}

/// The text of a scalar member value (`value` a reference) in a label, query or header.
fn scalar_text(rust_type: &RustType, member: &MemberIr) -> Option<TokenStream> {
    let format = timestamp_wire_tokens(member.timestamp_wire);
    Some(match rust_type {
        RustType::String => quote!(value.to_string()),
        RustType::Bool | RustType::I8 | RustType::I16 | RustType::I32 | RustType::I64 => {
            quote!(value.to_string())
        }
        RustType::F32 => quote!(anvil_runtime::wire::float32_text(*value)),
        RustType::F64 => quote!(anvil_runtime::wire::float_text(*value)),
        RustType::BigInteger | RustType::BigDecimal => quote!(value.as_str().to_string()),
        RustType::DateTime => quote!(#format.format(value)),
        RustType::Named(type_ref) => match type_ref.kind {
            TypeKind::Enum => quote!(value.as_str().to_string()),
            TypeKind::IntEnum => quote!(value.as_i32().to_string()),
            _ => return None,
        },
        RustType::Boxed(inner) => return scalar_text(inner, member),
        _ => return None,
    })
}

fn rest_request(scope: &FileScope, operation: &OperationIr, http: &HttpIr) -> TokenStream {
    let operation_name = &operation.name;
    let members = &operation.input.members;
    let find = |name: &str| members.iter().find(|member| member.member_name == name);
    let path_parts = http.path.iter().map(|part| match part {
        UriPart::Literal(text) => match text.chars().collect::<Vec<_>>().as_slice() {
            [single] => quote!(url.push(#single);),
            _ => quote!(url.push_str(#text);),
        },
        UriPart::Label { member_name, greedy } => {
            let Some(member) = find(member_name) else {
                let message = format!("the URI label `{member_name}` is not a member of the input");
                return quote!(return Err(anvil_runtime::wire::RequestError::new(#operation_name, #message)););
            };
            let field = ident(&member.field_name);
            let text = scalar_text(&member.rust_type, member).unwrap_or_else(|| quote!(String::new()));
            let unset = format!("the URI label `{member_name}` is not set");
            let value_binding = if member.presence.is_option() {
                quote! {
                    let Some(value) = &input.#field else {
                        return Err(anvil_runtime::wire::RequestError::new(#operation_name, #unset));
                    };
                }
            } else {
                quote!(let value = &input.#field;)
            };
            quote! {
                {
                    #value_binding
                    let text = #text;
                    // Refuses empty values and dot segments, naming the member.
                    url.push_str(&anvil_runtime::wire::uri_label(#operation_name, #member_name, &text, #greedy)?);
                }
            }
        }
    });
    let vec = scope.vec();
    let literal_pairs = http.query_literals.iter().map(|(key, value)| {
        let value = match value {
            Some(value) => quote!(Some(#value.to_string())),
            None => quote!(None),
        };
        quote!(query.push((#key.to_string(), #value));)
    });
    let named_query: Vec<&str> = members
        .iter()
        .filter_map(|member| match &member.location {
            Location::Query(name) => Some(name.as_str()),
            _ => None,
        })
        .collect();
    let query_members = members.iter().filter_map(|member| {
        let field = ident(&member.field_name);
        match (&member.location, &member.rust_type) {
            (Location::Query(name), RustType::List { item, .. }) => {
                let text = scalar_text(item, member)?;
                Some(quote! {
                    if let Some(values) = &input.#field {
                        for value in values {
                            query.push((#name.to_string(), Some(#text)));
                        }
                    }
                })
            }
            (Location::Query(name), rust_type) => {
                let text = scalar_text(rust_type, member)?;
                Some(quote! {
                    if let Some(value) = &input.#field {
                        query.push((#name.to_string(), Some(#text)));
                    }
                })
            }
            (Location::QueryParams, RustType::Map { value, .. }) => {
                let push = match value.as_ref() {
                    RustType::List { .. } => quote! {
                        for item in value {
                            query.push((key.to_string(), Some(item.to_string())));
                        }
                    },
                    _ => quote!(query.push((key.to_string(), Some(value.to_string())));),
                };
                Some(quote! {
                    if let Some(params) = &input.#field {
                        let mut entries: #vec<_> = params.iter().collect();
                        entries.sort_by(|a, b| a.0.cmp(b.0));
                        for (key, value) in entries {
                            if [#(#named_query),*].contains(&key.as_str()) {
                                continue;
                            }
                            #push
                        }
                    }
                })
            }
            _ => None,
        }
    });
    // Prefix headers last: a header bound by name wins over a prefix entry of that name.
    let is_prefix = |member: &&MemberIr| matches!(member.location, Location::PrefixHeaders(_));
    let header_order = members
        .iter()
        .filter(|member| !is_prefix(member))
        .chain(members.iter().filter(is_prefix));
    let header_members = header_order.filter_map(|member| {
        let field = ident(&member.field_name);
        let member_name = &member.member_name;
        // Every header goes through the runtime's check, so CR, LF or NUL in a value is
        // refused with an error naming the member.
        let checked = |text: TokenStream| {
            quote!(anvil_runtime::wire::header_value(#operation_name, #member_name, #text)?)
        };
        match (&member.location, &member.rust_type) {
            (Location::Header(name), RustType::List { item, .. }) => {
                let text = scalar_text(item, member)?;
                // Timestamps are sent as they are: an HTTP date's comma is read by position.
                let item_text = if **item == RustType::DateTime {
                    text
                } else {
                    quote!(anvil_runtime::wire::quote_header_list_item(&#text))
                };
                let joined = checked(quote!(items.join(", ")));
                Some(quote! {
                    if let Some(values) = &input.#field {
                        let items: #vec<String> = values
                            .iter()
                            .map(|value| #item_text)
                            .collect();
                        request = request.header(#name, #joined);
                    }
                })
            }
            (Location::Header(name), RustType::String) if member.media_type.is_some() => {
                let text = checked(quote!(anvil_runtime::wire::media_type_header(value)));
                Some(quote! {
                    if let Some(value) = &input.#field {
                        request = request.header(#name, #text);
                    }
                })
            }
            (Location::Header(name), rust_type) => {
                let text = checked(scalar_text(rust_type, member)?);
                Some(quote! {
                    if let Some(value) = &input.#field {
                        request = request.header(#name, #text);
                    }
                })
            }
            (Location::PrefixHeaders(prefix), RustType::Map { .. }) => {
                let value = checked(quote!(value.to_string()));
                Some(quote! {
                    if let Some(headers) = &input.#field {
                        let mut entries: #vec<_> = headers.iter().collect();
                        entries.sort_by(|a, b| a.0.cmp(b.0));
                        for (key, value) in entries {
                            let name = anvil_runtime::wire::header_name(
                                #operation_name,
                                #member_name,
                                format!("{}{}", #prefix, key),
                            )?;
                            request = request.default_header(name, #value);
                        }
                    }
                })
            }
            _ => None,
        }
    });
    let header_members: Vec<TokenStream> = header_members.collect();
    let literal_pairs: Vec<TokenStream> = literal_pairs.collect();
    let query_members: Vec<TokenStream> = query_members.collect();
    let query = (!literal_pairs.is_empty() || !query_members.is_empty()).then(|| {
        quote! {
            let mut query: #vec<(String, Option<String>)> = #vec::new();
            #(#literal_pairs)*
            #(#query_members)*
            for (index, (key, value)) in query.iter().enumerate() {
                url.push(if index == 0 { '?' } else { '&' });
                url.push_str(&anvil_runtime::wire::encode_query(key));
                if let Some(value) = value {
                    url.push('=');
                    url.push_str(&anvil_runtime::wire::encode_query(value));
                }
            }
        }
    });
    let body = request_body(operation);
    let method = &http.method;
    let request_binding = if header_members.is_empty() && body.is_empty() {
        quote!(let request)
    } else {
        quote!(let mut request)
    };
    quote! {
        let mut url = String::from(endpoint.trim_end_matches('/'));
        #(#path_parts)*
        #query
        #request_binding = anvil_runtime::wire::RequestBuilder::new(#operation_name, #method, url);
        #(#header_members)*
        #body
        request.build()
    }
}

/// The request body: the payload member, or a JSON object of the body members, or nothing.
fn request_body(operation: &OperationIr) -> TokenStream {
    let members = &operation.input.members;
    if let Some(payload) = members
        .iter()
        .find(|member| member.location == Location::Payload)
    {
        let field = ident(&payload.field_name);
        let value = if payload.presence.is_option() {
            quote!(&input.#field)
        } else {
            quote!(Some(&input.#field))
        };
        let media_type = |default: &str| {
            payload
                .media_type
                .clone()
                .unwrap_or_else(|| default.to_string())
        };
        let set_body = match &payload.rust_type {
            RustType::Blob => {
                let content_type = media_type("application/octet-stream");
                quote!(
                    request
                        .default_header("Content-Type", #content_type)
                        .body(value.as_bytes().to_vec())
                )
            }
            RustType::String => {
                let content_type = media_type("text/plain");
                quote!(
                    request
                        .default_header("Content-Type", #content_type)
                        .body(value.clone().into_bytes())
                )
            }
            RustType::Named(type_ref) if type_ref.kind == TypeKind::Enum => quote!(
                request
                    .default_header("Content-Type", "text/plain")
                    .body(value.as_str().as_bytes().to_vec())
            ),
            RustType::Document => quote! {{
                let mut out = anvil_runtime::wire::JsonWriter::new(anvil_runtime::wire::JsonStyle::Wire);
                out.document(value);
                request.default_header("Content-Type", "application/json").body(out.finish().into_bytes())
            }},
            _ => quote! {{
                let mut out = anvil_runtime::wire::JsonWriter::new(anvil_runtime::wire::JsonStyle::Wire);
                value.write_json(&mut out);
                request.default_header("Content-Type", "application/json").body(out.finish().into_bytes())
            }},
        };
        let unset = match &payload.rust_type {
            // An unset structure payload is still an (empty) JSON object.
            RustType::Named(type_ref) if type_ref.kind == TypeKind::Structure => quote! {
                else {
                    request = request
                        .default_header("Content-Type", "application/json")
                        .body(b"{}".to_vec());
                }
            },
            _ => TokenStream::new(),
        };
        return quote! {
            if let Some(value) = #value {
                request = #set_body;
            } #unset
        };
    }
    if members
        .iter()
        .any(|member| member.location == Location::Body)
    {
        quote! {
            let mut out = anvil_runtime::wire::JsonWriter::new(anvil_runtime::wire::JsonStyle::Wire);
            input.write_json(&mut out);
            request = request.default_header("Content-Type", "application/json").body(out.finish().into_bytes());
        }
    } else {
        TokenStream::new()
    }
}

/// For an output whose payload member is the whole body: read it from the body.
fn output_payload(
    scope: &FileScope,
    output: &StructureIr,
    error: &proc_macro2::Ident,
    invalid: &proc_macro2::Ident,
    operation_name: &str,
) -> TokenStream {
    let Some(payload) = output
        .members
        .iter()
        .find(|member| member.location == Location::Payload)
    else {
        return TokenStream::new();
    };
    let field = ident(&payload.field_name);
    let read = match &payload.rust_type {
        RustType::Named(type_ref)
            if matches!(type_ref.kind, TypeKind::Structure | TypeKind::Union) =>
        {
            let type_path = scope.type_path(type_ref);
            quote! {
                body.as_ref()
                    .map(|value| #type_path::read_json(value, &anvil_runtime::Path::Root, &mut anvil_runtime::json::JsonReader::wire()))
                    .transpose()
                    .map_err(|problem| #error::#invalid(anvil_runtime::wire::ResponseError::new(#operation_name, problem.to_string())))?
            }
        }
        RustType::Document => quote! {
            body.as_ref()
                .map(|value| anvil_runtime::json::to_document(value, &anvil_runtime::Path::Root))
                .transpose()
                .map_err(|problem| #error::#invalid(anvil_runtime::wire::ResponseError::new(#operation_name, problem.to_string())))?
        },
        RustType::Blob => quote!(
            (!response.body().is_empty())
                .then(|| anvil_runtime::Blob::new(response.body().to_vec()))
        ),
        RustType::String => quote!(
            (!response.body().is_empty())
                .then(|| String::from_utf8_lossy(response.body()).into_owned())
        ),
        RustType::Named(type_ref) if type_ref.kind == TypeKind::Enum => {
            let type_path = scope.type_path(type_ref);
            quote!(
                (!response.body().is_empty())
                    .then(|| #type_path::from(String::from_utf8_lossy(response.body()).as_ref()))
            )
        }
        _ => return TokenStream::new(),
    };
    if payload.presence.is_option() {
        quote!(output.#field = #read;)
    } else {
        quote! {
            if let Some(value) = #read {
                output.#field = value;
            }
        }
    }
}
