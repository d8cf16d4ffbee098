"""Write docs/output-schema.json from dateline.models (run after changing a record)."""

import json
from pathlib import Path

from dateline.schema import output_schema

OUT = Path(__file__).resolve().parent.parent / "docs" / "output-schema.json"
OUT.write_text(json.dumps(output_schema(), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
print(f"wrote {OUT}")
