//! A small plain-HTTP client for the container and instance metadata endpoints: one request,
//! a connect timeout, an overall timeout and a cap on the response size.

use std::error::Error as _;
use std::time::Duration;

use http_body_util::{BodyExt, Empty, Limited};
use hyper::body::Bytes;
use hyper::header::{HeaderName, HeaderValue};
use hyper::{Method, Request, StatusCode, Uri};
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;

/// Largest response body read; credential documents are a few hundred bytes.
const MAX_BODY_BYTES: usize = 64 * 1024;

/// Why a request gave no response.
#[derive(Debug)]
pub(crate) enum HttpFailure {
    /// No connection could be made, or it broke before a response came.
    Unreachable(String),
    /// No complete response within the overall timeout.
    TimedOut(Duration),
    /// The response body was too large or broke off.
    BadBody(String),
}

impl std::fmt::Display for HttpFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Unreachable(why) => f.write_str(why),
            Self::TimedOut(after) => write!(f, "no response within {} ms", after.as_millis()),
            Self::BadBody(why) => write!(f, "unreadable response body: {why}"),
        }
    }
}

/// A pooled client with fixed timeouts.
#[derive(Clone, Debug)]
pub(crate) struct MetadataHttp {
    client: Client<HttpConnector, Empty<Bytes>>,
    request_timeout: Duration,
}

impl MetadataHttp {
    pub(crate) fn new(connect_timeout: Duration, request_timeout: Duration) -> Self {
        let mut connector = HttpConnector::new();
        connector.set_connect_timeout(Some(connect_timeout));
        connector.set_nodelay(true);
        let client = Client::builder(TokioExecutor::new()).build(connector);
        Self {
            client,
            request_timeout,
        }
    }

    /// Sends an empty-bodied request; header values are marked sensitive.
    pub(crate) async fn send(
        &self,
        method: Method,
        uri: Uri,
        headers: &[(HeaderName, HeaderValue)],
    ) -> Result<(StatusCode, Bytes), HttpFailure> {
        let mut request = Request::builder().method(method).uri(uri);
        for (name, value) in headers {
            let mut value = value.clone();
            value.set_sensitive(true);
            request = request.header(name, value);
        }
        let request = request
            .body(Empty::new())
            .map_err(|error| HttpFailure::Unreachable(format!("invalid request: {error}")))?;
        let exchange = async {
            let response = self
                .client
                .request(request)
                .await
                .map_err(|error| HttpFailure::Unreachable(describe(&error)))?;
            let status = response.status();
            let body = Limited::new(response.into_body(), MAX_BODY_BYTES)
                .collect()
                .await
                .map_err(|error| HttpFailure::BadBody(error.to_string()))?
                .to_bytes();
            Ok((status, body))
        };
        tokio::time::timeout(self.request_timeout, exchange)
            .await
            .map_err(|_| HttpFailure::TimedOut(self.request_timeout))?
    }
}

/// An error and its causes on one line: "client error (Connect): tcp connect error: ...".
fn describe(error: &hyper_util::client::legacy::Error) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}

/// `scheme://authority` of `uri`, for messages (paths may carry credential ids).
pub(crate) fn origin(uri: &Uri) -> String {
    match (uri.scheme_str(), uri.authority()) {
        (Some(scheme), Some(authority)) => format!("{scheme}://{authority}"),
        _ => "(invalid URI)".to_string(),
    }
}
