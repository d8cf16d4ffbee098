"""The README and docs must keep up with the code: every CLI option and output field is documented."""

from dateline.cli import cli
from dateline.schema import output_schema

from .conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")
SCHEMA_DOC = (REPO / "docs" / "output-schema.md").read_text(encoding="utf-8")


def test_every_analyze_option_is_in_the_readme():
    command = cli.commands["analyze"]
    for param in command.params:
        for opt in param.opts:
            if opt.startswith("--"):
                assert f"`{opt}" in README or f"{opt} " in README or f"/ {opt}" in README, opt


def test_every_output_field_is_in_the_schema_doc():
    schema = output_schema()
    for name, definition in schema["$defs"].items():
        for field in definition["properties"]:
            assert f"`{field}`" in SCHEMA_DOC, f"{name}.{field} is not documented in docs/output-schema.md"


def test_readme_quick_start_commands_exist():
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    assert "make demo" in README and "make test" in README
    assert "\ndemo:" in makefile and "\ntest:" in makefile
    assert "make test" in (REPO / ".ci" / "run").read_text(encoding="utf-8")


def test_data_credits():
    for credit in ("GeoNames", "CC BY 4.0", "Wikinews", "CC BY 2.5", "PLOVER", "PETRARCH2"):
        assert credit in README
