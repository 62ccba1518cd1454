"""rca search: what a reader types finds what the dataset holds, of every kind, ranked,
highlighted, and whatever the words are, a clean answer."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from conftest import rca, rca_process

REVERSE = re.compile(r"\x1b\[[0-9;]*7m([^\x1b]*)")


def hits(*args: str) -> list[dict[str, Any]]:
    run = rca("search", "--format", "json", *args)
    assert run.exit_code == 0, run.stderr
    found: list[dict[str, Any]] = json.loads(run.stdout)
    return found


def ids(*args: str) -> list[str]:
    return [hit["id"] for hit in hits(*args)]


# -- what it finds -----------------------------------------------------------------------


def test_every_hit_has_all_the_words_in_the_fields_it_names() -> None:
    found = hits("csto", "armenia")
    assert "csto-not-mobilised-for-armenia" in [h["id"] for h in found]
    for hit in found:
        assert hit["matched"], hit["id"]
        text = " ".join([hit["id"], hit["text"], *hit["found"].values()]).lower()
        assert "csto" in text and "armenia" in text, hit["id"]


def test_case_accents_and_a_word_s_start_do_not_matter() -> None:
    plain = set(ids("remittance"))
    assert plain and plain == set(ids("RÉMITTANCE"))
    assert any("remittances" in h["text"] for h in hits("remit"))


def test_a_resolution_is_found_by_its_subject_title_and_symbol() -> None:
    first = hits("crimea")[0]
    assert (first["kind"], first["id"]) == ("resolution", "A/RES/68/262")
    assert first["matched"] == ["short"]
    assert first["found"] == {"short": "Crimea: territorial integrity"}
    assert first["text"] == "Territorial integrity of Ukraine"
    council = hits("human", "rights", "council")
    assert (council[0]["kind"], council[0]["id"]) == ("resolution", "A/RES/ES-11/3")
    assert hits("ES-11/1")[0]["id"] == "A/RES/ES-11/1"


@pytest.mark.parametrize(("words", "kind", "key"), [
    ("machine translation", "vote", "A/RES/ES-11/2 TKM"),
    ("charter of 7 October", "membership", "csto KAZ"),
    ("Eurasian Economic Union", "organisation", "eaeu"),
    ("societal", "theme", "societal"),
    ("asked Putin in public for respect", "signpost",
     "scenario-lost-predominance stmt-rahmon-astana-2022"),
    ("Bishkek", "country", "KGZ"),
    ("CSTO summit begins in capital", "source", "24-2025-csto-summit-begins"),
    ("24.kg", "source", "24-2025-csto-summit-begins"),
    ("Sevastopol", "resolution", "A/RES/80/223"),
])
def test_every_kind_of_item_is_searched(words: str, kind: str, key: str) -> None:
    found = {(h["kind"], h["id"]) for h in hits(*words.split())}
    assert (kind, key) in found, found


def test_british_and_american_spellings_find_the_same() -> None:
    for british, american in (("mobilisation", "mobilization"), ("labour", "labor"),
                              ("defence", "defense"), ("organisation", "organization")):
        found = ids(british)
        assert found and found == ids(american), (british, american)
    assert "evt-mob-kaz-oct-2022" in ids("mobilization")
    assert "evt-mob-kaz-oct-2022" in ids("mobiliz")  # the start of a word, too


@pytest.mark.parametrize(("name", "state"), [
    ("kazakstan", "KAZ"), ("Kirgizia", "KGZ"), ("Казахстан", "KAZ"), ("Қазақстан", "KAZ"),
    ("Россия", "RUS"), ("Kyrgyz Republic", "KGZ")])
def test_a_state_s_name_in_any_spelling_or_script_finds_the_state(name: str,
                                                                 state: str) -> None:
    found = hits(*name.split())
    assert (found[0]["kind"], found[0]["id"]) == ("country", state)
    records = [h for h in found if h["kind"] in ("fact", "event")]
    assert len(records) > 20, "the records that concern the state"
    assert all(state in h["countries"] or h["countries"] == "region"
               or set(h["matched"]) & {"statement", "contested", "note"} for h in records)


def test_the_russian_and_kazakh_names_find_what_the_english_name_finds() -> None:
    english = set(ids("kazakhstan"))
    assert set(ids("Казахстан")) == english == set(ids("Қазақстан"))


def test_a_judgement_says_whose_and_a_contested_claim_says_so() -> None:
    judged = hits("sanctions", "leverage")[0]
    assert (judged["kind"], judged["by"]) == ("assessment", "commentary author")
    assert rca("search", "sanctions", "leverage").rows("Matches")[0][0] == \
        "assessment, by commentary author"
    run = rca("search", "baikonur", "rent")
    header, rows = run.header("Matches"), run.rows("Matches")
    extension = next(r for r in rows if r[header.index("id")] == "mil-kaz-baikonur-2050")
    assert extension[0] == "fact, contested"
    assert extension[header.index("contested")].startswith("contested: AFP's report")
    lease = next(r for r in rows if r[header.index("id")] == "mil-kaz-baikonur-lease-1994")
    assert "as of 1994" in " ".join(lease), "a figure keeps its date"


# -- ranking and highlighting ------------------------------------------------------------


def test_text_matches_come_before_id_only_matches() -> None:
    found = hits("sanctions")
    only_id = [not set(h["matched"]) - {"id", "symbol", "draft", "meeting"} for h in found]
    assert not any(only_id[:10]), [h["id"] for h in found[:10]]
    if True in only_id:
        assert all(only_id[only_id.index(True):]), "no text match after an id-only one"
    scores = [h["score"] for h in found]
    assert scores[:3] == sorted(scores[:3], reverse=True)


def test_the_item_named_by_its_id_comes_first_with_all_its_text() -> None:
    first = hits("mil-kaz-baikonur-2050")[0]
    assert first["id"] == "mil-kaz-baikonur-2050"
    assert "150 million" in first["contested"] and "statement" not in first["matched"]


def test_the_first_hit_on_a_terminal_has_its_words_highlighted() -> None:
    run = rca("search", "sanctions", TTY_COMPATIBLE="1", COLUMNS="120", RCA_PAGER="")
    first = run.stdout.split("─" * 20, 1)[1].split("\n\n", 1)[0]
    assert any(word.lower().startswith("sanction") for word in REVERSE.findall(first)), first
    run = rca("search", "baikonur", TTY_COMPATIBLE="1", COLUMNS="120")
    assert "Baikonur" in REVERSE.findall(run.stdout)


def test_a_pipe_gets_the_plain_text_without_highlights() -> None:
    run = rca("search", "crimea")
    assert "\x1b" not in run.stdout
    assert run.header("Matches") == ["kind", "id", "date", "countries", "theme", "text",
                                     "contested", "matched", "found", "sources"]
    first = run.rows("Matches")[0]
    assert first[:2] == ["resolution", "A/RES/68/262"]
    assert "short: Crimea: territorial integrity" in first
    kinds = [row[0] for row in run.rows("Matches")]
    counted = ", ".join(f"{kinds.count(k)} {k}{'s' if kinds.count(k) != 1 else ''}"
                        for k in dict.fromkeys(kinds))
    assert f"# {len(kinds)} items match 'crimea': {counted}." in run.stdout


def test_states_chosen_keep_what_concerns_them_and_the_region() -> None:
    found = hits("sanctions", "-c", "tkm")
    assert found
    for hit in found:
        assert hit["kind"] == "resolution" or hit["countries"] == "region" or \
            "TKM" in hit["countries"], hit
    assert not [h for h in found if h["kind"] == "source"]
    grouped = hits("csto", "-g", "comparators")
    assert grouped and all(h["kind"] != "source" for h in grouped)
    assert len(grouped) < len(hits("csto"))
    run = rca("search", "keremet", "-c", "tkm")
    assert run.exit_code == 0
    assert "Nothing that concerns the states chosen matches 'keremet'" in run.stdout


# -- nothing found -----------------------------------------------------------------------


def test_no_match_says_so_and_is_not_an_error() -> None:
    run = rca("search", "zzyzx")
    assert run.exit_code == 0
    assert "# Nothing in the dataset matches 'zzyzx'. No word of the dataset is close to " \
        "'zzyzx'." in run.stdout
    assert hits("zzyzx") == []


def test_no_match_suggests_the_close_words_of_the_dataset() -> None:
    run = rca("search", "mobilsation")
    assert run.exit_code == 0
    assert "Close to 'mobilsation' in the dataset: mobilisation" in run.stdout
    assert "Close to 'baikonr' in the dataset: baikonur" in rca("search", "baikonr").stdout
    both = rca("search", "csto", "remittances").stdout
    assert re.search(r"Each word is found alone \('csto' \d+, 'remittances' \d+ items\), but "
                     r"no item has all of them", both), both


def test_search_needs_a_word() -> None:
    run = rca("search", "--", "--- ...")
    assert run.exit_code == 2
    assert "give at least one word" in run.stderr


# -- untrusted words ---------------------------------------------------------------------


@pytest.mark.parametrize("words", [
    ['"'], ['"csto'], ["*"], ["csto*"], ["NEAR("], ["NEAR(csto", "armenia)"], ["a:b"],
    ["statement:csto"], ["--", "-csto"], ["--", "csto", "-armenia"], ["^csto"], ["(", ")"], ["AND"],
    ["OR", "NOT"], ["{ident}", ":", "x"], ["'"], ["\x1b[31mcsto\x07"], ["\x00csto"],
    ["\u202e", "csto"], ["a" * 10_000], [" ".join(["csto"] * 64)]])
def test_query_syntax_from_the_user_is_only_text(words: list[str]) -> None:
    run = rca("search", *words)
    shown = run.stdout + run.stderr
    assert run.exit_code in (0, 2), shown
    for leak in ("sqlite", "fts5", "Traceback", "syntax error", "\x1b[31m", "\x07"):
        assert leak not in shown, (words, leak)
    assert len(shown) < 200_000
    if run.exit_code == 0:
        assert "match" in shown
        json.loads(rca("search", "--format", "json", *words).stdout)


def test_fts5_words_are_searched_as_words() -> None:
    assert "csto-not-mobilised-for-armenia" in ids("csto", "NOT", "armenia")
    assert ids("--", "csto", "-armenia") == ids("csto", "armenia")


def test_a_long_query_is_a_clean_answer() -> None:
    run = rca("search", "a" * 10_000)
    assert run.exit_code == 0 and "Nothing in the dataset matches" in run.stdout
    assert len(run.stdout) < 1_000
    many = rca("search", " ".join(["csto"] * 5_000))
    assert many.exit_code == 2 and "at most 64 words" in many.stderr


# -- without FTS5 ------------------------------------------------------------------------


@pytest.mark.parametrize("words", [["sanctions"], ["Казахстан"], ["csto", "arm"],
                                   ["mobilization"], ["zzyzx"], ["24.kg"]])
def test_without_fts5_the_scan_gives_the_same_answer(words: list[str],
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    from rca.query import search

    with_fts = rca("search", "--format", "json", *words).stdout
    plain = rca("search", *words).stdout
    assert search.fts5_connection() is not None, "this Python's sqlite3 has FTS5"
    monkeypatch.setattr(search, "fts5_connection", lambda: None)
    assert rca("search", "--format", "json", *words).stdout == with_fts
    assert rca("search", *words).stdout == plain


def test_the_scan_cuts_the_text_into_the_words_sqlite_indexes() -> None:
    from rca.dataset.cache import load
    from rca.dataset.files import default_data_dir
    from rca.query import search

    index = search.build(load(default_data_dir()))
    con = search.fts5_connection()
    assert con is not None
    search.fill(con, index)
    con.execute("CREATE VIRTUAL TABLE words USING fts5vocab(hits, 'row')")
    indexed = dict(con.execute("SELECT term, cnt FROM words").fetchall())
    scanned: dict[str, int] = {}
    for columns in index.columns:
        for token in (t for column in columns for t in column):
            scanned[token] = scanned.get(token, 0) + 1
    assert len(indexed) > 2_000 and indexed == scanned


def test_other_commands_do_not_load_sqlite_or_the_search() -> None:
    run = rca_process("countries", PYTHONPROFILEIMPORTTIME="1")
    assert run.returncode == 0, run.stderr
    loaded = {line.rsplit("|", 1)[-1].strip() for line in run.stderr.splitlines()}
    assert "rca.results" in loaded, "the import times are listed"
    assert "sqlite3" not in loaded and "rca.query.search" not in loaded
