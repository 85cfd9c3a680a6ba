#!/usr/bin/env python3
"""Differential fixtures for Anvil's wire protocols, recorded from botocore.

For each of the five operations this script drives a real botocore client with
fake credentials. A ``before-send`` hook captures the finished HTTP request and
answers with a canned HTTP response, so nothing leaves the machine. What botocore
sent, and what it made of each canned response, is written to
``tests/fixtures/botocore/<service>_<Operation>.json``.

It is run by hand, never by CI, with botocore BOTOCORE_VERSION installed. CodeStar
was retired and later botocore releases no longer ship its model, so the codestar
service model is taken from the wheel of botocore CODESTAR_MODEL_VERSION (the last
release that has it) and loaded into the same botocore through its data path. All
five operations therefore go through one botocore library. The exact commands are
in ``tests/botocore/README.md``.

    python make_fixtures.py --codestar-wheel WHEEL           # (re)write the fixtures
    python make_fixtures.py --codestar-wheel WHEEL --check   # exit 1 if one would change
"""

import argparse
import base64
import datetime
import hashlib
import json
import os
import tempfile
import time
import unicodedata
import zipfile
from pathlib import Path

# A fixed environment, set up before botocore is imported: no AWS_* variables,
# no config or credentials files, no instance metadata, and UTC as local time
# (botocore returns epoch-second timestamps in the local zone).
for _name in list(os.environ):
    if _name.startswith("AWS_"):
        del os.environ[_name]
os.environ["AWS_CONFIG_FILE"] = os.devnull
os.environ["AWS_SHARED_CREDENTIALS_FILE"] = os.devnull
os.environ["AWS_EC2_METADATA_DISABLED"] = "true"
os.environ["TZ"] = "UTC"
time.tzset()

import botocore  # noqa: E402
import botocore.session  # noqa: E402
from botocore.awsrequest import AWSResponse  # noqa: E402
from botocore.config import Config  # noqa: E402
from botocore.exceptions import ClientError  # noqa: E402

# The botocore release that records everything: the newest one whose
# identitystore, workmail and datazone models have exactly the members of
# models/*.json (1.40.29 adds datazone's IamUserProfileDetails.principalId;
# releases before 1.36.0 lack workmail's UpdateUser.IdentityProviderUserId).
BOTOCORE_VERSION = "1.40.28"
# The newest release that still ships the codestar model (1.35.3 dropped it),
# and the SHA-256 of its wheel on PyPI.
CODESTAR_MODEL_VERSION = "1.35.2"
CODESTAR_WHEEL = "botocore-%s-py3-none-any.whl" % CODESTAR_MODEL_VERSION
CODESTAR_WHEEL_SHA256 = "92b168d8be79055bb25754aa34d699866d8aa66abc69f8ce99b0c191bd9c6e70"

REPO = Path(__file__).resolve().parents[2]
MODELS = REPO / "models"
DEFAULT_OUT = REPO / "tests" / "fixtures" / "botocore"

REGION = "us-east-1"

# ---------------------------------------------------------------------------
# Shared test values
# ---------------------------------------------------------------------------

ASTRAL = "\U0001F600 \U0001D400 \U00020000"  # emoji, math bold A, CJK ext. B
FAMILY = "\U0001F469\u200d\U0001F469\u200d\U0001F467"  # ZWJ emoji sequence
BMP = "Zo\u00eb \u00c5ngstr\u00f6m \u6771\u4eac \u0395\u03bb\u03bb\u03ac\u03b4\u03b1"
RTL = "\u05e9\u05dc\u05d5\u05dd \u0645\u0631\u062d\u0628\u0627"
# Everything a JSON encoder must (or may choose to) escape.
ESCAPES = (
    'quote " backslash \\ slash / nul \x00 bell \x07 bs \b ff \f '
    "lf \n cr \r tab \t us \x1f del \x7f"
)
SEPARATORS = "line\u2028para\u2029nel\u0085end"
INVISIBLE = "bom\ufeff zwsp\u200b zwj\u200d e\u0301 nbsp\u00a0 shy\u00ad"
HTML = "<script>alert('x')</script> & </b> &amp;"

UUID = "b8e4b7a6-2e4f-4c5a-9d7e-0123456789ab"


def request_id(n):
    """A fixed, well-formed request id for response case number n."""
    return "%08x-0000-4000-8000-%012x" % (0x5EED0000 + n, n)


# ---------------------------------------------------------------------------
# The Smithy models in models/ (what the code generator reads)
# ---------------------------------------------------------------------------

PRELUDE = {
    "String": "string",
    "Boolean": "boolean",
    "PrimitiveBoolean": "boolean",
    "Integer": "integer",
    "PrimitiveInteger": "integer",
    "Long": "long",
    "PrimitiveLong": "long",
    "Short": "short",
    "Byte": "byte",
    "Float": "float",
    "Double": "double",
    "Timestamp": "timestamp",
    "Blob": "blob",
    "Document": "document",
    "Unit": "structure",
}


class SmithyModel:
    """Just enough of a Smithy JSON AST to check case inputs and list errors."""

    def __init__(self, path):
        with open(path, encoding="utf-8") as f:
            self.shapes = json.load(f)["shapes"]
        self.service = next(
            s for s in self.shapes.values() if s["type"] == "service"
        )

    def shape(self, shape_id):
        if shape_id.startswith("smithy.api#"):
            return {"type": PRELUDE[shape_id.split("#", 1)[1]]}
        return self.shapes[shape_id]

    def operation(self, name):
        ids = [
            k
            for k, v in self.shapes.items()
            if v["type"] == "operation" and k.endswith("#" + name)
        ]
        if len(ids) != 1:
            raise SystemExit("models: no single operation named " + name)
        return self.shapes[ids[0]]

    def errors(self, op_name):
        """(name, http status, message member) of every error the operation
        can return: its own list, then the service-wide list."""
        op = self.operation(op_name)
        out = []
        for ref in op.get("errors", []) + self.service.get("errors", []):
            sid = ref["target"]
            name = sid.split("#", 1)[1]
            if any(e[0] == name for e in out):
                continue
            shape = self.shapes[sid]
            traits = shape.get("traits", {})
            status = traits.get("smithy.api#httpError")
            if status is None:
                status = 500 if traits.get("smithy.api#error") == "server" else 400
            message = next(
                (m for m in shape.get("members", {}) if m.lower() == "message"),
                "message",
            )
            out.append((name, status, message))
        return out

    def compare(self, shape_id, bshape, path, problems):
        """Record where botocore's shape has other members than ours, so that
        a botocore whose model drifted from models/ is noticed."""
        shape = self.shape(shape_id)
        kind = shape["type"]
        if kind in ("structure", "union") and not bshape.metadata.get("document"):
            ours = set(shape.get("members", {}))
            theirs = set(bshape.members)
            for name in sorted(ours ^ theirs):
                side = "models/ only" if name in ours else "botocore only"
                problems.append("%s.%s: %s" % (path, name, side))
            for name in sorted(ours & theirs):
                self.compare(
                    shape["members"][name]["target"], bshape.members[name],
                    "%s.%s" % (path, name), problems,
                )
        elif kind == "list":
            self.compare(shape["member"]["target"], bshape.member, path + "[]", problems)

    def check(self, value, shape_id, path, problems):
        """Record every place where value does not have the JSON type that the
        shape's member needs. Constraints (length, pattern, required, enum
        values) are deliberately not checked: cases may break them."""
        shape = self.shape(shape_id)
        kind = shape["type"]
        if kind == "document":
            return
        if value is None:
            problems.append(path + ": null outside a document")
            return
        if kind in ("string", "enum"):
            ok = isinstance(value, str)
        elif kind == "boolean":
            ok = isinstance(value, bool)
        elif kind in ("byte", "short", "integer", "long", "intEnum", "bigInteger"):
            ok = isinstance(value, int) and not isinstance(value, bool)
        elif kind in ("float", "double", "bigDecimal"):
            ok = isinstance(value, (int, float)) and not isinstance(value, bool)
        elif kind == "timestamp":
            ok = isinstance(value, str)
        elif kind == "blob":
            ok = isinstance(value, str)
        elif kind == "list":
            ok = isinstance(value, list)
            if ok:
                for i, item in enumerate(value):
                    self.check(
                        item, shape["member"]["target"], "%s[%d]" % (path, i), problems
                    )
        elif kind == "map":
            ok = isinstance(value, dict)
            if ok:
                for k, v in value.items():
                    self.check(v, shape["value"]["target"], "%s[%r]" % (path, k), problems)
        elif kind in ("structure", "union"):
            ok = isinstance(value, dict)
            if ok:
                members = shape.get("members", {})
                for k, v in value.items():
                    if k not in members:
                        problems.append("%s: no member %r in the model" % (path, k))
                        continue
                    sub = "%s.%s" % (path, k) if path else k
                    self.check(v, members[k]["target"], sub, problems)
        else:
            raise SystemExit("models: shape type %s is not handled" % kind)
        if not ok:
            problems.append("%s: %r is not a JSON %s" % (path or "input", value, kind))


# ---------------------------------------------------------------------------
# JSON <-> Python values, guided by botocore's shapes
# ---------------------------------------------------------------------------


def parse_rfc3339(text):
    return datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))


def to_python(value, shape):
    """Turn a case's JSON input into what boto3 callers pass: datetimes for
    timestamps and bytes for blobs. Documents pass through unchanged."""
    if value is None:
        return None
    kind = shape.type_name
    if kind == "structure":
        if shape.metadata.get("document"):
            return value
        return {k: to_python(v, shape.members[k]) for k, v in value.items()}
    if kind == "list":
        return [to_python(v, shape.member) for v in value]
    if kind == "map":
        return {k: to_python(v, shape.value) for k, v in value.items()}
    if kind == "timestamp":
        return parse_rfc3339(value)
    if kind == "blob":
        return base64.b64decode(value, validate=True)
    return value


def format_rfc3339(value):
    value = value.astimezone(datetime.timezone.utc)
    text = "%04d-%02d-%02dT%02d:%02d:%02d" % (
        value.year,
        value.month,
        value.day,
        value.hour,
        value.minute,
        value.second,
    )
    if value.microsecond:
        text += ("." + "%06d" % value.microsecond).rstrip("0")
    return text + "Z"


def to_json(value):
    """Turn botocore's parsed output back into JSON values."""
    if isinstance(value, dict):
        return {k: to_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [to_json(v) for v in value]
    if isinstance(value, datetime.datetime):
        return format_rfc3339(value)
    if isinstance(value, (bytes, bytearray)):
        return base64.b64encode(bytes(value)).decode("ascii")
    if value is None or isinstance(value, (str, bool, int, float)):
        return value
    raise TypeError("cannot write %r to a fixture" % (value,))


# ---------------------------------------------------------------------------
# Driving botocore
# ---------------------------------------------------------------------------


class CannedBody:
    """The raw body object that AWSResponse reads its content from."""

    def __init__(self, data):
        self._data = data

    def stream(self, **_kwargs):
        yield self._data


def text(value):
    if value is None:
        return None
    if isinstance(value, bytes):
        return value.decode("utf-8")
    return value


class Recorder:
    def __init__(self, service, operation, data_path=None):
        self.session = botocore.session.get_session()
        if data_path is not None:
            self.session.set_config_variable("data_path", str(data_path))
        self.service = service
        self.operation = operation
        self.method = botocore.xform_name(operation)
        self.model = self.session.get_service_model(service)
        self.op_model = self.model.operation_model(operation)
        self.config = Config(
            parameter_validation=False,
            retries={"total_max_attempts": 1, "mode": "standard"},
        )
        self.clients = {}
        self.sent = []
        self.reply = None

    def client(self, region):
        if region not in self.clients:
            client = self.session.create_client(
                self.service,
                region_name=region,
                aws_access_key_id="AKID",
                aws_secret_access_key="SECRET",
                config=self.config,
            )
            client.meta.events.register("before-send", self._before_send)
            self.clients[region] = client
        return self.clients[region]

    def _before_send(self, request, **_kwargs):
        self.sent.append(request)
        status, headers, body = self.reply
        return AWSResponse(request.url, status, headers, CannedBody(body))

    def _call(self, params, region, reply):
        self.sent = []
        self.reply = reply
        client = self.client(region)
        try:
            result = ("output", getattr(client, self.method)(**params))
        except ClientError as err:
            result = ("error", err.response)
        if len(self.sent) != 1:
            raise SystemExit(
                "%s.%s: %d requests sent, expected exactly 1"
                % (self.service, self.operation, len(self.sent))
            )
        return self.sent[0], result

    def success_reply(self):
        status = self.op_model.http.get("responseCode", 200)
        return (status, {"x-amzn-requestid": request_id(0)}, b"{}")

    def request(self, case):
        params = to_python(
            json.loads(json.dumps(case["input"])), self.op_model.input_shape
        )
        sent, result = self._call(params, case["region"], self.success_reply())
        if result[0] != "output":
            raise SystemExit("%s: the canned success reply failed" % case["name"])
        headers = sent.headers
        body = sent.body
        if hasattr(body, "read"):
            body = body.read()
        body = text(body)
        case["expect"] = {
            "method": sent.method,
            "url": sent.url,
            "content_type": text(headers.get("Content-Type")),
            "target": text(headers.get("X-Amz-Target")),
            "body": json.loads(body) if body else None,
        }

    def response(self, case, params):
        reply = (case["status"], dict(case["headers"]), case["body"].encode("utf-8"))
        _sent, (kind, value) = self._call(params, REGION, reply)
        if kind == "output":
            value = dict(value)
            value.pop("ResponseMetadata", None)
            case["expect"] = {"output": to_json(value)}
        else:
            error = value.get("Error", {})
            case["expect"] = {
                "error": {"code": error.get("Code"), "message": error.get("Message")}
            }


# ---------------------------------------------------------------------------
# Case helpers
# ---------------------------------------------------------------------------


def req(name, why, input_, region=REGION):
    return {"name": name, "why": why, "input": input_, "region": region}


def resp(name, why, status, body, headers=None):
    return {
        "name": name,
        "why": why,
        "status": status,
        "headers": dict(headers or {}),
        "body": body,
    }


def compact(value):
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)


AWS_JSON_TYPE = {"content-type": "application/x-amz-json-1.1"}
REST_JSON_TYPE = {"content-type": "application/json"}


def aws_json_success_cases(full=None):
    """200 responses of an awsJson1_1 operation. `full` is (body, why) for an
    output with every member, when the output has members."""
    cases = []
    if full is not None:
        cases.append(resp("ok_every_member", full[1], 200, compact(full[0]), AWS_JSON_TYPE))
    cases += [
        resp(
            "ok_empty_object",
            "a 200 whose body is {} gives an output with no members set",
            200,
            "{}",
            AWS_JSON_TYPE,
        ),
        resp(
            "ok_empty_body",
            "a 200 with an empty body (Content-Length 0) is read like {}",
            200,
            "",
            {"content-length": "0"},
        ),
    ]
    return cases


def modeled_error_cases(errors, rest, extras):
    """One response for each modeled error, shaped like the real service sends
    it: awsJson1_1 names the error in `__type`, restJson1 in X-Amzn-Errortype."""
    cases = []
    for name, status, message_key in errors:
        body = {message_key: "%s raised for the test" % name}
        headers = dict(REST_JSON_TYPE if rest else AWS_JSON_TYPE)
        extra_body, extra_headers = extras.get(name, ({}, {}))
        body.update(extra_body)
        headers.update(extra_headers)
        if rest:
            headers["x-amzn-errortype"] = name
        else:
            body = dict({"__type": name}, **body)
        cases.append(
            resp(
                "error_" + snake(name),
                "modeled error %s (HTTP %d)%s"
                % (name, status, " with extra members" if extra_body or extra_headers else ""),
                status,
                compact(body),
                headers,
            )
        )
    return cases


def snake(name):
    out = ""
    for i, ch in enumerate(name):
        if ch.isupper() and i and not name[i - 1].isupper():
            out += "_"
        out += ch.lower()
    return out.replace("_exception", "")


def aws_json_error_variants(namespace, error, message_key):
    """How botocore reads the error code and message of an awsJson1_1 reply.
    `error` is (name, status) of one modeled error."""
    name, status = error
    suffix = ":http://internal.amazon.com/coral/%s/" % namespace
    msg = "the message"
    other = "SomeFutureException"
    return [
        resp(
            "error_unknown_code",
            "an error code not in the model still becomes the error code",
            400,
            compact({"__type": other, message_key: "not modeled"}),
            AWS_JSON_TYPE,
        ),
        resp(
            "error_type_with_namespace",
            "__type as a shape id: everything up to the last '#' is dropped",
            status,
            compact({"__type": "%s#%s" % (namespace, name), message_key: msg}),
            AWS_JSON_TYPE,
        ),
        resp(
            "error_type_with_uri_suffix",
            "__type with a ':http://...' suffix: everything from the first ':' is dropped",
            status,
            compact({"__type": name + suffix, message_key: msg}),
            AWS_JSON_TYPE,
        ),
        resp(
            "error_type_with_namespace_and_suffix",
            "__type with both a namespace and a ':' suffix",
            status,
            compact({"__type": "%s#%s%s" % (namespace, name, suffix), message_key: msg}),
            AWS_JSON_TYPE,
        ),
        resp(
            "error_type_unknown_with_namespace",
            "an unmodeled code with a namespace from another service",
            400,
            compact({"__type": "com.amazonaws.other#%s" % other, message_key: msg}),
            AWS_JSON_TYPE,
        ),
        resp(
            "error_code_member_only",
            "awsJson1_1 in botocore ignores a body member `code`: with no __type the "
            "error code is the HTTP status as text",
            status,
            compact({"code": name, message_key: msg}),
            AWS_JSON_TYPE,
        ),
        resp(
            "error_header_only",
            "awsJson1_1 in botocore ignores X-Amzn-Errortype: with no __type the error "
            "code is the HTTP status as text",
            status,
            compact({message_key: msg}),
            dict(AWS_JSON_TYPE, **{"x-amzn-errortype": name}),
        ),
        resp(
            "error_header_and_type_disagree",
            "when X-Amzn-Errortype and __type differ, __type wins",
            400,
            compact({"__type": name, message_key: msg}),
            dict(AWS_JSON_TYPE, **{"x-amzn-errortype": other}),
        ),
        resp(
            "error_message_lowercase_key",
            "the message is read from `message` as well as from `Message`",
            status,
            compact({"__type": name, "message": "lowercase key"}),
            AWS_JSON_TYPE,
        ),
        resp(
            "error_message_uppercase_key",
            "the message is read from `Message` when there is no `message`",
            status,
            compact({"__type": name, "Message": "uppercase key"}),
            AWS_JSON_TYPE,
        ),
        resp(
            "error_message_both_keys",
            "with both `message` and `Message`, `message` wins",
            status,
            compact({"__type": name, "Message": "uppercase", "message": "lowercase"}),
            AWS_JSON_TYPE,
        ),
        resp(
            "error_without_message",
            "no message member: the message is the empty string",
            status,
            compact({"__type": name}),
            AWS_JSON_TYPE,
        ),
        resp(
            "error_message_escapes",
            "escaped and astral characters in the message are decoded",
            status,
            '{"__type":"%s","%s":"tab\\t quote\\" slash\\/ \\u00e9 \\ud83d\\ude00 \\u2028"}'
            % (name, message_key),
            AWS_JSON_TYPE,
        ),
        resp(
            "error_empty_object_body",
            "a 4xx whose body is {}: the error code is the HTTP status as text",
            status,
            "{}",
            AWS_JSON_TYPE,
        ),
        resp(
            "error_empty_body_4xx",
            "a 4xx with an empty body: the code is the HTTP status as text, the message empty",
            status,
            "",
            {"content-length": "0"},
        ),
        resp(
            "error_empty_body_5xx",
            "a 5xx with an empty body is a generic error: code = status, message = HTTP reason phrase",
            500,
            "",
            {"content-length": "0"},
        ),
        resp(
            "error_html_body_5xx",
            "a 5xx whose body starts with <html> (e.g. from a proxy) is a generic error",
            503,
            "<html><body><b>Http/1.1 Service Unavailable</b></body></html>",
            {"content-type": "text/html"},
        ),
        resp(
            "error_not_json_4xx",
            "a 4xx body that is not JSON becomes the message; the code is the status",
            400,
            "plain text, not JSON",
            {"content-type": "text/plain"},
        ),
        resp(
            "error_unknown_members_ignored",
            "members the error shape does not have do not change code or message",
            status,
            compact({"__type": name, message_key: msg, "Unexpected": [1, {"a": None}]}),
            AWS_JSON_TYPE,
        ),
    ]


def rest_json_error_variants(namespace, error, message_key):
    """How botocore reads the error code and message of a restJson1 reply."""
    name, status = error
    suffix = ":http://internal.amazon.com/coral/%s/" % namespace
    msg = "the message"
    other = "SomeFutureException"

    def hdr(code):
        return dict(REST_JSON_TYPE, **{"x-amzn-errortype": code})

    return [
        resp(
            "error_unknown_code",
            "an error code not in the model still becomes the error code",
            400,
            compact({message_key: "not modeled"}),
            hdr(other),
        ),
        resp(
            "error_header_with_uri_suffix",
            "X-Amzn-Errortype with a ':http://...' suffix: everything from the first ':' is dropped",
            status,
            compact({message_key: msg}),
            hdr(name + suffix),
        ),
        resp(
            "error_header_with_namespace",
            "X-Amzn-Errortype as a shape id: everything up to the last '#' is dropped",
            status,
            compact({message_key: msg}),
            hdr("%s#%s" % (namespace, name)),
        ),
        resp(
            "error_header_empty_body",
            "the code comes from the header even when the body is empty; the message is empty",
            status,
            "",
            {"x-amzn-errortype": name, "content-length": "0"},
        ),
        resp(
            "error_header_name_case",
            "header names are case-insensitive: X-AMZN-ERRORTYPE works too",
            status,
            compact({message_key: msg}),
            dict(REST_JSON_TYPE, **{"X-AMZN-ERRORTYPE": name}),
        ),
        resp(
            "error_code_member_only",
            "no header: the body member `code` names the error",
            status,
            compact({"code": name, message_key: msg}),
            REST_JSON_TYPE,
        ),
        resp(
            "error_code_member_uppercase",
            "no header: `Code` works as well as `code`",
            status,
            compact({"Code": name, message_key: msg}),
            REST_JSON_TYPE,
        ),
        resp(
            "error_code_member_with_namespace_and_suffix",
            "a body `code` is cleaned like the header: namespace and ':' suffix dropped",
            status,
            compact({"code": "%s#%s%s" % (namespace, name, suffix), message_key: msg}),
            REST_JSON_TYPE,
        ),
        resp(
            "error_type_member_only",
            "no header and no `code`: `__type` names the error",
            status,
            compact({"__type": "%s#%s" % (namespace, name), message_key: msg}),
            REST_JSON_TYPE,
        ),
        resp(
            "error_header_beats_body",
            "X-Amzn-Errortype wins over the body's `code` and `__type`",
            400,
            compact({"code": other, "__type": other, message_key: msg}),
            hdr(name),
        ),
        resp(
            "error_code_beats_type",
            "without a header, `code` wins over `__type`",
            400,
            compact({"code": name, "__type": other, message_key: msg}),
            REST_JSON_TYPE,
        ),
        resp(
            "error_no_code_anywhere",
            "no header, `code` or `__type`: the error code is the HTTP status as text",
            status,
            compact({message_key: msg}),
            REST_JSON_TYPE,
        ),
        resp(
            "error_message_uppercase_key",
            "the message is read from `Message` when there is no `message`",
            status,
            compact({"Message": "uppercase key"}),
            hdr(name),
        ),
        resp(
            "error_message_both_keys",
            "with both `message` and `Message`, `message` wins",
            status,
            compact({"Message": "uppercase", "message": "lowercase"}),
            hdr(name),
        ),
        resp(
            "error_without_message",
            "no message member: the message is the empty string",
            status,
            "{}",
            hdr(name),
        ),
        resp(
            "error_message_escapes",
            "escaped and astral characters in the message are decoded",
            status,
            '{"%s":"tab\\t quote\\" slash\\/ \\u00e9 \\ud83d\\ude00 \\u2028"}' % message_key,
            hdr(name),
        ),
        resp(
            "error_empty_body_5xx",
            "a 5xx with an empty body and no header is a generic error: code = status, "
            "message = HTTP reason phrase",
            500,
            "",
            {"content-length": "0"},
        ),
        resp(
            "error_html_body_5xx",
            "a 5xx whose body starts with <html> (e.g. from a proxy) is a generic error, "
            "even with X-Amzn-Errortype set",
            503,
            "<html><body><b>Http/1.1 Service Unavailable</b></body></html>",
            {"content-type": "text/html", "x-amzn-errortype": name},
        ),
        resp(
            "error_not_json_4xx",
            "a 4xx body that is not JSON becomes the message; the header still names the error",
            status,
            "plain text, not JSON",
            {"content-type": "text/plain", "x-amzn-errortype": name},
        ),
        resp(
            "error_unknown_members_ignored",
            "members the error shape does not have do not change code or message",
            status,
            compact({message_key: msg, "Unexpected": [1, {"a": None}]}),
            hdr(name),
        ),
    ]


def numbered(cases):
    """Give every response case a distinct x-amzn-requestid."""
    for i, case in enumerate(cases, 1):
        case["headers"].setdefault("x-amzn-requestid", request_id(i))
    return cases


# ---------------------------------------------------------------------------
# identitystore UpdateUser (awsJson1_1; AttributeValue is a document)
# ---------------------------------------------------------------------------

IS_ID = "d-9067642ac7"


def is_input(*operations, **overrides):
    value = {"IdentityStoreId": IS_ID, "UserId": UUID, "Operations": list(operations)}
    value.update(overrides)
    return value


def set_(path, value):
    return {"AttributePath": path, "AttributeValue": value}


def deep_document(depth):
    value = "bottom"
    for i in range(depth):
        value = [value] if i % 2 else {"level%d" % (depth - i): value}
    return value


def many_operations(count):
    paths = [
        "displayName",
        "nickName",
        "title",
        "locale",
        "timezone",
        "preferredLanguage",
        "profileUrl",
        "userType",
        "name.givenName",
        "name.familyName",
        "name.middleName",
    ]
    values = ["text", 7, -2.5, True, False, None, [], {}, ["a", 1], {"k": "v"}, "\u00e9"]
    out = []
    for i in range(count):
        op = {"AttributePath": paths[i % len(paths)]}
        if i % 13 != 12:  # every 13th operation removes its attribute
            op["AttributeValue"] = values[i % len(values)]
        out.append(op)
    return out


def identitystore_update_user():
    requests = [
        req("minimal_string_value", "the three required members, one operation setting a string",
            is_input(set_("displayName", "Jane Doe"))),
        req("attribute_value_absent", "AttributeValue left out: the operation removes the attribute",
            is_input({"AttributePath": "nickName"})),
        req("document_null", "a document that is JSON null (in this file a null input value is passed "
            "to botocore as None, which for a document is the JSON null)",
            is_input(set_("nickName", None))),
        req("document_true", "document boolean true", is_input(set_("active", True))),
        req("document_false", "document boolean false", is_input(set_("active", False))),
        req("document_zero", "document integer 0", is_input(set_("locale", 0))),
        req("document_positive_integer", "document integer", is_input(set_("locale", 42))),
        req("document_negative_integer", "document negative integer", is_input(set_("locale", -17))),
        req("document_i64_max", "largest signed 64-bit integer stays exact",
            is_input(set_("locale", 9223372036854775807))),
        req("document_i64_min", "smallest signed 64-bit integer stays exact",
            is_input(set_("locale", -9223372036854775808))),
        req("document_u64_max", "largest unsigned 64-bit integer stays exact",
            is_input(set_("locale", 18446744073709551615))),
        req("document_float_fraction", "document float with a fraction", is_input(set_("timezone", 12.5))),
        req("document_float_whole", "a whole float stays a float (1.0, not 1)",
            is_input(set_("timezone", 1.0))),
        req("document_float_negative", "negative float", is_input(set_("timezone", -0.25))),
        req("document_float_negative_zero", "negative zero keeps its sign",
            is_input(set_("timezone", -0.0))),
        req("document_float_tiny", "a float that Python prints with a negative exponent",
            is_input(set_("timezone", 1.5e-07))),
        req("document_float_huge", "a float that Python prints with a positive exponent",
            is_input(set_("timezone", 1e300))),
        req("document_float_shortest_repr", "floats that need the shortest round-trip digits",
            is_input(set_("timezone", [0.1, 0.30000000000000004, 2.220446049250313e-16, 1e16, 123456789.123]))),
        req("document_string_empty", "document empty string", is_input(set_("title", ""))),
        req("document_strings_like_other_types", "strings that look like numbers, booleans and null stay strings",
            is_input(set_("title", ["123", "true", "null", "1e3", "-0"]))),
        req("document_empty_array", "document empty array", is_input(set_("emails", []))),
        req("document_array_mixed", "an array with every JSON type, nested arrays included",
            is_input(set_("emails", [None, True, False, 0, -1, 2.5, "s", [], {}, [1, [2, [3]]]]))),
        req("document_empty_object", "document empty object", is_input(set_("name", {}))),
        req("document_nested_object", "an object with nested objects and arrays, like a SCIM address",
            is_input(set_("addresses", [{
                "Type": "work", "Primary": True, "StreetAddress": "123 Any Street",
                "Locality": "Seattle", "PostalCode": "98101", "Country": "US",
                "Geo": {"lat": 47.6062, "lon": -122.3321, "tags": ["hq", None]},
            }]))),
        req("document_object_unusual_keys", "object keys that are empty, escaped, unicode or look like metadata",
            is_input(set_("name", {"": "empty key", 'quote"key': 1, "back\\slash": 2,
                                   "\u00fcn\u00efc\u00f6d\u00e9": 3, "\U0001F600": 4,
                                   "__type": "not a type", "nul\x00key": 5, "line\u2028key": 6}))),
        req("document_deep_nesting", "32 levels of alternating objects and arrays",
            is_input(set_("name", deep_document(32)))),
        req("document_unicode_bmp", "non-ASCII letters from several scripts", is_input(set_("displayName", BMP))),
        req("document_unicode_astral", "characters outside the BMP and a ZWJ emoji sequence",
            is_input(set_("displayName", ASTRAL + " " + FAMILY))),
        req("document_json_escapes", "quote, backslash, slash and ASCII control characters",
            is_input(set_("displayName", ESCAPES))),
        req("document_line_separators", "U+2028, U+2029 and U+0085 in a string",
            is_input(set_("displayName", SEPARATORS))),
        req("document_invisible_characters", "BOM, zero-width characters, a combining mark, NBSP, soft hyphen",
            is_input(set_("displayName", INVISIBLE))),
        req("document_long_string", "a 10000-character string of two-byte UTF-8 characters",
            is_input(set_("displayName", "\u00e9" * 10000))),
        req("attribute_path_dotted", "sub-attribute paths with one and two dots",
            is_input(set_("name.givenName", "Jane"), set_("name.familyName.x", "Doe"))),
        req("attribute_path_unicode", "paths of non-ASCII letters, astral letters included",
            is_input(set_("\u540d\u524d", "a"), set_("\u00f1ame", "b"), set_("\U0001D400\U0001D401", "c"))),
        req("attribute_path_empty", "an empty path (breaks length and pattern; still sent)",
            is_input(set_("", "x"))),
        req("attribute_path_escapes", "a path with quote, backslash and newline",
            is_input(set_('a"b\\c\nd', "x"))),
        req("operations_empty", "an empty operation list (breaks length min 1; still sent as [])",
            is_input()),
        req("operations_same_path_twice", "two operations on the same path keep their order",
            is_input(set_("title", "first"), set_("title", "second"))),
        req("operations_100", "100 operations (the maximum) with varied values and removals",
            is_input(*many_operations(100))),
        req("operations_101", "101 operations (one over the maximum; still sent)",
            is_input(*many_operations(101))),
        req("ids_empty", "empty identity store and user ids",
            is_input(set_("title", "x"), IdentityStoreId="", UserId="")),
        req("ids_uuid_forms", "the UUID form of the store id and a prefixed user id",
            is_input(set_("title", "x"), IdentityStoreId="3f2c8e1a-7b4d-4c6e-9a0f-12ab34cd56ef",
                     UserId="0a1b2c3d4e-" + UUID.upper())),
        req("ids_unusual_characters", "ids with unicode, astral and escaped characters",
            is_input(set_("title", "x"), IdentityStoreId="d-\u00fc\U0001F600", UserId='id"\\\n\t')),
        req("required_operations_absent", "Operations left out (required; still sent without it)",
            {"IdentityStoreId": IS_ID, "UserId": UUID}),
        req("region_eu_west_1", "another commercial region", is_input(set_("title", "x")), "eu-west-1"),
        req("region_cn_north_1", "the China partition uses amazonaws.com.cn",
            is_input(set_("title", "x")), "cn-north-1"),
        req("region_us_gov_west_1", "a GovCloud region", is_input(set_("title", "x")), "us-gov-west-1"),
    ]
    return requests


def identitystore_update_user_responses(model):
    ns = "com.amazonaws.identitystore"
    errors = model.errors("UpdateUser")
    rid = {"RequestId": "7c5c0e7b-36b2-4c5c-9a4b-2d6a0a9e1f00"}
    extras = {
        "ConflictException": (dict(rid, Reason="CONCURRENT_MODIFICATION"), {}),
        "ResourceNotFoundException": (dict(rid, ResourceType="USER", ResourceId=UUID), {}),
        "ThrottlingException": (dict(rid), {"retry-after": "3"}),
        "InternalServerException": (dict(rid), {"retry-after": "1"}),
    }
    cases = aws_json_success_cases()
    cases += [
        resp("ok_unknown_members_ignored", "members the empty output does not have are ignored",
             200, compact({"UserId": UUID, "Extra": {"nested": [1, 2, 3]}}), AWS_JSON_TYPE),
        resp("ok_null_members_ignored", "null values in the body are ignored", 200,
             compact({"UserId": None, "Anything": None}), AWS_JSON_TYPE),
    ]
    cases += modeled_error_cases(errors, rest=False, extras=extras)
    cases += aws_json_error_variants(ns, ("ResourceNotFoundException", 404), "Message")
    return numbered(cases)


# ---------------------------------------------------------------------------
# workmail UpdateUser (awsJson1_1; strings, an enum and a boolean)
# ---------------------------------------------------------------------------

ORG = "m-0123456789abcdef0123456789abcdef"
USER_ATTRIBUTES = [
    "DisplayName",
    "FirstName",
    "LastName",
    "Initials",
    "Telephone",
    "Street",
    "JobTitle",
    "City",
    "Company",
    "ZipCode",
    "Department",
    "Country",
    "Office",
]


def wm_input(**members):
    value = {"OrganizationId": ORG, "UserId": UUID}
    value.update(members)
    return value


def workmail_update_user():
    every = dict(
        Role="USER",
        DisplayName="Jane Doe",
        FirstName="Jane",
        LastName="Doe",
        HiddenFromGlobalAddressList=False,
        Initials="JD",
        Telephone="+1 (206) 555-0100",
        Street="123 Any Street",
        JobTitle="Engineer",
        City="Seattle",
        Company="Example Corp",
        ZipCode="98101-1234",
        Department="R&D",
        Country="US",
        Office="SEA-42",
        IdentityProviderUserId="0a1b2c3d4e-" + UUID,
    )
    return [
        req("minimal", "only the two required members", wm_input()),
        req("every_member", "all 18 members set", wm_input(**every)),
        req("role_user", "enum value USER", wm_input(Role="USER")),
        req("role_resource", "enum value RESOURCE", wm_input(Role="RESOURCE")),
        req("role_system_user", "enum value SYSTEM_USER", wm_input(Role="SYSTEM_USER")),
        req("role_remote_user", "enum value REMOTE_USER", wm_input(Role="REMOTE_USER")),
        req("role_unknown", "an enum value the model does not list is sent as is",
            wm_input(Role="GUEST")),
        req("role_lowercase", "a lowercase spelling of a known value is sent as is",
            wm_input(Role="user")),
        req("role_empty", "an empty enum value is sent as is", wm_input(Role="")),
        req("hidden_true", "boolean true", wm_input(HiddenFromGlobalAddressList=True)),
        req("hidden_false", "boolean false is sent, not dropped", wm_input(HiddenFromGlobalAddressList=False)),
        req("attributes_all_empty", "every user attribute as an empty string (clears them)",
            wm_input(**{k: "" for k in USER_ATTRIBUTES})),
        req("attributes_each_distinct", "each user attribute has its own value, so a mix-up shows",
            wm_input(**{k: "%s-%d" % (k.lower(), i) for i, k in enumerate(USER_ATTRIBUTES)})),
        req("display_name_unicode_bmp", "non-ASCII letters from several scripts", wm_input(DisplayName=BMP)),
        req("display_name_astral", "characters outside the BMP and a ZWJ emoji sequence",
            wm_input(DisplayName=ASTRAL + " " + FAMILY)),
        req("display_name_escapes", "quote, backslash, slash and ASCII control characters",
            wm_input(DisplayName=ESCAPES)),
        req("display_name_line_separators", "U+2028, U+2029 and U+0085", wm_input(DisplayName=SEPARATORS)),
        req("display_name_invisible", "BOM, zero-width characters, a combining mark, NBSP, soft hyphen",
            wm_input(DisplayName=INVISIBLE)),
        req("display_name_whitespace_only", "spaces and tabs are kept", wm_input(DisplayName="  \t  ")),
        req("display_name_json_text", "text that is itself JSON is sent as a string",
            wm_input(DisplayName='{"DisplayName":"x","n":1}')),
        req("names_right_to_left", "right-to-left scripts", wm_input(FirstName=RTL, LastName=RTL[::-1])),
        req("company_html", "HTML-like text is not escaped further", wm_input(Company=HTML)),
        req("street_multiline", "LF and CRLF line breaks", wm_input(Street="123 Any Street\nApt 4\r\nSeattle")),
        req("attribute_256_characters", "the maximum length, in ASCII and in emoji",
            wm_input(DisplayName="a" * 256, Street="\U0001F600" * 256)),
        req("attribute_257_characters", "one over the maximum length (still sent)",
            wm_input(DisplayName="b" * 257)),
        req("identity_provider_user_id_empty", "an empty IdentityProviderUserId (the model allows ^$)",
            wm_input(IdentityProviderUserId="")),
        req("identity_provider_user_id_uuid", "a plain UUID", wm_input(IdentityProviderUserId=UUID)),
        req("identity_provider_user_id_prefixed", "a prefixed UUID of 47 characters",
            wm_input(IdentityProviderUserId="0a1b2c3d4e-" + UUID)),
        req("user_id_email", "an email address as the user id", wm_input(UserId="jane.doe+wm@example.com")),
        req("user_id_unicode", "a user id with unicode (breaks the pattern; still sent)",
            wm_input(UserId="j\u00f6hn\U0001F600")),
        req("organization_id_wrong", "a short organization id (breaks length and pattern)",
            wm_input(OrganizationId="m-123")),
        req("ids_empty", "empty organization and user ids", wm_input(OrganizationId="", UserId="")),
        req("required_user_id_absent", "UserId left out (required; still sent without it)",
            {"OrganizationId": ORG}),
        req("role_and_hidden_only", "only the enum and the boolean besides the ids",
            wm_input(Role="RESOURCE", HiddenFromGlobalAddressList=True)),
        req("region_eu_west_1", "another region", wm_input(Role="USER"), "eu-west-1"),
        req("region_cn_north_1", "the China partition uses amazonaws.com.cn", wm_input(), "cn-north-1"),
        req("region_us_gov_west_1", "a GovCloud region", wm_input(), "us-gov-west-1"),
    ]


def workmail_update_user_responses(model):
    ns = "com.amazonaws.workmail"
    errors = model.errors("UpdateUser")
    cases = aws_json_success_cases()
    cases += [
        resp("ok_unknown_members_ignored", "members the empty output does not have are ignored",
             200, compact({"UserId": UUID, "Extra": {"nested": [1, 2, 3]}}), AWS_JSON_TYPE),
        resp("ok_null_members_ignored", "null values in the body are ignored", 200,
             compact({"UserId": None, "Anything": None}), AWS_JSON_TYPE),
    ]
    cases += modeled_error_cases(errors, rest=False, extras={})
    cases += aws_json_error_variants(ns, ("EntityNotFoundException", 400), "Message")
    return numbered(cases)


# ---------------------------------------------------------------------------
# datazone UpdateUserProfile and CreateUserProfile (restJson1; URI labels)
# ---------------------------------------------------------------------------

DZD = "dzd_4p9n6sw4qt9xgn"
TOKEN = "3d0c5e4a-9b1f-4e2d-8c7a-6f5e4d3c2b1a"
USER_ARN = "arn:aws:iam::123456789012:user/engineering/jane"
ROLE_ARN = "arn:aws:iam::123456789012:role/Admin"

# (case name suffix, label value, why) for the percent-encoding of a label.
LABELS = [
    ("space", "Jane Doe", "a space becomes %20, never '+'"),
    ("slash", "a/b/c", "'/' inside a label is encoded as %2F"),
    ("slash_edges", "/x/", "leading and trailing '/' are encoded too"),
    ("percent", "100%", "'%' becomes %25"),
    ("already_encoded", "%2F%41", "an already percent-encoded value is encoded again"),
    ("plus", "a+b", "'+' becomes %2B"),
    ("unicode_bmp", "Zo\u00eb\u6771\u4eac", "non-ASCII is UTF-8, then percent-encoded"),
    ("astral", "\U0001F600\U0001D400", "four-byte UTF-8 characters"),
    ("unreserved", "AZaz09-._~", "RFC 3986 unreserved characters are left alone"),
    ("gen_delims", ":/?#[]@", "RFC 3986 gen-delims are all encoded"),
    ("sub_delims", "!$&'()*+,;=", "RFC 3986 sub-delims are all encoded"),
    ("other_ascii", '"\\`^|{}<>', "quote, backslash and other ASCII punctuation"),
    ("controls", "a\nb\tc\x00d\x7f", "ASCII control characters"),
    ("line_separator", "a\u2028b", "U+2028"),
    ("dot", ".", "a single dot is not a path segment to remove"),
    ("dot_dot", "..", "two dots are not a path segment to remove"),
    ("empty", "", "an empty label leaves an empty path segment"),
]


def dz_update(**members):
    value = {"domainIdentifier": DZD, "userIdentifier": UUID, "status": "ASSIGNED"}
    value.update(members)
    return value


def dz_create(**members):
    value = {"domainIdentifier": DZD, "userIdentifier": UUID, "clientToken": TOKEN}
    value.update(members)
    return value


def datazone_update_user_profile():
    cases = [
        req("minimal", "the three required members", dz_update()),
        req("status_not_assigned", "enum value NOT_ASSIGNED", dz_update(status="NOT_ASSIGNED")),
        req("status_activated", "enum value ACTIVATED", dz_update(status="ACTIVATED")),
        req("status_deactivated", "enum value DEACTIVATED", dz_update(status="DEACTIVATED")),
        req("type_iam", "the optional type IAM", dz_update(type="IAM")),
        req("type_sso", "the optional type SSO", dz_update(type="SSO", status="ACTIVATED")),
        req("status_unknown", "an enum value the model does not list", dz_update(status="PENDING")),
        req("type_unknown", "an unknown type value", dz_update(type="SAML")),
        req("status_lowercase", "a lowercase spelling is sent as is", dz_update(status="assigned")),
        req("status_empty", "an empty enum value is sent as is", dz_update(status="")),
        req("status_absent", "status left out (required): the body is still {}",
            {"domainIdentifier": DZD, "userIdentifier": UUID}),
        req("user_identifier_prefixed_uuid", "a prefixed UUID",
            dz_update(userIdentifier="0a1b2c3d4e-" + UUID)),
        req("user_identifier_iam_user_arn", "an IAM user ARN: ':' and '/' are encoded",
            dz_update(userIdentifier=USER_ARN)),
        req("user_identifier_iam_role_arn", "an IAM role ARN", dz_update(userIdentifier=ROLE_ARN)),
        req("user_identifier_name_symbols", "the '+=,.@-' of the name pattern",
            dz_update(userIdentifier="jane+dz=1,ops.x@example-corp")),
        req("user_identifier_long", "a 256-character label of two-byte characters",
            dz_update(userIdentifier="\u00e9" * 256)),
    ]
    for suffix, value, why in LABELS:
        cases.append(req("user_identifier_" + suffix, why, dz_update(userIdentifier=value)))
    cases += [
        req("domain_identifier_space_slash_unicode", "the first label encodes like the second",
            dz_update(domainIdentifier="dzd a/b+\u00e9%")),
        req("domain_identifier_hyphen_underscore", "'-' and '_' are left alone",
            dz_update(domainIdentifier="dzd-abc_DEF-123")),
        req("domain_identifier_empty", "an empty first label", dz_update(domainIdentifier="")),
        req("both_labels_dot_dot", "'..' in both labels", dz_update(domainIdentifier="..", userIdentifier="..")),
        req("region_eu_west_1", "another commercial region", dz_update(), "eu-west-1"),
        req("region_cn_north_1", "the China partition: the host ends in api.amazonwebservices.com.cn",
            dz_update(), "cn-north-1"),
        req("region_us_gov_west_1", "a GovCloud region", dz_update(), "us-gov-west-1"),
    ]
    return cases


def datazone_create_user_profile():
    cases = [
        req("minimal", "the required members and the idempotency token", dz_create()),
        req("user_type_iam_user", "enum value IAM_USER", dz_create(userIdentifier=USER_ARN, userType="IAM_USER")),
        req("user_type_iam_role", "enum value IAM_ROLE", dz_create(userIdentifier=ROLE_ARN, userType="IAM_ROLE")),
        req("user_type_sso_user", "enum value SSO_USER", dz_create(userType="SSO_USER")),
        req("user_type_unknown", "an enum value the model does not list", dz_create(userType="GROUP")),
        req("user_type_lowercase", "a lowercase spelling is sent as is", dz_create(userType="iam_user")),
        req("user_type_empty", "an empty enum value is sent as is", dz_create(userType="")),
        req("user_identifier_arn", "an ARN in the body: no percent-encoding, '/' not escaped",
            dz_create(userIdentifier=USER_ARN)),
        req("user_identifier_prefixed_uuid", "a prefixed UUID", dz_create(userIdentifier="0a1b2c3d4e-" + UUID)),
        req("user_identifier_name_symbols", "the '+=,.@-' of the name pattern",
            dz_create(userIdentifier="jane+dz=1,ops.x@example-corp")),
        req("user_identifier_unicode_bmp", "non-ASCII letters", dz_create(userIdentifier=BMP)),
        req("user_identifier_astral", "characters outside the BMP", dz_create(userIdentifier=ASTRAL + FAMILY)),
        req("user_identifier_escapes", "quote, backslash, slash and ASCII control characters",
            dz_create(userIdentifier=ESCAPES)),
        req("user_identifier_line_separators", "U+2028, U+2029 and U+0085",
            dz_create(userIdentifier=SEPARATORS)),
        req("user_identifier_invisible", "BOM, zero-width characters, a combining mark, NBSP, soft hyphen",
            dz_create(userIdentifier=INVISIBLE)),
        req("user_identifier_empty", "an empty string is sent", dz_create(userIdentifier="")),
        req("user_identifier_absent", "userIdentifier left out (required): the body has only the token",
            {"domainIdentifier": DZD, "clientToken": TOKEN}),
        req("client_token_empty", "an empty token is sent, not replaced by a generated one",
            dz_create(clientToken="")),
        req("client_token_uppercase_uuid", "the token is not normalized", dz_create(clientToken=TOKEN.upper())),
        req("client_token_unicode", "a token with unicode and an emoji", dz_create(clientToken="t\u00f6k\U0001F600")),
        req("client_token_escapes", "a token with JSON escapes", dz_create(clientToken='t"\\\n')),
        req("client_token_long", "a 3000-character token", dz_create(clientToken="k" * 3000)),
        req("every_member", "all four members", dz_create(userIdentifier=USER_ARN, userType="IAM_USER")),
    ]
    for suffix, value, why in LABELS:
        cases.append(req("domain_identifier_" + suffix, why, dz_create(domainIdentifier=value)))
    cases += [
        req("region_eu_west_1", "another commercial region", dz_create(), "eu-west-1"),
        req("region_cn_north_1", "the China partition: the host ends in api.amazonwebservices.com.cn",
            dz_create(), "cn-north-1"),
        req("region_us_gov_west_1", "a GovCloud region", dz_create(), "us-gov-west-1"),
    ]
    return cases


def datazone_responses(model, operation, status):
    ns = "com.amazonaws.datazone"
    errors = model.errors(operation)
    sso = {
        "domainId": DZD,
        "id": UUID,
        "type": "SSO",
        "status": "ACTIVATED",
        "details": {"sso": {"username": "jane.doe@example.com", "firstName": "Jane", "lastName": "Doe"}},
    }
    iam = {
        "domainId": DZD,
        "id": "0a1b2c3d4e-" + UUID,
        "type": "IAM",
        "status": "ASSIGNED",
        "details": {"iam": {"arn": USER_ARN}},
    }

    def ok(name, why, body):
        return resp(name, why, status, body if isinstance(body, str) else compact(body), REST_JSON_TYPE)

    cases = [
        ok("ok_every_member_sso", "every output member, with the sso branch of the details union", sso),
        ok("ok_every_member_iam", "every output member, with the iam branch of the details union", iam),
        ok("ok_empty_object", "{} gives an output with no members set", {}),
        resp("ok_empty_body", "an empty body is read like {}", status, "", {"content-length": "0"}),
        ok("ok_unknown_members_ignored", "unknown members at the top and inside the union branch are ignored",
           dict(sso, extra=[1, 2], details={"sso": dict(sso["details"]["sso"], middleName="Q")})),
        ok("ok_null_members", "null members are left out of the output, the union included",
           {"domainId": None, "id": UUID, "type": None, "status": "ASSIGNED", "details": None}),
        ok("ok_null_inside_union_branch", "a null member inside the union branch is left out",
           {"details": {"sso": {"username": "jane", "firstName": None, "lastName": None}}}),
        ok("ok_union_other_branch_null", "a union with one branch set and the other null is that branch",
           {"details": {"iam": None, "sso": {"username": "jane"}}}),
        ok("ok_union_type_member_ignored", "a `__type` key next to the union branch is ignored",
           {"details": {"__type": "com.amazonaws.datazone#UserProfileDetails", "iam": {"arn": ROLE_ARN}}}),
        ok("ok_union_branch_empty_object", "a union branch set to {} gives that branch with no members",
           {"details": {"iam": {}}}),
        ok("ok_union_unknown_branch", "an unknown union branch: botocore gives "
           "{\"SDK_UNKNOWN_MEMBER\": {\"name\": <branch>}} in place of the union",
           {"id": UUID, "details": {"google": {"sub": "1234"}}}),
        ok("ok_unknown_enum_values", "enum values the model does not list are kept",
           dict(sso, type="SAML", status="PENDING_REVIEW")),
        ok("ok_escaped_strings", "JSON escapes in strings: \\u, surrogate pairs, \\/ and control characters",
           '{"id":"a\\/b","details":{"sso":{"username":"tab\\t\\\\ \\"q\\"","firstName":"\\u00c9lodie \\ud83d\\ude00",'
           '"lastName":"\\u2028\\u0000"}}}'),
        ok("ok_raw_utf8_strings", "non-ASCII characters sent as raw UTF-8, not escaped",
           {"details": {"sso": {"firstName": BMP, "lastName": ASTRAL}}}),
        ok("ok_whitespace_and_key_order", "insignificant whitespace and members in another order",
           '\n{ "status" : "DEACTIVATED" ,\r\n\t"domainId":"%s" }\n' % DZD),
    ]
    cases += modeled_error_cases(errors, rest=True, extras={})
    cases += rest_json_error_variants(ns, ("ResourceNotFoundException", 404), "message")
    return numbered(cases)


# ---------------------------------------------------------------------------
# codestar UpdateUserProfile (awsJson1_1; epoch-second timestamps in the output)
# ---------------------------------------------------------------------------

CS_ARN = "arn:aws:iam::123456789012:user/jane"
SSH_KEY = (
    "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC7Zm9vYmFyYmF6cXV4Zm9vYmFyYmF6cXV4"
    "Zm9vYmFyYmF6cXV4 jane@example.com"
)


def cs_input(**members):
    value = {"userArn": CS_ARN}
    value.update(members)
    return value


def codestar_update_user_profile():
    return [
        req("minimal", "only the required userArn", cs_input()),
        req("every_member", "all four members",
            cs_input(displayName="Jane Doe", emailAddress="jane@example.com", sshPublicKey=SSH_KEY)),
        req("display_name_only", "one optional member", cs_input(displayName="Jane Doe")),
        req("email_only", "one optional member", cs_input(emailAddress="jane@example.com")),
        req("ssh_key_only", "one optional member", cs_input(sshPublicKey=SSH_KEY)),
        req("ssh_key_multiline", "LF and CRLF inside the key text",
            cs_input(sshPublicKey="-----BEGIN KEY-----\nAAAA\r\nBBBB\n-----END KEY-----\n")),
        req("ssh_key_latin1", "Latin-1 characters (the pattern allows U+0020-U+00FF)",
            cs_input(sshPublicKey="ssh-ed25519 AAAA caf\u00e9 \u00ff \u00a9")),
        req("ssh_key_tab_and_nul", "a tab (allowed) and a NUL (not allowed, still sent)",
            cs_input(sshPublicKey="ssh-rsa\tAAAA\x00")),
        req("ssh_key_max_length", "16384 characters, the maximum", cs_input(sshPublicKey="A" * 16384)),
        req("ssh_key_empty", "an empty key (length 0 is allowed) is sent, not dropped", cs_input(sshPublicKey="")),
        req("display_name_empty", "an empty display name (breaks min 1; still sent)", cs_input(displayName="")),
        req("email_empty", "an empty email (breaks min 3; still sent)", cs_input(emailAddress="")),
        req("all_optional_empty", "every optional member empty",
            cs_input(displayName="", emailAddress="", sshPublicKey="")),
        req("display_name_unicode_bmp", "non-ASCII letters from several scripts", cs_input(displayName=BMP)),
        req("display_name_astral", "characters outside the BMP and a ZWJ emoji sequence",
            cs_input(displayName=ASTRAL + " " + FAMILY)),
        req("display_name_escapes", "quote, backslash, slash and ASCII control characters",
            cs_input(displayName=ESCAPES)),
        req("display_name_line_separators", "U+2028, U+2029 and U+0085", cs_input(displayName=SEPARATORS)),
        req("display_name_invisible", "BOM, zero-width characters, a combining mark, NBSP, soft hyphen",
            cs_input(displayName=INVISIBLE)),
        req("display_name_padded", "leading and trailing spaces are kept", cs_input(displayName=" Jane ")),
        req("display_name_right_to_left", "right-to-left scripts", cs_input(displayName=RTL)),
        req("display_name_64_and_65", "64 emoji in the name, 65 in the key",
            cs_input(displayName="\U0001F600" * 64, sshPublicKey="\U0001F600" * 65)),
        req("display_name_html", "HTML-like text is not escaped further", cs_input(displayName=HTML)),
        req("display_name_json_text", "text that is itself JSON is sent as a string",
            cs_input(displayName='{"displayName":"x"}')),
        req("email_plus_and_dots", "an email with '+' and several dots",
            cs_input(emailAddress="jane.doe+codestar@mail.example.co.uk")),
        req("email_unicode", "an internationalized email", cs_input(emailAddress="j\u00f6hn@ex\u00e4mple.com")),
        req("user_arn_with_path", "an IAM user ARN with a path", cs_input(userArn="arn:aws:iam::123456789012:user/division/team/jane")),
        req("user_arn_empty", "an empty ARN", cs_input(userArn="")),
        req("user_arn_escapes", "an ARN with quote, backslash and newline", cs_input(userArn='arn"\\\n')),
        req("required_user_arn_absent", "userArn left out (required; still sent without it)",
            {"displayName": "Jane Doe"}),
        req("required_only_absent_body_empty", "nothing at all: the body is {}", {}),
        req("region_eu_west_1", "another region", cs_input(), "eu-west-1"),
        req("region_ap_northeast_2", "another region", cs_input(), "ap-northeast-2"),
        req("region_us_west_2", "another region", cs_input(displayName="Jane"), "us-west-2"),
    ]


def codestar_update_user_profile_responses(model):
    ns = "com.amazonaws.codestar"
    errors = model.errors("UpdateUserProfile")
    full = {
        "userArn": CS_ARN,
        "displayName": "Jane Doe",
        "emailAddress": "jane@example.com",
        "sshPublicKey": SSH_KEY,
        "createdTimestamp": 1700000000,
        "lastModifiedTimestamp": 1700000123.456,
    }

    def ok(name, why, body):
        return resp(name, why, 200, body if isinstance(body, str) else compact(body), AWS_JSON_TYPE)

    cases = aws_json_success_cases((full, "every output member; timestamps as epoch seconds, "
                                          "one whole and one with a fraction"))
    cases += [
        ok("ok_only_required", "only userArn in the output", {"userArn": CS_ARN}),
        ok("ok_timestamp_milliseconds", "fractions of a second to the millisecond",
           {"userArn": CS_ARN, "createdTimestamp": 1700000000.001, "lastModifiedTimestamp": 1700000000.999}),
        ok("ok_timestamp_exponent", "epoch seconds written with an exponent",
           '{"userArn":"%s","createdTimestamp":1.7E9,"lastModifiedTimestamp":1.7000000005e9}' % CS_ARN),
        ok("ok_timestamp_whole_float", "a whole number written as a float",
           '{"userArn":"%s","createdTimestamp":1700000000.0}' % CS_ARN),
        ok("ok_timestamp_epoch_and_before", "the epoch itself and a time before it",
           {"userArn": CS_ARN, "createdTimestamp": 0, "lastModifiedTimestamp": -1.5}),
        ok("ok_timestamp_far_future", "the last second of year 9999",
           {"userArn": CS_ARN, "createdTimestamp": 253402300799}),
        ok("ok_timestamp_leap_day", "29 February 2024 at noon",
           {"userArn": CS_ARN, "createdTimestamp": 1709208000}),
        ok("ok_unknown_members_ignored", "members the output does not have are ignored",
           dict(full, projectId="my-project", extra={"a": [1, None]})),
        ok("ok_null_members", "null members are left out of the output",
           {"userArn": CS_ARN, "displayName": None, "emailAddress": None, "sshPublicKey": None,
            "createdTimestamp": None, "lastModifiedTimestamp": None}),
        ok("ok_empty_strings", "empty strings are kept",
           {"userArn": "", "displayName": "", "emailAddress": "", "sshPublicKey": ""}),
        ok("ok_escaped_strings", "JSON escapes in strings: \\u, surrogate pairs, \\/ and control characters",
           '{"userArn":"arn:aws:iam::123456789012:user\\/jane","displayName":"\\u00c9lodie \\ud83d\\ude00",'
           '"sshPublicKey":"line1\\nline2\\r\\n\\t\\"q\\" \\\\"}'),
        ok("ok_raw_utf8_strings", "non-ASCII characters sent as raw UTF-8, not escaped",
           {"userArn": CS_ARN, "displayName": BMP + " " + ASTRAL}),
    ]
    cases += modeled_error_cases(errors, rest=False, extras={})
    cases += aws_json_error_variants(ns, ("UserProfileNotFoundException", 404), "message")
    return numbered(cases)


# ---------------------------------------------------------------------------
# Writing the fixtures
# ---------------------------------------------------------------------------

# (service, operation, request cases, response cases(model), input for responses)
OPERATIONS = [
    ("identitystore", "UpdateUser", identitystore_update_user, identitystore_update_user_responses,
     lambda: is_input(set_("displayName", "Jane Doe"))),
    ("workmail", "UpdateUser", workmail_update_user, workmail_update_user_responses,
     lambda: wm_input()),
    ("datazone", "UpdateUserProfile", datazone_update_user_profile,
     lambda m: datazone_responses(m, "UpdateUserProfile", 200), lambda: dz_update()),
    ("datazone", "CreateUserProfile", datazone_create_user_profile,
     lambda m: datazone_responses(m, "CreateUserProfile", 201), lambda: dz_create()),
    ("codestar", "UpdateUserProfile", codestar_update_user_profile, codestar_update_user_profile_responses,
     lambda: cs_input()),
]

MIN_REQUESTS = 30
MIN_RESPONSES = 8


def escape_hidden(text_):
    """JSON text with every invisible or easily confused non-ASCII character
    (controls, format characters, separators, combining marks) and DEL written
    as a \\u escape, so the fixtures show what they contain."""
    out = []
    for ch in text_:
        code = ord(ch)
        if code >= 0x7F and (code == 0x7F or unicodedata.category(ch)[0] in "CZM"):
            if code > 0xFFFF:
                code -= 0x10000
                out.append("\\u%04x\\u%04x" % (0xD800 + (code >> 10), 0xDC00 + (code & 0x3FF)))
            else:
                out.append("\\u%04x" % code)
        else:
            out.append(ch)
    return "".join(out)


def render(document):
    return escape_hidden(json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False)) + "\n"


def check_cases(service, operation, model, requests, responses):
    problems = []
    for kind, cases, minimum in (("request", requests, MIN_REQUESTS), ("response", responses, MIN_RESPONSES)):
        names = [c["name"] for c in cases]
        dupes = sorted({n for n in names if names.count(n) > 1})
        if dupes:
            problems.append("duplicate %s case names: %s" % (kind, ", ".join(dupes)))
        if len(cases) < minimum:
            problems.append("%d %s cases, fewer than %d" % (len(cases), kind, minimum))
    input_target = model.operation(operation)["input"]["target"]
    for case in requests:
        found = []
        model.check(case["input"], input_target, "", found)
        problems += ["%s: %s" % (case["name"], p) for p in found]
    codes = {c["expect"]["error"]["code"] for c in responses if "error" in c["expect"]}
    for name, _status, _message in model.errors(operation):
        if name not in codes:
            problems.append("no response case for the modeled error " + name)
    if problems:
        raise SystemExit(
            "%s %s:\n  %s" % (service, operation, "\n  ".join(problems))
        )


def build(service, operation, make_requests, make_responses, response_input, data_path):
    model = SmithyModel(MODELS / (service + ".json"))
    recorder = Recorder(service, operation, data_path)
    drift = []
    ours = model.operation(operation)
    model.compare(ours["input"]["target"], recorder.op_model.input_shape, "input", drift)
    model.compare(ours["output"]["target"], recorder.op_model.output_shape, "output", drift)
    if drift:
        raise SystemExit(
            "%s %s: botocore's model differs from models/%s.json:\n  %s"
            % (service, operation, service, "\n  ".join(drift))
        )
    requests = make_requests()
    for case in requests:
        recorder.request(case)
    responses = make_responses(model)
    params = to_python(response_input(), recorder.op_model.input_shape)
    for case in responses:
        recorder.response(case, params)
    check_cases(service, operation, model, requests, responses)
    return {
        "service": service,
        "operation": operation,
        "botocore_version": botocore.__version__,
        "botocore_model_version": (
            CODESTAR_MODEL_VERSION if data_path is not None else botocore.__version__
        ),
        "requests": requests,
        "responses": responses,
    }


def extract_codestar_model(wheel, into):
    """Copy botocore/data/codestar/ out of the pinned botocore wheel into a
    directory that can serve as botocore's data path."""
    if wheel is None:
        raise SystemExit(
            "--codestar-wheel is required; fetch it with\n"
            "  pip download --no-deps --dest /tmp/botocore-%s botocore==%s"
            % (CODESTAR_MODEL_VERSION, CODESTAR_MODEL_VERSION)
        )
    if wheel.is_dir():
        wheel = wheel / CODESTAR_WHEEL
    digest = hashlib.sha256(wheel.read_bytes()).hexdigest()
    if digest != CODESTAR_WHEEL_SHA256:
        raise SystemExit(
            "%s: SHA-256 %s is not that of %s" % (wheel, digest, CODESTAR_WHEEL)
        )
    prefix = "botocore/data/"
    with zipfile.ZipFile(wheel) as archive:
        for name in archive.namelist():
            if name.startswith(prefix + "codestar/") and not name.endswith("/"):
                target = into / name[len(prefix):]
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(archive.read(name))
    return into


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--codestar-wheel", type=Path, metavar="WHEEL",
                        help="%s, or the directory holding it" % CODESTAR_WHEEL)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="fixture directory")
    parser.add_argument("--check", action="store_true",
                        help="write nothing; exit 1 when a fixture file would change")
    args = parser.parse_args()

    if botocore.__version__ != BOTOCORE_VERSION:
        raise SystemExit(
            "botocore %s is installed; these fixtures are recorded with botocore==%s "
            "(see tests/botocore/README.md)" % (botocore.__version__, BOTOCORE_VERSION)
        )
    stale = []
    with tempfile.TemporaryDirectory() as scratch:
        codestar_data = extract_codestar_model(args.codestar_wheel, Path(scratch))
        for service, operation, make_requests, make_responses, response_input in OPERATIONS:
            data_path = codestar_data if service == "codestar" else None
            document = build(
                service, operation, make_requests, make_responses, response_input, data_path
            )
            path = args.out / ("%s_%s.json" % (service, operation))
            content = render(document)
            print("%-40s %3d requests %3d responses"
                  % (path.name, len(document["requests"]), len(document["responses"])))
            if args.check:
                if not path.exists() or path.read_text(encoding="utf-8") != content:
                    stale.append(path.name)
            else:
                args.out.mkdir(parents=True, exist_ok=True)
                path.write_text(content, encoding="utf-8")
    if stale:
        raise SystemExit("out of date: " + ", ".join(stale))


if __name__ == "__main__":
    main()
