//! `validate()` and `validate_into()`: generated checks of every constraint, with paths.

use std::str::FromStr;

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

use crate::ir::doc_text::{code_span, inline_text};
use crate::ir::validation::{Check, Nested, PatternIr, SkippedPattern, ValueValidation};
use crate::ir::{Presence, RustType, StructureIr, StructureRole, UnionIr};
use crate::pattern::PatternEngine;

use super::scope::{FileScope, ident, value_as_f64, value_as_i64};

/// `validate_into` (and, for operation inputs, `validate`) of a structure; empty when the
/// structure has nothing to check.
pub fn structure_validation(scope: &FileScope, structure: &StructureIr) -> TokenStream {
    if !structure.validated {
        return TokenStream::new();
    }
    let name = ident(&structure.rust_name);
    let members: Vec<TokenStream> = structure
        .members
        .iter()
        .filter_map(|member| {
            let field = ident(&member.field_name);
            let member_name = &member.member_name;
            let required = member.presence == Presence::RequiredOptional;
            let checks = value_checks(scope, &member.rust_type, &member.validation);
            let has_checks = !member.validation.is_empty();
            match (member.presence.is_option(), has_checks, required) {
                (_, false, false) => None,
                (true, false, true) => Some(quote! {
                    if self.#field.is_none() {
                        violations.required(&path.member(#member_name));
                    }
                }),
                (true, true, true) => Some(quote! {
                    match &self.#field {
                        Some(value) => {
                            let path = path.member(#member_name);
                            #checks
                        }
                        None => violations.required(&path.member(#member_name)),
                    }
                }),
                (true, true, false) => Some(quote! {
                    if let Some(value) = &self.#field {
                        let path = path.member(#member_name);
                        #checks
                    }
                }),
                (false, _, _) => Some(quote! {
                    {
                        let value = &self.#field;
                        let path = path.member(#member_name);
                        #checks
                    }
                }),
            }
        })
        .collect();
    let (path_param, violations_param) = params(members.is_empty());
    let validate = (structure.role == StructureRole::Input).then(|| {
        let result = scope.result();
        quote! {
            /// Checks the input against the model's constraints (`@required`, `@length`,
            /// `@pattern`, `@range`, `@uniqueItems`, unions) and reports every violation with
            /// its path. Messages never include the values themselves.
            pub fn validate(&self) -> #result<(), anvil_runtime::ValidationError> {
                let mut violations = anvil_runtime::Violations::new();
                self.validate_into(&anvil_runtime::Path::Root, &mut violations);
                violations.into_result()
            }
        }
    });
    quote! {
        impl #name {
            #validate

            /// Adds this value's constraint violations, found below `path`, to `violations`.
            pub(crate) fn validate_into(
                &self,
                #path_param: &anvil_runtime::Path<'_>,
                #violations_param: &mut anvil_runtime::Violations,
            ) {
                #(#members)*
            }
        }
    }
}

/// `validate_into` of a union: the member that is set, or a violation for `Unknown`.
pub fn union_validation(scope: &FileScope, union: &UnionIr) -> TokenStream {
    if !union.validated {
        return TokenStream::new();
    }
    let name = ident(&union.rust_name);
    let unknown = ident(&union.unknown_variant);
    let mut arms = Vec::new();
    let mut every_variant_checked = true;
    for variant in &union.variants {
        let (Some(rust_type), false) = (&variant.rust_type, variant.validation.is_empty()) else {
            every_variant_checked = false;
            continue;
        };
        let variant_name = ident(&variant.variant_name);
        let member_name = &variant.member_name;
        let checks = value_checks(scope, rust_type, &variant.validation);
        arms.push(quote! {
            Self::#variant_name(value) => {
                let path = path.member(#member_name);
                #checks
            }
        });
    }
    let rest = (!every_variant_checked).then(|| quote!(_ => {}));
    let body = if arms.is_empty() {
        quote! {
            if matches!(self, Self::#unknown) {
                violations.union_unknown(path);
            }
        }
    } else {
        quote! {
            match self {
                #(#arms)*
                Self::#unknown => violations.union_unknown(path),
                #rest
            }
        }
    };
    quote! {
        impl #name {
            /// Adds this value's constraint violations, found below `path`, to `violations`.
            pub(crate) fn validate_into(
                &self,
                path: &anvil_runtime::Path<'_>,
                violations: &mut anvil_runtime::Violations,
            ) {
                #body
            }
        }
    }
}

/// Parameter names, underscored when the body does not use them.
fn params(unused: bool) -> (proc_macro2::Ident, proc_macro2::Ident) {
    if unused {
        (format_ident!("_path"), format_ident!("_violations"))
    } else {
        (format_ident!("path"), format_ident!("violations"))
    }
}

fn bound<T: quote::ToTokens>(value: Option<T>) -> TokenStream {
    match value {
        Some(value) => quote!(Some(#value)),
        None => quote!(None),
    }
}

/// Checks on `value` (a reference of the member's type) at `path` (a `Path` in scope).
fn value_checks(
    scope: &FileScope,
    rust_type: &RustType,
    validation: &ValueValidation,
) -> TokenStream {
    let rust_type = match rust_type {
        RustType::Boxed(inner) => inner.as_ref(),
        other => other,
    };
    let checks = validation
        .checks
        .iter()
        .map(|check| single_check(scope, rust_type, check));
    let nested = match (&validation.nested, rust_type) {
        (
            Nested::List(item),
            RustType::List {
                item: item_type,
                sparse,
            },
        ) if !item.is_empty() => {
            let item_checks = value_checks(scope, item_type, item);
            let body = if *sparse {
                quote!(if let Some(value) = value { #item_checks })
            } else {
                item_checks
            };
            quote! {
                for (index, value) in value.iter().enumerate() {
                    let path = path.index(index);
                    #body
                }
            }
        }
        (
            Nested::Map {
                key,
                value: value_validation,
            },
            RustType::Map {
                key: key_type,
                value: value_type,
                sparse,
            },
        ) if !key.is_empty() || !value_validation.is_empty() => {
            let key_checks = (!key.is_empty()).then(|| {
                let checks = value_checks(scope, key_type, key);
                quote!({ let value = key; #checks })
            });
            let value_checks = (!value_validation.is_empty()).then(|| {
                let checks = value_checks(scope, value_type, value_validation);
                if *sparse {
                    quote!(if let Some(value) = value { #checks })
                } else {
                    checks
                }
            });
            let vec = scope.vec();
            let value_binding = if value_checks.is_some() {
                quote!(value)
            } else {
                quote!(_)
            };
            quote! {
                // Sorted so that violations come out in the same order every time.
                let mut entries: #vec<_> = value.iter().collect();
                entries.sort_by(|a, b| a.0.cmp(b.0));
                for (key, #value_binding) in entries {
                    let path = path.key(key.as_str());
                    #key_checks
                    #value_checks
                }
            }
        }
        (Nested::Named(_), RustType::Named(_)) => quote!(value.validate_into(&path, violations);),
        _ => TokenStream::new(),
    };
    quote!(#(#checks)* #nested)
}

fn single_check(scope: &FileScope, rust_type: &RustType, check: &Check) -> TokenStream {
    let is_enum = matches!(rust_type, RustType::Named(_));
    match check {
        Check::Length { min, max } => {
            let literal = |value: &Option<u64>| value.map(proc_macro2::Literal::u64_unsuffixed);
            let (min, max) = (bound(literal(min)), bound(literal(max)));
            match rust_type {
                RustType::String => quote!(violations.length_chars(&path, value, #min, #max);),
                RustType::Named(_) => {
                    quote!(violations.length_chars(&path, value.as_str(), #min, #max);)
                }
                RustType::List { .. } | RustType::Map { .. } | RustType::Blob => {
                    quote!(violations.length_count(&path, value.len(), #min, #max);)
                }
                _ => TokenStream::new(),
            }
        }
        Check::Pattern { name } => {
            let patterns = scope.module_path("patterns");
            let name = ident(name);
            match rust_type {
                RustType::String => quote!(violations.pattern(&path, value, &#patterns::#name);),
                _ if is_enum => {
                    quote!(violations.pattern(&path, value.as_str(), &#patterns::#name);)
                }
                _ => TokenStream::new(),
            }
        }
        Check::Range { min, max } => {
            let (min, max) = (bound(min.as_deref()), bound(max.as_deref()));
            match rust_type {
                RustType::I8 | RustType::I16 | RustType::I32 | RustType::I64 => {
                    let value = value_as_i64(rust_type);
                    quote!(violations.range_int(&path, #value, #min, #max);)
                }
                RustType::F32 | RustType::F64 => {
                    let value = value_as_f64(rust_type);
                    quote!(violations.range_float(&path, #value, #min, #max);)
                }
                RustType::BigInteger | RustType::BigDecimal => {
                    quote!(violations.range_decimal(&path, value.as_str(), #min, #max);)
                }
                _ => TokenStream::new(),
            }
        }
        Check::UniqueItems => match rust_type {
            RustType::List { .. } => quote!(violations.unique_items(&path, value);),
            _ => TokenStream::new(),
        },
    }
}

/// The service's `patterns` module: one lazily compiled static per distinct pattern.
pub fn patterns_module(patterns: &[PatternIr], skipped: &[SkippedPattern]) -> TokenStream {
    let mut docs = vec![
        " The `@pattern` constraints of the service, each compiled once, on first use.".to_string(),
    ];
    if !skipped.is_empty() {
        docs.push(String::new());
        docs.push(" These model patterns are not checked, because no ECMA-262 engine reads them as meant:".to_string());
        docs.push(String::new());
        for skip in skipped {
            docs.push(format!(
                " - {} on {}: {}",
                code_span(&skip.pattern),
                code_span(&skip.location),
                inline_text(&skip.reason)
            ));
        }
    }
    let statics = patterns.iter().map(|pattern| {
        let name = ident(&pattern.name);
        let note = pattern.note.as_ref().map(|note| {
            let note = format!(
                " Translated from the model's Java-dialect pattern: {}",
                inline_text(note)
            );
            quote!(#[doc = #note])
        });
        let constructor = pattern_constructor(pattern);
        quote! {
            #note
            pub(crate) static #name: anvil_runtime::Pattern = #constructor;
        }
    });
    quote! {
        #(#![doc = #docs])*
        #(#statics)*
    }
}

/// The `anvil_runtime::Pattern` constructor call for the engine the generator chose.
fn pattern_constructor(pattern: &PatternIr) -> TokenStream {
    let source = pattern_literal(&pattern.source);
    match &pattern.engine {
        PatternEngine::Regex(regex) => {
            let regex = pattern_literal(regex);
            quote!(anvil_runtime::Pattern::regex(#source, #regex))
        }
        PatternEngine::Ascii(regex) => {
            let regex = pattern_literal(regex);
            quote!(anvil_runtime::Pattern::ascii(#source, #regex))
        }
        PatternEngine::Unicode { regex, ascii } => {
            let regex = pattern_literal(regex);
            let ascii = pattern_literal(ascii);
            quote!(anvil_runtime::Pattern::unicode(#source, #regex, #ascii))
        }
        PatternEngine::Counted { each, min, max } => {
            let each = pattern_literal(each);
            let min = Literal::u32_unsuffixed(*min);
            let max = match max.map(Literal::u32_unsuffixed) {
                Some(max) => quote!(Some(#max)),
                None => quote!(None),
            };
            quote!(anvil_runtime::Pattern::counted(#source, #each, #min, #max))
        }
        PatternEngine::Guarded(alternatives) => {
            let alternatives = alternatives.iter().map(|tests| {
                let tests = tests.iter().map(|test| {
                    let regex = pattern_literal(&test.regex);
                    let negated = test.negated;
                    quote!(anvil_runtime::RegexTest { regex: #regex, negated: #negated })
                });
                quote!(&[#(#tests),*])
            });
            quote!(anvil_runtime::Pattern::guarded(#source, &[#(#alternatives),*]))
        }
        PatternEngine::Backtracking { prefilter } => {
            let flags = &pattern.flags;
            let prefilter = pattern_literal(prefilter);
            quote!(anvil_runtime::Pattern::backtracking(#source, #flags, #prefilter))
        }
    }
}

/// A string literal for a pattern: raw when it has backslashes, so that it reads as the
/// pattern itself; plain when a raw literal cannot hold it (a bare carriage return).
fn pattern_literal(text: &str) -> Literal {
    if !text.contains('\\') || text.contains('\r') {
        return Literal::string(text);
    }
    let mut hashes = 0;
    while text.contains(&format!("\"{}", "#".repeat(hashes))) {
        hashes += 1;
    }
    let fence = "#".repeat(hashes);
    Literal::from_str(&format!("r{fence}\"{text}\"{fence}"))
        .unwrap_or_else(|_| Literal::string(text))
}
