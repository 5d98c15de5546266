"""Properties of the NUTS version functions against a brute-force walk over random chains."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from clusterdialogue.core.nuts import codes_in_version, newer_codes, territory_codes

VERSIONS = ["2010", "2013", "2016", "2021", "2024"]


@st.composite
def chains(draw):
    """Disjoint chains of recodings: each a run of codes over consecutive versions."""
    recodings, count = [], draw(st.integers(0, 6))
    for chain in range(count):
        start = draw(st.integers(0, len(VERSIONS) - 2))
        length = draw(st.integers(2, len(VERSIONS) - start))
        codes = [f"Q{chain}{step}" for step in range(length)]
        for step in range(length - 1):
            recodings.append(
                (codes[step], VERSIONS[start + step], codes[step + 1], VERSIONS[start + step + 1])
            )
    return recodings


def brute_chain(code, recodings):
    """The whole chain of ``code`` with each member's version, oldest first."""
    members = {code}
    changed = True
    while changed:
        changed = False
        for old, _, new, _ in recodings:
            if (old in members) != (new in members):
                members |= {old, new}
                changed = True
    versions = {}
    for old, old_version, new, new_version in recodings:
        if old in members:
            versions[old], versions[new] = old_version, new_version
    return sorted(members, key=lambda c: versions.get(c, "")), versions


@given(chains(), st.sampled_from(VERSIONS))
def test_codes_in_version_lands_on_the_chain_member_nearest_the_version(recodings, version):
    mapped = codes_in_version(recodings, version)
    for code in {c for r in recodings for c in (r[0], r[2])}:
        chain, versions = brute_chain(code, recodings)
        eligible = [c for c in chain if versions[c] <= version] or chain[:1]
        target = (
            eligible[-1]
            if versions[code] <= version
            else ([c for c in chain if versions[c] >= version] or chain[-1:])[0]
        )
        if target == code:
            assert code not in mapped
        else:
            assert mapped[code] == target
            assert target in chain


@given(chains())
def test_territory_codes_are_the_whole_chain_own_code_first(recodings):
    for code in {c for r in recodings for c in (r[0], r[2])}:
        chain, versions = brute_chain(code, recodings)
        found = territory_codes(code, recodings)
        assert found[0] == code
        assert sorted(found) == sorted(chain)
        newer = newer_codes(code, recodings)
        assert newer == [c for c in chain if versions[c] > versions[code]]
        older = found[1 : len(found) - len(newer)]
        assert older == [c for c in reversed(chain) if versions[c] < versions[code]]
