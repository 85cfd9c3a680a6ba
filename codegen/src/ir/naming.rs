//! Every Rust name the generator makes comes from here.

use std::collections::BTreeSet;

use heck::{ToSnakeCase, ToUpperCamelCase};

/// Rust keywords (strict, reserved and edition 2024) that cannot be plain identifiers.
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate",
    "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl",
    "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref",
    "return", "self", "Self", "static", "struct", "super", "trait", "true", "try", "type",
    "typeof", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Methods and associated functions the generator puts on structures and their builders,
/// and trait methods generated code may call with method syntax: a member accessor or
/// setter of the same name would clash with or shadow them.
pub const STRUCTURE_METHODS: &[&str] = &[
    "builder",
    "build",
    "validate",
    "validate_into",
    "read_json",
    "write_json",
    "from_json",
    "to_json",
    "to_request",
    "parse_response",
    "send",
    "read_headers",
    "default",
    "clone",
    "fmt",
    "eq",
    "ne",
    "hash",
    "into",
    "from",
    "as_ref",
    "to_string",
    "to_owned",
];

/// Methods of a generated service `Client` besides its operations: an operation's method
/// takes another name rather than these.
pub const CLIENT_METHODS: &[&str] = &["new", "config", "clone", "fmt"];

/// Prelude names generated code writes unqualified, which a type of the same name would
/// shadow in the file that defines it. (`String`, `Option`, `Vec`, `Box`, `Result` and
/// `Default` are not here: the emitters spell them by full path where a type shadows them.)
pub const PRELUDE_NAMES: &[&str] = &[
    "Some",
    "None",
    "Ok",
    "Err",
    "Into",
    "From",
    "AsRef",
    "Iterator",
    "IntoIterator",
    "Send",
    "Sync",
    "Sized",
    "Copy",
    "Clone",
    "Drop",
    "Fn",
    "FnMut",
    "FnOnce",
    "ToString",
    "ToOwned",
    "Eq",
    "PartialEq",
    "Ord",
    "PartialOrd",
    "Hash",
    "Debug",
];

/// Module names that a generated module must not take: module glue and the crates the
/// generated code names by path (a local module would make those paths ambiguous).
pub const MODULE_NAMES_TAKEN: &[&str] =
    &["mod", "builders", "std", "core", "alloc", "anvil_runtime"];

/// The line documenting a rename: which name the model used and why it changed.
pub fn rename_note(model_name: &str, reason: &str) -> String {
    format!("Named `{model_name}` in the model; renamed because {reason}.")
}

/// Keywords that cannot be written as raw identifiers (`r#self` is not allowed).
const NOT_RAW: &[&str] = &["crate", "self", "Self", "super", "_"];

/// Is `name` a Rust keyword?
pub fn is_keyword(name: &str) -> bool {
    KEYWORDS.contains(&name)
}

/// A `snake_case` value identifier (field, method, module) for a Smithy name.
///
/// Keywords become raw identifiers (`r#type`); those that cannot be raw get a trailing `_`
/// (`self_`). Names that would start with a digit get a leading `n`.
pub fn snake_ident(name: &str) -> String {
    let mut snake = name.to_snake_case();
    if snake.is_empty() {
        snake = "value".to_string();
    }
    if snake.starts_with(|c: char| c.is_ascii_digit()) {
        snake.insert(0, 'n');
    }
    escape_keyword(snake)
}

/// An `UpperCamelCase` type or variant identifier for a Smithy name.
///
/// Names that would start with a digit get the prefix `Value`; an empty name becomes
/// `EmptyValue`; `Self` becomes `SelfValue`.
pub fn camel_ident(name: &str) -> String {
    let camel = name.to_upper_camel_case();
    if camel.is_empty() {
        return "EmptyValue".to_string();
    }
    if camel.starts_with(|c: char| c.is_ascii_digit()) {
        return format!("Value{camel}");
    }
    if camel == "Self" {
        return "SelfValue".to_string();
    }
    camel
}

/// Escapes a keyword: raw identifier where Rust allows one, else a trailing underscore.
fn escape_keyword(name: String) -> String {
    if NOT_RAW.contains(&name.as_str()) {
        format!("{name}_")
    } else if is_keyword(&name) {
        format!("r#{name}")
    } else {
        name
    }
}

/// The identifier without any `r#` prefix (for strings shown to people, `set_` prefixes...).
pub fn unraw(ident: &str) -> &str {
    ident.strip_prefix("r#").unwrap_or(ident)
}

/// Hands out names that are unique within one scope, deterministically: the first claimant
/// keeps its name, later ones get `2`, `3`... appended (with `_` for snake case names).
#[derive(Debug, Default)]
pub struct NameScope {
    taken: BTreeSet<String>,
}

impl NameScope {
    /// A scope where `reserved` names are already taken.
    pub fn with_reserved(reserved: &[&str]) -> Self {
        Self {
            taken: reserved.iter().map(|name| name.to_string()).collect(),
        }
    }

    /// A scope where `reserved` and `more` names are already taken.
    pub fn with_reserved_lists(reserved: &[&[&str]]) -> Self {
        Self {
            taken: reserved
                .iter()
                .flat_map(|list| list.iter())
                .map(|name| name.to_string())
                .collect(),
        }
    }

    /// Claims `wanted`, or the first free numbered form of it.
    pub fn claim(&mut self, wanted: &str) -> String {
        self.claim_with(wanted, |name| vec![name.to_string()])
    }

    /// Claims `wanted` together with the derived names `derive(wanted)` returns (e.g. a
    /// member's `set_x` and `get_x` methods): all of them must be free.
    pub fn claim_with(&mut self, wanted: &str, derive: impl Fn(&str) -> Vec<String>) -> String {
        let separator =
            if wanted.starts_with(|c: char| c.is_ascii_uppercase()) || wanted.ends_with('_') {
                ""
            } else {
                "_"
            };
        let base = unraw(wanted);
        let mut candidate = wanted.to_string();
        let mut counter = 1;
        loop {
            let names = derive(&candidate);
            let free = names.iter().all(|name| !self.taken.contains(unraw(name)));
            if free {
                for name in names {
                    self.taken.insert(unraw(&name).to_string());
                }
                return candidate;
            }
            counter += 1;
            candidate = format!("{base}{separator}{counter}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snake_case_names() {
        let cases = [
            ("IdentityStoreId", "identity_store_id"),
            ("type", "r#type"),
            ("Type", "r#type"),
            ("match", "r#match"),
            ("self", "self_"),
            ("Self", "self_"),
            ("crate", "crate_"),
            ("super", "super_"),
            ("async", "r#async"),
            ("gen", "r#gen"),
            ("ACLs", "ac_ls"),
            ("IPv6Address", "i_pv6_address"),
            ("fooBar", "foo_bar"),
            ("foo_bar", "foo_bar"),
            ("2fa", "n2fa"),
        ];
        for (input, expected) in cases {
            assert_eq!(snake_ident(input), expected, "{input}");
        }
    }

    #[test]
    fn camel_case_names() {
        let cases = [
            ("UpdateUser", "UpdateUser"),
            ("update_user", "UpdateUser"),
            ("ACTIVE", "Active"),
            ("IN_PROGRESS", "InProgress"),
            ("in progress", "InProgress"),
            ("2fa", "Value2fa"),
            ("a-b", "AB"),
            ("", "EmptyValue"),
            ("t2.micro", "T2Micro"),
            ("AWS::EC2::Instance", "AwsEc2Instance"),
            ("Self", "SelfValue"),
            ("self", "SelfValue"),
        ];
        for (input, expected) in cases {
            assert_eq!(camel_ident(input), expected, "{input}");
        }
    }

    #[test]
    fn scopes_number_collisions_deterministically() {
        let mut scope = NameScope::with_reserved(&["Unknown"]);
        assert_eq!(scope.claim("Foo"), "Foo");
        assert_eq!(scope.claim("Foo"), "Foo2");
        assert_eq!(scope.claim("Unknown"), "Unknown2");
        let mut members = NameScope::with_reserved(&["builder", "build"]);
        let with_accessors = |name: &str| {
            vec![
                name.to_string(),
                format!("set_{}", unraw(name)),
                format!("get_{}", unraw(name)),
            ]
        };
        assert_eq!(members.claim_with("name", with_accessors), "name");
        assert_eq!(members.claim_with("set_name", with_accessors), "set_name_2");
        assert_eq!(members.claim_with("build", with_accessors), "build_2");
        assert_eq!(members.claim_with("r#type", with_accessors), "r#type");
        assert_eq!(members.claim_with("r#type", with_accessors), "type_2");
        assert_eq!(members.claim_with("self_", with_accessors), "self_");
        assert_eq!(members.claim_with("self_", with_accessors), "self_2");
    }
}
