"""How far apart twin towns are, against a null model that pairs the same places at random.

The **null model** is a configuration model on the located places: every pair whose two places have
coordinates gives each of them one *stub*; the stubs are shuffled (``numpy`` generator seeded with
``seed``) and joined two by two. Every place keeps exactly its number of partners; who its partners
are, and so how far away they live, is left to chance. A random pair of a place with itself, or a second
random pair of the same two places, is not a pair of twin towns: such pairs are drawn again, together
with as many other random pairs (which keeps every place's number of partners), until none is left or
:data:`REPAIR_ROUNDS` rounds have passed; what is still left then is dropped and counted
(``attrs["dropped"]``; none on the world list).

Distances are then compared in **scopes**: all pairs, pairs with a German side, German–Russian pairs
(:data:`SCOPES`); the same rule picks the pairs of a scope in the observed and in every random draw.

>>> from twinning_analysis.world.network import example_pairs
>>> places = example_places()
>>> drawn = random_pairs(example_pairs(), places, seed=1)
>>> sorted(drawn["place_id_a"].tolist() + drawn["place_id_b"].tolist()) == sorted(
...     ["de-a", "fr-a", "de-a", "ru-a", "de-b", "fr-b", "de-c", "de-a"])
True
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable

import numpy as np
import pandas as pd

from twinning_analysis.geometry import geodesic_km

#: Rounds of re-drawing self-pairs and repeated pairs before what is left is dropped.
REPAIR_ROUNDS = 200
#: Seeds of the random draws the report uses (twenty draws).
NULL_SEEDS = tuple(range(20))
#: A pair is "near" if its places are less than this far apart (km).
NEAR_KM = 1000.0


def has_german_side(pairs: pd.DataFrame) -> pd.Series:
    """True for pairs with at least one place in Germany."""
    return (pairs["country_a"] == "DE") | (pairs["country_b"] == "DE")


def between(first: str, second: str) -> Callable[[pd.DataFrame], pd.Series]:
    """A scope rule: pairs between a place in country ``first`` and one in ``second`` (either way round).

    >>> from twinning_analysis.world.network import example_pairs
    >>> between("DE", "FR")(example_pairs()).tolist()
    [True, False, True, False, False]
    """
    def rule(pairs: pd.DataFrame) -> pd.Series:
        a, b = pairs["country_a"], pairs["country_b"]
        return ((a == first) & (b == second)) | ((a == second) & (b == first))
    return rule


#: Which pairs each scope holds: name → rule on a pairs table.
SCOPES: dict[str, Callable[[pd.DataFrame], pd.Series]] = {
    "world": lambda pairs: pd.Series(True, index=pairs.index),
    "German side": has_german_side,
    "German–Russian": between("DE", "RU"),
}


def example_places() -> pd.DataFrame:
    """Places of :func:`~twinning_analysis.world.network.example_pairs` (``ru-b`` has no coordinates)."""
    return pd.DataFrame({
        "place_id": ["de-a", "de-b", "de-c", "fr-a", "fr-b", "ru-a", "ru-b"],
        "name_raw": ["Aachen", "Bonn", "Cottbus", "Reims", "Tours", "Kostroma", "Nowhere"],
        "country": ["DE", "DE", "DE", "FR", "FR", "RU", "RU"],
        "lat": [50.78, 50.73, 51.76, 49.26, 47.39, 57.77, None],
        "lon": [6.08, 7.10, 14.33, 4.03, 0.69, 40.93, None],
    })


def located_pairs(pairs: pd.DataFrame, places: pd.DataFrame) -> pd.DataFrame:
    """The pairs the null model re-pairs: both places with coordinates, and two places, not one.

    >>> from twinning_analysis.world.network import example_pairs
    >>> located_pairs(example_pairs(), example_places())["pair_id"].tolist()
    ['p1', 'p2', 'p3', 'p4']
    """
    located = places.loc[places["lat"].notna() & places["lon"].notna(), "place_id"].unique()
    keep = (pairs["place_id_a"].isin(located) & pairs["place_id_b"].isin(located)
            & (pairs["place_id_a"] != pairs["place_id_b"]))
    return pairs[keep]


def _bad_edges(ends: np.ndarray) -> np.ndarray:
    """Rows of ``ends`` (n × 2 place numbers) that join a place to itself or repeat an earlier row."""
    low, high = ends.min(axis=1), ends.max(axis=1)
    key = low.astype(np.int64) * (int(ends.max(initial=0)) + 1) + high
    first = np.zeros(len(key), bool)
    first[np.unique(key, return_index=True)[1]] = True
    return (low == high) | ~first


def _stub_matching(stubs: np.ndarray, rng: np.random.Generator) -> tuple[np.ndarray, int]:
    """Join shuffled ``stubs`` two by two, re-drawing bad pairs; return the pairs and how many were dropped."""
    ends = rng.permutation(stubs).reshape(-1, 2)
    for _ in range(REPAIR_ROUNDS):
        bad = np.flatnonzero(_bad_edges(ends))
        if not len(bad):
            return ends, 0
        good = np.setdiff1d(np.arange(len(ends)), bad)
        partners = rng.choice(good, size=min(len(bad), len(good)), replace=False)
        redo = np.concatenate([bad, partners])
        ends[redo] = rng.permutation(ends[redo].ravel()).reshape(-1, 2)
    bad = _bad_edges(ends)
    return ends[~bad], int(bad.sum())


@dataclass(frozen=True)
class _Stubs:
    """The located places (ids, countries, coordinates) and one stub per pair end, as place numbers."""

    ids: np.ndarray
    country: np.ndarray
    lonlat: np.ndarray
    stubs: np.ndarray

    @classmethod
    def of(cls, pairs: pd.DataFrame, places: pd.DataFrame) -> "_Stubs":
        observed = located_pairs(pairs, places)
        ends = pd.concat([observed["place_id_a"], observed["place_id_b"]], ignore_index=True)
        stubs, ids = pd.factorize(ends, sort=True)
        table = places.drop_duplicates("place_id").set_index("place_id").loc[ids]
        return cls(np.asarray(ids, dtype=object), table["country"].to_numpy(), table[["lon", "lat"]].to_numpy(float),
                   np.sort(stubs.astype(np.int64)))

    def draw(self, seed: int) -> pd.DataFrame:
        ends, dropped = _stub_matching(self.stubs, np.random.default_rng(seed))
        a, b = ends[:, 0], ends[:, 1]
        drawn = pd.DataFrame({"place_id_a": self.ids[a], "place_id_b": self.ids[b],
                              "country_a": self.country[a], "country_b": self.country[b],
                              "distance_km": geodesic_km(self.lonlat[a], self.lonlat[b])})
        drawn.attrs["dropped"] = dropped
        return drawn


def random_pairs(pairs: pd.DataFrame, places: pd.DataFrame, *, seed: int) -> pd.DataFrame:
    """One draw of the null model: the located pairs re-paired at random, each place keeping its number of
    partners (see the module notes), with ``place_id_a``, ``place_id_b``, ``country_a``, ``country_b`` and
    the geodesic ``distance_km``. The same ``seed`` gives the same pairs.

    >>> from twinning_analysis.world.network import example_pairs
    >>> first = random_pairs(example_pairs(), example_places(), seed=7)
    >>> first.equals(random_pairs(example_pairs(), example_places(), seed=7)), first.attrs["dropped"]
    (True, 0)
    """
    return _Stubs.of(pairs, places).draw(seed)


def distance_samples(pairs: pd.DataFrame, places: pd.DataFrame, *, seeds: Iterable[int] = NULL_SEEDS,
                     scopes: dict[str, Callable] | None = None) -> pd.DataFrame:
    """Distances of the observed pairs and of every seeded null-model draw, per scope, in one long table:
    ``scope``, ``model`` ("observed" or "null"), ``draw`` (the seed; -1 for the observed) and
    ``distance_km``. Only pairs of located places count (see :func:`located_pairs`).

    >>> from twinning_analysis.world.network import example_pairs
    >>> samples = distance_samples(example_pairs(), example_places(), seeds=[1, 2])
    >>> samples.groupby(["scope", "model"]).size().to_dict()["world", "null"]
    8
    """
    scopes = SCOPES if scopes is None else scopes
    observed = located_pairs(pairs, places)
    frames = []
    stubs = _Stubs.of(pairs, places)
    draws = [(-1, "observed", observed)] + [(seed, "null", stubs.draw(seed)) for seed in seeds]
    for draw, model, table in draws:
        for scope, rule in scopes.items():
            distance = table.loc[rule(table).to_numpy(), "distance_km"].to_numpy(float)
            frames.append(pd.DataFrame({"scope": scope, "model": model, "draw": draw, "distance_km": distance}))
    samples = pd.concat(frames, ignore_index=True)
    samples["scope"] = pd.Categorical(samples["scope"], categories=list(scopes))
    return samples


def distance_summary(samples: pd.DataFrame, *, near_km: float = NEAR_KM) -> pd.DataFrame:
    """Observed against expected, per scope, from :func:`distance_samples`.

    One row per scope: ``pairs`` observed and ``pairs_expected`` (mean over the draws, a draw without a
    pair in the scope counting as none); the ``median_km`` observed and ``median_km_null`` (mean of the
    draws' medians, with ``_low``/``_high`` the smallest and largest, over the draws with pairs in the
    scope); the ``near_share`` of pairs under ``near_km`` observed and in the null model (likewise); and
    ``draws``.

    >>> from twinning_analysis.world.network import example_pairs
    >>> summary = distance_summary(distance_samples(example_pairs(), example_places(), seeds=[1, 2, 3]))
    >>> summary.loc["world", ["pairs", "pairs_expected", "draws"]].tolist()
    [4.0, 4.0, 3.0]
    """
    rows = {}
    draws = np.unique(samples.loc[samples["model"] == "null", "draw"])
    for scope, frame in samples.groupby("scope", observed=True, sort=True):
        observed = frame.loc[frame["model"] == "observed", "distance_km"]
        per_draw = frame[frame["model"] == "null"].groupby("draw")["distance_km"].agg(
            pairs="size", median="median", near=lambda d: float((d < near_km).mean()) if len(d) else np.nan)
        # a draw with no pair in the scope counts as none; its median and share are unknown
        per_draw = per_draw.reindex(draws).fillna({"pairs": 0})
        rows[scope] = {
            "pairs": float(len(observed)), "pairs_expected": per_draw["pairs"].mean(),
            "median_km": observed.median(), "median_km_null": per_draw["median"].mean(),
            "median_km_null_low": per_draw["median"].min(), "median_km_null_high": per_draw["median"].max(),
            "near_share": float((observed < near_km).mean()) if len(observed) else np.nan,
            "near_share_null": per_draw["near"].mean(), "near_share_null_low": per_draw["near"].min(),
            "near_share_null_high": per_draw["near"].max(), "draws": float(len(per_draw)),
        }
    summary = pd.DataFrame.from_dict(rows, orient="index")
    summary.index.name = "scope"
    return summary
