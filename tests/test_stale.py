"""`rca validate` warns of a fact whose newest figure has grown old, unless a newer fact on the
same topic and states exists, however the states are ordered."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import rca, replace_in

STALE = re.compile(r"^records\.yaml: warning: '([^']+)'.* has figures as of (\S+) at the newest",
                   re.M)


def stale(*args: str) -> dict[str, str]:
    run = rca("validate", *args)
    assert run.exit_code == 0, run.stderr
    return dict(STALE.findall(run.stderr))


def test_a_newer_figure_on_the_same_states_in_another_order_keeps_an_old_one_fresh() -> None:
    # the 2022 figure names Kazakhstan first, the 2024 one Russia: the same six states
    assert "eco-russia-ca-trade-putin-2022" not in stale()


def test_an_old_figure_with_nothing_newer_is_warned_of(data_copy: Path) -> None:
    records = data_copy / "records.yaml"
    replace_in(records, "    value: 45\n    unit: USD billion\n    as_of: '2024'\n",
               "    value: 45\n    unit: USD billion\n    as_of: '2021'\n")
    warned = stale("--data-dir", str(data_copy))
    assert warned["eco-russia-ca-trade-putin-2022"] == "2022"
    assert "eco-russia-ca-trade-putin-2025" not in warned, "the older of the two is the stale one"
