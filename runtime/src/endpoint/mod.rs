//! The endpoint rules engine: from a service's `smithy.rules#endpointRuleSet` and the client's
//! settings to the URL, headers and properties of the endpoint to call.
//!
//! A generated client embeds its rule set and the partitions table as JSON, parses each once
//! per process ([`RuleSet::from_json`], [`Partitions::from_json`]) into a typed tree, and
//! evaluates that tree for every request ([`RuleSet::resolve`]).
//!
//! ```
//! use anvil_runtime::endpoint::{Params, Partitions, RuleSet};
//!
//! let rule_set = RuleSet::from_json(r#"{
//!     "version": "1.0",
//!     "parameters": {"Region": {"type": "String", "required": true, "builtIn": "AWS::Region"}},
//!     "rules": [
//!         {"conditions": [{"fn": "aws.partition", "argv": [{"ref": "Region"}], "assign": "p"}],
//!          "endpoint": {"url": "https://example.{Region}.{p#dnsSuffix}"}, "type": "endpoint"}
//!     ]
//! }"#)?;
//! let partitions = Partitions::from_json(r#"{"partitions": [{
//!     "id": "aws", "regionRegex": "^us\\-\\w+\\-\\d+$", "regions": {},
//!     "outputs": {"name": "aws", "dnsSuffix": "amazonaws.com", "dualStackDnsSuffix": "api.aws",
//!                 "supportsFIPS": true, "supportsDualStack": true, "implicitGlobalRegion": "us-east-1"}
//! }]}"#)?;
//! let endpoint = rule_set.resolve(&Params::new().set("Region", "us-west-2"), &partitions)?;
//! assert_eq!(endpoint.url(), "https://example.us-west-2.amazonaws.com");
//!
//! let missing = rule_set.resolve(&Params::new(), &partitions).unwrap_err();
//! assert_eq!(missing.message(), "the endpoint parameter `Region` is required but has no value");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod eval;
mod library;
mod params;
mod parse;
mod partitions;
mod resolved;
mod rule_set;
mod template;
#[cfg(test)]
mod tests;
mod url;

pub use library::is_valid_host_label;
pub use params::{BuiltIns, ENDPOINT, Params, REGION, USE_DUAL_STACK, USE_FIPS, Value};
pub use parse::RuleSetError;
pub use partitions::{Partition, Partitions, PartitionsError};
pub use resolved::{AuthScheme, Endpoint, EndpointError, EndpointErrorKind};
pub use rule_set::{Parameter, ParameterType, RuleSet};
