//! Per-file rendering context: how to spell paths and standard types in one file.

use std::collections::BTreeSet;

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use crate::ir::doc_text::clean;
use crate::ir::{RustType, TypeModule, TypeRef};

/// Spells types for one generated file. Standard types are written short (`String`,
/// `Vec`) unless the file defines a type of the same name, in which case the full path
/// is used.
pub struct FileScope<'a> {
    root: &'a [String],
    local_names: BTreeSet<String>,
}

impl<'a> FileScope<'a> {
    /// A scope for a file in the service rooted at `root` that defines `local_names`.
    pub fn new(root: &'a [String], local_names: impl IntoIterator<Item = String>) -> Self {
        Self {
            root,
            local_names: local_names.into_iter().collect(),
        }
    }

    fn std_type(&self, short: &str, full: TokenStream) -> TokenStream {
        if self.local_names.contains(short) {
            full
        } else {
            let ident = ident(short);
            quote!(#ident)
        }
    }

    /// `String`.
    pub fn string(&self) -> TokenStream {
        self.std_type("String", quote!(::std::string::String))
    }

    /// `Option`.
    pub fn option(&self) -> TokenStream {
        self.std_type("Option", quote!(::std::option::Option))
    }

    /// `Vec`.
    pub fn vec(&self) -> TokenStream {
        self.std_type("Vec", quote!(::std::vec::Vec))
    }

    /// `Box`.
    pub fn boxed(&self) -> TokenStream {
        self.std_type("Box", quote!(::std::boxed::Box))
    }

    /// `Default` (the trait).
    pub fn default_trait(&self) -> TokenStream {
        self.std_type("Default", quote!(::std::default::Default))
    }

    /// `Result`.
    pub fn result(&self) -> TokenStream {
        self.std_type("Result", quote!(::std::result::Result))
    }

    /// The path of a module of the service, e.g. `crate::identitystore::types`.
    pub fn module_path(&self, module: &str) -> TokenStream {
        let segments = self.root.iter().map(|segment| ident(segment));
        let module = ident(module);
        quote!(#(#segments::)* #module)
    }

    /// The path of a generated type.
    pub fn type_path(&self, type_ref: &TypeRef) -> TokenStream {
        let module = match type_ref.module {
            TypeModule::Types => "types",
            TypeModule::Error => "error",
        };
        let module = self.module_path(module);
        let name = ident(&type_ref.name);
        quote!(#module::#name)
    }

    /// The tokens of a Rust type.
    pub fn rust_type(&self, rust_type: &RustType) -> TokenStream {
        match rust_type {
            RustType::String => self.string(),
            RustType::Bool => quote!(bool),
            RustType::I8 => quote!(i8),
            RustType::I16 => quote!(i16),
            RustType::I32 => quote!(i32),
            RustType::I64 => quote!(i64),
            RustType::F32 => quote!(f32),
            RustType::F64 => quote!(f64),
            RustType::BigInteger => quote!(anvil_runtime::BigInteger),
            RustType::BigDecimal => quote!(anvil_runtime::BigDecimal),
            RustType::Blob => quote!(anvil_runtime::Blob),
            RustType::DateTime => quote!(anvil_runtime::DateTime),
            RustType::Document => quote!(anvil_runtime::Document),
            RustType::Named(type_ref) => self.type_path(type_ref),
            RustType::List { item, sparse } => {
                let vec = self.vec();
                let item = self.item_type(item, *sparse);
                quote!(#vec<#item>)
            }
            RustType::Map { key, value, sparse } => {
                let key = self.rust_type(key);
                let value = self.item_type(value, *sparse);
                quote!(std::collections::HashMap<#key, #value>)
            }
            RustType::Boxed(inner) => {
                let boxed = self.boxed();
                let inner = self.rust_type(inner);
                quote!(#boxed<#inner>)
            }
        }
    }

    /// A list item or map value type: wrapped in `Option` when the collection is sparse.
    pub fn item_type(&self, item: &RustType, sparse: bool) -> TokenStream {
        let item = self.rust_type(item);
        if sparse {
            let option = self.option();
            quote!(#option<#item>)
        } else {
            item
        }
    }
}

/// An identifier from a name that may be raw (`r#type`).
pub fn ident(name: &str) -> Ident {
    match name.strip_prefix("r#") {
        Some(bare) => Ident::new_raw(bare, Span::call_site()),
        None => Ident::new(name, Span::call_site()),
    }
}

/// `#[doc = "..."]` attributes, one per line (each with a leading space, as `///` writes).
pub fn doc_attrs(lines: &[String]) -> TokenStream {
    let lines = lines.iter().map(|line| doc_line(line));
    quote!(#(#[doc = #lines])*)
}

/// Inner `#![doc = "..."]` attributes for a module file.
pub fn inner_doc_attrs(lines: &[String]) -> TokenStream {
    let lines = lines.iter().map(|line| doc_line(line));
    quote!(#(#![doc = #lines])*)
}

/// One doc comment line: a leading space, and, whatever the caller passed, no line break
/// or character that rustc rejects in a comment (the IR already hands over clean text;
/// this keeps a slip from ever reaching the build).
fn doc_line(line: &str) -> String {
    if line.is_empty() {
        String::new()
    } else {
        format!(" {}", clean(line, false))
    }
}

/// `*value` as an `i64` (converted only when it is not one already).
pub fn value_as_i64(rust_type: &RustType) -> TokenStream {
    if *rust_type == RustType::I64 {
        quote!(*value)
    } else {
        quote!(i64::from(*value))
    }
}

/// `*value` as an `f64` (converted only when it is not one already).
pub fn value_as_f64(rust_type: &RustType) -> TokenStream {
    if *rust_type == RustType::F64 {
        quote!(*value)
    } else {
        quote!(f64::from(*value))
    }
}
