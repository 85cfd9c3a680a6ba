//! What happens to a request's body between serializing and signing: `@requestCompression`
//! (the body gzipped, `Content-Encoding` extended) and `@httpChecksumRequired` (a
//! `Content-MD5` header). Compression comes first, so the checksum and the signature cover
//! the bytes that are sent.

use http::HeaderValue;
use md5::{Digest, Md5};

use crate::operation::Operation;
use crate::wire::RequestError;

/// The request compression settings of a client (Smithy's `disableRequestCompression` and
/// `requestMinCompressionSizeBytes`).
///
/// ```
/// use anvil_runtime::CompressionConfig;
///
/// assert_eq!(CompressionConfig::default().min_size(), Some(10_240));
/// assert_eq!(CompressionConfig::with_min_size(0).unwrap().min_size(), Some(0));
/// assert!(CompressionConfig::with_min_size(10_485_761).is_err());
/// assert_eq!(CompressionConfig::disabled().min_size(), None);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CompressionConfig {
    /// Bodies of at least this many bytes are compressed; `None`: never.
    min_size: Option<u32>,
}

impl CompressionConfig {
    /// The smallest body compressed unless configured otherwise, in bytes.
    pub const DEFAULT_MIN_SIZE: u32 = 10_240;
    /// The largest minimum size Smithy allows, in bytes (10 MiB).
    pub const MAX_MIN_SIZE: u32 = 10_485_760;

    /// No request is compressed.
    pub const fn disabled() -> Self {
        Self { min_size: None }
    }

    /// Bodies of at least `bytes` bytes are compressed; more than [`Self::MAX_MIN_SIZE`] is
    /// refused, with a message.
    pub fn with_min_size(bytes: u32) -> Result<Self, String> {
        if bytes > Self::MAX_MIN_SIZE {
            return Err(format!(
                "the minimum size for request compression is at most {} bytes, not {bytes}",
                Self::MAX_MIN_SIZE
            ));
        }
        Ok(Self {
            min_size: Some(bytes),
        })
    }

    /// The smallest body that is compressed, in bytes; `None` when compression is off.
    pub fn min_size(&self) -> Option<u32> {
        self.min_size
    }
}

impl Default for CompressionConfig {
    fn default() -> Self {
        Self {
            min_size: Some(Self::DEFAULT_MIN_SIZE),
        }
    }
}

/// Applies the operation's body traits to a serialized request: gzip when `O` has
/// `@requestCompression` and the body is large enough (and the runtime's
/// `request-compression` feature is on, which the generated crate turns on for models that
/// need it), then `Content-MD5` when `O` has `@httpChecksumRequired` and the request has
/// none yet.
pub fn finish_body<O: Operation>(
    request: &mut http::Request<Vec<u8>>,
    compression: &CompressionConfig,
) -> Result<(), RequestError> {
    if O::COMPRESS_REQUEST
        && compression
            .min_size
            .is_some_and(|min| request.body().len() as u64 >= u64::from(min))
    {
        compress(O::NAME, request)?;
    }
    if O::CONTENT_MD5 && !request.headers().contains_key("content-md5") {
        let digest = Md5::digest(request.body());
        let value = crate::Blob::new(digest.to_vec()).to_base64();
        let value = HeaderValue::try_from(value)
            .map_err(|_| RequestError::new(O::NAME, "the Content-MD5 value is not a header"))?;
        request.headers_mut().insert("content-md5", value);
    }
    Ok(())
}

#[cfg(feature = "request-compression")]
fn compress(
    operation: &'static str,
    request: &mut http::Request<Vec<u8>>,
) -> Result<(), RequestError> {
    use http::header::{CONTENT_ENCODING, CONTENT_LENGTH};
    use std::io::Write;

    let failed = |error: std::io::Error| RequestError::new(operation, format!("gzip: {error}"));
    let mut encoder = flate2::write::GzEncoder::new(
        Vec::with_capacity(request.body().len() / 2),
        flate2::Compression::default(),
    );
    encoder.write_all(request.body()).map_err(failed)?;
    *request.body_mut() = encoder.finish().map_err(failed)?;
    // A `Content-Encoding` the input set stays first: the server undoes gzip first.
    let encoding = match request.headers().get(CONTENT_ENCODING) {
        Some(existing) if !existing.is_empty() => {
            let mut joined = existing.as_bytes().to_vec();
            joined.extend_from_slice(b", gzip");
            HeaderValue::from_bytes(&joined).map_err(|_| {
                RequestError::new(operation, "the Content-Encoding value is not a header")
            })?
        }
        _ => HeaderValue::from_static("gzip"),
    };
    let length = HeaderValue::from(request.body().len());
    let headers = request.headers_mut();
    headers.insert(CONTENT_ENCODING, encoding);
    if headers.contains_key(CONTENT_LENGTH) {
        headers.insert(CONTENT_LENGTH, length);
    }
    Ok(())
}

/// Without the `request-compression` feature, bodies go as they are (compression is an
/// optimisation the service does not require).
#[cfg(not(feature = "request-compression"))]
fn compress(
    _operation: &'static str,
    _request: &mut http::Request<Vec<u8>>,
) -> Result<(), RequestError> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::{CompressionConfig, finish_body};
    use crate::call::ServiceInfo;
    use crate::operation::Operation;
    use crate::wire::RequestError;
    use crate::{UnhandledError, ValidationError};

    static SERVICE: ServiceInfo = ServiceInfo {
        name: "Test",
        signing_name: None,
        rule_set: None,
        partitions: None,
    };

    /// Sends its input as the body, with the input's `Content-Encoding` if any.
    struct Put<const COMPRESS: bool, const MD5: bool>;

    impl<const COMPRESS: bool, const MD5: bool> Operation for Put<COMPRESS, MD5> {
        type Input = (Vec<u8>, Option<&'static str>);
        type Output = ();
        type Error = UnhandledError;
        const NAME: &'static str = "Put";
        const SERVICE: &'static ServiceInfo = &SERVICE;
        const COMPRESS_REQUEST: bool = COMPRESS;
        const CONTENT_MD5: bool = MD5;

        fn validate(_input: &Self::Input) -> Result<(), ValidationError> {
            Ok(())
        }

        fn build_request(
            input: &Self::Input,
            endpoint_url: &str,
        ) -> Result<http::Request<Vec<u8>>, RequestError> {
            let mut builder =
                crate::wire::RequestBuilder::new(Self::NAME, "PUT", endpoint_url.to_string());
            if let Some(encoding) = input.1 {
                builder = builder.header("Content-Encoding", encoding);
            }
            builder.body(input.0.clone()).build()
        }

        fn parse_response(_: &http::Response<Vec<u8>>) -> Result<(), UnhandledError> {
            Ok(())
        }
    }

    fn finish<O: Operation<Input = (Vec<u8>, Option<&'static str>)>>(
        body: &[u8],
        encoding: Option<&'static str>,
        compression: CompressionConfig,
    ) -> http::Request<Vec<u8>> {
        let mut request = O::build_request(&(body.to_vec(), encoding), "https://x").unwrap();
        finish_body::<O>(&mut request, &compression).unwrap();
        request
    }

    #[test]
    fn content_md5_is_the_base64_md5_of_the_body() {
        // The vector of Smithy's RestJsonHttpChecksumRequired case.
        let body = br#"{"foo":"base64 encoded md5 checksum"}"#;
        let request = finish::<Put<false, true>>(body, None, CompressionConfig::default());
        assert_eq!(request.headers()["content-md5"], "iB0/3YSo7maijL0IGOgA9g==");
        let plain = finish::<Put<false, false>>(body, None, CompressionConfig::default());
        assert!(!plain.headers().contains_key("content-md5"));
    }

    #[cfg(feature = "request-compression")]
    #[test]
    fn bodies_from_the_minimum_size_are_gzipped_and_decode_back() {
        use md5::Digest;
        use std::io::Read;

        let body: Vec<u8> = (0..20_000u32).map(|index| (index % 251) as u8).collect();
        let request =
            finish::<Put<true, true>>(&body, Some("custom"), CompressionConfig::default());
        assert_eq!(request.headers()["content-encoding"], "custom, gzip");
        assert_eq!(
            request.headers()["content-length"],
            request.body().len().to_string().as_str()
        );
        let mut decoded = Vec::new();
        flate2::read::GzDecoder::new(request.body().as_slice())
            .read_to_end(&mut decoded)
            .unwrap();
        assert_eq!(decoded, body);
        // The checksum covers what is sent.
        let sent = crate::Blob::new(md5::Md5::digest(request.body()).to_vec()).to_base64();
        assert_eq!(request.headers()["content-md5"], sent.as_str());

        let small = finish::<Put<true, false>>(&body[..10_239], None, CompressionConfig::default());
        assert!(!small.headers().contains_key("content-encoding"));
        assert_eq!(small.body().len(), 10_239);
        let at_minimum =
            finish::<Put<true, false>>(&body[..10_240], None, CompressionConfig::default());
        assert_eq!(at_minimum.headers()["content-encoding"], "gzip");
        let off = finish::<Put<true, false>>(&body, None, CompressionConfig::disabled());
        assert_eq!(off.body(), &body);
        let zero = CompressionConfig::with_min_size(0).unwrap();
        let empty = finish::<Put<true, false>>(b"", None, zero);
        assert_eq!(empty.headers()["content-encoding"], "gzip");
        let not_asked = finish::<Put<false, false>>(&body, None, zero);
        assert_eq!(not_asked.body(), &body);
    }
}
