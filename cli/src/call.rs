//! What `request` and `endpoint` need besides the input: the region (flag, environment or
//! profile), the endpoint settings, credentials and the signing time.

use std::time::{Duration, SystemTime};

use anvil_runtime::CallSettings;
use anvil_runtime::call::SigningPlan;
use anvil_runtime::credentials::{DefaultChain, Env, ProvideCredentials};
use anvil_runtime::endpoint::{BuiltIns, Endpoint, EndpointError};
use anvil_runtime::region::{RegionError, resolve_region_with_files};
use anvil_runtime::sign::sign_request;
use anvil_runtime::wire::{EndpointUrl, check_region};
use anvil_runtime::{DateTime, ServiceInfo};

/// How to set a region, for messages when one is needed and none is set.
const SET_A_REGION: &str =
    "set one with --region, the AWS_REGION environment variable, or `region` in the profile";

/// Endpoint-related flags of `request` and `endpoint`.
#[derive(Default)]
pub struct EndpointFlags {
    pub region: Option<String>,
    pub profile: Option<String>,
    pub endpoint_url: Option<String>,
    pub use_fips: bool,
    pub use_dual_stack: bool,
    /// Leaves operations' `hostPrefix` off the endpoint's host.
    pub no_host_prefix: bool,
}

/// The settled region (if any is set anywhere) and the call settings built from the flags.
pub struct Settings {
    pub region: Option<String>,
    /// Where the region search looked, when it found none.
    pub region_missing: Option<String>,
    pub call: CallSettings,
}

impl EndpointFlags {
    /// The region from the flag, the environment or the profile, and the built-in endpoint
    /// parameters. A region that is set but not a host label, or an endpoint URL that is not
    /// usable, is an error; a region set nowhere is not (yet): not every rule set needs one.
    pub fn settings(&self, env: &Env) -> Result<Settings, String> {
        if let Some(region) = &self.region {
            check_region(region).map_err(|error| format!("--region: {error}"))?;
        }
        let (region, region_missing) =
            match resolve_region_with_files(self.region.as_deref(), env, self.profile.as_deref()) {
                Ok(resolved) => (Some(resolved.region), None),
                Err(RegionError::Missing { looked_in }) => (None, Some(looked_in.join(", "))),
                Err(error) => return Err(format!("the region: {error}")),
            };
        let mut built_ins = BuiltIns::new()
            .use_fips(self.use_fips)
            .use_dual_stack(self.use_dual_stack);
        if let Some(region) = &region {
            built_ins = built_ins.region(region.clone());
        }
        if let Some(url) = &self.endpoint_url {
            let checked =
                EndpointUrl::parse(url).map_err(|error| format!("--endpoint-url: {error}"))?;
            let mut text = checked.base().to_string();
            if let Some(query) = checked.query() {
                text.push('?');
                text.push_str(query);
            }
            built_ins = built_ins.endpoint(text);
        }
        let mut call = CallSettings::new(built_ins);
        call.host_prefix = !self.no_host_prefix;
        Ok(Settings {
            region,
            region_missing,
            call,
        })
    }
}

impl Settings {
    /// The message of an endpoint rule error, with how to set a region when none is set
    /// (a missing region is the usual reason a rule set fails).
    pub fn endpoint_failure(&self, error: &EndpointError) -> String {
        match &self.region_missing {
            Some(looked_in) => format!(
                "cannot resolve the endpoint: {error}; no region is set ({SET_A_REGION}; \
                 looked in: {looked_in})"
            ),
            None => format!("cannot resolve the endpoint: {error}"),
        }
    }
}

/// The service's endpoint for the flags alone (no operation input).
pub fn service_endpoint(service: &ServiceInfo, settings: &Settings) -> Result<Endpoint, String> {
    anvil_runtime::call::resolve_service_endpoint(service, &settings.call.built_ins, |_| {})
        .map_err(|error| settings.endpoint_failure(&error))
}

/// Signs `request` for `endpoint` with credentials from the default chain (the flag's
/// profile, else `AWS_PROFILE`), at `timestamp` (RFC 3339) or now.
pub fn sign(
    request: &mut anvil_runtime::http::Request<Vec<u8>>,
    service: &ServiceInfo,
    endpoint: &Endpoint,
    settings: &Settings,
    profile: Option<&str>,
    timestamp: Option<&str>,
    env: &Env,
) -> Result<(), String> {
    let time = match timestamp {
        Some(text) => {
            let stamp = DateTime::parse_rfc3339(text)
                .map_err(|error| format!("--timestamp `{}`: {error}", text.escape_debug()))?;
            let seconds = u64::try_from(stamp.secs())
                .map_err(|_| "--timestamp: the time is before 1970".to_string())?;
            SystemTime::UNIX_EPOCH
                + Duration::from_secs(seconds)
                + Duration::from_nanos(u64::from(stamp.subsec_nanos()))
        }
        None => SystemTime::now(),
    };
    let plan = SigningPlan::new(service, endpoint, settings.region.as_deref().unwrap_or(""))?;
    if plan.signing_region().is_empty() {
        return Err(format!(
            "signing needs a region and none is set: {SET_A_REGION} (looked in: {})",
            settings.region_missing.as_deref().unwrap_or("nowhere")
        ));
    }
    let mut chain = DefaultChain::new(env.clone());
    if let Some(profile) = profile {
        chain = chain.with_profile(profile);
    }
    let provider = chain.build();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|error| format!("cannot start the async runtime: {error}"))?;
    let credentials = runtime
        .block_on(provider.provide_credentials())
        .map_err(|error| format!("no credentials to sign with: {error}"))?;
    sign_request(request, &credentials, &plan.params(time))
        .map_err(|error| format!("cannot sign the request: {error}"))
}
