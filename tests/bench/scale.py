"""How rca scales: a synthetic dataset N times the shipped one, timed against the shipped one.

    python tests/bench/scale.py [--times 100] [--runs 11]

The generator copies the shipped dataset N times over, each copy with its own states,
organisations, resolutions, themes, records and sources (ids and codes renamed, every
reference kept inside its copy), so the result is valid and N times as large in every file.
It then reports, for both datasets, the time to load and validate, the time to read the
cache, and the time of typical queries, with the ratio of large to shipped; and the cost of
loading per megabyte at 1x, 10x and Nx. Loading should grow no faster than the data: the
cost per megabyte must not rise from 10x to Nx (1x is small enough to sit in the CPU's
caches, so it is shown but not used as the yardstick). Not a test.
"""

from __future__ import annotations

import argparse
import itertools
import os
import statistics
import string
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import yaml

from rca.dataset.cache import load as cached_load
from rca.dataset.files import DATA_FILES, default_data_dir
from rca.dataset.validate import load_dataset
from rca.query.profile import ordered_countries, profile, theme_points, vote_matrix
from rca.query.sources import cited_by


class Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
    """Writes every entry out in full: rca refuses YAML anchors and aliases, which the
    dumper would otherwise use for the lists the copies share."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def codes(width: int, taken: set[str]) -> Iterator[str]:
    for letters in itertools.product(string.ascii_uppercase, repeat=width):
        code = "".join(letters)
        if code not in taken:
            yield code


def generate(source: Path, target: Path, times: int) -> None:
    """Write ``times`` renamed copies of the dataset in ``source`` into ``target``."""
    data = {name: yaml.safe_load((source / name).read_text(encoding="utf-8"))
            for name in DATA_FILES}
    shipped_iso3 = {c["iso3"] for c in data["countries.yaml"]}
    iso3_codes = codes(3, shipped_iso3)
    iso2_codes = itertools.cycle(list(codes(2, set())))
    out: dict[str, list[dict[str, Any]]] = {name: [] for name in DATA_FILES}
    number = 900  # synthetic resolution session numbers, far from real ones
    for copy in range(times):
        tag = "" if copy == 0 else f"-x{copy}"
        states = {c["iso3"]: (c["iso3"] if copy == 0 else next(iso3_codes))
                  for c in data["countries.yaml"]}
        symbols = {r["symbol"]: (r["symbol"] if copy == 0 else f"A/RES/{number + copy}/{i}")
                   for i, r in enumerate(data["resolutions.yaml"], start=1)}

        def src(ids: list[str], tag: str = tag) -> list[str]:
            return [f"{s}{tag}" for s in ids]

        for s in data["sources.yaml"]:
            out["sources.yaml"].append({**s, "id": f"{s['id']}{tag}"})
        for c in data["countries.yaml"]:
            out["countries.yaml"].append({
                **c, "iso3": states[c["iso3"]],
                "iso2": c["iso2"] if copy == 0 else next(iso2_codes),
                "name": c["name"] if copy == 0 else f"{c['name']} {copy}",
                "official_name": c["official_name"] if copy == 0
                else f"{c['official_name']} {copy}",
                "aliases": [f"{a}{tag}" for a in c.get("aliases") or []] or None,
                "native_names": [{**n, "name": f"{n['name']}{tag}",
                                  "sources": src(n["sources"])}
                                 for n in c.get("native_names") or []] or None,
                "sources": src(c["sources"])})
        for o in data["organisations.yaml"]:
            out["organisations.yaml"].append({**o, "id": f"{o['id']}{tag}",
                                              "sources": src(o["sources"])})
        for m in data["memberships.yaml"]:
            out["memberships.yaml"].append({**m, "org": f"{m['org']}{tag}",
                                            "country": states[m["country"]],
                                            "sources": src(m["sources"])})
        for r in data["resolutions.yaml"]:
            out["resolutions.yaml"].append({**r, "symbol": symbols[r["symbol"]],
                                            "sources": src(r["sources"])})
        for v in data["votes.yaml"]:
            out["votes.yaml"].append({**v, "resolution": symbols[v["resolution"]],
                                      "country": states[v["country"]],
                                      "sources": src(v["sources"])})
        for t in data["themes.yaml"]:
            out["themes.yaml"].append({**t, "id": f"{t['id']}{tag}"})
        for r in data["records.yaml"]:
            countries = r["countries"]
            out["records.yaml"].append({
                **r, "id": f"{r['id']}{tag}", "theme": f"{r['theme']}{tag}",
                "countries": countries if countries == "region"
                else [states.get(c, c) for c in countries],
                "sources": src(r["sources"])})
    target.mkdir(parents=True, exist_ok=True)
    for name, items in out.items():
        clean = [{k: v for k, v in item.items() if v is not None} for item in items]
        (target / name).write_text(yaml.dump(clean, Dumper=Dumper, allow_unicode=True,
                                             sort_keys=False, width=100), encoding="utf-8")


def timed(action: Callable[[], Any], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def size(folder: Path) -> int:
    return sum((folder / name).stat().st_size for name in DATA_FILES)


def measure(folder: Path, runs: int) -> dict[str, float]:
    os.environ["RCA_CACHE_DIR"] = str(folder.parent / f"{folder.name}-cache")
    ds = load_dataset(folder)
    cached_load(folder)  # fill the cache
    six = [c.iso3 for c in ordered_countries(ds)][:6]
    first = six[0]
    theme = next(iter(ds.themes))
    source = next(iter(ds.sources))
    return {
        "load and validate": timed(lambda: load_dataset(folder), max(3, runs // 4)),
        "load from cache": timed(lambda: cached_load(folder), runs),
        "votes, six states": timed(lambda: vote_matrix(ds, six, []), runs),
        "country profile": timed(lambda: profile(ds, first), runs),
        "theme points": timed(lambda: theme_points(ds, theme), runs),
        "what cites a source": timed(lambda: cited_by(ds, source), runs),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--times", type=int, default=100)
    parser.add_argument("--runs", type=int, default=11)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="rca-scale-") as tmp:
        folders = {n: Path(tmp) / f"x{n}" for n in sorted({1, 10, args.times})}
        for n, folder in folders.items():
            start = time.perf_counter()
            generate(default_data_dir(), folder, n)
            load_dataset(folder)  # valid, or this raises with every problem
            print(f"generated {n:>4}x: {size(folder) / 1e6:6.2f} MB, "
                  f"{time.perf_counter() - start:.1f} s")
        small, large = folders[1], folders[args.times]
        small_t, large_t = measure(small, args.runs), measure(large, args.runs)
        per_mb = {n: timed(lambda f=f: load_dataset(f), 3) / (size(f) / 1e6)  # type: ignore[misc]
                  for n, f in folders.items()}
        bytes_ratio = size(large) / size(small)
    print(f"\n{'step':22} {'shipped s':>10} {f'{args.times}x s':>10} {'ratio':>7}")
    for step in small_t:
        ratio = large_t[step] / small_t[step]
        print(f"{step:22} {small_t[step]:10.4f} {large_t[step]:10.4f} {ratio:7.1f}")
    print(f"(the data: {bytes_ratio:.0f}x the bytes)")
    print("\nload and validate, per MB of data:")
    for n, cost in per_mb.items():
        print(f"  {n:>4}x  {1000 * cost:6.1f} ms/MB")
    growth = per_mb[args.times] / per_mb[10]
    verdict = "no faster than the data" if growth <= 1.10 else "FASTER than the data"
    print(f"cost per MB from 10x to {args.times}x: {growth:.2f}x ({verdict})")
    sys.exit(0 if growth <= 1.10 else 1)


if __name__ == "__main__":
    main()
