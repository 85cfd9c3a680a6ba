//! Structures: the type, its accessors, its builder and (for sensitive data) `Debug`.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::ir::doc_text::inline_text;
use crate::ir::naming::unraw;
use crate::ir::{DefaultValue, MemberIr, Presence, RustType, StructureIr};
use crate::model::NodeValue;

use super::scope::{FileScope, doc_attrs, ident};

/// Renders a structure and its builder.
pub fn structure(scope: &FileScope, structure: &StructureIr) -> TokenStream {
    let name = ident(&structure.rust_name);
    let builder_name = ident(&structure.builder_name);
    let docs = doc_attrs(&structure_docs(structure));
    let derive_debug = !needs_manual_debug(structure);
    let derives = if derive_debug {
        quote!(#[derive(Clone, Debug, PartialEq)])
    } else {
        quote!(#[derive(Clone, PartialEq)])
    };
    let fields = structure.members.iter().map(|member| {
        let field = ident(&member.field_name);
        let field_type = field_type(scope, member);
        quote!(#field: #field_type,)
    });
    let accessors = structure
        .members
        .iter()
        .map(|member| accessor(scope, member));
    let builder_doc = format!(" Creates a builder for [`{}`].", structure.rust_name);
    let builder = builder(scope, structure);
    let default_trait = scope.default_trait();
    let debug = (!derive_debug).then(|| debug_impl(structure, &name, &structure.rust_name));
    quote! {
        #docs
        #[non_exhaustive]
        #derives
        pub struct #name {
            #(#fields)*
        }

        impl #name {
            #(#accessors)*

            #[doc = #builder_doc]
            pub fn builder() -> #builder_name {
                #default_trait::default()
            }
        }

        #debug
        #builder
    }
}

fn structure_docs(structure: &StructureIr) -> Vec<String> {
    let mut docs = structure.docs.clone();
    if docs.is_empty() {
        docs.push(format!("The `{}` structure.", structure.shape_name));
    }
    if let Some(deprecated) = &structure.deprecated {
        docs.push(String::new());
        let note = deprecated
            .message
            .as_deref()
            .unwrap_or("no replacement is named");
        docs.push(format!("Deprecated: {}", inline_text(note)));
    }
    docs
}

fn needs_manual_debug(structure: &StructureIr) -> bool {
    structure.sensitive || structure.members.iter().any(|member| member.sensitive)
}

/// `impl Debug` for a structure or its builder (same fields) that prints the redaction
/// text in place of sensitive values.
fn debug_impl(
    structure: &StructureIr,
    type_name: &proc_macro2::Ident,
    display_name: &str,
) -> TokenStream {
    let body = if structure.sensitive {
        quote!(formatter.write_str(anvil_runtime::SENSITIVE_REDACTED))
    } else {
        let fields = structure.members.iter().map(|member| {
            let label = unraw(&member.field_name);
            if member.sensitive {
                quote!(.field(#label, &anvil_runtime::SENSITIVE_REDACTED))
            } else {
                let field = ident(&member.field_name);
                quote!(.field(#label, &self.#field))
            }
        });
        quote!(formatter.debug_struct(#display_name) #(#fields)* .finish())
    };
    quote! {
        impl std::fmt::Debug for #type_name {
            fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                #body
            }
        }
    }
}

/// The struct field type: the member type, in `Option` unless the member always has a value.
fn field_type(scope: &FileScope, member: &MemberIr) -> TokenStream {
    let rust_type = scope.rust_type(&member.rust_type);
    if member.presence.is_option() {
        let option = scope.option();
        quote!(#option<#rust_type>)
    } else {
        rust_type
    }
}

fn deprecated_attr(member: &MemberIr) -> TokenStream {
    match &member.deprecated {
        Some(deprecated) => match &deprecated.message {
            Some(message) => quote!(#[deprecated(note = #message)]),
            None => quote!(#[deprecated]),
        },
        None => TokenStream::new(),
    }
}

fn accessor(scope: &FileScope, member: &MemberIr) -> TokenStream {
    let field = ident(&member.field_name);
    let docs = doc_attrs(&member.docs);
    let deprecated = deprecated_attr(member);
    let option = scope.option();
    let (return_type, body) = match (&member.rust_type, member.presence.is_option()) {
        (RustType::String, true) => (quote!(#option<&str>), quote!(self.#field.as_deref())),
        (RustType::String, false) => (quote!(&str), quote!(&self.#field)),
        (RustType::List { item, sparse }, optional) => {
            let item = scope.item_type(item, *sparse);
            if optional {
                (quote!(#option<&[#item]>), quote!(self.#field.as_deref()))
            } else {
                (quote!(&[#item]), quote!(&self.#field))
            }
        }
        (RustType::Boxed(inner), optional) => {
            let inner = scope.rust_type(inner);
            if optional {
                (quote!(#option<&#inner>), quote!(self.#field.as_deref()))
            } else {
                (quote!(&#inner), quote!(&self.#field))
            }
        }
        (copy, optional) if copy.is_copy() => {
            let rust_type = scope.rust_type(copy);
            if optional {
                (quote!(#option<#rust_type>), quote!(self.#field))
            } else {
                (rust_type, quote!(self.#field))
            }
        }
        (other, optional) => {
            let rust_type = scope.rust_type(other);
            if optional {
                (quote!(#option<&#rust_type>), quote!(self.#field.as_ref()))
            } else {
                (quote!(&#rust_type), quote!(&self.#field))
            }
        }
    };
    quote! {
        #docs
        #deprecated
        pub fn #field(&self) -> #return_type {
            #body
        }
    }
}

fn builder(scope: &FileScope, structure: &StructureIr) -> TokenStream {
    let builder_name = ident(&structure.builder_name);
    let builder_doc = format!(" Builds a [`{}`] member by member.", structure.rust_name);
    let option = scope.option();
    let derive_debug = !needs_manual_debug(structure);
    let derives = if derive_debug {
        quote!(#[derive(Clone, Debug, Default, PartialEq)])
    } else {
        quote!(#[derive(Clone, Default, PartialEq)])
    };
    let fields = structure.members.iter().map(|member| {
        let field = ident(&member.field_name);
        let rust_type = scope.rust_type(&member.rust_type);
        quote!(#field: #option<#rust_type>,)
    });
    let setters = structure
        .members
        .iter()
        .map(|member| setters(scope, member, quote!(self)));
    let debug =
        (!derive_debug).then(|| debug_impl(structure, &builder_name, &structure.builder_name));
    let build = build_method(scope, structure);
    quote! {
        #[doc = #builder_doc]
        #[non_exhaustive]
        #derives
        pub struct #builder_name {
            #(#fields)*
        }

        impl #builder_name {
            #(#setters)*
            #build
        }

        #debug
    }
}

/// A member's three builder methods (plain setter, `set_`, `get_`) on a builder whose
/// member fields live in `holder` (`self` for an input builder, `self.input` for an
/// operation's fluent builder).
pub(super) fn setters(scope: &FileScope, member: &MemberIr, holder: TokenStream) -> TokenStream {
    let field = ident(&member.field_name);
    let bare = unraw(&member.field_name);
    let set = format_ident!("set_{}", bare);
    let get = format_ident!("get_{}", bare);
    let option = scope.option();
    let rust_type = scope.rust_type(&member.rust_type);
    let SetterSignature { params, store } = setter_signature(scope, member, quote!(#holder.#field));
    let [plain_docs, set_docs, get_docs] = setter_docs(member);
    quote! {
        #plain_docs
        pub fn #field(mut self, #params) -> Self {
            #store
            self
        }

        #set_docs
        pub fn #set(mut self, input: #option<#rust_type>) -> Self {
            #holder.#field = input;
            self
        }

        #get_docs
        pub fn #get(&self) -> &#option<#rust_type> {
            &#holder.#field
        }
    }
}

/// A member's plain setter: `item` for a list (one item appended), `key, value` for a
/// map (one entry added), `input` otherwise.
pub(super) struct SetterSignature {
    /// The parameter list, e.g. `input: impl Into<String>`.
    pub params: TokenStream,
    /// The statement that stores the parameters in the builder field.
    pub store: TokenStream,
}

/// The plain setter of `member` storing into `field` (a place expression of the member's
/// `Option` field, e.g. `self.name`).
pub(super) fn setter_signature(
    scope: &FileScope,
    member: &MemberIr,
    field: TokenStream,
) -> SetterSignature {
    match &member.rust_type {
        RustType::List { item, sparse } => {
            let item = scope.item_type(item, *sparse);
            let vec = scope.vec();
            SetterSignature {
                params: quote!(item: impl Into<#item>),
                store: quote!(#field.get_or_insert_with(#vec::new).push(item.into());),
            }
        }
        RustType::Map { key, value, sparse } => {
            let key = scope.rust_type(key);
            let value = scope.item_type(value, *sparse);
            SetterSignature {
                params: quote!(key: impl Into<#key>, value: impl Into<#value>),
                store: quote! {
                    #field
                        .get_or_insert_with(std::collections::HashMap::new)
                        .insert(key.into(), value.into());
                },
            }
        }
        RustType::Boxed(inner) => {
            let inner = scope.rust_type(inner);
            let boxed = scope.boxed();
            SetterSignature {
                params: quote!(input: impl Into<#inner>),
                store: quote!(#field = Some(#boxed::new(input.into()));),
            }
        }
        other => {
            let rust_type = scope.rust_type(other);
            SetterSignature {
                params: quote!(input: impl Into<#rust_type>),
                store: quote!(#field = Some(input.into());),
            }
        }
    }
}

/// The documentation of a member's three builder methods, in order: the plain setter,
/// `set_`, and `get_`. Each carries the member's `#[deprecated]` too.
pub(super) fn setter_docs(member: &MemberIr) -> [TokenStream; 3] {
    let docs = doc_attrs(&member.docs);
    let deprecated = deprecated_attr(member);
    let set_doc = format!(" Sets `{}`, or clears it with `None`.", member.member_name);
    let get_doc = format!(" The `{}` value set so far.", member.member_name);
    let collection_note = match &member.rust_type {
        RustType::List { .. } => quote!(#[doc = ""] #[doc = " Each call appends one item."]),
        RustType::Map { .. } => quote!(#[doc = ""] #[doc = " Each call adds one entry."]),
        _ => TokenStream::new(),
    };
    [
        quote!(#docs #collection_note #deprecated),
        quote!(#[doc = #set_doc] #deprecated),
        quote!(#[doc = #get_doc] #deprecated),
    ]
}

fn build_method(scope: &FileScope, structure: &StructureIr) -> TokenStream {
    let name = ident(&structure.rust_name);
    let type_name = &structure.rust_name;
    let fields = structure.members.iter().map(|member| {
        let field = ident(&member.field_name);
        let member_name = &member.member_name;
        let missing = quote!(anvil_runtime::BuildError::missing_member(#type_name, #member_name));
        let value = match &member.presence {
            Presence::Optional => quote!(self.#field),
            Presence::RequiredOptional => quote!(Some(self.#field.ok_or(#missing)?)),
            Presence::Required => quote!(self.#field.ok_or(#missing)?),
            Presence::Defaulted(default) => {
                default_fill(scope, member, default, quote!(self.#field))
            }
        };
        quote!(#field: #value,)
    });
    if structure.build_can_fail() {
        let result = scope.result();
        let doc = format!(" Checks required members and returns the [`{type_name}`].");
        quote! {
            #[doc = #doc]
            pub fn build(self) -> #result<#name, anvil_runtime::BuildError> {
                Ok(#name { #(#fields)* })
            }
        }
    } else {
        let doc = format!(" Returns the [`{type_name}`].");
        quote! {
            #[doc = #doc]
            pub fn build(self) -> #name {
                #name { #(#fields)* }
            }
        }
    }
}

/// `source.unwrap_or...(default)` for a member with a default value, where `source` is an
/// `Option` of the member's type.
pub(super) fn default_fill(
    scope: &FileScope,
    member: &MemberIr,
    default: &DefaultValue,
    source: TokenStream,
) -> TokenStream {
    let is_type_default = match default {
        DefaultValue::Bool(flag) => !flag,
        DefaultValue::Integer(number) => *number == 0,
        DefaultValue::Float(text) => text.parse::<f64>() == Ok(0.0) && !text.starts_with('-'),
        DefaultValue::String(text) => text.is_empty(),
        DefaultValue::EmptyList | DefaultValue::EmptyMap => true,
        DefaultValue::Blob(bytes) => bytes.is_empty(),
        _ => false,
    };
    if is_type_default {
        return quote!(#source.unwrap_or_default());
    }
    match default {
        DefaultValue::Bool(flag) => quote!(#source.unwrap_or(#flag)),
        DefaultValue::Integer(number) => {
            let literal = proc_macro2::Literal::i64_unsuffixed(*number);
            quote!(#source.unwrap_or(#literal))
        }
        DefaultValue::Float(text) => {
            let literal = float_literal(text);
            quote!(#source.unwrap_or(#literal))
        }
        DefaultValue::Timestamp { seconds, nanos } => {
            quote!(#source.unwrap_or(anvil_runtime::DateTime::from_secs_and_nanos(#seconds, #nanos)))
        }
        other => {
            let value = default_expression(scope, &member.rust_type, other);
            quote!(#source.unwrap_or_else(|| #value))
        }
    }
}

fn float_literal(text: &str) -> TokenStream {
    let value: f64 = text.parse().unwrap_or(0.0);
    let literal = proc_macro2::Literal::f64_unsuffixed(value);
    quote!(#literal)
}

/// An expression building a non-trivial default value.
fn default_expression(
    scope: &FileScope,
    rust_type: &RustType,
    default: &DefaultValue,
) -> TokenStream {
    let string = scope.string();
    match default {
        DefaultValue::String(text) => quote!(#string::from(#text)),
        DefaultValue::EnumValue(text) => {
            let path = scope.rust_type(rust_type);
            quote!(#path::from(#text))
        }
        DefaultValue::IntEnumValue(number) => {
            let path = scope.rust_type(rust_type);
            let number = i32::try_from(*number).unwrap_or_default();
            quote!(#path::from(#number))
        }
        DefaultValue::Blob(bytes) => {
            let bytes = proc_macro2::Literal::byte_string(bytes);
            quote!(anvil_runtime::Blob::new(#bytes.to_vec()))
        }
        DefaultValue::BigNumber(text) => {
            let path = scope.rust_type(rust_type);
            quote!(#path::new(#text))
        }
        DefaultValue::Document(node) => document_expression(scope, node),
        DefaultValue::Bool(flag) => quote!(#flag),
        DefaultValue::Integer(number) => {
            let literal = proc_macro2::Literal::i64_unsuffixed(*number);
            quote!(#literal)
        }
        DefaultValue::Float(text) => float_literal(text),
        DefaultValue::Timestamp { seconds, nanos } => {
            quote!(anvil_runtime::DateTime::from_secs_and_nanos(#seconds, #nanos))
        }
        DefaultValue::EmptyList => quote!(Vec::new()),
        DefaultValue::EmptyMap => quote!(std::collections::HashMap::new()),
    }
}

fn document_expression(scope: &FileScope, node: &NodeValue) -> TokenStream {
    let string = scope.string();
    match node {
        NodeValue::Null => quote!(anvil_runtime::Document::Null),
        NodeValue::Bool(flag) => quote!(anvil_runtime::Document::Bool(#flag)),
        NodeValue::String(text) => quote!(anvil_runtime::Document::String(#string::from(#text))),
        NodeValue::Number(text) => {
            let number = if let Ok(unsigned) = text.parse::<u64>() {
                quote!(anvil_runtime::Number::PosInt(#unsigned))
            } else if let Ok(signed) = text.parse::<i64>() {
                quote!(anvil_runtime::Number::NegInt(#signed))
            } else {
                let literal = float_literal(text);
                quote!(anvil_runtime::Number::Float(#literal))
            };
            quote!(anvil_runtime::Document::Number(#number))
        }
        NodeValue::Array(items) => {
            let items = items.iter().map(|item| document_expression(scope, item));
            quote!(anvil_runtime::Document::Array(vec![#(#items),*]))
        }
        NodeValue::Object(entries) => {
            let entries = entries.iter().map(|(key, value)| {
                let value = document_expression(scope, value);
                quote!((#string::from(#key), #value))
            });
            quote!(anvil_runtime::Document::Object([#(#entries),*].into_iter().collect()))
        }
    }
}
