//! Sending HTTP requests: the [`HttpClient`] trait, its errors and its timeouts.
//!
//! Generated clients build an `http::Request<Vec<u8>>`, sign it and hand it to an
//! [`HttpClient`], which answers with the whole response (`http::Response<Vec<u8>>`) or a
//! [`DispatchError`] saying why no response was read and whether trying again may help.
//!
//! - [`HyperClient`] (feature `default-https-client`, on by default): hyper 1 over rustls with
//!   the system's root certificates and a pool of kept-alive HTTP/1.1 connections;
//! - [`TimeoutConfig`]: the connect, per-attempt and whole-operation limits, with
//!   [`with_attempt_timeout`] and [`with_operation_timeout`] (feature `rt-tokio`) to apply the
//!   last two;
//! - `test_util::ReplayClient` (feature `test-util`): records requests and replays canned
//!   responses, for tests of code built on the runtime.
//!
//! Bring your own client by implementing [`HttpClient`]; turn off the default features to
//! leave hyper and rustls out of the build.

mod dispatch_error;
#[cfg(feature = "default-https-client")]
mod hyper_client;
#[cfg(feature = "test-util")]
pub mod test_util;
mod timeout;

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

pub use dispatch_error::{DispatchError, DispatchErrorKind};
#[cfg(feature = "default-https-client")]
pub use hyper_client::{HyperClient, HyperClientBuildError};
pub use timeout::{OperationTimedOut, TimeoutConfig};
#[cfg(feature = "rt-tokio")]
pub use timeout::{with_attempt_timeout, with_operation_timeout};

/// A request as generated clients send it: headers final, body in memory.
pub type HttpRequest = http::Request<Vec<u8>>;

/// A response as generated clients read it: the whole body in memory.
pub type HttpResponse = http::Response<Vec<u8>>;

/// What [`HttpClient::dispatch`] returns: a boxed future that may move between threads.
pub type DispatchFuture = Pin<Box<dyn Future<Output = Result<HttpResponse, DispatchError>> + Send>>;

/// Sends one HTTP request and reads the whole response.
///
/// One call is one attempt: an implementation does not retry (the retry strategy in
/// [`crate::retry`] decides that) and does not apply the per-attempt timeout (the caller wraps
/// the future with [`with_attempt_timeout`]). It does apply its connect timeout, if it has one.
/// Any response that was read, whatever its status, is `Ok`.
///
/// ```
/// use anvil_runtime::transport::{DispatchFuture, HttpClient, HttpRequest};
///
/// /// Answers every request with an empty `204 No Content`.
/// struct NoContent;
///
/// impl HttpClient for NoContent {
///     fn dispatch(&self, _request: HttpRequest) -> DispatchFuture {
///         Box::pin(async {
///             Ok(http::Response::builder().status(204).body(Vec::new()).expect("valid parts"))
///         })
///     }
/// }
/// ```
pub trait HttpClient: Send + Sync {
    /// Starts sending `request`; the future resolves once the response body has been read.
    fn dispatch(&self, request: HttpRequest) -> DispatchFuture;
}

impl<T: HttpClient + ?Sized> HttpClient for Arc<T> {
    fn dispatch(&self, request: HttpRequest) -> DispatchFuture {
        (**self).dispatch(request)
    }
}

impl<T: HttpClient + ?Sized> HttpClient for Box<T> {
    fn dispatch(&self, request: HttpRequest) -> DispatchFuture {
        (**self).dispatch(request)
    }
}
