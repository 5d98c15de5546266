"""Building blocks of the example worlds: a NUTS-like tree of regions and a set of industries.

Every example world (``small_world``, ``analytics_world``, a test's own few regions) builds its
regions and industries here, so a region always sits under its parent code the same way.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from clusterdialogue.regions.models import Region
from clusterdialogue.statistics.models import Industry
from clusterdialogue.testing.factories import IndustryFactory, RegionFactory

#: The small world's regions (invented, clearly not real): two countries, a NUTS-1 region in
#: each and two NUTS-2 regions below it.
EXAMPLE_REGIONS = {
    "QA": "Exampleland QA",
    "QB": "Exampleland QB",
    "QA1": "Exampleland QA North",
    "QB1": "Exampleland QB North",
    "QA11": "Exampleland QA North 1",
    "QA12": "Exampleland QA North 2",
    "QB11": "Exampleland QB North 1",
    "QB12": "Exampleland QB North 2",
}
#: The small world's NACE divisions.
EXAMPLE_INDUSTRIES = {"C29": "Motor vehicles", "C21": "Pharmaceuticals", "J62": "Software"}


def nuts_tree(regions: Mapping[str, str] | Iterable[str]) -> dict[str, Region]:
    """Regions by code, each under the longest code of the tree that its own begins with.

    ``regions`` maps each code to its name, or lists codes (named as the factory names them);
    parents come before their children. The level is the NUTS one, ``len(code) - 2``.

    Examples
    --------
    ``nuts_tree({"QA": "Exampleland QA", "QA1": "North", "QA11": "North 1"})["QA11"].parent``
    is the ``QA1`` region, whose parent is ``QA``.
    """
    names = regions if isinstance(regions, Mapping) else dict.fromkeys(regions)
    made: dict[str, Region] = {}
    for code, name in names.items():
        prefixes = (code[:end] for end in range(len(code) - 1, 1, -1))
        parent = next((made[p] for p in prefixes if p in made), None)
        named = {} if name is None else {"name": name}
        made[code] = RegionFactory(code=code, parent=parent, **named)
    return made


def nace_divisions(names: Mapping[str, str]) -> dict[str, Industry]:
    """NACE divisions by code (``{"C29": "Motor vehicles"}``), each in its code's section."""
    return {
        code: IndustryFactory(code=code, section=code[0], name_en=name)
        for code, name in names.items()
    }
