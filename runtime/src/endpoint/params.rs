//! Parameter values given to a rule set: [`Value`], [`Params`] and [`BuiltIns`].

use super::rule_set::RuleSet;

/// The value of one rule-set parameter.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Value {
    /// A `String` parameter.
    String(String),
    /// A `Boolean` parameter.
    Bool(bool),
    /// A `stringArray` parameter.
    StringArray(Vec<String>),
}

impl Value {
    /// The name of this value's parameter type, as rule sets spell it.
    pub fn type_name(&self) -> &'static str {
        match self {
            Value::String(_) => "String",
            Value::Bool(_) => "Boolean",
            Value::StringArray(_) => "stringArray",
        }
    }
}

impl From<String> for Value {
    fn from(value: String) -> Self {
        Value::String(value)
    }
}

impl From<&str> for Value {
    fn from(value: &str) -> Self {
        Value::String(value.to_string())
    }
}

impl From<bool> for Value {
    fn from(value: bool) -> Self {
        Value::Bool(value)
    }
}

impl From<Vec<String>> for Value {
    fn from(value: Vec<String>) -> Self {
        Value::StringArray(value)
    }
}

impl From<Vec<&str>> for Value {
    fn from(value: Vec<&str>) -> Self {
        Value::StringArray(value.into_iter().map(str::to_string).collect())
    }
}

/// The parameter values of one endpoint resolution, by parameter name.
///
/// Parameters left out are unset; [`RuleSet::resolve`] then applies each declared default
/// and reports a required parameter that still has no value.
///
/// ```
/// use anvil_runtime::endpoint::{Params, Value};
///
/// let params = Params::new().set("Region", "us-east-1").set("UseFIPS", true);
/// assert_eq!(params.get("Region"), Some(&Value::from("us-east-1")));
/// assert_eq!(params.get("Endpoint"), None);
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Params {
    /// Few entries, so a list searched in order beats a hash map.
    values: Vec<(String, Value)>,
}

impl Params {
    /// No parameter set.
    pub fn new() -> Self {
        Params::default()
    }

    /// Sets `name` to `value`, replacing an earlier value of the same name.
    pub fn set(mut self, name: impl Into<String>, value: impl Into<Value>) -> Self {
        self.insert(name, value);
        self
    }

    /// Sets `name` to `value` in place, replacing an earlier value of the same name.
    pub fn insert(&mut self, name: impl Into<String>, value: impl Into<Value>) {
        let name = name.into();
        let value = value.into();
        match self.values.iter_mut().find(|(known, _)| *known == name) {
            Some(entry) => entry.1 = value,
            None => self.values.push((name, value)),
        }
    }

    /// Removes the value of `name`, if any, leaving the parameter unset.
    pub fn remove(&mut self, name: &str) -> Option<Value> {
        let index = self.values.iter().position(|(known, _)| known == name)?;
        Some(self.values.remove(index).1)
    }

    /// The value of `name`, if set.
    pub fn get(&self, name: &str) -> Option<&Value> {
        self.values
            .iter()
            .find(|(known, _)| known == name)
            .map(|(_, value)| value)
    }

    /// The set parameters, in the order they were first set.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &Value)> {
        self.values
            .iter()
            .map(|(name, value)| (name.as_str(), value))
    }

    /// The values that `built_ins` holds for the parameters of `rule_set` that declare a
    /// `builtIn`, so that client code can fill any service's parameters from its config.
    ///
    /// ```
    /// use anvil_runtime::endpoint::{BuiltIns, Params, RuleSet, Value};
    ///
    /// let rule_set = RuleSet::from_json(
    ///     r#"{"version": "1.0",
    ///         "parameters": {"Region": {"type": "String", "builtIn": "AWS::Region"}},
    ///         "rules": []}"#,
    /// )?;
    /// let built_ins = BuiltIns::new().region("eu-west-1");
    /// let params = Params::with_built_ins(&rule_set, &built_ins);
    /// assert_eq!(params.get("Region"), Some(&Value::from("eu-west-1")));
    /// # Ok::<(), anvil_runtime::endpoint::RuleSetError>(())
    /// ```
    pub fn with_built_ins(rule_set: &RuleSet, built_ins: &BuiltIns) -> Self {
        let mut params = Params::new();
        for parameter in rule_set.parameters() {
            let value = parameter
                .built_in()
                .and_then(|built_in| built_ins.get(built_in));
            if let Some(value) = value {
                params.insert(parameter.name(), value.clone());
            }
        }
        params
    }
}

/// Built-in name of the client's region.
pub const REGION: &str = "AWS::Region";
/// Built-in name of the client's FIPS switch.
pub const USE_FIPS: &str = "AWS::UseFIPS";
/// Built-in name of the client's dual-stack switch.
pub const USE_DUAL_STACK: &str = "AWS::UseDualStack";
/// Built-in name of an endpoint URL the user configured.
pub const ENDPOINT: &str = "SDK::Endpoint";

/// Client configuration values that rule-set parameters take through their `builtIn`.
///
/// The common ones have named setters; any other built-in (`AWS::S3::ForcePathStyle`,
/// `AWS::Auth::AccountId`, ...) is set by name with [`BuiltIns::set`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct BuiltIns {
    values: Params,
}

impl BuiltIns {
    /// No built-in set.
    pub fn new() -> Self {
        BuiltIns::default()
    }

    /// The region (`AWS::Region`).
    pub fn region(self, region: impl Into<String>) -> Self {
        self.set(REGION, region.into())
    }

    /// Whether to use FIPS endpoints (`AWS::UseFIPS`).
    pub fn use_fips(self, use_fips: bool) -> Self {
        self.set(USE_FIPS, use_fips)
    }

    /// Whether to use dual-stack endpoints (`AWS::UseDualStack`).
    pub fn use_dual_stack(self, use_dual_stack: bool) -> Self {
        self.set(USE_DUAL_STACK, use_dual_stack)
    }

    /// An endpoint URL that overrides the resolved one (`SDK::Endpoint`).
    pub fn endpoint(self, url: impl Into<String>) -> Self {
        self.set(ENDPOINT, url.into())
    }

    /// Sets the built-in called `name` (for example `AWS::S3::ForcePathStyle`).
    pub fn set(mut self, name: impl Into<String>, value: impl Into<Value>) -> Self {
        self.values.insert(name, value);
        self
    }

    /// The value of the built-in called `name`, if set.
    pub fn get(&self, name: &str) -> Option<&Value> {
        self.values.get(name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn set_replaces_an_earlier_value() {
        let mut params = Params::new()
            .set("Region", "us-east-1")
            .set("Region", "eu-west-1");
        assert_eq!(params.get("Region"), Some(&Value::from("eu-west-1")));
        assert_eq!(params.iter().count(), 1);
        assert_eq!(params.remove("Region"), Some(Value::from("eu-west-1")));
        assert_eq!(params.get("Region"), None);
    }

    #[test]
    fn values_convert_from_rust_types() {
        assert_eq!(Value::from(true), Value::Bool(true));
        assert_eq!(
            Value::from(vec!["a", "b"]),
            Value::StringArray(vec!["a".to_string(), "b".to_string()])
        );
        assert_eq!(Value::from(vec!["a"]).type_name(), "stringArray");
    }

    #[test]
    fn built_ins_keep_every_name() {
        let built_ins = BuiltIns::new()
            .region("us-west-2")
            .use_fips(true)
            .use_dual_stack(false)
            .endpoint("https://example.com")
            .set("AWS::S3::ForcePathStyle", true);
        assert_eq!(built_ins.get(REGION), Some(&Value::from("us-west-2")));
        assert_eq!(built_ins.get(USE_FIPS), Some(&Value::Bool(true)));
        assert_eq!(built_ins.get(USE_DUAL_STACK), Some(&Value::Bool(false)));
        assert_eq!(
            built_ins.get(ENDPOINT),
            Some(&Value::from("https://example.com"))
        );
        assert_eq!(
            built_ins.get("AWS::S3::ForcePathStyle"),
            Some(&Value::Bool(true))
        );
    }
}
