"""End-to-end tests of ``clusterdialogue match recommend / generate / evaluate``."""

from __future__ import annotations

import pandas as pd
import pytest

from clusterdialogue.cli import main
from clusterdialogue.testing.files import write_file

PROFILES = """\
id,name,region,text,keywords,offers,needs,nace
fr1,CARA,FRK,mobilité électrique,,,,C29
de1,e-mobil,DE1,Elektromobilität,Batterien,,,
de2,Kunststoff,DE1,Kunststofftechnik,,,,C22
es1,Vins,ES51,Clúster vitivinícola,,,,
it1,Empty,ITC4,,,,,
"""

EMPLOYMENT = """\
region,industry,employment
R1,C29,300
R1,C22,100
R1,C11,10
R2,C29,50
R2,C22,60
R2,C11,400
R3,C29,200
R3,C22,90
R3,C11,50
"""


def run(tmp_path, *options):
    out = tmp_path / "OUT.csv"
    code = main(["match", "recommend", "--out", str(out), *map(str, options)])
    return code, (pd.read_csv(out, dtype=str, keep_default_na=False) if out.exists() else None)


def test_recommend_end_to_end(tmp_path, capsys):
    code, out = run(
        tmp_path,
        "--profiles",
        write_file(tmp_path / "P.csv", PROFILES),
        "--top",
        "2",
        "--cross-territory",
    )
    assert code == 0
    assert out.columns.tolist() == ["id", "partner_id", "rank", "score", "reasons"]
    first = out.loc[(out["id"] == "fr1") & (out["rank"] == "1")].iloc[0]
    assert first["partner_id"] == "de1"
    assert "electric mobility" in first["reasons"]
    regions = {"fr1": "FRK", "de1": "DE1", "de2": "DE1", "es1": "ES51", "it1": "ITC4"}
    assert all(regions[a] != regions[b] for a, b in zip(out["id"], out["partner_id"], strict=True))
    printed = capsys.readouterr().out
    assert "wrote" in printed and "industry relatedness left out" in printed


def test_recommend_with_employment_settings(tmp_path, capsys):
    code, out = run(
        tmp_path,
        "--profiles",
        write_file(tmp_path / "P.csv", PROFILES),
        "--employment",
        write_file(tmp_path / "E.csv", EMPLOYMENT),
        "--similarity-weight",
        "0.5",
        "--min-score",
        "0.05",
        "--quota",
        "1",
    )
    assert code == 0
    assert (out["score"].astype(float) >= 0.05).all()
    per_region = out.assign(r=out["partner_id"].str[:2]).groupby(["id", "r"]).size()
    assert (per_region <= 1).all()
    assert "industry relatedness left out" not in capsys.readouterr().out


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("id,name,text\n1,a,b\n", "missing column(s) region"),
        ("id,name,region,text\n1,a,R,x\n1,b,R,y\n", "line 3, field 'id'"),
        ("id,name,region,text\n1,a,,x\n", "line 2, field 'region'"),
        ("id,name,region,text,nace\n1,a,R,x,Z99\n", "line 2, field 'nace'"),
        ("id,name,region,text\n", "no profiles"),
    ],
)
def test_recommend_reports_bad_files(tmp_path, capsys, text, message):
    code, out = run(tmp_path, "--profiles", write_file(tmp_path / "P.csv", text))
    assert code == 2 and out is None
    assert message in capsys.readouterr().err


def test_recommend_rejects_bad_settings(tmp_path, capsys):
    code, _ = run(
        tmp_path, "--profiles", write_file(tmp_path / "P.csv", PROFILES), "--similarity-weight", "2"
    )
    assert code == 2
    assert "similarity_weight must be between 0 and 1" in capsys.readouterr().err
    code, _ = run(tmp_path, "--profiles", str(tmp_path / "missing.csv"))
    assert code == 2
    assert "file not found" in capsys.readouterr().err


def test_evaluate_prints_precision(data_dir, capsys):
    assert main(["match", "evaluate", "--k", "5"]) == 0
    printed = capsys.readouterr().out
    precision = float(printed.split("precision@5: ")[1].split()[0])
    assert precision >= 0.85
    assert "cara-auvergne-rhone-alpes -> ciac relevant=1" in printed


def test_generate_makes_marked_profiles(data_dir, tmp_path, capsys):
    out = tmp_path / "G.csv"
    assert main(["match", "generate", "--profiles", "30", "--out", str(out), "--seed", "3"]) == 0
    frame = pd.read_csv(out, dtype=str, keep_default_na=False)
    assert len(frame) == 30 and frame["name"].str.startswith("GENERATED").all()
    assert frame["region"].str.len().eq(4).all()
    code, result = run(tmp_path, "--profiles", str(out), "--top", "3")
    assert code == 0 and len(result) > 0


def test_recommend_files_do_not_depend_on_workers(tmp_path, monkeypatch):
    from clusterdialogue.core.matching import engine
    from clusterdialogue.core.matching.generate import generate_title_profiles

    titles = pd.DataFrame(
        {
            "code": ["29.10", "45.32", "46.74", "11.02"],
            "level": 4,
            **{
                f"title_{lang}": [
                    "Manufacture of motor vehicles",
                    "Retail trade of motor vehicle parts and accessories",
                    "Wholesale of hardware, plumbing and heating equipment",
                    "Manufacture of wine from grape",
                ]
                for lang in ("en", "fr", "de", "it", "es", "nl")
            },
        }
    )
    profiles = tmp_path / "P.csv"
    generate_title_profiles(300, nace_titles=titles, seed=5, territories=6).to_csv(
        profiles, index=False
    )
    monkeypatch.setattr(engine, "EXACT_LIMIT", 10)  # the path of large sets
    written = {}
    for workers in ("1", "2"):
        out = tmp_path / f"OUT{workers}.csv"
        assert main(["match", "recommend", "--profiles", str(profiles), "--top", "10",
                     "--cross-territory", "--workers", workers, "--out", str(out)]) == 0  # fmt: skip
        written[workers] = out.read_bytes()
    assert written["1"] == written["2"]
    assert len(pd.read_csv(tmp_path / "OUT1.csv")) == 3000
