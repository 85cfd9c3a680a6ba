//! One whole call, side by side: Anvil's generated SDK against aws-sdk-rust.
//!
//! `cargo run --release --manifest-path benches/full-call/Cargo.toml`
//!
//! Each call builds the input, validates it (ours; aws-sdk-rust checks required members),
//! serializes it, resolves the endpoint from the service's rules, signs with SigV4 (static
//! credentials), sends it to an in-memory client that answers a canned 200, and parses the
//! answer. Both run on the same single-threaded tokio runtime, in the same process, one
//! after the other. Printed: µs per call (median and minimum over 200 batches of ~5 ms)
//! and the ratio of the medians.

mod anvil;
mod aws;
mod responses;
mod timing;

use timing::{Timing, measure};

fn main() {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()
        .expect("a tokio runtime");
    runtime.block_on(run());
}

async fn run() {
    let our_identitystore = anvil::identitystore_client();
    let our_datazone = anvil::datazone_client();
    let their_identitystore = aws::identitystore_client();
    let their_datazone = aws::datazone_client();

    let rows = [
        (
            "IdentityStore UpdateUser (awsJson1_1)",
            measure(|| anvil::update_user(&our_identitystore)).await,
            measure(|| aws::update_user(&their_identitystore)).await,
        ),
        (
            "DataZone UpdateUserProfile (restJson1)",
            measure(|| anvil::update_user_profile(&our_datazone)).await,
            measure(|| aws::update_user_profile(&their_datazone)).await,
        ),
    ];

    println!(
        "{:<40} {:>18} {:>18} {:>8}",
        "µs per call (median / min)", "anvil-sdk", "aws-sdk-rust", "ratio"
    );
    for (name, ours, theirs) in rows {
        println!(
            "{name:<40} {:>18} {:>18} {:>7.2}x",
            cell(&ours),
            cell(&theirs),
            theirs.median_us / ours.median_us
        );
    }
    println!("ratio: aws-sdk-rust's median over ours (higher is better for anvil-sdk)");
}

fn cell(timing: &Timing) -> String {
    format!("{:.2} / {:.2}", timing.median_us, timing.minimum_us)
}
