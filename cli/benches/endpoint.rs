//! `cargo bench -p anvil --bench endpoint`: endpoint resolution in the generated crate.
//!
//! For each of the four services: the time of `resolve_endpoint` per call with
//! `Region=us-east-1` (the defaults for the rest), and with FIPS and dual-stack both on in
//! `us-west-2`; then the one-time costs, parsing the service's `RULE_SET_JSON` and the crate's
//! `PARTITIONS_JSON` (which compiles the region patterns). Each cell is the median and the
//! minimum over many batches; on a shared machine the minimum is the steadier figure.

mod timing;

use std::hint::black_box;
use std::time::Duration;

use anvil_runtime::endpoint::{Endpoint, EndpointError, Params, Partitions, RuleSet};
use anvil_sdk::partitions::PARTITIONS_JSON;
use anvil_sdk::{codestar, datazone, identitystore, workmail};

use timing::measure;

struct Service {
    name: &'static str,
    resolve: fn(&Params) -> Result<Endpoint, EndpointError>,
    rule_set_json: &'static str,
}

const SERVICES: [Service; 4] = [
    Service {
        name: "datazone",
        resolve: datazone::endpoint::resolve_endpoint,
        rule_set_json: datazone::endpoint::RULE_SET_JSON,
    },
    Service {
        name: "identitystore",
        resolve: identitystore::endpoint::resolve_endpoint,
        rule_set_json: identitystore::endpoint::RULE_SET_JSON,
    },
    Service {
        name: "workmail",
        resolve: workmail::endpoint::resolve_endpoint,
        rule_set_json: workmail::endpoint::RULE_SET_JSON,
    },
    Service {
        name: "codestar",
        resolve: codestar::endpoint::resolve_endpoint,
        rule_set_json: codestar::endpoint::RULE_SET_JSON,
    },
];

fn cell((median, min): (Duration, Duration)) -> String {
    format!(
        "{:>8.3} / {:<8.3}",
        median.as_secs_f64() * 1e6,
        min.as_secs_f64() * 1e6
    )
}

fn main() {
    let plain = Params::new().set("Region", "us-east-1");
    let fips_dual_stack = Params::new()
        .set("Region", "us-west-2")
        .set("UseFIPS", true)
        .set("UseDualStack", true);
    println!("endpoint resolution, µs per call (median / min)");
    println!(
        "{:<14} {:>19} {:>19} {:>19}",
        "service", "us-east-1", "us-west-2 FIPS+DS", "parse rule set"
    );
    for service in &SERVICES {
        let endpoint = (service.resolve)(&plain).expect("us-east-1 resolves");
        assert!(endpoint.url().contains("us-east-1"), "{}", endpoint.url());
        let resolve = |params: &Params| {
            black_box((service.resolve)(black_box(params)).ok());
        };
        let plain_time = measure(|| resolve(&plain));
        let fips_time = measure(|| resolve(&fips_dual_stack));
        let parse_time = measure(|| {
            black_box(RuleSet::from_json(black_box(service.rule_set_json)).ok());
        });
        println!(
            "{:<14} {} {} {}",
            service.name,
            cell(plain_time),
            cell(fips_time),
            cell(parse_time)
        );
    }
    let partitions_time = measure(|| {
        black_box(Partitions::from_json(black_box(PARTITIONS_JSON)).ok());
    });
    println!(
        "parse partitions table (once per process): {}",
        cell(partitions_time)
    );
}
