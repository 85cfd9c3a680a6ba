#!/usr/bin/env python3
"""SigV4 known-answer vectors for Anvil's signer, computed by botocore.

botocore's own SigV4 signer (``botocore.auth.SigV4Auth``, and ``S3SigV4Auth`` for
the S3-style cases) signs a set of requests with fixed credentials at a fixed
time. The script records each request, the canonical request and string to sign
botocore built, the signature, and every header of the signed request in
``tests/fixtures/sigv4/*.json``. ``runtime/tests/sigv4_vectors.rs`` signs the same
requests with Anvil's signer and compares.

The requests of the five operations are taken from the botocore request fixtures
(``tests/fixtures/botocore/*.json``): method, URL and the protocol headers as
botocore sent them, and the body re-serialized from the recorded JSON. Extra cases
cover path encoding, query canonicalization, header whitespace, empty bodies and
the S3-style options.

It is run by hand, never by CI, with botocore BOTOCORE_VERSION installed (see
``tests/botocore/README.md``).

    python make_sigv4_vectors.py           # (re)write the vectors
    python make_sigv4_vectors.py --check   # exit 1 if a file would change
"""

import argparse
import datetime
import hashlib
import json
import os
import sys
from pathlib import Path

for _name in list(os.environ):
    if _name.startswith("AWS_"):
        del os.environ[_name]
os.environ["AWS_CONFIG_FILE"] = os.devnull
os.environ["AWS_SHARED_CREDENTIALS_FILE"] = os.devnull

import botocore  # noqa: E402
import botocore.auth  # noqa: E402
from botocore.awsrequest import AWSRequest  # noqa: E402
from botocore.credentials import Credentials  # noqa: E402

BOTOCORE_VERSION = "1.40.28"

REPO = Path(__file__).resolve().parents[2]
REQUEST_FIXTURES = REPO / "tests" / "fixtures" / "botocore"
DEFAULT_OUT = REPO / "tests" / "fixtures" / "sigv4"

# 2023-11-14T22:15:23Z, the instant every vector is signed at.
SIGNING_TIME = datetime.datetime(2023, 11, 14, 22, 15, 23, tzinfo=datetime.timezone.utc)

# AWS's documented example key pair, and a made-up session token that has the
# characters real tokens carry (`/`, `+`, `=`).
ACCESS_KEY_ID = "AKIDEXAMPLE"
SECRET_ACCESS_KEY = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
SESSION_TOKEN = (
    "IQoJb3JpZ2luX2VjEXAMPLE//////////wEaCXVzLWVhc3QtMSJHMEUCIQD6+example"
    "/SESSIONtoken+withPADDING=="
)

USER_AGENT = "anvil-sdk/0.1.0 os/linux lang/rust"

# Which request fixtures of each operation become vectors. The first request of
# every file is signed twice (long-term and session credentials). The datazone
# label cases (`*_identifier_*`: percent-encoded text, `.`, `..`, empty labels)
# exercise double encoding and path normalization, the region cases the scope.
# Vectors where botocore and aws-sigv4 are known to build different canonical
# requests, and why. The Rust test checks that they differ in the path alone.
KNOWN_DIVERGENCES = {
    name: (
        "botocore normalizes the path with posixpath.normpath, which drops the slash "
        "that a final `.` or `..` segment leaves; aws-sigv4 keeps it, as RFC 3986 "
        "remove_dot_segments does (`/a/b/.` is `/a/b/`)"
    )
    for name in (
        "datazone_UpdateUserProfile_user_identifier_dot",
        "datazone_UpdateUserProfile_user_identifier_dot_dot",
    )
}

OPERATIONS = [
    ("identitystore", "UpdateUser"),
    ("workmail", "UpdateUser"),
    ("codestar", "UpdateUserProfile"),
    ("datazone", "UpdateUserProfile"),
    ("datazone", "CreateUserProfile"),
]


def fail(message):
    sys.exit("make_sigv4_vectors: " + message)


def compact_json(value):
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)


class Recorder:
    """Wraps a botocore signer class and keeps what it computed."""

    @staticmethod
    def wrap(base):
        class Recording(base):
            def canonical_request(self, request):
                self.recorded_canonical_request = super().canonical_request(request)
                return self.recorded_canonical_request

            def string_to_sign(self, request, canonical_request):
                self.recorded_string_to_sign = super().string_to_sign(
                    request, canonical_request
                )
                return self.recorded_string_to_sign

            def signature(self, string_to_sign, request):
                self.recorded_signature = super().signature(string_to_sign, request)
                return self.recorded_signature

        return Recording


def sign(case):
    """Signs one case with botocore and returns the vector to record."""
    signing = case["signing"]
    credentials = Credentials(ACCESS_KEY_ID, SECRET_ACCESS_KEY, case["session_token"])
    base = botocore.auth.S3SigV4Auth if signing["disable_double_encoding"] else botocore.auth.SigV4Auth
    signer = Recorder.wrap(base)(credentials, signing["name"], signing["region"])

    body = case["body"].encode("utf-8")
    request = AWSRequest(method=case["method"], url=case["url"], data=body)
    for name, value in case["headers"]:
        request.headers[name] = value  # HTTPHeaders appends: repeated names stay repeated
    if signing["unsigned_payload"]:
        # SigV4Auth then sends (and signs) `X-Amz-Content-SHA256: UNSIGNED-PAYLOAD`.
        request.context["payload_signing_enabled"] = False
        if signing["disable_double_encoding"]:
            request.context["client_config"] = type("Config", (), {"s3": {"payload_signing_enabled": False}})()
    elif signing["content_sha256_header"] and not signing["disable_double_encoding"]:
        # Plain SigV4Auth has no switch for the header; set it to the body hash
        # before signing, which botocore then signs and uses as the payload hash.
        request.headers["X-Amz-Content-SHA256"] = hashlib.sha256(body).hexdigest()
    elif signing["disable_double_encoding"] and not signing["content_sha256_header"]:
        fail("%s: S3SigV4Auth always sends x-amz-content-sha256" % case["name"])

    original = botocore.auth.get_current_datetime
    botocore.auth.get_current_datetime = lambda: SIGNING_TIME
    try:
        signer.add_auth(request)
    finally:
        botocore.auth.get_current_datetime = original

    vector = {
        "name": case["name"],
        "why": case["why"],
        "request": {
            "method": case["method"],
            "url": case["url"],
            "headers": [list(pair) for pair in case["headers"]],
            "body": case["body"],
        },
        "credentials": {
            "access_key_id": ACCESS_KEY_ID,
            "secret_access_key": SECRET_ACCESS_KEY,
            "session_token": case["session_token"],
        },
        "signing": dict(
            signing,
            time=SIGNING_TIME.strftime("%Y%m%dT%H%M%SZ"),
            time_epoch_seconds=int(SIGNING_TIME.timestamp()),
        ),
        "expect": {
            "canonical_request": signer.recorded_canonical_request,
            "string_to_sign": signer.recorded_string_to_sign,
            "signature": signer.recorded_signature,
            "headers": [[name, value] for name, value in request.headers.items()],
        },
    }
    if case["name"] in KNOWN_DIVERGENCES:
        vector["known_divergence"] = KNOWN_DIVERGENCES[case["name"]]
    return vector


def signing(name, region, *, s3_style=False, content_sha256=False, unsigned=False):
    return {
        "name": name,
        "region": region,
        "disable_double_encoding": s3_style,
        "content_sha256_header": content_sha256,
        "unsigned_payload": unsigned,
    }


def fixture_case(service, operation, recorded, session_token, suffix=""):
    """A signing case built from one request of a botocore request fixture."""
    expect = recorded["expect"]
    body = "" if expect["body"] is None else compact_json(expect["body"])
    headers = []
    if expect["content_type"] is not None:
        headers.append(("Content-Type", expect["content_type"]))
    if expect["target"] is not None:
        headers.append(("X-Amz-Target", expect["target"]))
    headers.append(("Content-Length", str(len(body.encode("utf-8")))))
    headers.append(("User-Agent", USER_AGENT))
    return {
        "name": "%s_%s_%s%s" % (service, operation, recorded["name"], suffix),
        "why": "the `%s` request of tests/fixtures/botocore/%s_%s.json%s"
        % (recorded["name"], service, operation,
           ", with a session token" if session_token else ""),
        "method": expect["method"],
        "url": expect["url"],
        "headers": headers,
        "body": body,
        "session_token": session_token,
        "signing": signing(service, recorded["region"]),
    }


def operation_cases(service, operation):
    path = REQUEST_FIXTURES / ("%s_%s.json" % (service, operation))
    fixture = json.loads(path.read_text(encoding="utf-8"))
    requests = fixture["requests"]
    cases = [
        fixture_case(service, operation, requests[0], None),
        fixture_case(service, operation, requests[0], SESSION_TOKEN, "_session"),
    ]
    for recorded in requests[1:]:
        if "_identifier_" in recorded["name"] or recorded["region"] != "us-east-1":
            cases.append(fixture_case(service, operation, recorded, None))
    return cases


def extra_cases():
    host = "https://example.amazonaws.com"
    json_headers = [("Content-Type", "application/json")]
    base = {"headers": [], "body": "", "session_token": None,
            "signing": signing("service", "us-east-1")}

    def case(name, why, method, url, **overrides):
        return dict(base, name=name, why=why, method=method, url=url, **overrides)

    return [
        case("path_space_unicode_slash",
             "a restJson label with a space, an encoded slash, a plus, a percent "
             "and non-ASCII text: botocore encodes the sent path a second time",
             "PUT", host + "/v2/domains/dzd%20a%2Fb%2B%C3%A9%25/user-profiles/x",
             headers=json_headers, body='{"status":"ASSIGNED"}'),
        case("path_dot_segments",
             "`.` and `..` segments and a doubled slash are normalized before signing",
             "GET", host + "/a/./b/../c//d/"),
        case("path_s3_style",
             "S3 style: the path is signed as sent (single encoding, no normalization) "
             "and the payload hash goes into x-amz-content-sha256",
             "PUT", host + "/bucket/a%2Fb/./c%20d",
             body="object data", signing=signing("s3", "us-east-1", s3_style=True, content_sha256=True)),
        case("query_repeated_unsorted",
             "query pairs out of order, a repeated key, an empty value and encoded text "
             "are sorted by name, then value",
             "GET", host + "/?b=2&a=10&a=1&c=&Z=upper&a%20b=%2F%3D&tilde=~"),
        case("header_whitespace",
             "header values with outer and inner runs of spaces, and a header sent twice",
             "POST", host + "/",
             headers=[("Content-Type", "application/x-amz-json-1.1"),
                      ("X-Amz-Target", "  Service.Operation  "),
                      ("X-Custom", "  a   b    c "),
                      ("X-Repeated", "one"),
                      ("X-Repeated", "  two   parts  ")],
             body="{}"),
        case("empty_body_get", "GET with no body: the payload hash is that of nothing",
             "GET", host + "/"),
        case("empty_body_post_session",
             "POST with an empty body and session credentials",
             "POST", host + "/", headers=json_headers, session_token=SESSION_TOKEN),
        case("content_sha256_header",
             "x-amz-content-sha256 on a service that double-encodes its path",
             "POST", host + "/items/a%2Fb", headers=json_headers, body='{"k":"v"}',
             signing=signing("service", "us-east-1", content_sha256=True)),
        case("unsigned_payload",
             "UNSIGNED-PAYLOAD in place of the body hash, announced in x-amz-content-sha256",
             "PUT", host + "/upload", body="streamed bytes",
             signing=signing("service", "us-east-1", unsigned=True)),
        case("non_default_port",
             "the signed host keeps a port that is not the scheme's default",
             "GET", "https://example.amazonaws.com:8443/"),
        case("signing_name_and_region_override",
             "an endpoint auth scheme's signingName and signingRegion differ from the host",
             "POST", "https://api.example.com/", headers=json_headers, body="{}",
             signing=signing("execute-api", "eu-central-1")),
    ]


def render(document):
    return json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true",
                        help="write nothing; exit 1 if a committed file would change")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT,
                        help="directory to write the vectors to")
    args = parser.parse_args()
    if botocore.__version__ != BOTOCORE_VERSION:
        fail("needs botocore %s, found %s" % (BOTOCORE_VERSION, botocore.__version__))

    files = {}
    for service, operation in OPERATIONS:
        files["%s_%s.json" % (service, operation)] = operation_cases(service, operation)
    files["edge_cases.json"] = extra_cases()

    stale = []
    all_names = set()
    for file_name, cases in files.items():
        names = [case["name"] for case in cases]
        all_names.update(names)
        if len(set(names)) != len(names):
            fail("%s: duplicate case names" % file_name)
        text = render({
            "botocore_version": BOTOCORE_VERSION,
            "vectors": [sign(case) for case in cases],
        })
        target = args.out / file_name
        if args.check:
            if not target.exists() or target.read_text(encoding="utf-8") != text:
                stale.append(file_name)
        else:
            args.out.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
    unused = set(KNOWN_DIVERGENCES) - all_names
    if unused:
        fail("known divergences for cases that do not exist: %s" % sorted(unused))
    if stale:
        print("out of date: " + ", ".join(stale))
        sys.exit(1)


if __name__ == "__main__":
    main()
