"""schemathesis against the OpenAPI document: generated requests for every operation, with a
coordinator's read-write key and the cooperation's real address, must never meet a server
error, an undocumented status or content type, or a response that breaks the schema.

Bounded (a few examples per operation) so that the suite stays short; raise
``IKZ_SCHEMATHESIS_EXAMPLES`` for a longer run.
"""

from __future__ import annotations

import os
from typing import Any

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis import checks

from ikz.wsgi import application
from tests.api.helpers import key
from tests.conftest import build_world

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)
EXAMPLES = int(os.environ.get("IKZ_SCHEMATHESIS_EXAMPLES", "8"))
CHECKS = [
    checks.not_a_server_error,
    checks.status_code_conformance,
    checks.content_type_conformance,
    checks.response_schema_conformance,
]


@pytest.fixture
def secret(db: None) -> str:
    world = build_world("S")
    return key(world, "coordinator")


@pytest.fixture(autouse=True)
def keep_the_test_connection() -> object:
    """schemathesis calls the WSGI application itself, not Django's test client, so each
    request would close "old" connections: on PostgreSQL that is the test's own connection,
    inside its transaction. Django's test client unhooks the same signal handler."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.mark.filterwarnings("ignore")
@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)
def test_api(case: schemathesis.Case[Any], secret: str) -> None:
    if "slug" in (case.path_parameters or {}):
        case.path_parameters["slug"] = "koop-s"
    case.call_and_validate(headers={"Authorization": f"Bearer {secret}"}, checks=CHECKS)
