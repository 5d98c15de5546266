"""End-to-end tests of ``clusterdialogue mapping complexity`` and of its input checks."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from clusterdialogue.cli import main
from clusterdialogue.core.complexity import complexity_matrices
from clusterdialogue.core.io.mapping_files import read_categories_csv, read_employment_csv
from clusterdialogue.testing.files import write_file

FILES = ["rca", "proximity", "density", "eci", "pci", "opportunities"]
COLUMNS = {
    "rca": ["region", "category", "rca", "m"],
    "proximity": ["category_a", "category_b", "proximity"],
    "density": ["region", "category", "density"],
    "eci": ["region", "eci"],
    "pci": ["category", "pci"],
    "opportunities": [
        "region", "rank", "category", "rca", "density", "pci", "cog", "density_percentile",
        "pci_percentile", "quadrant", "score", "reason",
    ],
}  # fmt: skip

# Five regions, six industries in two years; E has only an industry that C.csv leaves out (so
# no employment), and C.csv has a category (mining) that no row of E.csv reaches.
YEAR_2014 = {
    "A": [60, 30, 10, 20, 5, 0],
    "B": [10, 50, 40, 0, 25, 5],
    "C": [5, 15, 80, 30, 10, 10],
    "D": [40, 5, 5, 50, 0, 20],
}
YEAR_2015 = {region: [value + 3 for value in values] for region, values in YEAR_2014.items()}
INDUSTRIES = ["C10", "C11", "C20", "C29", "C30", "G47"]


def employment_text(years=((2014, YEAR_2014), (2015, YEAR_2015)), with_year=True) -> str:
    header = "region,industry,employment" + (",year" if with_year else "")
    lines = [header]
    for year, table in years:
        for region, values in table.items():
            for industry, value in zip(INDUSTRIES, values, strict=True):
                lines.append(f"{region},{industry},{value}" + (f",{year}" if with_year else ""))
        lines.append("E,X99,7" + (f",{year}" if with_year else ""))
    return "\n".join(lines) + "\n"


CATEGORIES = """\
industry,category,category_name,type
C10,food,Food,traded
C11,food,Food,traded
C20,chemicals,Chemicals,traded
C29,automotive,Automotive,traded
C30,transport,Other transport,traded
G47,retail,Retail,local
B05,mining,Mining,traded
"""


def run(tmp_path: Path, *options: str | Path) -> tuple[int, dict[str, pd.DataFrame]]:
    out = tmp_path / "out"
    code = main(["mapping", "complexity", *map(str, options), "--out-dir", str(out)])
    tables = {
        name: pd.read_csv(out / f"{name}.csv", keep_default_na=False, na_values=[""])
        for name in FILES
        if (out / f"{name}.csv").exists()
    }
    return code, tables


def test_writes_six_files_covering_every_cell(tmp_path, capsys):
    code, tables = run(
        tmp_path,
        "--employment",
        write_file(tmp_path / "E.csv", employment_text()),
        "--categories",
        write_file(tmp_path / "C.csv", CATEGORIES),
    )
    assert code == 0
    assert sorted(tables) == sorted(FILES)
    for name, columns in COLUMNS.items():
        assert tables[name].columns.tolist() == columns, name
    regions = ["A", "B", "C", "D", "E"]
    categories = ["automotive", "chemicals", "food", "mining", "retail", "transport"]
    cells = pd.MultiIndex.from_product([regions, categories], names=["region", "category"])
    for name in ("rca", "density"):
        table = tables[name].set_index(["region", "category"])
        assert table.index.equals(cells), name
    pairs = tables["proximity"].set_index(["category_a", "category_b"]).index
    assert pairs.equals(pd.MultiIndex.from_product([categories, categories]))
    assert tables["eci"]["region"].tolist() == regions
    assert tables["pci"]["category"].tolist() == categories
    # E (only an unmapped industry) and mining (no employment) are present but empty.
    rca = tables["rca"].set_index(["region", "category"])
    assert rca.loc["E", "rca"].isna().all() and (rca.loc["E", "m"] == 0).all()
    assert rca.xs("mining", level="category")["rca"].isna().all()
    assert np.isnan(tables["eci"].set_index("region").loc["E", "eci"])
    phi = tables["proximity"].set_index(["category_a", "category_b"])["proximity"]
    assert phi.loc[("food", "food")] == 1 and phi.loc[("mining", "mining")] == 0
    assert set(tables["rca"]["m"]) <= {0, 1}
    captured = capsys.readouterr()
    assert "year 2015, 5 regions, 6 categories" in captured.out
    assert "industry" in captured.err and "X99" in captured.err  # left out of the mapping
    assert "without employment" in captured.err


def test_files_hold_the_core_results(tmp_path):
    e_path = write_file(tmp_path / "E.csv", employment_text())
    c_path = write_file(tmp_path / "C.csv", CATEGORIES)
    code, tables = run(tmp_path, "--employment", e_path, "--categories", c_path, "--year", "2014")
    assert code == 0
    result = complexity_matrices(
        read_employment_csv(e_path), categories=read_categories_csv(c_path), year=2014
    )
    rca = tables["rca"].set_index(["region", "category"])["rca"]
    np.testing.assert_allclose(rca, result.rca.stack(future_stack=True), atol=1e-6)
    # Written at full precision, not rounded: read back equal to the engine's floats.
    np.testing.assert_allclose(rca, result.rca.stack(future_stack=True), rtol=1e-15, atol=0)
    density = tables["density"].set_index(["region", "category"])["density"]
    np.testing.assert_allclose(density, result.density.stack(future_stack=True), atol=1e-6)
    np.testing.assert_allclose(tables["eci"]["eci"], result.eci, atol=1e-6)
    np.testing.assert_allclose(tables["pci"]["pci"], result.pci, atol=1e-6)
    eci = tables["eci"]["eci"].dropna()
    assert eci.mean() == pytest.approx(0, abs=1e-5) and eci.std(ddof=0) == pytest.approx(1, 1e-5)


def test_opportunities_are_ranked_and_limited_by_top(tmp_path):
    code, tables = run(
        tmp_path, "--employment", write_file(tmp_path / "E.csv", employment_text()), "--top", "2"
    )
    assert code == 0
    opportunities = tables["opportunities"]
    assert opportunities.groupby("region")["rank"].max().max() == 2
    assert (opportunities["rca"] < 1).all()
    assert opportunities["reason"].str.startswith("no advantage yet").all()
    assert set(opportunities["quadrant"]) <= {
        "low risk, high reward", "high risk, high reward", "low risk, low reward",
        "high risk, low reward",
    }  # fmt: skip


def test_without_year_column_and_with_threshold(tmp_path, capsys):
    text = employment_text(years=((None, YEAR_2014),), with_year=False)
    code, tables = run(
        tmp_path, "--employment", write_file(tmp_path / "E.csv", text), "--threshold", "2"
    )
    assert code == 0
    rca = tables["rca"]
    assert ((rca["m"] == 1) == (rca["rca"] >= 2)).all()
    assert "to " + str(tmp_path / "out") + " (5 regions, 7 categories" in capsys.readouterr().out


def test_help_explains_the_measures_and_files(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["mapping", "complexity", "--help"])
    assert exit_info.value.code == 0
    text = capsys.readouterr().out
    for words in ("--out-dir", "--year", "proximity.csv", "opportunities.csv", "ECI", "density"):
        assert words in text


BAD_RUNS = {
    "unknown year": (["--year", "2020"], ["E.csv", "no year 2020", "2014, 2015"]),
    "non-numeric employment": (
        [], ["E.csv", "line 3", "field 'employment'", "'12x'"],
    ),
    "missing column": ([], ["E.csv", "line 1", "missing required column(s) employment"]),
    "bad category type": ([], ["C.csv", "line 2", "field 'type'", "'tradable'"]),
    "weight out of range": (["--weight", "2"], ["--weight must be between 0 and 1"]),
    "top below one": (["--top", "0"], ["--top must be at least 1"]),
    "year without year column": (["--year", "2014"], ["has no year column"]),
}  # fmt: skip


@pytest.mark.parametrize("case", BAD_RUNS, ids=list(BAD_RUNS))
def test_bad_input_is_an_error_with_exit_code_2(tmp_path, capsys, case):
    options, expected = BAD_RUNS[case]
    employment = employment_text()
    categories = None
    if case == "non-numeric employment":
        employment = "region,industry,employment\nA,C10,5\nA,C11,12x\n"
    elif case == "missing column":
        employment = "region,industry,jobs\nA,C10,5\n"
    elif case == "bad category type":
        categories = "industry,category,type\nC10,food,tradable\n"
    elif case == "year without year column":
        employment = "region,industry,employment\nA,C10,5\nB,C11,7\n"
    files = ["--employment", write_file(tmp_path / "E.csv", employment)]
    if categories:
        files += ["--categories", write_file(tmp_path / "C.csv", categories)]
    code, tables = run(tmp_path, *files, *options)
    assert code == 2
    assert tables == {}  # nothing written
    err = capsys.readouterr().err
    assert err.startswith("error: ")
    for words in expected:
        assert words in err, (words, err)


def test_output_folder_parent_must_exist(tmp_path, capsys):
    employment = write_file(tmp_path / "E.csv", employment_text())
    out = str(tmp_path / "no" / "out")
    code = main(["mapping", "complexity", "--employment", str(employment), "--out-dir", out])
    assert code == 2
    assert "does not exist" in capsys.readouterr().err


def test_existing_folder_is_reused_and_files_overwritten(tmp_path):
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "eci.csv").write_text("old\n", encoding="utf-8")
    code, tables = run(tmp_path, "--employment", write_file(tmp_path / "E.csv", employment_text()))
    assert code == 0
    assert tables["eci"].columns.tolist() == ["region", "eci"]
