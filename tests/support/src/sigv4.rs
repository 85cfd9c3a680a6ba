//! An independent SigV4 check: from the request as it arrived (method, raw target, headers,
//! body) to the canonical request, the string to sign and the signature, with its own
//! HMAC-SHA256 chain. It shares no code with the runtime's signer or `aws-sigv4`, so a
//! request that passes here was signed right, not merely signed the same wrong way.

use hmac::{Hmac, KeyInit, Mac};
use sha2::{Digest, Sha256};

/// The algorithm name in the `Authorization` header and the string to sign.
const ALGORITHM: &str = "AWS4-HMAC-SHA256";

/// The payload hash a request may announce instead of hashing its body.
const UNSIGNED_PAYLOAD: &str = "UNSIGNED-PAYLOAD";

/// A request as the server read it off the socket.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RawRequest {
    /// `GET`, `POST`, ...
    pub method: String,
    /// The request target as sent: path and query, still percent-encoded.
    pub target: String,
    /// The headers in the order sent, names as sent.
    pub headers: Vec<(String, String)>,
    /// The body.
    pub body: Vec<u8>,
}

impl RawRequest {
    /// The values of header `name` (any case), in the order sent.
    pub fn header_values<'a>(&'a self, name: &str) -> impl Iterator<Item = &'a str> + use<'a> {
        let name = name.to_ascii_lowercase();
        self.headers
            .iter()
            .filter(move |(key, _)| key.eq_ignore_ascii_case(&name))
            .map(|(_, value)| value.as_str())
    }

    /// The first value of header `name` (any case).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.header_values(name).next()
    }
}

/// How the service signs: S3 signs the path as sent, every other service normalizes it and
/// encodes it a second time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PathRules {
    /// Encode the (already encoded) path again, segment by segment.
    pub double_encode: bool,
    /// Remove `.` and `..` segments and empty segments first.
    pub normalize: bool,
}

impl Default for PathRules {
    fn default() -> Self {
        Self {
            double_encode: true,
            normalize: true,
        }
    }
}

/// What the `Authorization` header claims.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Authorization {
    /// The access key id.
    pub access_key_id: String,
    /// `YYYYMMDD` of the credential scope.
    pub date: String,
    /// The region of the credential scope.
    pub region: String,
    /// The service (signing name) of the credential scope.
    pub service: String,
    /// The signed header names, lowercase, as listed.
    pub signed_headers: Vec<String>,
    /// The signature, lowercase hex.
    pub signature: String,
}

impl Authorization {
    /// Reads `AWS4-HMAC-SHA256 Credential=AK/date/region/service/aws4_request,
    /// SignedHeaders=a;b, Signature=hex`.
    pub fn parse(header: &str) -> Result<Self, String> {
        let rest = header
            .strip_prefix(ALGORITHM)
            .ok_or_else(|| format!("the Authorization header does not start with {ALGORITHM}"))?;
        let mut credential = None;
        let mut signed_headers = None;
        let mut signature = None;
        for part in rest.split(',') {
            let (key, value) = part
                .trim()
                .split_once('=')
                .ok_or_else(|| format!("Authorization part `{part}` has no `=`"))?;
            match key {
                "Credential" => credential = Some(value),
                "SignedHeaders" => signed_headers = Some(value),
                "Signature" => signature = Some(value),
                other => return Err(format!("unknown Authorization part `{other}`")),
            }
        }
        let credential = credential.ok_or("no Credential in the Authorization header")?;
        let scope: Vec<&str> = credential.split('/').collect();
        let [access_key_id, date, region, service, "aws4_request"] = scope.as_slice() else {
            return Err(format!(
                "the credential `{credential}` is not key/date/region/service/aws4_request"
            ));
        };
        Ok(Self {
            access_key_id: (*access_key_id).to_string(),
            date: (*date).to_string(),
            region: (*region).to_string(),
            service: (*service).to_string(),
            signed_headers: signed_headers
                .ok_or("no SignedHeaders in the Authorization header")?
                .split(';')
                .map(str::to_string)
                .collect(),
            signature: signature
                .ok_or("no Signature in the Authorization header")?
                .to_string(),
        })
    }

    /// `date/region/service/aws4_request`.
    pub fn scope(&self) -> String {
        format!(
            "{}/{}/{}/aws4_request",
            self.date, self.region, self.service
        )
    }
}

/// The three intermediate results of a signature, for comparing with recorded vectors.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Recomputed {
    /// The canonical request.
    pub canonical_request: String,
    /// The string to sign.
    pub string_to_sign: String,
    /// The signature, lowercase hex.
    pub signature: String,
}

/// A verified request: who signed it, for which region and service.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Verified {
    /// The claims of the `Authorization` header, all checked.
    pub authorization: Authorization,
    /// The recomputed values.
    pub recomputed: Recomputed,
}

/// Recomputes the signature of `request` with `secret_access_key` and compares it with the
/// one it carries; `Err` says why it does not verify.
pub fn verify(
    request: &RawRequest,
    secret_access_key: &str,
    rules: PathRules,
) -> Result<Verified, String> {
    let header = request
        .header("authorization")
        .ok_or("the request is not signed: no Authorization header")?;
    let authorization = Authorization::parse(header)?;
    let recomputed = recompute(request, &authorization, secret_access_key, rules)?;
    if recomputed.signature != authorization.signature {
        return Err(format!(
            "the signature does not verify: sent {}, expected {}\ncanonical request:\n{}\nstring to sign:\n{}",
            authorization.signature,
            recomputed.signature,
            recomputed.canonical_request,
            recomputed.string_to_sign
        ));
    }
    Ok(Verified {
        authorization,
        recomputed,
    })
}

/// The canonical request, string to sign and signature `request` should carry under the
/// claims of `authorization`.
pub fn recompute(
    request: &RawRequest,
    authorization: &Authorization,
    secret_access_key: &str,
    rules: PathRules,
) -> Result<Recomputed, String> {
    let amz_date = request
        .header("x-amz-date")
        .ok_or("no X-Amz-Date header")?
        .trim();
    if !amz_date.starts_with(&authorization.date) {
        return Err(format!(
            "X-Amz-Date {amz_date} is not on the scope's date {}",
            authorization.date
        ));
    }
    for required in ["host", "x-amz-date"] {
        if !authorization
            .signed_headers
            .iter()
            .any(|name| name == required)
        {
            return Err(format!("`{required}` is not among the signed headers"));
        }
    }
    let canonical_request = canonical_request(request, &authorization.signed_headers, rules)?;
    let string_to_sign = format!(
        "{ALGORITHM}\n{amz_date}\n{}\n{}",
        authorization.scope(),
        hex::encode(Sha256::digest(canonical_request.as_bytes()))
    );
    let key = signing_key(
        secret_access_key,
        &authorization.date,
        &authorization.region,
        &authorization.service,
    );
    let signature = hex::encode(hmac(&key, string_to_sign.as_bytes()));
    Ok(Recomputed {
        canonical_request,
        string_to_sign,
        signature,
    })
}

/// Method, canonical path, canonical query, the signed headers with their values, the signed
/// header list and the payload hash, one per line.
fn canonical_request(
    request: &RawRequest,
    signed_headers: &[String],
    rules: PathRules,
) -> Result<String, String> {
    let (path, query) = request
        .target
        .split_once('?')
        .unwrap_or((request.target.as_str(), ""));
    let mut lines = vec![
        request.method.clone(),
        canonical_path(path, rules),
        canonical_query(query),
    ];
    for name in signed_headers {
        if name.to_ascii_lowercase() != *name {
            return Err(format!("signed header `{name}` is not lowercase"));
        }
        let values: Vec<String> = request.header_values(name).map(squeeze_spaces).collect();
        if values.is_empty() {
            return Err(format!("signed header `{name}` is not in the request"));
        }
        lines.push(format!("{name}:{}", values.join(",")));
    }
    let mut sorted = signed_headers.to_vec();
    sorted.sort();
    if sorted != signed_headers {
        return Err("the signed headers are not sorted".to_string());
    }
    lines.push(String::new());
    lines.push(signed_headers.join(";"));
    lines.push(payload_hash(request, signed_headers)?);
    Ok(lines.join("\n"))
}

/// The body's SHA-256, or what `x-amz-content-sha256` announces when it is signed (checked
/// against the body unless it is `UNSIGNED-PAYLOAD`).
fn payload_hash(request: &RawRequest, signed_headers: &[String]) -> Result<String, String> {
    let body_hash = hex::encode(Sha256::digest(&request.body));
    let announced = signed_headers
        .iter()
        .any(|name| name == "x-amz-content-sha256")
        .then(|| request.header("x-amz-content-sha256"))
        .flatten();
    match announced.map(str::trim) {
        None => Ok(body_hash),
        Some(UNSIGNED_PAYLOAD) => Ok(UNSIGNED_PAYLOAD.to_string()),
        Some(hash) if hash == body_hash => Ok(body_hash),
        Some(hash) => Err(format!(
            "x-amz-content-sha256 says {hash} but the body hashes to {body_hash}"
        )),
    }
}

/// The path as signed: normalized and encoded once more, unless the rules say otherwise.
fn canonical_path(path: &str, rules: PathRules) -> String {
    let path = if path.is_empty() { "/" } else { path };
    let path = if rules.normalize {
        normalize_path(path)
    } else {
        path.to_string()
    };
    if !rules.double_encode {
        return path;
    }
    path.split('/')
        .map(|segment| encode_strict(segment.as_bytes()))
        .collect::<Vec<_>>()
        .join("/")
}

/// Removes `.`, `..` and empty segments, keeping the leading and any trailing slash.
fn normalize_path(path: &str) -> String {
    let mut kept: Vec<&str> = Vec::new();
    for segment in path.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                kept.pop();
            }
            other => kept.push(other),
        }
    }
    let mut normalized = format!("/{}", kept.join("/"));
    if path.ends_with('/') && !normalized.ends_with('/') {
        normalized.push('/');
    }
    normalized
}

/// The query's pairs decoded, encoded strictly, sorted by name then value.
fn canonical_query(query: &str) -> String {
    let mut pairs: Vec<(String, String)> = query
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
            (
                encode_strict(&percent_decode(name)),
                encode_strict(&percent_decode(value)),
            )
        })
        .collect();
    pairs.sort();
    pairs
        .iter()
        .map(|(name, value)| format!("{name}={value}"))
        .collect::<Vec<_>>()
        .join("&")
}

/// Every byte but the unreserved `A-Z a-z 0-9 - . _ ~` as `%XX` (uppercase hex).
fn encode_strict(bytes: &[u8]) -> String {
    let mut encoded = String::with_capacity(bytes.len());
    for &byte in bytes {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            encoded.push(char::from(byte));
        } else {
            encoded.push_str(&format!("%{byte:02X}"));
        }
    }
    encoded
}

/// `%XX` sequences decoded; anything else (a stray `%` included) kept as it is.
fn percent_decode(text: &str) -> Vec<u8> {
    let bytes = text.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut index = 0;
    while index < bytes.len() {
        let hex_pair = bytes
            .get(index + 1..index + 3)
            .and_then(|pair| std::str::from_utf8(pair).ok())
            .and_then(|pair| u8::from_str_radix(pair, 16).ok());
        match (bytes[index], hex_pair) {
            (b'%', Some(byte)) => {
                decoded.push(byte);
                index += 3;
            }
            (byte, _) => {
                decoded.push(byte);
                index += 1;
            }
        }
    }
    decoded
}

/// The value trimmed, with each run of spaces inside reduced to one.
fn squeeze_spaces(value: &str) -> String {
    value.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `HMAC(HMAC(HMAC(HMAC("AWS4" + secret, date), region), service), "aws4_request")`.
fn signing_key(secret: &str, date: &str, region: &str, service: &str) -> Vec<u8> {
    let mut key = hmac(format!("AWS4{secret}").as_bytes(), date.as_bytes());
    for part in [region, service, "aws4_request"] {
        key = hmac(&key, part.as_bytes());
    }
    key
}

fn hmac(key: &[u8], data: &[u8]) -> Vec<u8> {
    // HMAC takes keys of any length, so this cannot fail.
    let mut mac = Hmac::<Sha256>::new_from_slice(key).expect("HMAC accepts any key length");
    mac.update(data);
    mac.finalize().into_bytes().to_vec()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_normalized_then_encoded_again() {
        let rules = PathRules::default();
        assert_eq!(canonical_path("/a/./b/../c//d/", rules), "/a/c/d/");
        assert_eq!(canonical_path("/x/a%2Fb", rules), "/x/a%252Fb");
        assert_eq!(canonical_path("", rules), "/");
        let as_sent = PathRules {
            double_encode: false,
            normalize: false,
        };
        assert_eq!(canonical_path("/b/./c%20d", as_sent), "/b/./c%20d");
    }

    #[test]
    fn query_pairs_are_sorted_and_encoded_strictly() {
        assert_eq!(
            canonical_query("b=2&a=10&a=1&c=&a%20b=%2F%3D&t=~&s=a+b"),
            "a=1&a=10&a%20b=%2F%3D&b=2&c=&s=a%2Bb&t=~"
        );
    }

    #[test]
    fn the_authorization_header_is_read_part_by_part() {
        let parsed = Authorization::parse(
            "AWS4-HMAC-SHA256 Credential=AK/20240101/eu-west-1/svc/aws4_request, \
             SignedHeaders=host;x-amz-date, Signature=abc",
        )
        .unwrap();
        assert_eq!(parsed.scope(), "20240101/eu-west-1/svc/aws4_request");
        assert_eq!(parsed.signed_headers, ["host", "x-amz-date"]);
        assert!(Authorization::parse("AWS4-HMAC-SHA256 Credential=AK/x/y").is_err());
        assert!(Authorization::parse("Basic abc").is_err());
    }
}
