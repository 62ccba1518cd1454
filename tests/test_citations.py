"""A reader who cites a source needs its title, its date and where to find it."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from rca.dataset.files import default_data_dir
from tests.conftest import rca, replace_in

WARNING = re.compile(r"^sources\.yaml:(\d+): warning: source '([^']+)' (?:has no|lacks) (.+)$",
                     re.M)


def _warned(stderr: str) -> dict[str, tuple[int, str]]:
    return {m.group(2): (int(m.group(1)), m.group(3)) for m in WARNING.finditer(stderr)}


def test_the_shipped_sources_are_warned_of_exactly_where_they_lack_a_citation() -> None:
    run = rca("validate")
    assert run.exit_code == 0, run.stderr
    path = default_data_dir() / "sources.yaml"
    lines = path.read_text(encoding="utf-8").splitlines()
    sources = yaml.safe_load(path.read_text(encoding="utf-8"))
    warned = _warned(run.stderr)
    for source in sources:
        missing = [word for field, word in (("title", "title"), ("date", "date"),
                                            ("url", "address")) if field not in source]
        if source["id"] in warned:
            line, what = warned[source["id"]]
            assert lines[line - 1] == f"- id: {source['id']}"
            assert all(word in missing for word in ("title", "date", "address")
                       if word in what), (source["id"], what)
        else:  # nothing lacking, or a note that says why
            assert not missing or source.get("note"), source["id"]
    summary = re.search(r"^sources\.yaml: warning: (\d+) of the sources", run.stderr, re.M)
    assert (int(summary.group(1)) if summary else 0) == len(warned)


def test_an_untitled_source_is_warned_of_at_its_line(data_copy: Path) -> None:
    sources = data_copy / "sources.yaml"
    line = replace_in(sources, "  title: CSTO summit begins in capital of Kyrgyzstan\n",
                      "  description: a report of the opening of the CSTO summit\n")
    run = rca("validate", "--data-dir", str(data_copy))
    assert run.exit_code == 0, run.stderr
    assert run.stdout.startswith("ok: ")
    assert f"sources.yaml:{line - 1}: warning: source '24-2025-csto-summit-begins' has no " \
        "title" in run.stderr.splitlines()
    assert "Traceback" not in run.stderr


def test_a_source_without_date_or_address_is_warned_of_and_a_note_can_say_why(
        data_copy: Path) -> None:
    sources = data_copy / "sources.yaml"
    replace_in(sources, "  date: '2025-11-27'\n  url: https://24.kg/english/352483__CSTO_summit"
               "_begins_in_capital_of_Kyrgyzstan/\n", "")
    run = rca("validate", "--data-dir", str(data_copy))
    assert run.exit_code == 0
    line, what = _warned(run.stderr)["24-2025-csto-summit-begins"]
    assert what == "a date and an address"
    assert yaml.safe_load("\n".join(sources.read_text(encoding="utf-8").splitlines()[line - 1:line])
                          )[0]["id"] == "24-2025-csto-summit-begins"
    before = len(_warned(run.stderr))
    replace_in(sources, "  quality: news\n- id: 24-2025-eu-two-kyrgyz-banks",
               "  quality: news\n  note: a printed bulletin, undated\n"
               "- id: 24-2025-eu-two-kyrgyz-banks")
    run = rca("validate", "--data-dir", str(data_copy))
    assert "24-2025-csto-summit-begins" not in _warned(run.stderr)
    assert len(_warned(run.stderr)) == before - 1


def test_the_share_of_sources_that_cannot_be_cited_in_full_does_not_grow() -> None:
    """At most a tenth; the bound holds, so that a new source without its title or date has to
    be paid for by mending an old one."""
    sources = yaml.safe_load((default_data_dir() / "sources.yaml").read_text(encoding="utf-8"))
    lacking = [s["id"] for s in sources if not s.get("title") or not s.get("date")]
    unplaced = [s["id"] for s in sources if not s.get("url")]
    assert len(lacking) <= 0.10 * len(sources), (len(lacking), len(sources))
    assert unplaced == ["commentary"], unplaced
