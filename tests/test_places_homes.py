"""Outlet homes: learning them, reading and writing their file, and resolving with them."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from dateline.cli import cli
from dateline.errors import InputError
from dateline.models import Article
from dateline.places import PlaceStage
from dateline.places.gazetteer import Candidate
from dateline.places.homes import Home, learn_homes, outlet_of, read_homes, write_homes

OHIO_HOME = Home("thisweeknews.com", "Dublin", 40.09923, -83.11408, "US", "OH")


def _town(gid: int, name: str, cc: str, admin1: str, feature: str = "P.PPL") -> Candidate:
    return Candidate(geonameid=gid, name=name, lat=40.0, lon=-83.0, feature=feature, country_code=cc, admin1=admin1,
                     population=1000)  # fmt: skip


DUBLIN_OH, COLUMBUS, DUBLIN_IE = _town(1, "Dublin", "US", "OH"), _town(2, "Columbus", "US", "OH"), _town(3, "Dublin", "IE", "L")
USA = _town(4, "United States", "US", "", feature="A.PCLI")


def test_an_outlet_home_is_the_town_most_named_in_the_area_most_articles_name() -> None:
    articles = [
        ("paper", [(DUBLIN_OH, 0.9), (COLUMBUS, 0.8)]),
        ("paper", [(DUBLIN_OH, 0.9), (DUBLIN_OH, 0.9)]),  # counted once per article
        ("paper", [(COLUMBUS, 0.7), (USA, 1.0)]),
        ("paper", [(DUBLIN_IE, 0.9)]),
        ("wire", [(DUBLIN_IE, 0.9)]),  # too few articles
        ("wire", [(DUBLIN_IE, 0.9)]),
        ("roving", [(DUBLIN_IE, 0.9)]),  # no area in half of its articles
        ("roving", [(COLUMBUS, 0.9)]),
        ("roving", [(USA, 0.9)]),
        ("roving", [(COLUMBUS, 0.3)]),  # not confident
        (None, [(DUBLIN_OH, 0.9)]),
    ]
    (home,) = learn_homes(articles)
    # Dublin and Columbus are each named in two articles: the tie goes to the lower id
    assert (home.outlet, home.name, home.country, home.admin1) == ("paper", "Dublin", "US", "OH")


def test_no_home_from_one_name_repeated_nor_abroad_for_a_country_domain() -> None:
    london_on, london_uk, kent_uk = _town(5, "London", "CA", "08"), _town(6, "London", "GB", "ENG"), _town(7, "Kent", "GB", "ENG")
    # one misread name in every story is no home
    assert learn_homes([("ohio.com", [(DUBLIN_IE, 0.9)])] * 4) == []
    # a .ca paper is at home in Canada, whatever its first reading of "London"
    articles = [("lfpress.ca", [(london_uk, 0.9), (kent_uk, 0.9)])] * 3 + [("lfpress.ca", [(london_on, 0.9)])] * 2
    assert learn_homes(articles) == []  # Ontario in only 2 of 5 articles
    (home,) = learn_homes([(o, [*p, (london_on, 0.9), (_town(8, "Sarnia", "CA", "08"), 0.9)]) for o, p in articles])
    assert (home.name, home.country, home.admin1) == ("London", "CA", "08")
    # the same articles from a .com outlet: England
    (home,) = learn_homes([("lfpress.com", p) for _, p in articles])
    assert home.country == "GB"


def test_outlet_of_an_article() -> None:
    assert outlet_of(Article(id="a", text="", source="The Town Talk", url="https://www.thetowntalk.com/x")) == "The Town Talk"
    assert outlet_of(Article(id="a", text="", url="https://www.thetowntalk.com/article/1")) == "thetowntalk.com"
    assert outlet_of(Article(id="a", text="")) is None


def test_the_homes_file_round_trips_and_bad_files_are_named(tmp_path) -> None:
    path = tmp_path / "homes.toml"
    path.write_text(write_homes([OHIO_HOME, Home("x.fr", "Saint-Étienne", 45.43, 4.39, "FR")]), encoding="utf-8")
    homes = read_homes(path)
    assert homes["thisweeknews.com"] == OHIO_HOME and homes["x.fr"].admin1 is None
    for text, message in [
        ("[[home]]\noutlet = 'a'\nname = 'b'\nlat = 1\n", "lacks 'lon'"),
        ("[[home]]\noutlet = 'a'\nname = 'b'\nlat = 100\nlon = 0\ncountry = 'US'\n", "out of range"),
        ("home = 3\n", "[[home]] tables"),
        ("[[home\n", "not valid TOML"),
    ]:
        path.write_text(text, encoding="utf-8")
        with pytest.raises(InputError, match="homes.toml") as info:
            read_homes(path)
        assert message in str(info.value)


def _analyse(stage: PlaceStage, text: str, url: str) -> list:
    from dateline.pipeline import create_stage

    article = Article(id="t", text=text, url=url)
    for name in ("structure", "nlp"):
        article = create_stage(name)(article)
    return stage(article).places


def test_ambiguous_names_lean_to_the_outlets_home(tmp_path) -> None:
    path = tmp_path / "homes.toml"
    path.write_text(write_homes([OHIO_HOME]), encoding="utf-8")
    text = "Police in Dublin arrested a man on Monday."
    (plain,) = _analyse(PlaceStage(), text, "https://www.thisweeknews.com/story")
    assert plain.country_code == "IE"  # the capital, with nothing else to go by
    with_homes = PlaceStage(homes=str(path))
    (local,) = _analyse(with_homes, text, "https://www.thisweeknews.com/story")
    assert (local.country_code, local.admin1, local.name) == ("US", "OH", "Dublin") and abs(local.lon + 83.1) < 0.5
    assert plain.admin1 is not None and plain.admin1 != "OH"  # the output says which Dublin
    (elsewhere,) = _analyse(with_homes, text, "https://www.irishtimes.com/story")
    assert elsewhere.country_code == "IE"  # another outlet: no home


def test_learn_homes_from_a_store_and_use_them(tmp_path) -> None:
    texts = [
        "Dublin City Council met in Dublin, Ohio, on Monday.",
        "A fire in Dublin, Ohio, closed a road.",
        "Schools in Columbus, Ohio, and Dublin, Ohio, reopened.",
    ]
    inputs = tmp_path / "in.jsonl"
    inputs.write_text("".join(json.dumps({"id": f"a{i}", "text": t, "source": "thisweeknews.com"}) + "\n"
                              for i, t in enumerate(texts)), encoding="utf-8")  # fmt: skip
    db = str(tmp_path / "news.db")
    runner = CliRunner()
    stages = ["--stages", "structure,nlp,places", "--no-progress"]
    assert runner.invoke(cli, ["ingest", str(inputs), "--db", db, *stages]).exit_code == 0
    out = tmp_path / "homes.toml"
    learned = runner.invoke(cli, ["homes", db, "-o", str(out)])
    assert learned.exit_code == 0, learned.output
    assert "1 home learned from 3 articles" in learned.output
    home = read_homes(out)["thisweeknews.com"]
    assert (home.name, home.country, home.admin1) == ("Dublin", "US", "OH")
    story = tmp_path / "story.jsonl"
    story.write_text(json.dumps({"id": "b", "text": "Police in Dublin arrested a man.", "source": "thisweeknews.com"}) + "\n")
    result = runner.invoke(cli, ["analyze", str(story), "--homes", str(out), "--format", "jsonl", *stages])
    assert result.exit_code == 0, result.output
    (dublin,) = json.loads(result.stdout)["places"]
    assert dublin["country_code"] == "US"
