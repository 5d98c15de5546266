"""End-to-end tests of ``clusterdialogue mapping compute`` and of its file checks."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from clusterdialogue.cli import main
from clusterdialogue.testing.files import write_file

EMPLOYMENT = """\
region,industry,employment,establishments
A,C29,30,3
A,C10,70,7
B,C29,10,2
B,C10,90,9
"""

CATEGORIES = """\
industry,category,category_name,type
C29,automotive,Automotive,traded
C10,food,Food processing,local
"""


def run(
    tmp_path: Path, *options: str | Path, method: str = "eco"
) -> tuple[int, pd.DataFrame | None]:
    out = tmp_path / "OUT.csv"
    code = main(["mapping", "compute", *map(str, options), "--method", method, "--out", str(out)])
    return code, (pd.read_csv(out, dtype=str, keep_default_na=False) if out.exists() else None)


def test_eco_end_to_end(tmp_path, capsys):
    code, out = run(tmp_path, "--employment", write_file(tmp_path / "E.csv", EMPLOYMENT))
    assert code == 0
    assert out.columns.tolist() == [
        "region", "category", "employment", "lq", "lq_rank",
        "size_star", "specialisation_star", "focus_star", "stars",
    ]  # fmt: skip
    assert out["region"].tolist() == ["A", "A", "B", "B"]
    assert out["category"].tolist() == ["C10", "C29", "C10", "C29"]
    assert out["employment"].tolist() == ["70", "30", "90", "10"]
    assert [float(v) for v in out["lq"]] == pytest.approx([0.875, 1.5, 1.125, 0.5])
    assert out["lq_rank"].tolist() == ["2", "1", "1", "2"]
    assert set(out["stars"]) <= {"0", "1", "2", "3"}
    assert set(out["size_star"]) <= {"0", "1"}
    captured = capsys.readouterr()
    assert "wrote 4 rows (2 regions, 2 categories" in captured.out
    assert "establishments" not in captured.err  # the stars do not need them


def test_cmp_end_to_end_with_categories_local_flags_empty(tmp_path, capsys):
    code, out = run(
        tmp_path,
        "--employment",
        write_file(tmp_path / "E.csv", EMPLOYMENT),
        "--categories",
        write_file(tmp_path / "C.csv", CATEGORIES),
        method="cmp",
    )
    assert code == 0
    assert out.columns[-4:].tolist() == ["strong", "strong10", "significant", "qualifying"]
    local = out[out["category"] == "food"]
    assert (local[["strong", "strong10", "significant", "qualifying"]] == "").all(axis=None)
    traded = out[out["category"] == "automotive"]
    assert set(traded[["strong", "qualifying"]].to_numpy().ravel()) <= {"true", "false"}
    assert traded["strong"].tolist() == ["true", "false"]  # A: LQ 1 at q75 and larger


def test_year_column_comes_first_and_years_are_separate(tmp_path):
    text = "region,industry,employment,year\n" + "".join(
        f"{region},{industry},{value},{year}\n"
        for year, values in ((2014, (30, 70, 10, 90)), (2015, (50, 50, 50, 50)))
        for (region, industry), value in zip(
            [("A", "x"), ("A", "y"), ("B", "x"), ("B", "y")], values, strict=True
        )
    )
    code, out = run(tmp_path, "--employment", write_file(tmp_path / "E.csv", text))
    assert code == 0
    assert out.columns[0] == "year"
    assert [float(v) for v in out.loc[out["year"] == "2015", "lq"]] == [1.0] * 4
    assert [float(v) for v in out.loc[out["year"] == "2014", "lq"]] == pytest.approx(
        [1.5, 0.875, 0.5, 1.125]
    )


def test_benchmark_file_semicolons_and_warnings(tmp_path, capsys):
    employment = "region;industry;employment\nA;C29;30\nA;C10;70\nA;G47;\n"
    benchmark = "category,employment\nC29,100\nC10,900\n"
    code, out = run(
        tmp_path,
        "--employment",
        write_file(tmp_path / "E.csv", employment),
        "--benchmark",
        write_file(tmp_path / "B.csv", benchmark),
        method="cmp",
    )
    assert code == 0
    assert dict(zip(out["category"], map(float, out["lq"]), strict=True)) == pytest.approx(
        {"C10": 0.777778, "C29": 3.0}
    )
    err = capsys.readouterr().err
    assert "warning: 1 row with missing employment" in err
    assert "warning: no establishments column" in err


def test_help_explains_the_files(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["mapping", "compute", "--help"])
    assert exit_info.value.code == 0
    text = capsys.readouterr().out
    for words in ("EMPLOYMENT file", "CATEGORIES file", "BENCHMARK file", "--method", "eco"):
        assert words in text


def test_missing_output_folder_is_an_error(tmp_path, capsys):
    employment = write_file(tmp_path / "E.csv", EMPLOYMENT)
    out = str(tmp_path / "no" / "OUT.csv")
    code = main(
        ["mapping", "compute", "--employment", str(employment), "--method", "eco", "--out", out]
    )
    assert code == 2
    assert "does not exist" in capsys.readouterr().err


# --- input checks: each message names the file, and where it can, the line and field ----------

BAD_INPUTS = {
    "empty file": ("E.csv", "", ["E.csv", "the file is empty"]),
    "header only": ("E.csv", "region,industry,employment\n", ["no data rows"]),
    "missing column": (
        "E.csv",
        "region,sector,employment\nA,C29,5\n",
        ["line 1", "missing required column(s) industry", "required: region, industry, "
         "employment", "found: region, sector, employment"],
    ),
    "non-numeric employment": (
        "E.csv",
        "region,industry,employment\nA,C29,5\nA,C30,12x\nB,C29,n/a\n",
        ["line 3", "field 'employment'", "'12x'", "and 1 more line"],
    ),
    "negative employment": (
        "E.csv", "region,industry,employment\nA,C29,-5\n", ["line 2", "negative"],
    ),
    "non-numeric establishments": (
        "E.csv",
        "region,industry,employment,establishments\nA,C29,5,many\n",
        ["line 2", "field 'establishments'", "'many'"],
    ),
    "blank region": ("E.csv", "region,industry,employment\n,C29,5\n", ["line 2", "field 'region'"]),
    "bad year": (
        "E.csv", "region,industry,employment,year\nA,C29,5,2014.5\n", ["line 2", "field 'year'"],
    ),
    "duplicate row": (
        "E.csv",
        "region,industry,employment\nA,C29,5\nB,C29,6\n\nA,C29,7\n",
        ["line 5", "also on line 2", "region 'A', industry 'C29'"],
    ),
    "unknown type": (
        "C.csv",
        "industry,category,type\nC29,auto,traded\nC30,auto2,tradable\n",
        ["C.csv", "line 3", "field 'type'", "'tradable'", "'traded' or 'local'"],
    ),
    "duplicate industry": (
        "C.csv", "industry,category\nC29,auto\nC29,other\n", ["line 3", "field 'industry'"],
    ),
    "two types for one category": (
        "C.csv",
        "industry,category,type\nC29,auto,traded\nC30,auto,local\n",
        ["line 3", "field 'type'", "on line 2"],
    ),
    "benchmark lacks a category": (
        "B.csv", "category,employment\nC29,100\n", ["B.csv", "field 'category'", "C10"],
    ),
    "benchmark value blank": (
        "B.csv", "category,employment\nC29,100\nC10,\n", ["line 3", "field 'employment'", "empty"],
    ),
    "benchmark has years, data none": (
        "B.csv", "category,employment,year\nC29,1,2014\nC10,1,2014\n", ["field 'year'"],
    ),
    "ragged line": (
        "E.csv", "region,industry,employment\nA,C29,5\nA,C30,5,9\n", ["line 3", "4 fields but"],
    ),
}  # fmt: skip


@pytest.mark.parametrize(("file", "text", "expected"), BAD_INPUTS.values(), ids=BAD_INPUTS.keys())
def test_bad_input_is_reported_with_file_line_and_field(tmp_path, capsys, file, text, expected):
    files = {"E.csv": EMPLOYMENT, file: text}
    options = ["--employment", write_file(tmp_path / "E.csv", files["E.csv"])]
    if file == "C.csv":
        options += ["--categories", write_file(tmp_path / "C.csv", text)]
    if file == "B.csv":
        options += ["--benchmark", write_file(tmp_path / "B.csv", text)]
    code, out = run(tmp_path, *options)
    assert code == 2
    assert out is None
    err = capsys.readouterr().err
    assert err.startswith("error: ")
    for words in expected:
        assert words in err


def test_missing_file_is_reported(tmp_path, capsys):
    code, _ = run(tmp_path, "--employment", str(tmp_path / "nowhere.csv"))
    assert code == 2
    assert "nowhere.csv: file not found" in capsys.readouterr().err


def test_lq_is_written_at_full_precision(tmp_path):
    text = "region,industry,employment\nA,C29,1\nA,C10,99999\nB,C29,30000\nB,C10,70000\n"
    code, out = run(tmp_path, "--employment", write_file(tmp_path / "E.csv", text))
    assert code == 0
    written = out.set_index("region").query("category == 'C29'").loc["A", "lq"]
    expected = (1 / 100_000) / (30_001 / 200_000)
    # Rounded to 6 places this LQ would be 6.7e-05, 0.5 % off; written in full it is exact.
    assert float(written) == pytest.approx(expected, rel=1e-12)
    assert float(repr(float(written))) == float(written)
