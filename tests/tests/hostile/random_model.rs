//! Random Smithy models whose every piece of text is hostile: documentation made of code
//! fences, HTML, control and bidi characters; shape and member names that collide with
//! Rust keywords, prelude names and the methods the generator adds; an `sdkId` full of
//! quotes and line breaks. Deterministic for a given seed.

use fastrand::Rng;
use serde_json::{Map, Value, json};

/// Pieces that documentation is stitched from.
const DOC_PIECES: &[&str] = &[
    "```rust\n",
    "```\n",
    "````",
    "~~~\n",
    "~~~rust\n",
    "<pre>",
    "</pre>",
    "<code>",
    "</code>",
    "<p>",
    "</p>",
    "<ul>",
    "<ol>",
    "<li>",
    "</li>",
    "</ul>",
    "<br/>",
    "<b>",
    "<i>",
    "<a href=\"https://example.com/\n```rust\n\">",
    "<a href=\"https://example.com/x\">",
    "</a>",
    "<!-- ",
    " -->",
    "    ",
    "\t",
    "\n",
    "\n\n",
    "\r",
    "\r\n",
    "\u{202E}",
    "\u{2066}",
    "\u{2069}",
    "\u{200F}",
    "\0",
    "\u{7}",
    "\u{1b}[31m",
    "\u{85}",
    "`",
    "~",
    "&#96;&#96;&#96;",
    "&#x202E;",
    "&#0;",
    "&#13;",
    "&lt;pre&gt;",
    "&amp;",
    "panic!(\"model code ran\");",
    "fn main() {}",
    "[link](x)",
    "[`Self`]",
    "*",
    "**",
    "\\",
    "https://example.com/`tick`",
    "*/",
    "/*",
    "//!",
    "- ",
    "1. ",
    "# ",
    "> ",
    "| a | b |",
    "\"",
    "'",
    "{",
    "}",
    "#[doc = \"x\"]",
    "plain words ",
];

/// Names that collide with something in generated Rust.
const DANGEROUS_NAMES: &[&str] = &[
    "Option",
    "Some",
    "None",
    "Ok",
    "Err",
    "Result",
    "Box",
    "String",
    "Vec",
    "Default",
    "Clone",
    "Into",
    "From",
    "Debug",
    "PartialEq",
    "Eq",
    "Hash",
    "Send",
    "Sync",
    "Sized",
    "Copy",
    "Drop",
    "Fn",
    "Iterator",
    "ToString",
    "ToOwned",
    "HashMap",
    "Self",
    "self",
    "type",
    "Type",
    "match",
    "async",
    "gen",
    "crate",
    "super",
    "build",
    "builder",
    "Builder",
    "validate",
    "validate_into",
    "to_request",
    "write_json",
    "read_json",
    "from_json",
    "to_json",
    "code",
    "message",
    "Message",
    "set_x",
    "get_x",
    "x",
    "X",
    "unknown",
    "Unknown",
    "as_str",
    "is_unknown",
    "std",
    "core",
    "anvil_runtime",
    "Error",
    "Unhandled",
    "InvalidResponse",
    "value",
    "fmt",
    "new",
    "_a1",
    "__x",
    "A1",
    "a_b",
    "AB",
    "Input",
    "Output",
    "ThingInput",
    "ThingOutput",
    "ThingError",
    "ThingBuilder",
    "error",
    "types",
    "operation",
    "patterns",
    "mod",
    "lib",
    "from_str",
    "as_ref",
    "parse",
    "values",
    "f",
    "out",
    "request",
    "response",
    "headers",
    "body",
    "json",
    "reader",
    "writer",
    "problems",
];

fn pick<'a>(rng: &mut Rng, items: &[&'a str]) -> &'a str {
    items[rng.usize(..items.len())]
}

/// Documentation text of a few to a few dozen hostile pieces.
pub fn random_doc(rng: &mut Rng) -> String {
    let count = rng.usize(1..30);
    (0..count).map(|_| pick(rng, DOC_PIECES)).collect()
}

/// Any string at all: printable ASCII, controls, quotes, bidi characters and line breaks.
pub fn random_text(rng: &mut Rng) -> String {
    const SPECIAL: &[char] = &[
        '"', '\'', '\\', '\n', '\r', '\t', '\0', '\u{202E}', '\u{2066}', '=', '[', ']', '{', '}',
        '#', '`', '~', ' ', '-', '_', '.', 'é', '中',
    ];
    let length = rng.usize(0..24);
    (0..length)
        .map(|_| {
            if rng.bool() {
                SPECIAL[rng.usize(..SPECIAL.len())]
            } else {
                rng.alphanumeric()
            }
        })
        .collect()
}

/// A valid Smithy identifier, usually one that collides with something.
pub fn random_identifier(rng: &mut Rng) -> String {
    if rng.u8(..4) != 0 {
        return pick(rng, DANGEROUS_NAMES).to_string();
    }
    let mut name = String::new();
    if rng.u8(..4) == 0 {
        name.push('_');
    }
    name.push(rng.alphabetic());
    for _ in 0..rng.usize(0..8) {
        name.push(match rng.u8(..5) {
            0 => '_',
            1 => rng.digit(10),
            _ => rng.alphanumeric(),
        });
    }
    name
}

fn traits(rng: &mut Rng) -> Map<String, Value> {
    let mut traits = Map::new();
    if rng.u8(..5) != 0 {
        traits.insert("smithy.api#documentation".into(), json!(random_doc(rng)));
    }
    if rng.u8(..8) == 0 {
        traits.insert(
            "smithy.api#deprecated".into(),
            json!({"message": random_doc(rng), "since": random_text(rng)}),
        );
    }
    traits
}

/// A random model of one `awsJson1_1` or `restJson1` service in namespace `namespace`.
pub fn random_model(rng: &mut Rng, namespace: &str) -> Value {
    let id = |name: &str| format!("{namespace}#{name}");
    let mut shapes = Map::new();
    let mut used = std::collections::BTreeSet::new();
    let mut fresh_name = |rng: &mut Rng, suffix: &str| loop {
        let name = format!("{}{suffix}", random_identifier(rng));
        if used.insert(name.to_ascii_lowercase()) {
            return name;
        }
    };

    let enum_name = fresh_name(rng, "");
    let mut enum_members = Map::new();
    let mut enum_values = std::collections::BTreeSet::new();
    for _ in 0..rng.usize(1..5) {
        let mut member_traits = traits(rng);
        // Smithy wants enum values distinct and non-empty; anything else goes.
        let value = format!("{}{}", random_text(rng), enum_values.len());
        enum_values.insert(value.clone());
        member_traits.insert("smithy.api#enumValue".into(), json!(value));
        enum_members.insert(
            random_identifier(rng),
            json!({"target": "smithy.api#Unit", "traits": member_traits}),
        );
    }
    shapes.insert(
        id(&enum_name),
        json!({"type": "enum", "members": enum_members, "traits": traits(rng)}),
    );

    let union_name = fresh_name(rng, "");
    let mut union_members = Map::new();
    for _ in 0..rng.usize(1..4) {
        let target = if rng.bool() {
            "smithy.api#Integer".to_string()
        } else {
            id(&enum_name)
        };
        union_members.insert(
            random_identifier(rng),
            json!({"target": target, "traits": traits(rng)}),
        );
    }
    shapes.insert(
        id(&union_name),
        json!({"type": "union", "members": union_members, "traits": traits(rng)}),
    );

    let list_name = fresh_name(rng, "");
    shapes.insert(
        id(&list_name),
        json!({"type": "list", "member": {"target": id(&enum_name)}, "traits": traits(rng)}),
    );

    let data_name = fresh_name(rng, "");
    let data_members = random_members(
        rng,
        &[
            "smithy.api#String".to_string(),
            "smithy.api#Long".to_string(),
            id(&enum_name),
            id(&union_name),
            id(&list_name),
            id(&data_name),
        ],
    );
    shapes.insert(
        id(&data_name),
        json!({"type": "structure", "members": data_members, "traits": traits(rng)}),
    );

    let error_name = fresh_name(rng, "");
    let mut error_members = random_members(rng, &["smithy.api#String".to_string()]);
    if rng.bool() {
        error_members.insert("message".into(), json!({"target": "smithy.api#String"}));
    }
    let mut error_traits = traits(rng);
    error_traits.insert("smithy.api#error".into(), json!("client"));
    shapes.insert(
        id(&error_name),
        json!({"type": "structure", "members": error_members, "traits": error_traits}),
    );

    let targets = [
        "smithy.api#String".to_string(),
        "smithy.api#Integer".to_string(),
        "smithy.api#Boolean".to_string(),
        id(&enum_name),
        id(&union_name),
        id(&list_name),
        id(&data_name),
    ];
    let rest = rng.bool();
    let mut operations = Vec::new();
    for index in 0..rng.usize(1..3) {
        let operation = fresh_name(rng, "");
        let input = fresh_name(rng, "");
        let output = fresh_name(rng, "");
        let mut input_traits = traits(rng);
        input_traits.insert("smithy.api#input".into(), json!({}));
        let mut input_members = random_members(rng, &targets);
        let mut output_members = random_members(rng, &targets);
        let mut operation_traits = traits(rng);
        if rest {
            let label = bind_http(rng, &mut input_members, &mut output_members);
            let method = pick(rng, &["GET", "POST", "PUT", "DELETE", "PATCH"]);
            operation_traits.insert(
                "smithy.api#http".into(),
                json!({"method": method, "uri": format!("/op{index}/{{{label}}}")}),
            );
        }
        shapes.insert(
            id(&input),
            json!({"type": "structure", "members": input_members, "traits": input_traits}),
        );
        let mut output_traits = traits(rng);
        output_traits.insert("smithy.api#output".into(), json!({}));
        shapes.insert(
            id(&output),
            json!({"type": "structure", "members": output_members, "traits": output_traits}),
        );
        shapes.insert(
            id(&operation),
            json!({
                "type": "operation",
                "input": {"target": id(&input)},
                "output": {"target": id(&output)},
                "errors": [{"target": id(&error_name)}],
                "traits": operation_traits,
            }),
        );
        operations.push(json!({"target": id(&operation)}));
    }
    let service_name = fresh_name(rng, "");
    let mut service_traits = traits(rng);
    let protocol = if rest {
        "aws.protocols#restJson1"
    } else {
        "aws.protocols#awsJson1_1"
    };
    service_traits.insert(protocol.into(), json!({}));
    service_traits.insert(
        "aws.api#service".into(),
        json!({"sdkId": random_text(rng), "endpointPrefix": "example"}),
    );
    shapes.insert(
        id(&service_name),
        json!({
            "type": "service",
            "version": "2024-01-01",
            "operations": operations,
            "traits": service_traits,
        }),
    );
    json!({"smithy": "2.0", "shapes": shapes})
}

fn random_members(rng: &mut Rng, targets: &[String]) -> Map<String, Value> {
    let mut members = Map::new();
    for _ in 0..rng.usize(0..6) {
        let mut member_traits = traits(rng);
        match rng.u8(..4) {
            0 => {
                member_traits.insert("smithy.api#required".into(), json!({}));
            }
            1 => {
                member_traits.insert("smithy.api#sensitive".into(), json!({}));
            }
            _ => {}
        }
        let target = &targets[rng.usize(..targets.len())];
        let is_self_reference = targets.last() == Some(target) && targets.len() > 1;
        if is_self_reference {
            // A structure holding itself must stay optional to be constructible.
            member_traits.remove("smithy.api#required");
        }
        members.insert(
            random_identifier(rng),
            json!({"target": target, "traits": member_traits}),
        );
    }
    members
}

/// Valid but unusual header names.
const HEADER_NAMES: &[&str] = &[
    "X-Amz-Meta",
    "x-lower",
    "X-!#$%&'*+.^_`|~",
    "X-Request",
    "X-Json",
];

/// Binds the scalar members of an operation's input and output to headers and query
/// parameters at random and adds a required label member; returns the label's name.
fn bind_http(
    rng: &mut Rng,
    input: &mut Map<String, Value>,
    output: &mut Map<String, Value>,
) -> String {
    const SCALARS: &[&str] = &[
        "smithy.api#String",
        "smithy.api#Integer",
        "smithy.api#Boolean",
    ];
    let mut headers = std::collections::BTreeSet::new();
    for (members, query_allowed) in [(&mut *input, true), (&mut *output, false)] {
        for member in members.values_mut() {
            let scalar = member["target"]
                .as_str()
                .is_some_and(|target| SCALARS.contains(&target));
            if !scalar {
                continue;
            }
            let traits = member["traits"].as_object_mut().unwrap();
            match rng.u8(..3) {
                0 => {
                    let name = pick(rng, HEADER_NAMES);
                    if headers.insert(name.to_ascii_lowercase()) {
                        traits.insert("smithy.api#httpHeader".into(), json!(name));
                    }
                }
                1 if query_allowed => {
                    traits.insert("smithy.api#httpQuery".into(), json!(random_identifier(rng)));
                }
                _ => {}
            }
        }
        headers.clear();
    }
    let label = loop {
        let name = random_identifier(rng);
        if !input.contains_key(&name) {
            break name;
        }
    };
    input.insert(
        label.clone(),
        json!({"target": "smithy.api#String", "traits": {
            "smithy.api#httpLabel": {},
            "smithy.api#required": {},
            "smithy.api#documentation": random_doc(rng),
        }}),
    );
    label
}
