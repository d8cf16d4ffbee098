import json

from dateline.schema import output_schema

from .conftest import REPO


def test_documented_schema_is_the_generated_one():
    documented = json.loads((REPO / "docs" / "output-schema.json").read_text(encoding="utf-8"))
    assert documented == output_schema(), "run: .venv/bin/python scripts/build_schema.py"


def test_every_field_is_required():
    schema = output_schema()
    for name, definition in schema["$defs"].items():
        assert set(definition["required"]) == set(definition["properties"]), name
