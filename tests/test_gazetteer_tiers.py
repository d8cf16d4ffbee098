"""Tests of the full GeoNames tier and ``dateline gazetteer``: a small dump written here,
installed from a file and from a local HTTP server (no test reaches the internet)."""

from __future__ import annotations

import functools
import http.server
import threading
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from dateline.cli import cli
from dateline.errors import InputError
from dateline.places.gazetteer import Gazetteer
from dateline.places.geonames import GeoNamesSource, dump_records, install


def _line(
    gid: int, name: str, alternates: str, lat: float, lon: float, fclass: str, fcode: str, cc: str, pop: int
) -> str:
    cols = [str(gid), name, name, alternates, str(lat), str(lon), fclass, fcode, cc, "", "01", "", "", "",
            str(pop), "", "34", "Asia/Baghdad", "2020-01-01"]  # fmt: skip
    return "\t".join(cols)


DUMP = (
    "\n".join(
        [
            _line(7_000_001, "Camp Taji", "Taji Camp,Camp Cooke,CT", 33.53, 44.26, "S", "INSM", "IQ", 0),
            _line(
                7_000_002, "Baghdad International Airport", "BGW,Baghdad Airport", 33.26, 44.23, "S", "AIRP", "IQ", 0
            ),
            _line(99_237, "Iraq", "Republic of Iraq", 33.1, 44.1, "A", "PCLI", "IQ", 38_433_600),
        ]
    )
    + "\n"
)


@pytest.fixture
def dump_zip(tmp_path: Path) -> Path:
    path = tmp_path / "IQ.zip"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("IQ.txt", DUMP * 50)  # repeated: big enough to truncate mid-stream
        archive.writestr("readme.txt", "GeoNames dump\n")
    return path


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("DATELINE_CACHE", str(tmp_path / "cache"))
    monkeypatch.delenv("DATELINE_PLACES", raising=False)
    return tmp_path / "cache"


def test_dump_records(dump_zip: Path) -> None:
    records = list(dump_records(dump_zip))
    assert len(records) == 150
    row, names = records[0]
    assert row == (7_000_001, "Camp Taji", 33.53, 44.26, "S.INSM", "IQ", "01", 0)
    assert ("Taji Camp", 1) in names and ("CT", 1) not in names  # codes are no names


def test_install_and_lookup(dump_zip: Path, cache: Path) -> None:
    index, count = install(dump_zip)
    assert index == cache / "geonames.sqlite" and count == 150
    source = GeoNamesSource(index)
    assert source.stats()["places"] == 3
    gaz = Gazetteer([source])
    (taji,) = gaz.lookup("Camp Taji")
    assert (taji.lat, taji.lon, taji.feature, taji.tier) == (33.53, 44.26, "S.INSM", "geonames")
    assert gaz.lookup("Taji Camp")[0].geonameid == 7_000_001
    assert [p.name for p in cache.iterdir()] == ["geonames.sqlite"]  # no temporary file left


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.txt", b"", "no places"),
        ("wrong.txt", b"name,lat,lon\nBaghdad,33.3,44.4\n", "expected 19 tab-separated columns"),
        ("binary.txt", b"\xff\xfe\x00garbage\n", "not UTF-8"),
        ("bad.txt", DUMP.replace("33.53", "north").encode(), "bad id, coordinates"),
    ],
)
def test_bad_dumps_leave_the_index_untouched(
    dump_zip: Path, cache: Path, tmp_path: Path, name: str, content: bytes, message: str
) -> None:
    index, _ = install(dump_zip)
    before = index.read_bytes()
    bad = tmp_path / name
    bad.write_bytes(content)
    with pytest.raises(InputError) as info:
        install(bad)
    assert message in str(info.value) and name in str(info.value)
    assert index.read_bytes() == before
    assert sorted(p.name for p in cache.iterdir()) == ["geonames.sqlite"]


def test_truncated_zip(dump_zip: Path, cache: Path, tmp_path: Path) -> None:
    data = dump_zip.read_bytes()
    for cut in (len(data) // 2, 200):
        truncated = tmp_path / f"cut{cut}.zip"
        truncated.write_bytes(data[:cut])
        with pytest.raises(InputError) as info:
            install(truncated)
        assert "truncated or corrupt" in str(info.value) and truncated.name in str(info.value)
    assert not (cache / "geonames.sqlite").exists()


@pytest.fixture
def server(tmp_path: Path, dump_zip: Path):
    """A local HTTP server over a folder holding the dump."""
    root = tmp_path / "www"
    root.mkdir()
    (root / "IQ.zip").write_bytes(dump_zip.read_bytes())
    with zipfile.ZipFile(root / "SY.zip", "w") as archive:  # a second country, ids apart from the first
        archive.writestr("SY.txt", DUMP.replace("\t7000", "\t8000").replace("7000", "8000") * 50)
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(root))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_cli_install_from_url_and_download(server: str, cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    runner = CliRunner()
    result = runner.invoke(cli, ["gazetteer", "install", f"{server}/IQ.zip"])
    assert result.exit_code == 0, result.output
    assert "installed 150 GeoNames places" in result.output
    assert (cache / "geonames.sqlite").exists()
    assert sorted(p.name for p in cache.iterdir()) == ["geonames.sqlite"]  # the download was removed

    missing = runner.invoke(cli, ["gazetteer", "install", f"{server}/XX.zip"])
    assert missing.exit_code != 0 and "404" in str(missing.exception)

    monkeypatch.setenv("DATELINE_GEONAMES_URL", server)
    (cache / "geonames.sqlite").unlink()
    result = runner.invoke(cli, ["gazetteer", "download", "iq"])
    assert result.exit_code == 0, result.output
    assert GeoNamesSource(cache / "geonames.sqlite").stats()["places"] == 3
    # two countries make one index
    result = runner.invoke(cli, ["gazetteer", "download", "IQ", "SY"])
    assert result.exit_code == 0, result.output
    assert "installed 300 GeoNames places" in result.output


def test_cli_info(dump_zip: Path, cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from dateline.places import gazetteer as gz

    # a tiny embedded tier, so the test does not build the real one into its fresh cache
    monkeypatch.setattr(gz, "_records", lambda: iter([((1, "Springfield", 39.8, -89.6, "P.PPL", "US", "IL", 114_000),
                                                        [("Springfield", gz.KIND_NAME)])]))  # fmt: skip
    runner = CliRunner()
    result = runner.invoke(cli, ["gazetteer", "info"])
    assert result.exit_code == 0, result.output
    assert "geonames       not installed" in result.output
    assert "embedded" in result.output and "1 places, 1 names" in result.output

    install(dump_zip)
    places = tmp_path / "mine.csv"
    places.write_text("name,lat,lon\nCamp Taji,33.53,44.26\n", encoding="utf-8")
    monkeypatch.setenv("DATELINE_PLACES", str(places))
    result = runner.invoke(cli, ["gazetteer", "info"])
    assert result.exit_code == 0, result.output
    assert "3 places, " in result.output and "1 places (take precedence)" in result.output


def test_geonames_tier_comes_before_the_embedded_one(dump_zip: Path, tmp_path: Path) -> None:
    from dateline.countries import lookup_country
    from dateline.places.gazetteer import normalize
    from dateline.places.recognize import Mention
    from dateline.places.resolve import Resolver

    index, _ = install(dump_zip, tmp_path / "geonames.sqlite")
    embedded = Gazetteer.default().sources[-1]  # the real embedded tier, built once in the user cache
    resolver = Resolver(Gazetteer([GeoNamesSource(index), embedded]))

    def mention(text: str, label: str = "GPE") -> Mention:
        return Mention(0, len(text), text, normalize(text), label, lookup_country(text) if label == "NORP" else None)

    taji, iraqi, najaf = resolver.resolve([mention("Camp Taji", "FAC"), mention("Iraqi", "NORP"), mention("Najaf")])
    assert (taji.lat, taji.lon, taji.feature) == (33.53, 44.26, "S.INSM")
    # the demonym lands on the GeoNames tier's own record of the country
    assert (iraqi.lat, iraqi.lon, iraqi.geonameid) == (33.1, 44.1, 99_237)
    assert najaf.country_code == "IQ" and najaf.feature == "P.PPL"  # the embedded tier still answers the rest


def test_a_new_embedded_index_removes_those_of_older_data_versions(tmp_path: Path) -> None:
    from dateline.places.gazetteer import _prune_old_indexes

    current = tmp_path / "gazetteer-s2-gnc3.0.2-ci1.0.1-lo2.1.0.sqlite"
    old = tmp_path / "gazetteer-s1-gnc3.0.1-ci1.0.1-lo2.0.0.sqlite"
    full_tier = tmp_path / "geonames.sqlite"
    for f in (current, old, full_tier):
        f.write_bytes(b"x")
    _prune_old_indexes(current)
    assert current.exists() and full_tier.exists() and not old.exists()
