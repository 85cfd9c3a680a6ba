//! `cargo bench -p anvil --bench validate`: time of `validate()` on the inputs the issue
//! names — IdentityStore UpdateUser with 100 attribute operations, and WorkMail UpdateUser
//! with every member set. Reports the median and minimum over many batches.

use std::hint::black_box;
use std::time::{Duration, Instant};

use anvil_runtime::Document;
use anvil_sdk::identitystore::operation::update_user::UpdateUserInput as IdentityStoreUpdateUser;
use anvil_sdk::identitystore::types::AttributeOperation;
use anvil_sdk::workmail::operation::update_user::UpdateUserInput as WorkMailUpdateUser;
use anvil_sdk::workmail::types::UserRole;

fn identitystore_input() -> IdentityStoreUpdateUser {
    let mut builder = IdentityStoreUpdateUser::builder()
        .identity_store_id("d-1234567890")
        .user_id("b8e4b7a6-2e4f-4c5a-9d7e-0123456789ab");
    const PATHS: [&str; 10] = [
        "displayName",
        "name.givenName",
        "name.familyName",
        "name.middleName",
        "nickName",
        "title",
        "preferredLanguage",
        "locale",
        "timezone",
        "userType",
    ];
    for index in 0..100 {
        let operation = AttributeOperation::builder()
            .attribute_path(PATHS[index % PATHS.len()])
            .attribute_value(Document::from("1 Main Street, Springfield"))
            .build()
            .expect("attribute path is set");
        builder = builder.operations(operation);
    }
    builder.build().expect("all required members are set")
}

fn workmail_input() -> WorkMailUpdateUser {
    WorkMailUpdateUser::builder()
        .organization_id("m-0123456789abcdef0123456789abcdef")
        .user_id("S-1-1-11-1111111111-2222222222-3333333333-3333")
        .role(UserRole::from("USER"))
        .display_name("Jane Q. Example")
        .first_name("Jane")
        .last_name("Example")
        .hidden_from_global_address_list(false)
        .initials("JQE")
        .telephone("+1 206 555 0100")
        .street("1 Main Street")
        .job_title("Engineer")
        .city("Springfield")
        .company("Example Corp")
        .zip_code("98101")
        .department("Platform")
        .country("US")
        .office("Building 7")
        .identity_provider_user_id("0123456789-b8e4b7a6-2e4f-4c5a-9d7e-0123456789ab")
        .build()
        .expect("all required members are set")
}

fn measure(name: &str, mut run: impl FnMut()) {
    const BATCH: u32 = 1_000;
    for _ in 0..BATCH {
        run();
    }
    let mut samples: Vec<Duration> = (0..50)
        .map(|_| {
            let start = Instant::now();
            for _ in 0..BATCH {
                run();
            }
            start.elapsed() / BATCH
        })
        .collect();
    samples.sort();
    println!(
        "{name}: median {:.3} µs, min {:.3} µs per call",
        samples[samples.len() / 2].as_secs_f64() * 1e6,
        samples[0].as_secs_f64() * 1e6
    );
}

fn main() {
    let identitystore = identitystore_input();
    let workmail = workmail_input();
    assert!(
        identitystore.validate().is_ok(),
        "{:?}",
        identitystore.validate()
    );
    assert!(workmail.validate().is_ok(), "{:?}", workmail.validate());
    measure(
        "identitystore UpdateUser, 100 operations: validate()",
        || {
            black_box(black_box(&identitystore).validate()).ok();
        },
    );
    measure("workmail UpdateUser, every member set: validate()", || {
        black_box(black_box(&workmail).validate()).ok();
    });
}
