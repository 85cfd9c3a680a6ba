//! [`RuleSet::from_json`]: JSON text to the typed rule tree, with every name resolved to a
//! slot and every error located by its JSON path.

use std::fmt;

use crate::json::{JsonNumber, Map, Value as Json};

use crate::document::Number;

use super::params::Value;
use super::rule_set::{
    Condition, EndpointTemplate, Expr, Function, Outcome, Parameter, ParameterType, Property, Rule,
    RuleSet, TemplatePart,
};
use super::template::{RawPart, parse_path, split_template};

/// A rule set that cannot be used, with the JSON path of the offending value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RuleSetError {
    path: String,
    message: String,
}

impl RuleSetError {
    fn new(path: &str, message: impl Into<String>) -> Self {
        RuleSetError {
            path: path.to_string(),
            message: message.into(),
        }
    }

    /// Where the problem is, as a JSON path from the rule set's root (`$.rules[2].conditions[0]`).
    pub fn path(&self) -> &str {
        &self.path
    }

    /// What is wrong there.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for RuleSetError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "invalid endpoint rule set at {}: {}",
            self.path, self.message
        )
    }
}

impl std::error::Error for RuleSetError {}

impl RuleSet {
    /// Parses a rule set from the JSON value of a `smithy.rules#endpointRuleSet` trait.
    ///
    /// Checks what evaluation relies on: known functions with the right number of arguments,
    /// references to declared parameters or to variables assigned earlier in scope, well-formed
    /// templates and `getAttr` paths, and defaults of the declared type.
    pub fn from_json(text: &str) -> Result<RuleSet, RuleSetError> {
        let json: Json = crate::json::parse_bytes(text.as_bytes())
            .map_err(|err| RuleSetError::new("$", format!("not JSON: {err}")))?;
        Self::from_json_value(&json)
    }

    /// Like [`RuleSet::from_json`], from an already parsed JSON value.
    pub fn from_json_value(json: &Json) -> Result<RuleSet, RuleSetError> {
        let root = object(json, "$")?;
        let version = match root.get("version") {
            Some(Json::String(version)) => version.clone(),
            Some(_) => return Err(RuleSetError::new("$.version", "expected a string")),
            None => return Err(RuleSetError::new("$", "missing `version`")),
        };
        let parameters = parse_parameters(field(root, "parameters", "$")?, "$.parameters")?;
        let mut scope = Scope {
            names: parameters
                .iter()
                .map(|parameter| parameter.name.clone())
                .collect(),
            slot_of: (0..parameters.len()).collect(),
            slot_count: parameters.len(),
        };
        let rules = scope.rules(field(root, "rules", "$")?, "$.rules")?;
        Ok(RuleSet {
            version,
            parameters,
            rules,
            slot_count: scope.slot_count,
        })
    }
}

fn object<'j>(json: &'j Json, path: &str) -> Result<&'j Map, RuleSetError> {
    json.as_object()
        .ok_or_else(|| RuleSetError::new(path, "expected an object"))
}

fn array<'j>(json: &'j Json, path: &str) -> Result<&'j Vec<Json>, RuleSetError> {
    json.as_array()
        .ok_or_else(|| RuleSetError::new(path, "expected an array"))
}

fn field<'j>(map: &'j Map, key: &str, path: &str) -> Result<&'j Json, RuleSetError> {
    map.get(key)
        .ok_or_else(|| RuleSetError::new(path, format!("missing `{key}`")))
}

fn optional_string(map: &Map, key: &str, path: &str) -> Result<Option<String>, RuleSetError> {
    match map.get(key) {
        None | Some(Json::Null) => Ok(None),
        Some(Json::String(text)) => Ok(Some(text.clone())),
        Some(_) => Err(RuleSetError::new(
            &format!("{path}.{key}"),
            "expected a string",
        )),
    }
}

fn parse_parameters(json: &Json, path: &str) -> Result<Vec<Parameter>, RuleSetError> {
    let mut parameters = Vec::new();
    for (name, spec) in object(json, path)? {
        let path = format!("{path}.{name}");
        let spec = object(spec, &path)?;
        let kind = match field(spec, "type", &path)?
            .as_str()
            .map(str::to_ascii_lowercase)
            .as_deref()
        {
            Some("string") => ParameterType::String,
            Some("boolean") => ParameterType::Boolean,
            Some("stringarray") => ParameterType::StringArray,
            _ => {
                return Err(RuleSetError::new(
                    &format!("{path}.type"),
                    "expected `String`, `Boolean` or `stringArray`",
                ));
            }
        };
        let required = match spec.get("required") {
            None => false,
            Some(Json::Bool(required)) => *required,
            Some(_) => {
                return Err(RuleSetError::new(
                    &format!("{path}.required"),
                    "expected a boolean",
                ));
            }
        };
        let default = match spec.get("default") {
            None | Some(Json::Null) => None,
            Some(value) => Some(parameter_value(value, kind, &format!("{path}.default"))?),
        };
        parameters.push(Parameter {
            name: name.clone(),
            kind,
            required,
            default,
            built_in: optional_string(spec, "builtIn", &path)?,
            documentation: optional_string(spec, "documentation", &path)?,
        });
    }
    Ok(parameters)
}

/// A JSON value as a parameter value of type `kind`.
fn parameter_value(json: &Json, kind: ParameterType, path: &str) -> Result<Value, RuleSetError> {
    let value = match (kind, json) {
        (ParameterType::String, Json::String(text)) => Value::String(text.clone()),
        (ParameterType::Boolean, Json::Bool(flag)) => Value::Bool(*flag),
        (ParameterType::StringArray, Json::Array(items)) => Value::StringArray(
            items
                .iter()
                .map(|item| item.as_str().map(str::to_string))
                .collect::<Option<_>>()
                .ok_or_else(|| RuleSetError::new(path, "expected an array of strings"))?,
        ),
        _ => {
            return Err(RuleSetError::new(
                path,
                format!("expected a {} value", kind.name()),
            ));
        }
    };
    Ok(value)
}

/// The names visible at one point of the tree, with their slots.
struct Scope {
    names: Vec<String>,
    slot_of: Vec<usize>,
    slot_count: usize,
}

impl Scope {
    fn lookup(&self, name: &str, path: &str) -> Result<usize, RuleSetError> {
        self.names
            .iter()
            .rposition(|known| known == name)
            .map(|position| self.slot_of[position])
            .ok_or_else(|| {
                RuleSetError::new(
                    path,
                    format!("`{name}` is neither a parameter nor assigned in scope"),
                )
            })
    }

    fn rules(&mut self, json: &Json, path: &str) -> Result<Vec<Rule>, RuleSetError> {
        array(json, path)?
            .iter()
            .enumerate()
            .map(|(index, rule)| self.rule(rule, &format!("{path}[{index}]")))
            .collect()
    }

    fn rule(&mut self, json: &Json, path: &str) -> Result<Rule, RuleSetError> {
        let map = object(json, path)?;
        let outer = self.names.len();
        let conditions_path = format!("{path}.conditions");
        let mut conditions = Vec::new();
        for (index, condition) in array(field(map, "conditions", path)?, &conditions_path)?
            .iter()
            .enumerate()
        {
            conditions.push(self.condition(condition, &format!("{conditions_path}[{index}]"))?);
        }
        let outcome = match field(map, "type", path)?.as_str() {
            Some("endpoint") => Outcome::Endpoint(
                self.endpoint(field(map, "endpoint", path)?, &format!("{path}.endpoint"))?,
            ),
            Some("error") => {
                Outcome::Error(self.expr(field(map, "error", path)?, &format!("{path}.error"))?)
            }
            Some("tree") => {
                Outcome::Tree(self.rules(field(map, "rules", path)?, &format!("{path}.rules"))?)
            }
            _ => {
                return Err(RuleSetError::new(
                    &format!("{path}.type"),
                    "expected `endpoint`, `error` or `tree`",
                ));
            }
        };
        self.names.truncate(outer);
        self.slot_of.truncate(outer);
        Ok(Rule {
            conditions,
            outcome,
        })
    }

    fn condition(&mut self, json: &Json, path: &str) -> Result<Condition, RuleSetError> {
        let map = object(json, path)?;
        if !map.contains_key("fn") {
            return Err(RuleSetError::new(
                path,
                "a condition must call a function (`fn`)",
            ));
        }
        let call = self.expr(json, path)?;
        let assign = match optional_string(map, "assign", path)? {
            Some(name) => {
                let slot = self.slot_count;
                self.slot_count += 1;
                self.names.push(name);
                self.slot_of.push(slot);
                Some(slot)
            }
            None => None,
        };
        Ok(Condition { call, assign })
    }

    fn endpoint(&mut self, json: &Json, path: &str) -> Result<EndpointTemplate, RuleSetError> {
        let map = object(json, path)?;
        let url = self.expr(field(map, "url", path)?, &format!("{path}.url"))?;
        let mut headers = Vec::new();
        if let Some(json) = map.get("headers") {
            let headers_path = format!("{path}.headers");
            for (name, values) in object(json, &headers_path)? {
                let values_path = format!("{headers_path}.{name}");
                let values = array(values, &values_path)?
                    .iter()
                    .enumerate()
                    .map(|(index, value)| self.expr(value, &format!("{values_path}[{index}]")))
                    .collect::<Result<_, _>>()?;
                headers.push((name.clone(), values));
            }
        }
        let properties = match map.get("properties") {
            Some(json) => self.property_map(
                object(json, &format!("{path}.properties"))?,
                &format!("{path}.properties"),
            )?,
            None => Vec::new(),
        };
        Ok(EndpointTemplate {
            url,
            headers,
            properties,
        })
    }

    fn property_map(
        &mut self,
        map: &Map,
        path: &str,
    ) -> Result<Vec<(String, Property)>, RuleSetError> {
        map.iter()
            .map(|(key, value)| Ok((key.clone(), self.property(value, &format!("{path}.{key}"))?)))
            .collect()
    }

    fn property(&mut self, json: &Json, path: &str) -> Result<Property, RuleSetError> {
        Ok(match json {
            Json::Null => Property::Null,
            Json::Bool(flag) => Property::Bool(*flag),
            Json::Number(number) => Property::Number(number_of(number, path)?),
            Json::String(_) => Property::Expr(self.expr(json, path)?),
            Json::Array(items) => Property::Array(
                items
                    .iter()
                    .enumerate()
                    .map(|(index, item)| self.property(item, &format!("{path}[{index}]")))
                    .collect::<Result<_, _>>()?,
            ),
            Json::Object(map) if is_expression(map) => Property::Expr(self.expr(json, path)?),
            Json::Object(map) => Property::Object(self.property_map(map, path)?),
        })
    }

    fn expr(&mut self, json: &Json, path: &str) -> Result<Expr, RuleSetError> {
        match json {
            Json::Bool(flag) => Ok(Expr::Bool(*flag)),
            Json::Number(number) => number
                .as_i64()
                .map(Expr::Int)
                .ok_or_else(|| RuleSetError::new(path, "expected an integer")),
            Json::String(text) => self.template(text, path),
            Json::Array(items) => Ok(Expr::Array(
                items
                    .iter()
                    .enumerate()
                    .map(|(index, item)| self.expr(item, &format!("{path}[{index}]")))
                    .collect::<Result<_, _>>()?,
            )),
            Json::Object(map) => {
                if let Some(name) = map.get("ref") {
                    let name = name.as_str().ok_or_else(|| {
                        RuleSetError::new(&format!("{path}.ref"), "expected a string")
                    })?;
                    return Ok(Expr::Ref(self.lookup(name, path)?));
                }
                self.call(map, path)
            }
            Json::Null => Err(RuleSetError::new(path, "null is not an expression")),
        }
    }

    fn call(&mut self, map: &Map, path: &str) -> Result<Expr, RuleSetError> {
        let name = match map.get("fn") {
            Some(Json::String(name)) => name.as_str(),
            _ => return Err(RuleSetError::new(path, "expected `ref` or `fn`")),
        };
        let argv_path = format!("{path}.argv");
        let argv = array(field(map, "argv", path)?, &argv_path)?;
        if name == "getAttr" {
            let [target, attr] = argv.as_slice() else {
                return Err(RuleSetError::new(&argv_path, "getAttr takes 2 arguments"));
            };
            let attr = attr.as_str().ok_or_else(|| {
                RuleSetError::new(&format!("{argv_path}[1]"), "expected a path string")
            })?;
            let parts = parse_path(attr)
                .map_err(|message| RuleSetError::new(&format!("{argv_path}[1]"), message))?;
            let target = self.expr(target, &format!("{argv_path}[0]"))?;
            return Ok(Expr::GetAttr(Box::new(target), parts));
        }
        let function = Function::from_name(name).ok_or_else(|| {
            RuleSetError::new(&format!("{path}.fn"), format!("unknown function `{name}`"))
        })?;
        let (least, most) = function.arity();
        if argv.len() < least || argv.len() > most {
            return Err(RuleSetError::new(
                &argv_path,
                format!("`{name}` does not take {} arguments", argv.len()),
            ));
        }
        let args = argv
            .iter()
            .enumerate()
            .map(|(index, arg)| self.expr(arg, &format!("{argv_path}[{index}]")))
            .collect::<Result<_, _>>()?;
        Ok(Expr::Call(function, args))
    }

    fn template(&mut self, text: &str, path: &str) -> Result<Expr, RuleSetError> {
        let raw = split_template(text).map_err(|message| RuleSetError::new(path, message))?;
        if let [RawPart::Text(text)] = raw.as_slice() {
            return Ok(Expr::Str(text.clone()));
        }
        let mut parts = Vec::with_capacity(raw.len());
        for part in raw {
            parts.push(match part {
                RawPart::Text(text) => TemplatePart::Text(text),
                RawPart::Placeholder { name, path: attr } => {
                    let target = Expr::Ref(self.lookup(name, path)?);
                    match attr {
                        None => TemplatePart::Value(target),
                        Some(attr) => {
                            let steps = parse_path(attr)
                                .map_err(|message| RuleSetError::new(path, message))?;
                            TemplatePart::Value(Expr::GetAttr(Box::new(target), steps))
                        }
                    }
                }
            });
        }
        Ok(Expr::Template(parts))
    }
}

/// Whether a JSON object in a property is an expression rather than a literal object.
fn is_expression(map: &Map) -> bool {
    (map.len() == 1 && map.contains_key("ref"))
        || (map.contains_key("fn") && map.contains_key("argv"))
}

fn number_of(number: &JsonNumber, path: &str) -> Result<Number, RuleSetError> {
    if let Some(value) = number.as_u64() {
        Ok(Number::from(value))
    } else if let Some(value) = number.as_i64() {
        Ok(Number::from(value))
    } else {
        number
            .as_str()
            .parse::<f64>()
            .ok()
            .filter(|value| value.is_finite())
            .map(Number::from)
            .ok_or_else(|| RuleSetError::new(path, "number out of range"))
    }
}
