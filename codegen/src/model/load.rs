//! JSON AST -> [`Model`], with every problem reported by file and JSON path.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use serde_json::{Map, Value};

use super::node::json_kind;
use super::prelude::{prelude_shapes, unit_id};
use super::{
    EnumValue, Member, Model, Operation, Resource, Service, Shape, ShapeId, ShapeKind, Traits,
};

/// One problem in a model file: where (JSON path or shape id) and what.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// A JSON path such as `$.shapes["ns#Foo"].members.Bar.target`.
    pub location: String,
    /// What is wrong.
    pub message: String,
}

/// Why a model could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// The file could not be read.
    #[error("{}: cannot read the model: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// The file is not JSON.
    #[error("{}: not valid JSON: {message} (line {line}, column {column})", path.display())]
    Json {
        /// The file.
        path: PathBuf,
        /// The parser's message.
        message: String,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
    },
    /// The JSON does not describe a valid model; one entry per problem.
    #[error("{}", ProblemList { path, problems })]
    Invalid {
        /// The file.
        path: PathBuf,
        /// Every problem found, in file order.
        problems: Vec<Problem>,
    },
    /// A Smithy IDL file has syntax or semantic errors (each with file, line and column).
    #[error(transparent)]
    Idl(#[from] super::idl::IdlError),
}

struct ProblemList<'a> {
    path: &'a Path,
    problems: &'a [Problem],
}

impl fmt::Display for ProblemList<'_> {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (index, problem) in self.problems.iter().enumerate() {
            if index > 0 {
                writeln!(formatter)?;
            }
            let path = self.path.display();
            write!(
                formatter,
                "{path}: {}: {}",
                problem.location, problem.message
            )?;
        }
        Ok(())
    }
}

/// Reads and checks a model file.
pub fn load_file(path: &Path) -> Result<Model, LoadError> {
    let text = std::fs::read_to_string(path).map_err(|source| LoadError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    load_str(&text, path)
}

/// Checks a model given as text; `path` is only used in messages.
pub fn load_str(text: &str, path: &Path) -> Result<Model, LoadError> {
    let root: Value = serde_json::from_str(text).map_err(|error| LoadError::Json {
        path: path.to_path_buf(),
        message: json_error_message(&error),
        line: error.line(),
        column: error.column(),
    })?;
    build_model(&root, path)
}

/// Builds and checks a model from a parsed JSON AST; `path` is only used in messages.
/// The IDL loader lowers its files to a JSON AST and comes through here too, so both
/// loaders produce the same [`Model`].
pub(super) fn build_model(root: &Value, path: &Path) -> Result<Model, LoadError> {
    let mut loader = Loader::default();
    loader.read_root(root);
    loader.check_references();
    if !loader.located.is_empty() {
        return Err(LoadError::Invalid {
            path: path.to_path_buf(),
            problems: loader.into_problems(),
        });
    }
    let mut shapes: BTreeMap<ShapeId, Shape> = prelude_shapes()
        .into_iter()
        .map(|shape| (shape.id.clone(), shape))
        .collect();
    let order = loader.shapes.iter().map(|shape| shape.id.clone()).collect();
    shapes.extend(
        loader
            .shapes
            .into_iter()
            .map(|shape| (shape.id.clone(), shape)),
    );
    Ok(Model {
        source: path.to_path_buf(),
        shapes,
        order,
    })
}

/// serde_json's message without its own " at line X column Y" suffix.
fn json_error_message(error: &serde_json::Error) -> String {
    let full = error.to_string();
    match full.rfind(" at line ") {
        Some(cut) => full[..cut].to_string(),
        None => full,
    }
}

#[derive(Default)]
struct Loader {
    shapes: Vec<Shape>,
    /// Problems with the index of the shape entry they concern (`None` for the root), so
    /// they can be reported in file order.
    located: Vec<(Option<usize>, Problem)>,
    /// The index of the shape entry being read.
    current: Option<usize>,
    /// File position of every shape id.
    position: BTreeMap<ShapeId, usize>,
    /// Every well-formed shape id the file declares, including shapes that had problems,
    /// so a reference to a broken shape is not reported a second time as dangling.
    declared: std::collections::BTreeSet<ShapeId>,
}

impl Loader {
    fn problem(&mut self, location: impl Into<String>, message: impl Into<String>) {
        let problem = Problem {
            location: location.into(),
            message: message.into(),
        };
        self.located.push((self.current, problem));
    }

    /// Every problem, in file order.
    fn into_problems(mut self) -> Vec<Problem> {
        self.located.sort_by_key(|(position, _)| *position);
        self.located
            .into_iter()
            .map(|(_, problem)| problem)
            .collect()
    }

    fn read_root(&mut self, root: &Value) {
        let Some(object) = root.as_object() else {
            self.problem(
                "$",
                format!("expected an object, found {}", json_kind(root)),
            );
            return;
        };
        match object.get("smithy") {
            Some(Value::String(version)) if version == "2" || version == "2.0" => {}
            Some(Value::String(version)) => self.problem(
                "$.smithy",
                format!("unsupported Smithy version \"{version}\" (expected \"2.0\")"),
            ),
            Some(other) => self.problem(
                "$.smithy",
                format!("expected a string, found {}", json_kind(other)),
            ),
            None => self.problem("$", "missing the `smithy` version key"),
        }
        match object.get("shapes") {
            None => {}
            Some(Value::Object(shapes)) => {
                for (index, (key, shape)) in shapes.iter().enumerate() {
                    self.current = Some(index);
                    self.read_shape(key, shape);
                }
                self.current = None;
            }
            Some(other) => self.problem(
                "$.shapes",
                format!("expected an object, found {}", json_kind(other)),
            ),
        }
    }

    fn read_shape(&mut self, key: &str, value: &Value) {
        let path = format!("$.shapes[\"{key}\"]");
        let id = match ShapeId::parse(key) {
            Ok(id) => id,
            Err(message) => return self.problem(path, message),
        };
        if id.is_prelude() {
            return self.problem(
                path,
                "a model may not define shapes in the `smithy.api` prelude",
            );
        }
        self.declared.insert(id.clone());
        if let Some(index) = self.current {
            self.position.insert(id.clone(), index);
        }
        let Some(object) = value.as_object() else {
            return self.problem(
                path,
                format!("expected an object, found {}", json_kind(value)),
            );
        };
        let type_name = match object.get("type") {
            Some(Value::String(type_name)) => type_name.as_str(),
            Some(other) => {
                let message = format!("expected a string, found {}", json_kind(other));
                return self.problem(format!("{path}.type"), message);
            }
            None => return self.problem(path, "missing `type`"),
        };
        if object.contains_key("mixins") {
            self.problem(
                format!("{path}.mixins"),
                "mixins are not supported; flatten them first",
            );
        }
        let traits = self.read_traits(object, &path);
        let kind = match type_name {
            "blob" => ShapeKind::Blob,
            "boolean" => ShapeKind::Boolean,
            "string" => ShapeKind::String,
            "byte" => ShapeKind::Byte,
            "short" => ShapeKind::Short,
            "integer" => ShapeKind::Integer,
            "long" => ShapeKind::Long,
            "float" => ShapeKind::Float,
            "double" => ShapeKind::Double,
            "bigInteger" => ShapeKind::BigInteger,
            "bigDecimal" => ShapeKind::BigDecimal,
            "timestamp" => ShapeKind::Timestamp,
            "document" => ShapeKind::Document,
            "enum" => ShapeKind::Enum(self.read_enum_members(object, &path, false)),
            "intEnum" => ShapeKind::IntEnum(self.read_enum_members(object, &path, true)),
            "list" | "set" => match self.read_named_member(object, &path, "member") {
                Some(member) => ShapeKind::List(Box::new(member)),
                None => return,
            },
            "map" => {
                let key = self.read_named_member(object, &path, "key");
                let value = self.read_named_member(object, &path, "value");
                match (key, value) {
                    (Some(key), Some(value)) => ShapeKind::Map {
                        key: Box::new(key),
                        value: Box::new(value),
                    },
                    _ => return,
                }
            }
            "structure" => ShapeKind::Structure(self.read_members(object, &path)),
            "union" => ShapeKind::Union(self.read_members(object, &path)),
            "service" => ShapeKind::Service(self.read_service(object, &path)),
            "operation" => ShapeKind::Operation(self.read_operation(object, &path)),
            "resource" => ShapeKind::Resource(self.read_resource(object, &path)),
            other => {
                let message = format!("unknown shape type \"{other}\"");
                return self.problem(format!("{path}.type"), message);
            }
        };
        let mut traits = traits;
        if type_name == "set" {
            traits.unique_items = true;
        }
        self.shapes.push(Shape { id, kind, traits });
    }

    fn read_traits(&mut self, object: &Map<String, Value>, path: &str) -> Traits {
        let Some(value) = object.get("traits") else {
            return Traits::default();
        };
        let mut problems = Vec::new();
        let traits = Traits::parse(value, &format!("{path}.traits"), &mut problems);
        for (location, message) in problems {
            self.problem(location, message);
        }
        traits
    }

    fn read_reference(&mut self, value: &Value, path: &str) -> Option<ShapeId> {
        let Some(object) = value.as_object() else {
            let message = format!(
                "expected a shape reference object, found {}",
                json_kind(value)
            );
            self.problem(path, message);
            return None;
        };
        match object.get("target") {
            Some(Value::String(target)) => match ShapeId::parse(target) {
                Ok(id) => Some(id),
                Err(message) => {
                    self.problem(format!("{path}.target"), message);
                    None
                }
            },
            Some(other) => {
                let message = format!("expected a string, found {}", json_kind(other));
                self.problem(format!("{path}.target"), message);
                None
            }
            None => {
                self.problem(path, "missing `target`");
                None
            }
        }
    }

    fn read_member(&mut self, name: &str, value: &Value, path: &str) -> Option<Member> {
        let target = self.read_reference(value, path)?;
        let traits = match value.as_object() {
            Some(object) => self.read_traits(object, path),
            None => Traits::default(),
        };
        Some(Member {
            name: name.to_string(),
            target,
            traits,
        })
    }

    fn read_named_member(
        &mut self,
        object: &Map<String, Value>,
        path: &str,
        key: &str,
    ) -> Option<Member> {
        match object.get(key) {
            Some(value) => self.read_member(key, value, &format!("{path}.{key}")),
            None => {
                self.problem(path, format!("missing `{key}`"));
                None
            }
        }
    }

    fn read_members(&mut self, object: &Map<String, Value>, path: &str) -> Vec<Member> {
        let members = match object.get("members") {
            None => return Vec::new(),
            Some(Value::Object(members)) => members,
            Some(other) => {
                let message = format!("expected an object, found {}", json_kind(other));
                self.problem(format!("{path}.members"), message);
                return Vec::new();
            }
        };
        members
            .iter()
            .filter_map(|(name, value)| {
                self.read_member(name, value, &format!("{path}.members.{name}"))
            })
            .collect()
    }

    fn read_enum_members(
        &mut self,
        object: &Map<String, Value>,
        path: &str,
        integer: bool,
    ) -> Vec<Member> {
        let mut members = self.read_members(object, path);
        for member in &mut members {
            let member_path = format!("{path}.members.{}", member.name);
            if member.target != unit_id() {
                self.problem(
                    format!("{member_path}.target"),
                    format!(
                        "enum members must target smithy.api#Unit, not {}",
                        member.target
                    ),
                );
            }
            match (&member.traits.enum_value, integer) {
                (None, false) => {
                    member.traits.enum_value = Some(EnumValue::String(member.name.clone()));
                }
                (Some(EnumValue::String(_)), false) => {}
                // The generated enum holds its values as `i32`, as Smithy's integer does.
                (Some(EnumValue::Int(value)), true) => {
                    if i32::try_from(*value).is_err() {
                        self.problem(
                            member_path,
                            format!("intEnum value {value} does not fit in a 32-bit integer"),
                        );
                    }
                }
                (Some(EnumValue::Int(_)), false) => {
                    self.problem(member_path, "an enum member's value must be a string")
                }
                (_, true) => self.problem(member_path, "an intEnum member needs an integer value"),
            }
        }
        // Smithy requires distinct values: two members with one value could not be told
        // apart on the wire, and the generated enum would not compile.
        let mut first_with_value: BTreeMap<String, &str> = BTreeMap::new();
        for member in &members {
            let value = match &member.traits.enum_value {
                Some(EnumValue::String(text)) => format!("{text:?}"),
                Some(EnumValue::Int(number)) => number.to_string(),
                None => continue,
            };
            match first_with_value.get(&value) {
                Some(first) => self.problem(
                    format!("{path}.members.{}", member.name),
                    format!("enum value {value} is already the value of member `{first}`"),
                ),
                None => {
                    first_with_value.insert(value, &member.name);
                }
            }
        }
        members
    }

    fn read_references(
        &mut self,
        object: &Map<String, Value>,
        path: &str,
        key: &str,
    ) -> Vec<ShapeId> {
        let items = match object.get(key) {
            None => return Vec::new(),
            Some(Value::Array(items)) => items,
            Some(other) => {
                let message = format!("expected an array, found {}", json_kind(other));
                self.problem(format!("{path}.{key}"), message);
                return Vec::new();
            }
        };
        items
            .iter()
            .enumerate()
            .filter_map(|(index, item)| {
                self.read_reference(item, &format!("{path}.{key}[{index}]"))
            })
            .collect()
    }

    fn read_optional_reference(
        &mut self,
        object: &Map<String, Value>,
        path: &str,
        key: &str,
    ) -> Option<ShapeId> {
        let id = self.read_reference(object.get(key)?, &format!("{path}.{key}"))?;
        (id != unit_id()).then_some(id)
    }

    fn read_service(&mut self, object: &Map<String, Value>, path: &str) -> Service {
        let version = match object.get("version") {
            None => None,
            Some(Value::String(version)) => Some(version.clone()),
            Some(other) => {
                let message = format!("expected a string, found {}", json_kind(other));
                self.problem(format!("{path}.version"), message);
                None
            }
        };
        let mut rename = BTreeMap::new();
        if let Some(value) = object.get("rename") {
            match value.as_object() {
                Some(entries) => {
                    for (key, new_name) in entries {
                        let entry_path = format!("{path}.rename[\"{key}\"]");
                        match (ShapeId::parse(key), new_name.as_str()) {
                            (Ok(id), Some(new_name)) => {
                                rename.insert(id, new_name.to_string());
                            }
                            (Err(message), _) => self.problem(entry_path, message),
                            (_, None) => self.problem(entry_path, "expected a string"),
                        }
                    }
                }
                None => self.problem(format!("{path}.rename"), "expected an object"),
            }
        }
        Service {
            version,
            operations: self.read_references(object, path, "operations"),
            resources: self.read_references(object, path, "resources"),
            errors: self.read_references(object, path, "errors"),
            rename,
        }
    }

    fn read_operation(&mut self, object: &Map<String, Value>, path: &str) -> Operation {
        Operation {
            input: self.read_optional_reference(object, path, "input"),
            output: self.read_optional_reference(object, path, "output"),
            errors: self.read_references(object, path, "errors"),
        }
    }

    fn read_resource(&mut self, object: &Map<String, Value>, path: &str) -> Resource {
        let mut operations = Vec::new();
        for key in ["create", "put", "read", "update", "delete", "list"] {
            if let Some(value) = object.get(key) {
                operations.extend(self.read_reference(value, &format!("{path}.{key}")));
            }
        }
        operations.extend(self.read_references(object, path, "operations"));
        operations.extend(self.read_references(object, path, "collectionOperations"));
        Resource {
            operations,
            resources: self.read_references(object, path, "resources"),
        }
    }

    fn check_references(&mut self) {
        let problems =
            super::references::check_references(&self.shapes, &self.declared, &self.position);
        self.located.extend(problems);
        self.located
            .extend(super::http_checks::check_http(&self.shapes, &self.position));
        self.located
            .extend(super::constraint_checks::check_constraints(
                &self.shapes,
                &self.position,
            ));
        self.located
            .extend(super::recursion_checks::check_recursion(
                &self.shapes,
                &self.position,
            ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problems(text: &str) -> Vec<String> {
        match load_str(text, Path::new("test.json")) {
            Ok(_) => Vec::new(),
            Err(error) => error.to_string().lines().map(str::to_string).collect(),
        }
    }

    #[test]
    fn loads_a_small_model_with_prelude_targets() {
        let text = r#"{"smithy": "2.0", "shapes": {
            "ex#Name": {"type": "string", "traits": {"smithy.api#length": {"min": 1}}},
            "ex#Thing": {"type": "structure", "members": {
                "name": {"target": "ex#Name", "traits": {"smithy.api#required": {}}},
                "count": {"target": "smithy.api#Integer"}
            }},
            "ex#Color": {"type": "enum", "members": {"RED": {"target": "smithy.api#Unit"}}}
        }}"#;
        let model = load_str(text, Path::new("test.json")).unwrap();
        let thing = model.shape(&ShapeId::new("ex", "Thing")).unwrap();
        let members = thing.kind.members();
        assert_eq!(members[0].name, "name");
        assert!(members[0].traits.required);
        assert_eq!(members[1].target, ShapeId::prelude("Integer"));
        let color = model.shape(&ShapeId::new("ex", "Color")).unwrap();
        assert_eq!(
            color.kind.members()[0].traits.enum_value,
            Some(EnumValue::String("RED".into()))
        );
        assert_eq!(model.shapes().count(), 3);
    }

    #[test]
    fn reports_json_syntax_errors_with_position() {
        let lines = problems("{\"smithy\": \"2.0\",\n \"shapes\": {");
        assert_eq!(lines.len(), 1);
        assert!(
            lines[0].starts_with("test.json: not valid JSON: EOF"),
            "{lines:?}"
        );
        assert!(lines[0].contains("line 2"), "{lines:?}");
    }

    #[test]
    fn reports_every_structural_problem() {
        let text = r#"{"smithy": "2.0", "shapes": {
            "ex#A": {"type": "strukture"},
            "NoNamespace": {"type": "string"},
            "ex#B": {"type": "structure", "members": {"x": {"target": 5}}}
        }}"#;
        assert_eq!(
            problems(text),
            [
                "test.json: $.shapes[\"ex#A\"].type: unknown shape type \"strukture\"",
                "test.json: $.shapes[\"NoNamespace\"]: shape id `NoNamespace` has no `#` between namespace and name",
                "test.json: $.shapes[\"ex#B\"].members.x.target: expected a string, found a number",
            ]
        );
    }

    #[test]
    fn reports_dangling_and_ill_kinded_targets() {
        let text = r#"{"smithy": "2.0", "shapes": {
            "ex#S": {"type": "structure", "members": {"x": {"target": "ex#Missing"}}},
            "ex#Op": {"type": "operation", "input": {"target": "ex#Str"}},
            "ex#Str": {"type": "string"}
        }}"#;
        assert_eq!(
            problems(text),
            [
                "test.json: $.shapes[\"ex#S\"].members.x.target: target ex#Missing does not exist",
                "test.json: $.shapes[\"ex#Op\"].input: an operation's input and output must be structure, but ex#Str is a string",
            ]
        );
    }
}
