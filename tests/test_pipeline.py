import pytest

from dateline.errors import ConfigError, InputError, ProcessingError
from dateline.models import Article
from dateline.pipeline import DEFAULT_STAGES, Pipeline, Stage, create_stage, register_stage, run_resilient


@register_stage("test_upper")
class UpperStage(Stage):
    def __init__(self, *, suffix: str = "") -> None:
        self.suffix = suffix

    def __call__(self, article):
        article.warnings.append(article.text.upper() + self.suffix)
        return article


@register_stage("test_explode", requires=("test_upper",))
class ExplodeStage(Stage):
    def __call__(self, article):
        if "boom" in article.text:
            raise RuntimeError("kaboom")
        return article


def arts(*texts):
    return [Article(id=str(i), text=t) for i, t in enumerate(texts)]


def test_stages_run_in_order_with_config():
    pipeline = Pipeline.create(["test_upper"], {"test_upper": {"suffix": "!"}})
    [a] = list(pipeline.pipe(arts("hi")))
    assert a.warnings == ["HI!"]
    assert pipeline.names == ["test_upper"]


def test_requires_is_checked():
    with pytest.raises(ConfigError, match="needs"):
        Pipeline.create(["test_explode"])


def test_bad_config_and_unknown_stage():
    with pytest.raises(ConfigError, match="bad configuration"):
        create_stage("test_upper", colour="red")
    with pytest.raises(ConfigError, match="unknown stage"):
        Pipeline.create(["nope"])
    with pytest.raises(ConfigError, match="not in the pipeline"):
        Pipeline.create(["test_upper"], {"nlp": {}})


def test_run_resilient_isolates_a_failing_article_and_keeps_order():
    pipeline = Pipeline.create(["test_upper", "test_explode"])
    items = [*arts("a", "boom", "c")[:2], InputError("x.txt", "binary"), arts("a", "b", "c")[2]]
    out = list(run_resilient(pipeline, items, chunk_size=10))
    assert [type(i).__name__ for i in out] == ["Article", "ProcessingError", "InputError", "Article"]
    assert isinstance(out[1], ProcessingError) and "kaboom" in out[1].reason


def test_default_stages_build_and_the_doc_is_dropped(specimen_text):
    pipeline = Pipeline.create(DEFAULT_STAGES)
    assert pipeline.names == list(DEFAULT_STAGES)
    [a] = list(pipeline.pipe([Article(id="s", text=specimen_text, published="2015-05-20")]))
    assert a.doc is None and a.sentences


def test_run_resilient_streams_errors_in_input_order_across_chunks():
    pipeline = Pipeline.create(["test_upper", "test_explode"])
    items = [
        InputError("first.txt", "empty"),
        *arts("a", "b"),
        InputError("mid.txt", "binary"),
        *arts("boom", "c", "d"),
        InputError("last.txt", "empty"),
    ]
    for chunk_size in (1, 2, 3, 100):
        out = list(run_resilient(pipeline, items, chunk_size=chunk_size))
        kinds = [i.source if isinstance(i, InputError) else type(i).__name__ for i in out]
        assert kinds == ["first.txt", "Article", "Article", "mid.txt", "ProcessingError", "Article", "Article", "last.txt"], chunk_size
