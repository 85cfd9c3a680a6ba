//! Environment and shared-file credentials, and region resolution, against a temporary home.

mod credentials_support;

use anvil_runtime::credentials::profile::{ProfileFileKind, ProfileSelection};
use anvil_runtime::credentials::{
    CredentialsError, DefaultChain, EnvironmentProvider, ProfileProvider, ProfileSet,
    ProvideCredentials,
};
use anvil_runtime::region::{RegionSource, resolve_region, resolve_region_with_files};
use credentials_support::TempHome;

#[tokio::test]
async fn environment_variables_give_keys_and_token() {
    let home = TempHome::new();
    let env = home.env(&[
        ("AWS_ACCESS_KEY_ID", "AKIDENV"),
        ("AWS_SECRET_ACCESS_KEY", "env-secret"),
        ("AWS_SESSION_TOKEN", "env-token"),
    ]);
    let credentials = EnvironmentProvider::new(env)
        .provide_credentials()
        .await
        .unwrap();
    assert_eq!(credentials.access_key_id(), "AKIDENV");
    assert_eq!(credentials.secret_access_key(), "env-secret");
    assert_eq!(credentials.session_token(), Some("env-token"));
    assert_eq!(credentials.provider_name(), "environment");
}

#[tokio::test]
async fn environment_with_one_key_gives_nothing_and_says_which() {
    let home = TempHome::new();
    let err = EnvironmentProvider::new(home.env(&[("AWS_ACCESS_KEY_ID", "AKID")]))
        .provide_credentials()
        .await
        .unwrap_err();
    assert!(err.is_not_loaded());
    assert_eq!(
        err.to_string(),
        "environment: AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not"
    );
}

const CONFIG: &str = "\
# shared config
[default]
region = us-east-1
aws_access_key_id = AKIDCONFIGDEFAULT
aws_secret_access_key = config-default-secret

[profile dev]
region = eu-west-1 ; Ireland
aws_access_key_id = AKIDCONFIGDEV
aws_secret_access_key = config-dev-secret
s3 =
  max_concurrent_requests = 20
  region = ignored-sub-property

[dev]
aws_access_key_id = AKID-WRONG-SECTION-STYLE
aws_secret_access_key = wrong

[profile config-only]
AWS_ACCESS_KEY_ID = AKIDCONFIGONLY
Aws_Secret_Access_Key = config-only-secret
";

const CREDENTIALS: &str = "\
; shared credentials
[dev]
aws_access_key_id     =   AKIDCREDSDEV
aws_secret_access_key =   creds-dev-secret
aws_session_token = creds-dev-token

[profile dev]
aws_access_key_id = AKID-PROFILE-PREFIX-NOT-ALLOWED-HERE
";

fn home_with_files() -> TempHome {
    let home = TempHome::new();
    home.write_aws_file("config", CONFIG);
    home.write_aws_file("credentials", CREDENTIALS);
    home
}

#[tokio::test]
async fn default_profile_from_the_config_file() {
    let home = home_with_files();
    let credentials = ProfileProvider::new(home.env(&[])).load().await.unwrap();
    assert_eq!(credentials.access_key_id(), "AKIDCONFIGDEFAULT");
    assert_eq!(credentials.secret_access_key(), "config-default-secret");
    assert_eq!(credentials.session_token(), None);
}

#[tokio::test]
async fn credentials_file_wins_for_the_same_profile() {
    let home = home_with_files();
    let credentials = ProfileProvider::new(home.env(&[("AWS_PROFILE", "dev")]))
        .load()
        .await
        .unwrap();
    assert_eq!(credentials.access_key_id(), "AKIDCREDSDEV");
    assert_eq!(credentials.secret_access_key(), "creds-dev-secret");
    assert_eq!(credentials.session_token(), Some("creds-dev-token"));
}

#[tokio::test]
async fn explicit_profile_beats_aws_profile_and_keys_are_case_insensitive() {
    let home = home_with_files();
    let credentials = ProfileProvider::new(home.env(&[("AWS_PROFILE", "dev")]))
        .with_profile("config-only")
        .load()
        .await
        .unwrap();
    assert_eq!(credentials.access_key_id(), "AKIDCONFIGONLY");
}

#[tokio::test]
async fn file_locations_can_be_overridden() {
    let home = TempHome::new();
    let config = home.write("elsewhere/cfg", "[profile x]\nregion = sa-east-1\n");
    let credentials = home.write(
        "elsewhere/creds",
        "[x]\naws_access_key_id = AKIDX\naws_secret_access_key = sx\n",
    );
    let env = home.env(&[
        ("AWS_CONFIG_FILE", config.to_str().unwrap()),
        ("AWS_SHARED_CREDENTIALS_FILE", credentials.to_str().unwrap()),
        ("AWS_PROFILE", "x"),
    ]);
    assert_eq!(
        ProfileProvider::new(env.clone())
            .load()
            .await
            .unwrap()
            .access_key_id(),
        "AKIDX"
    );
    let set = ProfileSet::load(&env).unwrap();
    let selection = ProfileSelection::resolve(None, &env);
    let region = resolve_region(None, &env, set.profile(&selection.name)).unwrap();
    assert_eq!(region.region, "sa-east-1");
}

#[tokio::test]
async fn tilde_in_an_override_means_home() {
    let home = TempHome::new();
    home.write(
        "custom/creds",
        "[default]\naws_access_key_id = T\naws_secret_access_key = s\n",
    );
    let env = home.env(&[("AWS_SHARED_CREDENTIALS_FILE", "~/custom/creds")]);
    assert_eq!(
        ProfileProvider::new(env)
            .load()
            .await
            .unwrap()
            .access_key_id(),
        "T"
    );
}

#[tokio::test]
async fn a_named_profile_that_does_not_exist_is_an_error() {
    let home = home_with_files();
    let err = ProfileProvider::new(home.env(&[]))
        .with_profile("nope")
        .load()
        .await
        .unwrap_err();
    assert!(
        matches!(err, CredentialsError::InvalidConfiguration { .. }),
        "{err}"
    );
    let text = err.to_string();
    assert!(text.contains("profile `nope` is not defined"), "{text}");
    assert!(
        text.contains(".aws/config") && text.contains(".aws/credentials"),
        "{text}"
    );
    assert!(text.contains("named by caller"), "{text}");
}

#[tokio::test]
async fn no_files_means_nothing_loaded_and_says_where_it_looked() {
    let home = TempHome::new();
    let err = ProfileProvider::new(home.env(&[]))
        .load()
        .await
        .unwrap_err();
    assert!(err.is_not_loaded(), "{err}");
    let text = err.to_string();
    assert!(text.contains("config (not found)"), "{text}");
    assert!(text.contains("credentials (not found)"), "{text}");
}

#[tokio::test]
async fn partial_static_keys_are_an_error() {
    let home = TempHome::new();
    home.write_aws_file("credentials", "[default]\naws_access_key_id = AKID\n");
    let err = ProfileProvider::new(home.env(&[]))
        .load()
        .await
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "profile: invalid configuration: profile `default` sets `aws_access_key_id` but not \
         `aws_secret_access_key`"
    );
}

#[tokio::test]
async fn unsupported_sources_are_named() {
    let home = TempHome::new();
    home.write_aws_file(
        "config",
        "[default]\nrole_arn = arn:aws:iam::123456789012:role/x\nsource_profile = base\n",
    );
    let err = ProfileProvider::new(home.env(&[]))
        .load()
        .await
        .unwrap_err();
    assert!(err.to_string().contains("uses `role_arn`"), "{err}");
}

#[tokio::test]
async fn malformed_file_error_names_file_and_line() {
    let home = TempHome::new();
    let path = home.write_aws_file("credentials", "[default]\naws_access_key_id AKID\n");
    let err = ProfileProvider::new(home.env(&[]))
        .load()
        .await
        .unwrap_err();
    assert!(
        err.to_string()
            .contains(&format!("{}, line 2:", path.display())),
        "{err}"
    );
}

#[test]
fn region_comes_from_the_selected_profile_last() {
    let home = home_with_files();
    let env = home.env(&[("AWS_PROFILE", "dev")]);
    let set = ProfileSet::load(&env).unwrap();
    let dev = set.profile("dev");
    let resolved = resolve_region(None, &env, dev).unwrap();
    assert_eq!(resolved.region, "eu-west-1");
    assert_eq!(
        resolved.source,
        RegionSource::Profile {
            name: "dev".into(),
            file: ProfileFileKind::Config
        }
    );
    let env_wins = home.env(&[("AWS_REGION", "us-west-1")]);
    assert_eq!(
        resolve_region(None, &env_wins, dev).unwrap().region,
        "us-west-1"
    );
    assert_eq!(
        resolve_region(Some("ca-central-1"), &env_wins, dev)
            .unwrap()
            .region,
        "ca-central-1"
    );
}

#[tokio::test]
async fn default_chain_prefers_environment_over_profile() {
    let home = home_with_files();
    let with_env = home.env(&[
        ("AWS_ACCESS_KEY_ID", "AKIDENV"),
        ("AWS_SECRET_ACCESS_KEY", "env-secret"),
    ]);
    let provider = DefaultChain::new(with_env).build();
    assert_eq!(
        provider
            .provide_credentials()
            .await
            .unwrap()
            .access_key_id(),
        "AKIDENV"
    );

    let provider = DefaultChain::new(home.env(&[])).with_profile("dev").build();
    assert_eq!(
        provider
            .provide_credentials()
            .await
            .unwrap()
            .access_key_id(),
        "AKIDCREDSDEV"
    );
}

#[test]
fn region_with_files_reads_the_selected_profile_only_when_needed() {
    let home = home_with_files();
    let resolved = resolve_region_with_files(None, &home.env(&[]), Some("dev")).unwrap();
    assert_eq!(resolved.region, "eu-west-1");
    let from_default = resolve_region_with_files(None, &home.env(&[]), None).unwrap();
    assert_eq!(from_default.region, "us-east-1");

    // A malformed file does not matter when the environment already answers.
    let broken = TempHome::new();
    broken.write_aws_file("config", "region = nowhere\n");
    let env = broken.env(&[("AWS_REGION", "us-east-2")]);
    assert_eq!(
        resolve_region_with_files(None, &env, None).unwrap().region,
        "us-east-2"
    );
    let err = resolve_region_with_files(None, &broken.env(&[]), None).unwrap_err();
    assert!(err.to_string().contains("line 1"), "{err}");

    let empty = TempHome::new();
    let err = resolve_region_with_files(None, &empty.env(&[]), Some("ghost")).unwrap_err();
    let text = err.to_string();
    assert!(
        text.contains("- profile `ghost` (not defined; looked in "),
        "{text}"
    );
    assert!(text.contains("config (not found)"), "{text}");
}
