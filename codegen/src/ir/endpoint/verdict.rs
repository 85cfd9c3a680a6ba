//! Whether a test case passes with the partitions table, and whether a failing one is merely
//! older than the table.

use anvil_runtime::endpoint::{Params, Partitions, RuleSet, Value as ParamValue};
use serde_json::Value;

use super::cases::Expectation;

const FIPS: &str = "supportsFIPS";
const DUAL_STACK: &str = "supportsDualStack";

/// The result of running one test case.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CaseVerdict {
    /// Resolution gives what the case expects.
    Passed,
    /// It does not, and no change of the partition's flags explains why.
    Failed(String),
    /// It passes once the `supportsFIPS` and/or `supportsDualStack` flag of its region's
    /// partition is flipped: the case was written against an older table.
    Stale(String),
    /// It passes once its region's partition has `dualStackDnsSuffix` equal to `dnsSuffix`, as
    /// the ISO partitions once had; counted apart from [`CaseVerdict::Stale`].
    StaleSuffix(String),
}

/// The partitions table, and variants of it with one partition changed, to classify cases.
pub struct StaleCheck {
    partitions: Partitions,
    variants: Vec<Variant>,
}

struct Variant {
    partition: String,
    change: Change,
    table: Partitions,
}

enum Change {
    /// These flags, set to these values.
    Flags(Vec<(&'static str, bool)>),
    DualStackSuffix,
}

impl StaleCheck {
    /// Parses the table and prepares, for every partition, the table with its FIPS flag, its
    /// dual-stack flag or both flipped, and with its dual-stack DNS suffix set to its DNS suffix.
    pub fn new(partitions_json: &str) -> Result<StaleCheck, String> {
        let partitions = Partitions::from_json(partitions_json).map_err(|err| err.to_string())?;
        let json: Value = serde_json::from_str(partitions_json).map_err(|err| err.to_string())?;
        let list = json["partitions"]
            .as_array()
            .ok_or("no `partitions` array")?;
        let mut variants = Vec::new();
        for (index, entry) in list.iter().enumerate() {
            let id = entry["id"]
                .as_str()
                .ok_or("a partition without an `id`")?
                .to_string();
            let outputs = &entry["outputs"];
            let mut changes = Vec::new();
            for flags in [&[FIPS][..], &[DUAL_STACK], &[FIPS, DUAL_STACK]] {
                let flipped = flags
                    .iter()
                    .map(|flag| outputs[*flag].as_bool().map(|value| (*flag, !value)))
                    .collect::<Option<Vec<_>>>()
                    .ok_or_else(|| format!("partition `{id}` lacks a boolean {flags:?}"))?;
                changes.push(Change::Flags(flipped));
            }
            changes.push(Change::DualStackSuffix);
            for change in changes {
                let mut changed = json.clone();
                let outputs = &mut changed["partitions"][index]["outputs"];
                match &change {
                    Change::Flags(flags) => flags
                        .iter()
                        .for_each(|(flag, value)| outputs[*flag] = Value::Bool(*value)),
                    Change::DualStackSuffix => {
                        outputs["dualStackDnsSuffix"] = outputs["dnsSuffix"].clone()
                    }
                }
                let table =
                    Partitions::from_json(&changed.to_string()).map_err(|err| err.to_string())?;
                variants.push(Variant {
                    partition: id.clone(),
                    change,
                    table,
                });
            }
        }
        Ok(StaleCheck {
            partitions,
            variants,
        })
    }

    /// The table as it is.
    pub fn partitions(&self) -> &Partitions {
        &self.partitions
    }

    /// Runs a case and classifies the outcome.
    pub fn check(&self, rule_set: &RuleSet, params: &Params, expect: &Expectation) -> CaseVerdict {
        let Some(problem) = expect.mismatch(&rule_set.resolve(params, &self.partitions)) else {
            return CaseVerdict::Passed;
        };
        let partition = match params.get("Region") {
            Some(ParamValue::String(region)) => self
                .partitions
                .partition_of(region)
                .map(|found| found.name()),
            _ => None,
        };
        let Some(partition) = partition else {
            return CaseVerdict::Failed(problem);
        };
        let passing: Vec<&Variant> = self
            .variants
            .iter()
            .filter(|variant| variant.partition == partition)
            .filter(|variant| {
                expect
                    .mismatch(&rule_set.resolve(params, &variant.table))
                    .is_none()
            })
            .collect();
        let flag_changes: Vec<&[(&str, bool)]> = passing
            .iter()
            .filter_map(|variant| match &variant.change {
                Change::Flags(flags) => Some(flags.as_slice()),
                Change::DualStackSuffix => None,
            })
            .collect();
        // Name every single flag that explains the case; both flags only when neither alone does.
        let singles: Vec<String> = flag_changes
            .iter()
            .filter(|flags| flags.len() == 1)
            .map(|flags| describe(flags))
            .collect();
        if !singles.is_empty() {
            return CaseVerdict::Stale(format!(
                "partition {partition} expected with {}",
                singles.join(", or ")
            ));
        }
        if let Some(flags) = flag_changes.first() {
            return CaseVerdict::Stale(format!(
                "partition {partition} expected with {}",
                describe(flags)
            ));
        }
        if passing
            .iter()
            .any(|variant| matches!(variant.change, Change::DualStackSuffix))
        {
            return CaseVerdict::StaleSuffix(format!(
                "partition {partition} expected with dualStackDnsSuffix equal to dnsSuffix"
            ));
        }
        CaseVerdict::Failed(problem)
    }
}

fn describe(flags: &[(&str, bool)]) -> String {
    flags
        .iter()
        .map(|(flag, value)| format!("{flag} {value} (the table has {})", !value))
        .collect::<Vec<_>>()
        .join(" and ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const TABLE: &str = r#"{"partitions": [{"id": "aws", "regionRegex": "^us\\-\\w+\\-\\d+$", "regions": {},
        "outputs": {"name": "aws", "dnsSuffix": "amazonaws.com", "dualStackDnsSuffix": "api.aws",
                    "supportsFIPS": true, "supportsDualStack": true, "implicitGlobalRegion": "us-east-1"}}]}"#;

    fn rule_set() -> RuleSet {
        RuleSet::from_json(&json!({"version": "1.0",
            "parameters": {"Region": {"type": "String", "required": true},
                           "UseDualStack": {"type": "Boolean", "required": true, "default": false}},
            "rules": [{"conditions": [{"fn": "aws.partition", "argv": [{"ref": "Region"}], "assign": "p"}], "type": "tree", "rules": [
                {"conditions": [{"fn": "booleanEquals", "argv": [{"ref": "UseDualStack"}, true]}], "type": "tree", "rules": [
                    {"conditions": [{"fn": "booleanEquals", "argv": [{"fn": "getAttr", "argv": [{"ref": "p"}, "supportsDualStack"]}, true]}],
                     "endpoint": {"url": "https://svc.{Region}.{p#dualStackDnsSuffix}"}, "type": "endpoint"},
                    {"conditions": [], "error": "no dual-stack here", "type": "error"}]},
                {"conditions": [], "endpoint": {"url": "https://svc.{Region}.{p#dualStackDnsSuffix}/global"}, "type": "endpoint"}]}]
        }).to_string())
        .unwrap()
    }

    #[test]
    fn stale_only_when_a_change_of_the_partition_explains_the_failure() {
        let check = StaleCheck::new(TABLE).unwrap();
        let rules = rule_set();
        let dual = Params::new()
            .set("Region", "us-west-2")
            .set("UseDualStack", true);
        let passes = Expectation::Error("no dual-stack here".to_string());
        match check.check(&rules, &dual, &passes) {
            CaseVerdict::Stale(reason) => {
                assert!(reason.contains("supportsDualStack false"), "{reason}")
            }
            other => panic!("{other:?}"),
        }
        let suffix = Expectation::Endpoint {
            url: "https://svc.us-west-2.amazonaws.com/global".to_string(),
            headers: Vec::new(),
            properties: json!({}),
        };
        let plain = Params::new().set("Region", "us-west-2");
        assert!(matches!(
            check.check(&rules, &plain, &suffix),
            CaseVerdict::StaleSuffix(_)
        ));
        let right = Expectation::Endpoint {
            url: "https://svc.us-west-2.api.aws/global".to_string(),
            headers: Vec::new(),
            properties: json!({}),
        };
        assert_eq!(check.check(&rules, &plain, &right), CaseVerdict::Passed);
        let wrong = Expectation::Error("something else".to_string());
        assert!(matches!(
            check.check(&rules, &plain, &wrong),
            CaseVerdict::Failed(_)
        ));
    }
}
