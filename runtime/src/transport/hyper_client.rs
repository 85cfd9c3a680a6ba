//! The default [`HttpClient`]: hyper 1 over rustls, with pooled HTTP/1.1 connections.

use std::error::Error;
use std::fmt;
use std::io;
use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper_rustls::{HttpsConnector, HttpsConnectorBuilder};
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::{TokioExecutor, TokioTimer};

use super::dispatch_error::find_io_error;
use super::{
    DispatchError, DispatchErrorKind, DispatchFuture, HttpClient, HttpRequest, TimeoutConfig,
};

/// How long an unused pooled connection is kept before it is closed.
const POOL_IDLE_TIMEOUT: Duration = Duration::from_secs(90);

/// The default HTTP client: hyper 1 over rustls (the `ring` provider), trusting the system's
/// root certificates, keeping HTTP/1.1 connections alive in a pool.
///
/// Cloning is cheap and clones share the pool. Plain `http://` URIs work too (for local test
/// servers and metadata endpoints). Requires a Tokio runtime with I/O and timers enabled.
#[derive(Clone)]
pub struct HyperClient {
    inner: Client<HttpsConnector<HttpConnector>, Full<Bytes>>,
}

impl fmt::Debug for HyperClient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HyperClient").finish_non_exhaustive()
    }
}

impl HyperClient {
    /// A client that trusts the system's root certificates and applies the connect timeout of
    /// `timeouts` (the other two limits belong to the caller).
    ///
    /// Fails when the system's certificate store cannot be read or holds no usable
    /// certificate.
    pub fn new(timeouts: &TimeoutConfig) -> Result<Self, HyperClientBuildError> {
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let builder = HttpsConnectorBuilder::new()
            .with_provider_and_native_roots(provider)
            .map_err(|source| HyperClientBuildError { source })?;
        let https = builder
            .https_or_http()
            .enable_http1()
            .wrap_connector(Self::tcp_connector(timeouts));
        Ok(Self::from_connector(https))
    }

    /// A client using the given TLS configuration (its own roots, client certificates,
    /// provider), applying the connect timeout of `timeouts`.
    pub fn with_tls_config(timeouts: &TimeoutConfig, tls: rustls::ClientConfig) -> Self {
        let https = HttpsConnectorBuilder::new()
            .with_tls_config(tls)
            .https_or_http()
            .enable_http1()
            .wrap_connector(Self::tcp_connector(timeouts));
        Self::from_connector(https)
    }

    fn tcp_connector(timeouts: &TimeoutConfig) -> HttpConnector {
        let mut tcp = HttpConnector::new();
        // The TLS layer wraps this connector, so it must accept `https` URIs as well.
        tcp.enforce_http(false);
        tcp.set_nodelay(true);
        tcp.set_connect_timeout(timeouts.connect());
        tcp
    }

    fn from_connector(https: HttpsConnector<HttpConnector>) -> Self {
        let inner = Client::builder(TokioExecutor::new())
            .pool_idle_timeout(POOL_IDLE_TIMEOUT)
            .pool_timer(TokioTimer::new())
            .build(https);
        Self { inner }
    }
}

impl HttpClient for HyperClient {
    fn dispatch(&self, request: HttpRequest) -> DispatchFuture {
        let client = self.inner.clone();
        Box::pin(async move {
            let request = request.map(|body| Full::new(Bytes::from(body)));
            let response = client.request(request).await.map_err(|err| {
                if err.is_connect() {
                    connect_error(err)
                } else {
                    exchange_error(err)
                }
            })?;
            let (parts, body) = response.into_parts();
            let body = body.collect().await.map_err(exchange_error)?.to_bytes();
            Ok(http::Response::from_parts(parts, body.to_vec()))
        })
    }
}

/// A failure to connect; a connect timeout counts as a timeout, and a failed TLS handshake
/// (a bad certificate, a server that does not speak TLS) is not worth retrying.
fn connect_error(err: impl Into<Box<dyn Error + Send + Sync>>) -> DispatchError {
    let err = err.into();
    let io_kind = find_io_error(err.as_ref()).map(io::Error::kind);
    if io_kind == Some(io::ErrorKind::TimedOut) {
        return DispatchError::new(DispatchErrorKind::Timeout, true, err);
    }
    let tls_failed = has_tls_error(err.as_ref());
    DispatchError::new(DispatchErrorKind::Connect, !tls_failed, err)
}

/// Whether a rustls error is in `error`'s chain, looking inside (possibly nested) I/O errors,
/// whose `source` skips the error they wrap.
fn has_tls_error(error: &(dyn Error + 'static)) -> bool {
    let mut current = Some(error);
    while let Some(error) = current {
        let mut wrapped = Some(error);
        while let Some(inner) = wrapped {
            if inner.is::<rustls::Error>() {
                return true;
            }
            wrapped = inner
                .downcast_ref::<io::Error>()
                .and_then(io::Error::get_ref)
                .map(|inner| inner as &(dyn Error + 'static));
        }
        current = error.source();
    }
    false
}

/// A failure after connecting, while writing the request or reading the response.
fn exchange_error(err: impl Into<Box<dyn Error + Send + Sync>>) -> DispatchError {
    let err = err.into();
    if let Some(hyper_err) = find_hyper_error(err.as_ref()) {
        if hyper_err.is_timeout() {
            return DispatchError::timeout(err);
        }
        let closed_early = hyper_err.is_incomplete_message()
            || hyper_err.is_canceled()
            || hyper_err.is_closed()
            || hyper_err.is_body_write_aborted();
        if closed_early {
            return DispatchError::new(DispatchErrorKind::Io, true, err);
        }
    }
    if find_io_error(err.as_ref()).is_some() {
        DispatchError::io(err)
    } else {
        DispatchError::other(err)
    }
}

fn find_hyper_error<'a>(error: &'a (dyn Error + 'static)) -> Option<&'a hyper::Error> {
    let mut current = Some(error);
    while let Some(error) = current {
        if let Some(hyper_err) = error.downcast_ref::<hyper::Error>() {
            return Some(hyper_err);
        }
        current = error.source();
    }
    None
}

/// The system's root certificates could not be loaded.
#[derive(Debug)]
pub struct HyperClientBuildError {
    source: io::Error,
}

impl fmt::Display for HyperClientBuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "cannot build the HTTPS client: the system's root certificates could not be loaded: {}",
            self.source
        )
    }
}

impl Error for HyperClientBuildError {
    fn source(&self) -> Option<&(dyn Error + 'static)> {
        Some(&self.source)
    }
}
