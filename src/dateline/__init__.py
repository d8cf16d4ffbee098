"""dateline: turn news articles into facts with evidence.

The public API::

    from dateline import Pipeline, Article, analyze_text
    pipeline = Pipeline.create()
    article = pipeline(Article(id="a1", text=text, published="2015-05-20"))
"""

from __future__ import annotations

from .errors import ConfigError, DatelineError, InputError
from .models import SCHEMA_VERSION, Article
from .pipeline import DEFAULT_STAGES, Pipeline, Stage, create_stage, register_stage

__version__ = "0.1.0"

__all__ = [
    "DEFAULT_STAGES",
    "SCHEMA_VERSION",
    "Article",
    "ConfigError",
    "DatelineError",
    "InputError",
    "Pipeline",
    "Stage",
    "__version__",
    "create_stage",
    "register_stage",
]
