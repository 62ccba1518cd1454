"""Shell completion offers country names and codes, themes, resolutions and source ids."""

from __future__ import annotations

import pytest

from conftest import rca_process


def complete(words: str, data_dir: str | None = None) -> list[str]:
    env = {"_RCA_COMPLETE": "complete_bash", "COMP_WORDS": words,
           "COMP_CWORD": str(len(words.split()) - (0 if words.endswith(" ") else 1))}
    if data_dir:
        env["RCA_DATA_DIR"] = data_dir
    run = rca_process(**env)
    assert run.returncode == 0, run.stderr
    return run.stdout.split()


@pytest.mark.parametrize(
    ("words", "wanted"),
    [("rca country kaz", {"kaz", "kazakhstan"}),
     ("rca country Ky", {"Kyrgyzstan"}),
     ("rca votes -c UZ", {"UZB"}),
     ("rca votes -r ES-11/", {f"ES-11/{n}" for n in range(1, 10)}),
     ("rca themes se", {"security"}),
     ("rca sources commen", {"commentary"}),
     ("rca votes --format js", {"json"}),
     ("rca history compare kaz cs", {"csto"}),
     ("rca history compare kaz c", {"chn", "china", "central-asia", "csto", "cis"}),
     ("rca history compare UZ", {"UZB"})],
)
def test_completion_offers_what_the_command_accepts(words: str, wanted: set[str]) -> None:
    assert set(complete(words)) == wanted


def test_every_completion_is_accepted_by_the_command() -> None:
    from conftest import rca

    for name in complete("rca country k"):
        assert rca("country", name).exit_code == 0, name


def test_completion_of_a_broken_dataset_offers_nothing_and_says_nothing(tmp_path) -> None:
    assert complete("rca country ka", str(tmp_path / "nowhere")) == []
