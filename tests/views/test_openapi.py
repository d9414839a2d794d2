"""The JSON API against its own OpenAPI document: schemathesis over the ASGI app, plus the error contract.

Schemathesis drives every operation in `/openapi.json` with generated requests, both valid
(positive) and schema-violating (negative), straight through the ASGI app over the demo
database, and checks: no 5xx, the status code is documented, the content type is documented,
the body and headers match the declared schema, valid requests are accepted and invalid ones
rejected. Every 4xx/5xx it sees must also be exactly `{"error": {"status", "code", "message"}}`.

`schemathesis.pytest.from_fixture` cannot be used here: with pytest 9.2 it fails at run time
(`'Function' object has no attribute '_nodeid'`), and the app needs the `demo_db` fixture.
So each operation is its own parametrized test that runs a Hypothesis `@given` over
`operation.as_strategy(mode)`: bounded (MAX_EXAMPLES, no deadline), a fixed seed, no example
database, so a run in CI does what a run on a laptop does. It calls the app and validates the
response itself (rather than `call_and_validate`) so the negative check can skip the one
leniency that is there by design: a blank filter means "not given".
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import httpx
import pytest
import schemathesis
from fastapi import FastAPI
from hypothesis import HealthCheck, given, seed, settings
from schemathesis import GenerationMode
from schemathesis.checks import (
    content_type_conformance,
    negative_data_rejection,
    not_a_server_error,
    positive_data_acceptance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)
from schemathesis.schemas import BaseSchema

from airdate.views.web import CSP, create_app
from views.conftest import TODAY, make_client

MAX_EXAMPLES = 40
SEED = 20261124  # a fixed seed, not derandomize: that one hashes the test's source, so any edit reshuffles
OPERATIONS = [
    ("GET", "/api/releases"),
    ("GET", "/api/releases/{release_id}"),
    ("GET", "/api/releases/{release_id}/claims"),
    ("GET", "/api/changes"),
    ("GET", "/calendar.ics"),
    ("GET", "/feed.atom"),
]
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    response_headers_conformance,
    positive_data_acceptance,
]
# The board's filters treat a blank value as "not given" (an HTML form sends `platform=` for "any"),
# by design (airdate/views/filters.py): a negative case that sends one is spared `negative_data_rejection`.
BLANK_MEANS_UNSET = {"platform", "certainty", "within", "q", "status"}
WRITE_METHODS = {"post", "put", "patch", "delete"}
INTEGRAL_FLOAT = re.compile(r"^\d+\.0+$")
CODES = {404: "not_found", 405: "method_not_allowed", 422: "invalid", 500: "internal", 503: "unavailable"}
UNKNOWN_ID = 999_999


@pytest.fixture(scope="module")
def app(demo_db: Path) -> FastAPI:
    return create_app(demo_db, today=lambda: TODAY)


@pytest.fixture(scope="module")
def api_schema(app: FastAPI) -> BaseSchema:
    return schemathesis.openapi.from_asgi("/openapi.json", app)


@pytest.fixture(scope="module")
def openapi(app: FastAPI) -> dict[str, Any]:
    return app.openapi()


def assert_error_shape(status: int, body: Any, *, code: str | None = None) -> None:
    """Exactly `{"error": {"status", "code", "message"}}`, agreeing with the HTTP status."""
    assert isinstance(body, dict) and set(body) == {"error"}, body
    error = body["error"]
    assert isinstance(error, dict) and set(error) == {"status", "code", "message"}, body
    assert error["status"] == status, body
    assert isinstance(error["code"], str) and error["code"], body
    assert error["code"] == (code or CODES.get(status, error["code"])), body
    message = error["message"]
    assert isinstance(message, str) and message.strip() and "\n" not in message, body
    assert "Traceback" not in message, body


def known_leniency(response: schemathesis.Response) -> bool:
    """A negative case the app accepts for a reason covered elsewhere, judged by the query actually sent."""
    url = urlsplit(str(response.request.url))
    sent = parse_qsl(url.query, keep_blank_values=True)
    # by design: a blank filter is no filter (an HTML form sends "" for "any")
    if any(name in BLANK_MEANS_UNSET and not value.strip() for name, value in sent):
        return True
    # by the schema: JSON Schema counts 120.0 as an integer (the positive generator sends it too), so
    # "within=0.0" is the whole number it spells, not a wrong type
    return any(INTEGRAL_FLOAT.match(value) for name, value in sent)


# --- schemathesis over the whole schema ---------------------------------------------------------------


def test_the_schema_has_exactly_the_operations_fuzzed_here(api_schema: BaseSchema) -> None:
    found = sorted((op.ok().method.upper(), op.ok().path) for op in api_schema.get_all_operations())
    assert found == sorted(OPERATIONS)


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE], ids=lambda m: m.value)
@pytest.mark.parametrize(("method", "path"), OPERATIONS, ids=[f"{m} {p}" for m, p in OPERATIONS])
def test_schemathesis(api_schema: BaseSchema, method: str, path: str, mode: GenerationMode) -> None:
    fuzz(api_schema, method, path, mode, MAX_EXAMPLES)


def fuzz(
    schema: BaseSchema, method: str, path: str, mode: GenerationMode, examples: int, headers: dict[str, str] | None = None
) -> None:
    """Drive one operation with `examples` generated requests (sending `headers` too) and check every answer."""
    operation = schema[path][method]

    @settings(
        max_examples=examples,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
    )
    @seed(SEED)
    @given(case=operation.as_strategy(generation_mode=mode))
    def run(case: schemathesis.Case) -> None:
        response = case.call(headers=headers)
        checks = list(CHECKS)
        if mode is GenerationMode.NEGATIVE and not known_leniency(response):
            checks.append(negative_data_rejection)
        case.validate_response(response, checks=checks)
        assert response.headers.get("content-security-policy") == [CSP]
        if response.status_code >= 400:
            assert_error_shape(response.status_code, response.json())

    run()


# --- the error contract, request by request -----------------------------------------------------------


@pytest.fixture
async def client(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    async with make_client(app) as c:
        yield c


BAD_REQUESTS = [
    # (method, url, status, a word the message must contain)
    ("GET", "/no/such/path", 404, "no such page"),
    ("GET", "/api/no-such-endpoint", 404, "no such page"),
    ("GET", f"/api/releases/{UNKNOWN_ID}", 404, str(UNKNOWN_ID)),
    ("GET", f"/api/releases/{UNKNOWN_ID}/claims", 404, str(UNKNOWN_ID)),
    ("GET", f"/release/{UNKNOWN_ID}", 404, str(UNKNOWN_ID)),
    ("GET", f"/api/releases/{2**62 + 1}", 422, "release_id"),
    ("GET", f"/api/releases/{10**30}", 422, "release_id"),
    ("GET", f"/api/releases/{2**64}/claims", 422, "release_id"),
    ("GET", "/api/releases/0", 422, "release_id"),
    ("GET", "/api/releases/-3", 422, "release_id"),
    ("GET", "/api/releases/abc", 422, "release_id"),
    ("GET", "/api/releases?limit=-1", 422, "limit"),
    ("GET", "/api/releases?offset=-1", 422, "offset"),
    ("GET", "/api/changes?limit=-5", 422, "limit"),
    ("GET", "/feed.atom?limit=-1", 422, "limit"),
    ("GET", "/api/releases?certainty=maybe", 422, "certainty"),
    ("GET", "/calendar.ics?certainty=definitely", 422, "certainty"),
    ("GET", "/api/releases?status=lost", 422, "status"),
    ("GET", "/api/releases?within=soon", 422, "within"),
    ("GET", "/api/changes?since=yesterday", 422, "since"),
    ("GET", "/api/changes?since=2026-02-30", 422, "since"),
    ("GET", "/api/changes?since=2026-11-24T25:00:00Z", 422, "since"),
    ("GET", "/api/releases?platform=" + "p" * 300, 422, "platform"),
    ("GET", "/calendar.ics?platform=" + "p" * 300, 422, "platform"),
    ("GET", "/api/releases?q=" + "q" * 201, 422, "q"),
    ("GET", "/?page=0", 422, "page"),
    ("POST", "/api/releases", 405, "not allowed"),
    ("PUT", "/api/releases/1", 405, "not allowed"),
    ("PATCH", "/api/releases/1", 405, "not allowed"),
    ("DELETE", "/api/releases/1", 405, "not allowed"),
    ("POST", "/api/changes", 405, "not allowed"),
    ("POST", "/calendar.ics", 405, "not allowed"),
]


@pytest.mark.anyio
@pytest.mark.parametrize(("method", "url", "status", "word"), BAD_REQUESTS, ids=lambda v: str(v)[:60])
async def test_bad_request_gets_the_error_shape(
    client: httpx.AsyncClient, method: str, url: str, status: int, word: str
) -> None:
    response = await client.request(method, url)
    assert response.status_code == status, response.text[:300]
    assert response.headers["content-type"].startswith("application/json"), response.headers
    assert response.headers["content-security-policy"] == CSP
    body = response.json()
    assert_error_shape(status, body)
    assert word.lower() in body["error"]["message"].lower(), body


@pytest.mark.anyio
async def test_api_errors_are_json_even_for_a_browser(client: httpx.AsyncClient) -> None:
    for url, status in [
        (f"/api/releases/{UNKNOWN_ID}", 404),
        ("/api/releases?limit=0", 422),
        ("/api/x", 404),
    ]:
        response = await client.get(url, headers={"accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
        assert response.status_code == status
        assert_error_shape(status, response.json())


@pytest.mark.anyio
async def test_method_not_allowed_says_which_methods_are(client: httpx.AsyncClient) -> None:
    response = await client.post("/api/releases")
    assert response.status_code == 405
    assert response.headers.get("allow") == "GET"


@pytest.mark.anyio
@pytest.mark.parametrize(
    "since",
    [
        "0001-01-01T00:00:00+01:00",  # a moment in year 1 that is in year 0 in UTC
        "9999-12-31T23:59:59-01:00",  # a moment in year 9999 that is in year 10000 in UTC
    ],
)
async def test_since_at_the_edge_of_time_is_not_a_server_error(client: httpx.AsyncClient, since: str) -> None:
    response = await client.get("/api/changes", params={"since": since})
    assert response.status_code in (200, 422), response.text[:300]
    if response.status_code == 422:
        assert_error_shape(422, response.json())
    else:
        assert set(response.json()) == {"since", "items"}


@pytest.mark.anyio
@pytest.mark.parametrize("since", ["2026", "20261124", "1764000000", "1.5e-154", "-7"])
async def test_since_must_be_iso_8601(client: httpx.AsyncClient, since: str) -> None:
    response = await client.get("/api/changes", params={"since": since})
    assert response.status_code == 422, response.text[:300]
    assert_error_shape(422, response.json())
    assert "since" in response.json()["error"]["message"]


@pytest.mark.anyio
async def test_since_within_range_is_fine(client: httpx.AsyncClient) -> None:
    for since in ["0001-01-01", "0001-01-01T00:00:00Z", "9999-12-31", "2026-11-24T08:00:00+05:30"]:
        response = await client.get("/api/changes", params={"since": since})
        assert response.status_code == 200, (since, response.text[:300])


# --- the schema itself ---------------------------------------------------------------------------------


def test_openapi_lists_the_endpoints(openapi: dict[str, Any]) -> None:
    paths = set(openapi["paths"])
    for path in [
        "/api/releases",
        "/api/releases/{release_id}",
        "/api/releases/{release_id}/claims",
        "/api/changes",
        "/calendar.ics",
        "/feed.atom",
    ]:
        assert path in paths, sorted(paths)
        assert "get" in openapi["paths"][path]


@pytest.mark.anyio
async def test_openapi_json_is_served(client: httpx.AsyncClient, openapi: dict[str, Any]) -> None:
    response = await client.get("/openapi.json")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/json")
    assert response.json() == openapi


def test_no_endpoint_writes(openapi: dict[str, Any]) -> None:
    for path, item in openapi["paths"].items():
        methods = {m for m in item if m not in ("parameters", "summary", "description", "servers")}
        assert methods == {"get"}, (path, methods)
        assert not methods & WRITE_METHODS
        for op in item.values():
            if isinstance(op, dict):
                assert "requestBody" not in op, path


@pytest.mark.anyio
async def test_no_endpoint_accepts_a_write(client: httpx.AsyncClient, openapi: dict[str, Any]) -> None:
    for path in openapi["paths"]:
        url = path.replace("{release_id}", "1")
        for method in sorted(WRITE_METHODS):
            response = await client.request(method.upper(), url, json={"title": "x"})
            assert response.status_code == 405, (method, url, response.status_code)
            assert_error_shape(405, response.json())


def _error_responses() -> list[Any]:
    return [pytest.param(method, path, id=f"{method} {path}") for method, path in OPERATIONS]


@pytest.mark.parametrize(("method", "path"), _error_responses())
def test_documented_errors_are_the_error_shape(openapi: dict[str, Any], method: str, path: str) -> None:
    responses = openapi["paths"][path][method.lower()]["responses"]
    errors = {code: r for code, r in responses.items() if code.startswith(("4", "5"))}
    assert "422" in errors, (path, sorted(responses))
    if "{release_id}" in path:
        assert "404" in errors, (path, sorted(responses))
    for code, response in errors.items():
        schema = response["content"]["application/json"]["schema"]
        assert schema == {"$ref": "#/components/schemas/ErrorOut"}, (path, code, schema)


# --- the writes, on a server with a token ---------------------------------------------------------------------

TOKEN = "openapi-test-token-0123456789"
WRITE_OPERATIONS = [(m, f"/api/releases/{{release_id}}/{p}") for p in ("follow", "hide", "premiered") for m in ("POST", "DELETE")]


@pytest.fixture(scope="module")
def write_schema(demo_db: Path, tmp_path_factory: pytest.TempPathFactory) -> BaseSchema:
    """The schema of an app with a token, over a private copy of the demo database (these calls write)."""
    from airdate.store import open_store

    copy = tmp_path_factory.mktemp("openapi") / "airdate.db"
    with open_store(demo_db) as store:
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    copy.write_bytes(demo_db.read_bytes())
    return schemathesis.openapi.from_asgi("/openapi.json", create_app(copy, today=lambda: TODAY, token=TOKEN))


def test_a_server_with_a_token_documents_exactly_its_writes_besides(write_schema: BaseSchema) -> None:
    found = sorted((op.ok().method.upper(), op.ok().path) for op in write_schema.get_all_operations())
    assert found == sorted(OPERATIONS + WRITE_OPERATIONS)


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE], ids=lambda m: m.value)
@pytest.mark.parametrize(("method", "path"), WRITE_OPERATIONS, ids=[f"{m} {p}" for m, p in WRITE_OPERATIONS])
def test_schemathesis_writes(write_schema: BaseSchema, method: str, path: str, mode: GenerationMode) -> None:
    """With the right Bearer token every generated write is answered as documented (200, 404 or 422), never a 5xx."""
    fuzz(write_schema, method, path, mode, MAX_EXAMPLES // 2, {"authorization": f"Bearer {TOKEN}"})
