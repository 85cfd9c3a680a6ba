//! The typed rule tree that [`RuleSet::from_json`] builds and [`RuleSet::resolve`] walks.
//!
//! Names are resolved when the rule set is parsed: every parameter and every `assign`
//! gets a slot number, and references point at slots, so evaluation never looks a name up.

use crate::document::Number;

use super::eval::Evaluator;
use super::params::{Params, Value};
use super::partitions::Partitions;
use super::resolved::{Endpoint, EndpointError};

/// An endpoint rule set (`smithy.rules#endpointRuleSet`), parsed and checked.
///
/// Parse it once per process with [`RuleSet::from_json`], then call [`RuleSet::resolve`]
/// for each request.
#[derive(Clone, Debug)]
pub struct RuleSet {
    pub(crate) version: String,
    pub(crate) parameters: Vec<Parameter>,
    pub(crate) rules: Vec<Rule>,
    /// Parameters take the first slots, in declaration order; `assign`s take the rest.
    pub(crate) slot_count: usize,
}

impl RuleSet {
    /// The `version` the rule set declares (`"1.0"` in every AWS model).
    pub fn version(&self) -> &str {
        &self.version
    }

    /// The declared parameters, in declaration order.
    pub fn parameters(&self) -> &[Parameter] {
        &self.parameters
    }

    /// The parameter called `name`, if declared.
    pub fn parameter(&self, name: &str) -> Option<&Parameter> {
        self.parameters
            .iter()
            .find(|parameter| parameter.name == name)
    }

    /// Evaluates the rules with `params` and the `partitions` table.
    ///
    /// Declared defaults fill unset parameters first. A required parameter without a value,
    /// or a value of the wrong type, is an error before any rule runs; otherwise the first
    /// matching endpoint rule gives the endpoint and the first matching error rule gives its
    /// message.
    pub fn resolve(
        &self,
        params: &Params,
        partitions: &Partitions,
    ) -> Result<Endpoint, EndpointError> {
        let mut evaluator = Evaluator::new(self.slot_count, partitions);
        for (slot, parameter) in self.parameters.iter().enumerate() {
            let value = match params.get(&parameter.name) {
                Some(value) if !parameter.kind.admits(value) => {
                    return Err(EndpointError::invalid_parameter(
                        &parameter.name,
                        parameter.kind.name(),
                        value.type_name(),
                    ));
                }
                Some(value) => Some(value),
                None => parameter.default.as_ref(),
            };
            match value {
                Some(value) => evaluator.bind(slot, value),
                None if parameter.required => {
                    return Err(EndpointError::missing_parameter(&parameter.name));
                }
                None => {}
            }
        }
        evaluator.resolve(&self.rules)
    }
}

/// One declared parameter of a rule set.
#[derive(Clone, Debug, PartialEq)]
pub struct Parameter {
    pub(crate) name: String,
    pub(crate) kind: ParameterType,
    pub(crate) required: bool,
    pub(crate) default: Option<Value>,
    pub(crate) built_in: Option<String>,
    pub(crate) documentation: Option<String>,
}

impl Parameter {
    /// The parameter's name, as rules and [`Params`] refer to it.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The type of its values.
    pub fn kind(&self) -> ParameterType {
        self.kind
    }

    /// Whether resolution fails when the parameter has no value (a default counts).
    pub fn is_required(&self) -> bool {
        self.required
    }

    /// The value used when the caller leaves the parameter unset.
    pub fn default(&self) -> Option<&Value> {
        self.default.as_ref()
    }

    /// The client setting that supplies the value (`AWS::Region`, `SDK::Endpoint`, ...).
    pub fn built_in(&self) -> Option<&str> {
        self.built_in.as_deref()
    }

    /// The parameter's documentation.
    pub fn documentation(&self) -> Option<&str> {
        self.documentation.as_deref()
    }
}

/// The type of a rule-set parameter.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ParameterType {
    /// `String`.
    String,
    /// `Boolean`.
    Boolean,
    /// `stringArray`.
    StringArray,
}

impl ParameterType {
    /// Whether `value` is of this type.
    pub fn admits(self, value: &Value) -> bool {
        matches!(
            (self, value),
            (ParameterType::String, Value::String(_))
                | (ParameterType::Boolean, Value::Bool(_))
                | (ParameterType::StringArray, Value::StringArray(_))
        )
    }

    /// The name rule sets use for the type.
    pub fn name(self) -> &'static str {
        match self {
            ParameterType::String => "String",
            ParameterType::Boolean => "Boolean",
            ParameterType::StringArray => "stringArray",
        }
    }
}

/// A rule: conditions, then an endpoint, an error or nested rules.
#[derive(Clone, Debug)]
pub(crate) struct Rule {
    pub(crate) conditions: Vec<Condition>,
    pub(crate) outcome: Outcome,
}

/// What a rule gives once its conditions hold.
#[derive(Clone, Debug)]
pub(crate) enum Outcome {
    Endpoint(EndpointTemplate),
    /// The error message (usually a template).
    Error(Expr),
    /// Nested rules; when none of them matches, resolution fails (no fall-through).
    Tree(Vec<Rule>),
}

/// A condition: a function call, its result optionally bound to a slot.
#[derive(Clone, Debug)]
pub(crate) struct Condition {
    pub(crate) call: Expr,
    pub(crate) assign: Option<usize>,
}

/// The endpoint an endpoint rule builds.
#[derive(Clone, Debug)]
pub(crate) struct EndpointTemplate {
    pub(crate) url: Expr,
    pub(crate) headers: Vec<(String, Vec<Expr>)>,
    pub(crate) properties: Vec<(String, Property)>,
}

/// A property value: JSON whose strings are templates.
#[derive(Clone, Debug)]
pub(crate) enum Property {
    Null,
    Bool(bool),
    Number(Number),
    /// A template string or a `ref` / `fn` expression.
    Expr(Expr),
    Array(Vec<Property>),
    Object(Vec<(String, Property)>),
}

/// An expression: a literal, a template, a reference or a function call.
#[derive(Clone, Debug)]
pub(crate) enum Expr {
    Bool(bool),
    Int(i64),
    /// A string without placeholders.
    Str(String),
    /// A string with at least one `{placeholder}`.
    Template(Vec<TemplatePart>),
    Array(Vec<Expr>),
    /// A parameter or assigned variable, by slot.
    Ref(usize),
    /// `getAttr`, with its path parsed.
    GetAttr(Box<Expr>, Vec<PathPart>),
    Call(Function, Vec<Expr>),
}

/// A piece of a template string.
#[derive(Clone, Debug)]
pub(crate) enum TemplatePart {
    Text(String),
    Value(Expr),
}

/// One step of a `getAttr` path.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum PathPart {
    Key(String),
    /// An index into an array; negative indexes never match.
    Index(i64),
}

/// The functions the engine knows, besides `getAttr`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Function {
    BooleanEquals,
    StringEquals,
    IsSet,
    Not,
    Partition,
    ParseUrl,
    Substring,
    IsValidHostLabel,
    ParseArn,
    IsVirtualHostableS3Bucket,
    UriEncode,
    Coalesce,
    Ite,
    Split,
}

impl Function {
    /// The function called `name` in a rule set, if the engine knows it.
    pub(crate) fn from_name(name: &str) -> Option<Function> {
        Some(match name {
            "booleanEquals" => Function::BooleanEquals,
            "stringEquals" => Function::StringEquals,
            "isSet" => Function::IsSet,
            "not" => Function::Not,
            "aws.partition" => Function::Partition,
            "parseURL" => Function::ParseUrl,
            "substring" => Function::Substring,
            "isValidHostLabel" => Function::IsValidHostLabel,
            "aws.parseArn" => Function::ParseArn,
            "aws.isVirtualHostableS3Bucket" => Function::IsVirtualHostableS3Bucket,
            "uriEncode" => Function::UriEncode,
            "coalesce" => Function::Coalesce,
            "ite" => Function::Ite,
            "split" => Function::Split,
            _ => return None,
        })
    }

    /// How many arguments the function takes: the least and the most.
    pub(crate) fn arity(self) -> (usize, usize) {
        match self {
            Function::IsSet
            | Function::Not
            | Function::Partition
            | Function::ParseUrl
            | Function::ParseArn
            | Function::UriEncode => (1, 1),
            Function::BooleanEquals
            | Function::StringEquals
            | Function::IsValidHostLabel
            | Function::IsVirtualHostableS3Bucket => (2, 2),
            Function::Ite | Function::Split => (3, 3),
            Function::Substring => (4, 4),
            Function::Coalesce => (2, usize::MAX),
        }
    }
}
