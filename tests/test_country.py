"""`rca country`: one state's profile, found by any of its names."""

import pytest

from conftest import Run, rca

FIVE = ["KAZ", "KGZ", "TJK", "TKM", "UZB"]


@pytest.mark.parametrize(
    ("typed", "iso3"),
    [
        ("kazakhstan", "KAZ"),
        ("KAZAKHSTAN", "KAZ"),
        ("KZ", "KAZ"),
        ("kaz", "KAZ"),
        ("Qazaqstan", "KAZ"),
        ("Republic of Kazakhstan", "KAZ"),
        ("Kyrgyz Republic", "KGZ"),
        ("Kirghizia", "KGZ"),
        ("kg", "KGZ"),
        ("Tajikistan", "TJK"),
        ("Turkmenia", "TKM"),
        ("Uzbek", "UZB"),
        ("O'zbekiston", "UZB"),
        ("  uzbekistan ", "UZB"),
        ("Russian Federation", "RUS"),
        ("ru", "RUS"),
    ],
)
def test_names_codes_and_alternatives_find_the_state(typed: str, iso3: str) -> None:
    run = rca("country", typed)
    assert run.exit_code == 0, run.stderr
    assert f"({iso3} /" in run.stdout.splitlines()[0]


def test_unknown_country_is_a_usage_error_with_suggestions() -> None:
    run = rca("country", "Kazakstan-x")
    assert run.exit_code == 2
    assert "unknown country 'Kazakstan-x'" in run.stderr
    assert "Did you mean: Kazakhstan (KAZ)" in run.stderr
    assert run.stdout == ""
    assert "Traceback" not in run.stderr


def test_unknown_country_far_from_any_lists_the_known_ones() -> None:
    run = rca("country", "Atlantis")
    assert run.exit_code == 2
    assert "Known:" in run.stderr and "Kazakhstan (KAZ)" in run.stderr


def test_ambiguous_start_of_a_name_suggests_the_candidates() -> None:
    run = rca("country", "tu")
    assert run.exit_code == 2
    assert "Turkmenistan (TKM)" in run.stderr and "Turkey (TUR)" in run.stderr


def test_profile_shows_memberships_with_dates_and_status() -> None:
    rows = {r[0]: r for r in rca("country", "kazakhstan").rows("Memberships")}
    assert rows["CSTO (Collective Security Treaty Organization)"][1:3] == ["founding member",
                                                                           "1992-05-15"]
    assert rows["EAEU (Eurasian Economic Union)"][1:3] == ["founding member", "2015-01-01"]
    uzb = {r[0]: r for r in rca("country", "uzbekistan").rows("Memberships")}
    assert uzb["CSTO (Collective Security Treaty Organization)"][1:3] == ["suspended", "2012-12-19"]
    assert uzb["EAEU (Eurasian Economic Union)"][1] == "observer"
    tkm = {r[0]: r for r in rca("country", "turkmenistan").rows("Memberships")}
    assert tkm["CIS (Commonwealth of Independent States)"][1] == "associate"
    assert tkm["SCO (Shanghai Cooperation Organisation)"][1] == "non-member"


def named_rows(run: Run, title: str) -> list[dict[str, str]]:
    header = run.header(title)
    return [dict(zip(header, row, strict=True)) for row in run.rows(title)]


@pytest.mark.parametrize(
    ("name", "vote"),
    [("kazakhstan", "A"), ("kyrgyzstan", "A"), ("tajikistan", "A"),
     ("turkmenistan", "NV"), ("uzbekistan", "NV"), ("russia", "N")],
)
def test_profile_shows_the_es_11_1_vote(name: str, vote: str) -> None:
    rows = {r["resolution"]: r
            for r in named_rows(rca("country", name), "UN General Assembly votes")}
    assert rows["ES-11/1"]["vote"] == vote
    assert rows["ES-11/1"]["sources"], "a vote is shown with its sources"


def test_a_vote_with_no_source_is_unknown_not_guessed() -> None:
    rows = {r["resolution"]: r
            for r in named_rows(rca("country", "uzbekistan"), "UN General Assembly votes")}
    assert rows["ES-11/2"]["vote"] == "?"
    assert rows["ES-11/2"]["sources"] == ""


def test_a_doubtful_vote_says_why() -> None:
    run = rca("votes", "--country", "iran", "-r", "ES-11/4")
    assert named_rows(run, "UN General Assembly votes")[0]["IRN"] == "NV~"
    assert "IRN on ES-11/4: doubtful" in run.stdout


def test_profile_groups_pressure_points_by_theme_with_kind_and_sources() -> None:
    run = rca("country", "kazakhstan")
    header = run.header("Pressure points")
    rows = [dict(zip(header, r, strict=True)) for r in run.rows("Pressure points")]
    themes = [r["theme"] for r in rows]
    assert themes == sorted(themes, key=["security", "economic", "societal", "diplomatic",
                                         "outlook"].index)
    toll = next(r for r in rows if r["id"] == "kaz-unrest-death-toll")
    assert toll["kind"] == "fact, contested" and "238" in toll["statement"]
    assert "commentary" in toll["sources"]
    judged = next(r for r in rows if r["id"] == "kazakhstan-provider-or-threat")
    assert judged["kind"] == "assessment, by commentary author"


def test_profile_lists_the_events_that_concern_the_state_in_date_order() -> None:
    rows = named_rows(rca("country", "kazakhstan"), "Events")
    deployment = next(r for r in rows if r["id"] == "kaz-csto-deployment-2022")
    assert "CSTO" in deployment["statement"] and deployment["kind"] == "event"
    dates = [r["date"] for r in rows]
    assert dates == sorted(dates)


def test_contested_records_say_so_and_say_what_is_disputed() -> None:
    rows = named_rows(rca("country", "tajikistan"), "Events")
    rockets = next(r for r in rows if r["id"] == "islamic-state-rockets-2022")
    assert rockets["kind"] == "event, contested"
    assert rockets["contested"].startswith("contested: ")
    assert "Termez" in rockets["contested"]


def test_figures_show_the_date_they_refer_to() -> None:
    rows = named_rows(rca("country", "kazakhstan"), "Pressure points")
    toll = next(r for r in rows if r["id"] == "kaz-unrest-death-toll")
    assert toll["figures"] == ("death toll of the January 2022 unrest: 238 deaths (as of 2022-12): "
                              "'238 dead'")


def test_russia_has_a_profile_too() -> None:
    run = rca("country", "russia")
    assert run.exit_code == 0
    assert any(r["id"] == "moscow-apparent-winner-2022"
               for r in named_rows(run, "Pressure points"))


def test_profile_facts_come_by_topic_with_their_year_and_figures() -> None:
    run = rca("country", "kazakhstan")
    rows = named_rows(run, "Profile facts")
    topics = [r["topic"] for r in rows]
    order = ["membership", "military", "border", "population", "language", "economy"]
    assert topics == sorted(topics, key=order.index)
    assert {"military", "border", "population", "language", "economy"} <= set(topics)
    border = next(r for r in rows if r["id"] == "border-kaz-rus-length")
    assert "7,644 km" in border["figures"] and border["date"]
    assert border["contested"], "the border length is disputed between sources"
    assert all(r["date"] for r in rows if r["figures"]), "a fact with a figure has a year"


def test_low_confidence_facts_are_marked_and_the_mark_explained() -> None:
    run = rca("country", "kazakhstan")
    rows = named_rows(run, "Profile facts")
    census = next(r for r in rows if r["id"] == "pop-kaz-russians-census-2021")
    assert census["confidence"] == "low"
    assert "low confidence" in census["kind"]
    assert "low confidence: a weak source" in run.stdout
    sure = next(r for r in rows if r["id"] == "border-kaz-rus-longest")
    assert "low confidence" not in sure["kind"]
