//! Every `smithy.rules#endpointTests` case of the official AWS models in `../shared`, run
//! through the runtime's endpoint rules engine with `../shared/models/sdk-partitions.json`.
//!
//! Each case's `params` become the parameters (cases with `operationInputs` carry the bound
//! values in `params` as well); the resolved URL must match exactly, headers and properties
//! as JSON, and an expected error by its exact message.
//!
//! Some cases predate the current partitions table: they expect, for instance, an error for
//! dual-stack in a partition that has since gained it. Such a case is counted as *stale*, not
//! failed, only when it fails with the table as it is and passes once the `supportsFIPS` and/or
//! `supportsDualStack` flag of the partition its region falls in is flipped.
//!
//! A second, separately counted kind of outdated case: rule sets that always use
//! `dualStackDnsSuffix` for global endpoints, with tests written when the ISO partitions had the
//! same value there as in `dnsSuffix`. Such a case is *stale-suffix* only when it fails with the
//! table as it is and passes once that partition's `dualStackDnsSuffix` is set to its `dnsSuffix`.
//!
//! The summary line reads `N passed, M failed, K skipped, S stale, D stale-suffix`; set
//! `ENDPOINT_CORPUS_VERBOSE=1` to list the stale and skipped cases with their reasons.
//!
//! To stay fast in debug builds, only the two trait values are parsed out of each model (each
//! key occurs once per model; the whole file is parsed when that does not hold).

use std::path::{Path, PathBuf};

use anvil_runtime::Document;
use anvil_runtime::endpoint::{Endpoint, EndpointError, Params, Partitions, RuleSet, Value};
use serde_json::{Map, Value as Json};

const OFFICIAL_DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared/models/aws");
const PARTITIONS_FILE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../shared/models/sdk-partitions.json"
);
const RULE_SET_TRAIT: &str = "smithy.rules#endpointRuleSet";
const TESTS_TRAIT: &str = "smithy.rules#endpointTests";
const FLAG_FIPS: &str = "supportsFIPS";
const FLAG_DUAL_STACK: &str = "supportsDualStack";

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|err| {
        panic!(
            "../shared is missing: cannot read {} ({err}); the official models are expected in \
             shared/ beside the repository",
            path.display()
        )
    })
}

/// The `*.json` files of `dir`, sorted.
fn json_files(dir: &Path) -> Vec<PathBuf> {
    let entries = std::fs::read_dir(dir).unwrap_or_else(|err| {
        panic!(
            "../shared is missing: cannot read {} ({err})",
            dir.display()
        )
    });
    let mut files: Vec<PathBuf> = entries
        .map(|entry| entry.expect("directory entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .collect();
    files.sort();
    files
}

/// The partitions table with one partition changed.
struct ChangedTable {
    partition: String,
    change: Change,
    table: Partitions,
}

enum Change {
    /// These flags set to these values.
    Flags(Vec<(&'static str, bool)>),
    /// `dualStackDnsSuffix` set to the value of `dnsSuffix`.
    DualStackSuffix,
}

/// For every partition, the table with its FIPS flag, its dual-stack flag or both flipped, and
/// the table with its dual-stack DNS suffix equal to its DNS suffix.
fn changed_tables(json: &Json) -> Vec<ChangedTable> {
    let partitions = json["partitions"].as_array().expect("a partitions array");
    let mut tables = Vec::new();
    for (index, partition) in partitions.iter().enumerate() {
        let id = partition["id"]
            .as_str()
            .expect("a partition id")
            .to_string();
        for flags in [
            vec![FLAG_FIPS],
            vec![FLAG_DUAL_STACK],
            vec![FLAG_FIPS, FLAG_DUAL_STACK],
        ] {
            let mut changed = json.clone();
            let outputs = &mut changed["partitions"][index]["outputs"];
            let mut flipped = Vec::new();
            for flag in flags {
                let current = outputs[flag].as_bool().expect("a boolean flag");
                outputs[flag] = Json::Bool(!current);
                flipped.push((flag, !current));
            }
            let table =
                Partitions::from_json(&changed.to_string()).expect("the changed table parses");
            tables.push(ChangedTable {
                partition: id.clone(),
                change: Change::Flags(flipped),
                table,
            });
        }
        let mut changed = json.clone();
        let outputs = &mut changed["partitions"][index]["outputs"];
        outputs["dualStackDnsSuffix"] = outputs["dnsSuffix"].clone();
        let table = Partitions::from_json(&changed.to_string()).expect("the changed table parses");
        tables.push(ChangedTable {
            partition: id,
            change: Change::DualStackSuffix,
            table,
        });
    }
    tables
}

fn params_of(case: &Map<String, Json>) -> Result<Params, String> {
    let mut params = Params::new();
    let Some(given) = case.get("params") else {
        return Ok(params);
    };
    for (name, value) in given.as_object().ok_or("`params` is not an object")? {
        let value = match value {
            Json::String(text) => Value::String(text.clone()),
            Json::Bool(flag) => Value::Bool(*flag),
            Json::Array(items) => Value::StringArray(
                items
                    .iter()
                    .map(|item| item.as_str().map(str::to_string))
                    .collect::<Option<_>>()
                    .ok_or_else(|| format!("parameter {name} is not an array of strings"))?,
            ),
            other => return Err(format!("parameter {name} has an unsupported value {other}")),
        };
        params.insert(name.clone(), value);
    }
    Ok(params)
}

fn document_to_json(document: &Document) -> Json {
    match document {
        Document::Null => Json::Null,
        Document::Bool(flag) => Json::Bool(*flag),
        Document::Number(number) => match number {
            anvil_runtime::Number::PosInt(value) => Json::from(*value),
            anvil_runtime::Number::NegInt(value) => Json::from(*value),
            anvil_runtime::Number::Float(value) => Json::from(*value),
        },
        Document::String(text) => Json::String(text.clone()),
        Document::Array(items) => Json::Array(items.iter().map(document_to_json).collect()),
        Document::Object(fields) => Json::Object(
            fields
                .iter()
                .map(|(key, value)| (key.clone(), document_to_json(value)))
                .collect(),
        ),
    }
}

/// `None` when `outcome` meets `expect`, else what differs.
fn mismatch(outcome: &Result<Endpoint, EndpointError>, expect: &Json) -> Option<String> {
    match (outcome, expect.get("endpoint"), expect.get("error")) {
        (Ok(endpoint), Some(expected), _) => {
            let url = expected
                .get("url")
                .and_then(Json::as_str)
                .unwrap_or_default();
            if endpoint.url() != url {
                return Some(format!("url {} != expected {url}", endpoint.url()));
            }
            let headers = Json::Object(
                endpoint
                    .headers()
                    .iter()
                    .map(|(name, values)| (name.clone(), Json::from(values.clone())))
                    .collect(),
            );
            let expected_headers = expected
                .get("headers")
                .cloned()
                .unwrap_or_else(|| Json::Object(Map::new()));
            if headers != expected_headers {
                return Some(format!("headers {headers} != expected {expected_headers}"));
            }
            let properties = Json::Object(
                endpoint
                    .properties()
                    .iter()
                    .map(|(name, value)| (name.clone(), document_to_json(value)))
                    .collect(),
            );
            let expected_properties = expected
                .get("properties")
                .cloned()
                .unwrap_or_else(|| Json::Object(Map::new()));
            (properties != expected_properties)
                .then(|| format!("properties {properties} != expected {expected_properties}"))
        }
        (Err(err), _, Some(expected)) => {
            let expected = expected.as_str().unwrap_or_default();
            (err.message() != expected)
                .then(|| format!("error {:?} != expected {expected:?}", err.message()))
        }
        (Ok(endpoint), None, _) => Some(format!(
            "got endpoint {}, expected an error",
            endpoint.url()
        )),
        (Err(err), _, None) => Some(format!(
            "got error {:?}, expected an endpoint",
            err.message()
        )),
    }
}

#[derive(Default)]
struct Tally {
    passed: usize,
    failed: Vec<String>,
    skipped: Vec<String>,
    stale: Vec<String>,
    stale_suffix: Vec<String>,
}

/// The value of the only occurrence of `"key":` in `text`, if it occurs exactly once.
fn sole_value(text: &str, key: &str) -> Option<Json> {
    let quoted = format!("\"{key}\"");
    let mut found = text.match_indices(&quoted);
    let (at, _) = found.next()?;
    if found.next().is_some() {
        return None;
    }
    let rest = text[at + quoted.len()..].trim_start().strip_prefix(':')?;
    serde_json::Deserializer::from_str(rest)
        .into_iter::<Json>()
        .next()?
        .ok()
}

/// The endpoint rule set and tests of a model, from its text.
fn endpoint_traits(name: &str, text: &str) -> (Option<Json>, Option<Json>) {
    if let (Some(rules), Some(tests)) = (
        sole_value(text, RULE_SET_TRAIT),
        sole_value(text, TESTS_TRAIT),
    ) {
        return (Some(rules), Some(tests));
    }
    let model: Json = serde_json::from_str(text).unwrap_or_else(|err| panic!("{name}: {err}"));
    let traits = model["shapes"]
        .as_object()
        .and_then(|shapes| shapes.values().find(|shape| shape["type"] == "service"))
        .and_then(|service| service.get("traits"));
    match traits {
        Some(traits) => (
            traits.get(RULE_SET_TRAIT).cloned(),
            traits.get(TESTS_TRAIT).cloned(),
        ),
        None => (None, None),
    }
}

fn run_model(file: &Path, partitions: &Partitions, changed: &[ChangedTable], tally: &mut Tally) {
    let name = file
        .file_name()
        .expect("a file name")
        .to_string_lossy()
        .into_owned();
    let (rule_set_json, tests_json) = endpoint_traits(&name, &read(file));
    let Some(rule_set_json) = rule_set_json else {
        tally.failed.push(format!("{name}: no {RULE_SET_TRAIT}"));
        return;
    };
    let rule_set = match RuleSet::from_json_value(&rule_set_json) {
        Ok(rule_set) => rule_set,
        Err(err) => {
            tally.failed.push(format!("{name}: {err}"));
            return;
        }
    };
    let cases = tests_json
        .as_ref()
        .and_then(|tests| tests["testCases"].as_array())
        .map(Vec::as_slice)
        .unwrap_or_default();
    for (index, case) in cases.iter().enumerate() {
        let label = format!(
            "{name} #{index} {}",
            case["documentation"].as_str().unwrap_or_default()
        );
        let Some(case) = case.as_object() else {
            tally.failed.push(format!("{label}: not an object"));
            continue;
        };
        if !case.contains_key("params") && case.contains_key("operationInputs") {
            tally.skipped.push(format!(
                "{label}: the parameters come only from operation inputs"
            ));
            continue;
        }
        let params = match params_of(case) {
            Ok(params) => params,
            Err(err) => {
                tally.failed.push(format!("{label}: {err}"));
                continue;
            }
        };
        let expect = &case["expect"];
        let Some(problem) = mismatch(&rule_set.resolve(&params, partitions), expect) else {
            tally.passed += 1;
            continue;
        };
        match stale_reason(&rule_set, &params, partitions, changed, expect) {
            Some((Staleness::Flags, reason)) => tally.stale.push(format!("{label}: {reason}")),
            Some((Staleness::Suffix, reason)) => {
                tally.stale_suffix.push(format!("{label}: {reason}"))
            }
            None => tally.failed.push(format!("{label}: {problem}")),
        }
    }
}

enum Staleness {
    Flags,
    Suffix,
}

/// Why a failing case is stale: the changes to its region's partition that make it pass. Single
/// flag flips are tried first (all that pass are named), then both flags, then the suffix.
fn stale_reason(
    rule_set: &RuleSet,
    params: &Params,
    partitions: &Partitions,
    changed: &[ChangedTable],
    expect: &Json,
) -> Option<(Staleness, String)> {
    let Some(Value::String(region)) = params.get("Region") else {
        return None;
    };
    let partition = partitions.partition_of(region)?.name();
    let passing: Vec<&ChangedTable> = changed
        .iter()
        .filter(|variant| variant.partition == partition)
        .filter(|variant| mismatch(&rule_set.resolve(params, &variant.table), expect).is_none())
        .collect();
    let describe = |flags: &[(&str, bool)]| {
        flags
            .iter()
            .map(|(flag, expected)| format!("{flag} {} (table: {})", expected, !expected))
            .collect::<Vec<_>>()
            .join(" and ")
    };
    let singles: Vec<String> = passing
        .iter()
        .filter_map(|variant| match &variant.change {
            Change::Flags(flags) if flags.len() == 1 => Some(describe(flags)),
            _ => None,
        })
        .collect();
    if !singles.is_empty() {
        return Some((
            Staleness::Flags,
            format!(
                "partition {partition} expected with {}",
                singles.join(", or ")
            ),
        ));
    }
    for variant in &passing {
        if let Change::Flags(flags) = &variant.change {
            return Some((
                Staleness::Flags,
                format!("partition {partition} expected with {}", describe(flags)),
            ));
        }
    }
    passing
        .iter()
        .find(|variant| matches!(variant.change, Change::DualStackSuffix))
        .map(|_| {
            (
                Staleness::Suffix,
                format!(
                    "partition {partition} expected with dualStackDnsSuffix equal to dnsSuffix"
                ),
            )
        })
}

#[test]
fn every_endpoint_test_case_of_the_official_models() {
    let partitions_text = read(Path::new(PARTITIONS_FILE));
    let partitions = Partitions::from_json(&partitions_text).expect("sdk-partitions.json parses");
    let partitions_json: Json =
        serde_json::from_str(&partitions_text).expect("sdk-partitions.json is JSON");
    let changed = changed_tables(&partitions_json);
    let mut tally = Tally::default();
    let files = json_files(Path::new(OFFICIAL_DIR));
    assert!(
        files.len() > 400,
        "expected the 403 official models, found {}",
        files.len()
    );
    for file in &files {
        run_model(file, &partitions, &changed, &mut tally);
    }
    println!(
        "{} passed, {} failed, {} skipped, {} stale, {} stale-suffix",
        tally.passed,
        tally.failed.len(),
        tally.skipped.len(),
        tally.stale.len(),
        tally.stale_suffix.len()
    );
    if std::env::var_os("ENDPOINT_CORPUS_VERBOSE").is_some() {
        for stale in &tally.stale {
            println!("stale: {stale}");
        }
        for stale in &tally.stale_suffix {
            println!("stale-suffix: {stale}");
        }
        for skipped in &tally.skipped {
            println!("skipped: {skipped}");
        }
    }
    for failure in tally.failed.iter().take(60) {
        println!("FAILED: {failure}");
    }
    assert!(
        tally.failed.is_empty(),
        "{} endpoint test cases failed (listed above)",
        tally.failed.len()
    );
    assert!(tally.passed > 13_000, "only {} cases passed", tally.passed);
}
