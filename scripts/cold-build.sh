#!/usr/bin/env bash
# Cold-build comparison: how long a fresh binary crate takes to build with anvil-sdk,
# against one with aws-sdk-rust's crates for the same services.
#
#   scripts/cold-build.sh
#
# It makes two binary crates under <workspace target dir>/cold-build/ (nothing outside the
# workspace, nothing from ../shared):
#   ours:   anvil-sdk by path (default features: the HTTPS client included) + tokio, calling
#           identitystore UpdateUser with send();
#   theirs: aws-sdk-identitystore, aws-sdk-workmail and aws-sdk-datazone (latest, default
#           features) + tokio, calling the same operation.
# Both build their config by hand with a region (aws-config, which would add its credential
# chain to theirs, is left out; ours always has its chain).
# Both use the same tokio line (rt + macros). `cargo fetch` runs first, so downloads are
# not timed; then each crate is built with `cargo build` (dev profile) into an empty target
# dir, one after the other, on the same machine in the same run. Prints the seconds of
# each and the ratio. Set JOBS to pass `-j` to both builds. Needs about 1.5 GB of disk
# under the target dir; the two target dirs are left there for inspection.
set -euo pipefail

workspace=$(cd "$(dirname "$0")/.." && pwd)
target_dir=$(cargo metadata --manifest-path "$workspace/Cargo.toml" --format-version 1 --no-deps \
    | sed -n 's/.*"target_directory":"\([^"]*\)".*/\1/p')
root="$target_dir/cold-build"
rm -rf "$root"
mkdir -p "$root/ours/src" "$root/theirs/src"

# An empty [workspace] keeps each crate out of the enclosing workspace.
cat > "$root/ours/Cargo.toml" <<TOML
[package]
name = "cold-build-ours"
version = "0.0.0"
edition = "2024"
publish = false

[workspace]

[dependencies]
anvil-sdk = { path = "$workspace/generated" }
tokio = { version = "1", features = ["rt", "macros"] }
TOML
cat > "$root/ours/src/main.rs" <<'RUST'
use anvil_sdk::identitystore::types::AttributeOperation;

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let config = anvil_sdk::Config::builder().region("us-east-1").build();
    let client = anvil_sdk::identitystore::Client::new(&config);
    let operation = AttributeOperation::builder()
        .attribute_path("name.givenName")
        .attribute_value("Jane")
        .build()?;
    let output = client
        .update_user()
        .identity_store_id("d-9067642ac7")
        .user_id("b8e4b7a6-2e4f-4c5a-9d7e-0123456789ab")
        .operations(operation)
        .send()
        .await?;
    println!("{output:?}");
    Ok(())
}
RUST

cat > "$root/theirs/Cargo.toml" <<TOML
[package]
name = "cold-build-theirs"
version = "0.0.0"
edition = "2024"
publish = false

[workspace]

[dependencies]
aws-sdk-identitystore = "1"
aws-sdk-workmail = "1"
aws-sdk-datazone = "1"
tokio = { version = "1", features = ["rt", "macros"] }
TOML
cat > "$root/theirs/src/main.rs" <<'RUST'
use aws_sdk_identitystore::config::{BehaviorVersion, Region};
use aws_sdk_identitystore::types::AttributeOperation;

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let config = aws_sdk_identitystore::Config::builder()
        .behavior_version(BehaviorVersion::latest())
        .region(Region::new("us-east-1"))
        .build();
    let client = aws_sdk_identitystore::Client::from_conf(config);
    let operation = AttributeOperation::builder()
        .attribute_path("name.givenName")
        .attribute_value("Jane".into())
        .build()?;
    let output = client
        .update_user()
        .identity_store_id("d-9067642ac7")
        .user_id("b8e4b7a6-2e4f-4c5a-9d7e-0123456789ab")
        .operations(operation)
        .send()
        .await?;
    println!("{output:?}");
    // The other two services are dependencies, as in a program that uses all three.
    let _ = aws_sdk_workmail::Config::builder().behavior_version(BehaviorVersion::latest());
    let _ = aws_sdk_datazone::Config::builder().behavior_version(BehaviorVersion::latest());
    Ok(())
}
RUST

# Versions: ours from the workspace lock file, theirs resolved fresh (the latest).
cp "$workspace/Cargo.lock" "$root/ours/Cargo.lock"
for side in ours theirs; do
    (cd "$root/$side" && cargo fetch --quiet)
done

jobs=()
if [ -n "${JOBS:-}" ]; then jobs=(-j "$JOBS"); fi

# Seconds `cargo build` of one crate takes into an empty target dir.
build_seconds() {
    local side=$1
    rm -rf "$root/$side/target"
    local start end
    start=$(date +%s.%N)
    # A failed build must not print a time: the subshell's errexit does not reach here.
    if ! (cd "$root/$side" && CARGO_TARGET_DIR="$root/$side/target" cargo build --offline --quiet "${jobs[@]}"); then
        echo "error: the $side crate did not build; no time to report" >&2
        return 1
    fi
    end=$(date +%s.%N)
    echo "$end - $start" | bc
}

echo "cold build (cargo build, dev profile, downloads excluded), $(nproc) CPUs:"
ours=$(build_seconds ours) || exit 1
printf '  anvil-sdk (4 services) + tokio:                       %7.1f s\n' "$ours"
theirs=$(build_seconds theirs) || exit 1
printf '  aws-sdk-{identitystore,workmail,datazone} + tokio:    %7.1f s\n' "$theirs"
printf '  ratio (theirs / ours):                                %7.2fx\n' "$(echo "$theirs / $ours" | bc -l)"
