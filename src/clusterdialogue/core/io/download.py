"""Find data files in a local mirror, or download them once from their official source.

The platform reads its real data (NUTS boundaries, Eurostat statistics) either from a local
mirror directory (set ``CLUSTERDIALOGUE_DATA_DIR``) or from the official addresses below,
downloading each file once into a cache directory.
"""

from __future__ import annotations

import gzip
import os
import sys
import tempfile
import urllib.error
import urllib.request
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path, PurePosixPath

from clusterdialogue.core.io.errors import DataFileError

__all__ = [
    "DATA_DIR_ENV",
    "EUROSTAT_BULK_URL",
    "EUROSTAT_DATA_URL",
    "GISCO_NUTS_URL",
    "MIRROR_ENV",
    "concat_eurostat_tsv",
    "eurostat_download_paged",
    "eurostat_query_url",
    "eurostat_url",
    "fetch",
    "gisco_url",
    "mirrored_url",
    "resolve_data_file",
]

#: Environment variable naming the local mirror of the data files.
DATA_DIR_ENV = "CLUSTERDIALOGUE_DATA_DIR"
#: Environment variable naming a mirror of the official addresses (``file:///srv/mirror/``):
#: ``https://host/path?query`` is read from ``<mirror>host/path?query``, the layout ``wget -m``
#: leaves.
MIRROR_ENV = "CLUSTERDIALOGUE_DOWNLOAD_MIRROR"
#: Eurostat dissemination API: a whole dataset as gzip-compressed TSV.
EUROSTAT_BULK_URL = (
    "https://ec.europa.eu/eurostat/api/dissemination/sdmx/2.1/data/{code}"
    "?format=TSV&compressed=true"
)
#: Eurostat dissemination API, SDMX 2.1: part of a dataset, selected by a key (one position per
#: dimension, in the dataset's order; codes joined by ``+``; empty for all).
EUROSTAT_DATA_URL = (
    "https://ec.europa.eu/eurostat/api/dissemination/sdmx/2.1/data/{code}/{key}"
    "?format=TSV&compressed=true"
)
#: GISCO NUTS boundaries as GeoJSON (EPSG:4326); scale is 01M, 03M, 10M, 20M or 60M.
GISCO_NUTS_URL = (
    "https://gisco-services.ec.europa.eu/distribution/v2/nuts/geojson/"
    "NUTS_RG_{scale}_{year}_4326_LEVL_{level}.geojson"
)
_CHUNK = 1 << 16
_TIMEOUT = 60.0


def eurostat_url(code: str) -> str:
    """Return the official bulk download address of a Eurostat dataset.

    Examples
    --------
    >>> eurostat_url("sbs_r_nuts06_r2")
    'https://ec.europa.eu/eurostat/api/dissemination/sdmx/2.1/data/sbs_r_nuts06_r2?format=TSV&compressed=true'
    """
    return EUROSTAT_BULK_URL.format(code=code)


def eurostat_query_url(
    code: str, *, dimensions: Sequence[str], filters: Mapping[str, Sequence[str]]
) -> str:
    """Return the SDMX 2.1 address of the part of a dataset that ``filters`` selects.

    Parameters
    ----------
    code : str
        The dataset code.
    dimensions : sequence of str
        The dataset's dimensions in its own order (the order of its TSV header).
    filters : mapping of str to sequence of str
        The codes wanted per dimension; a dimension not named is not filtered.

    Examples
    --------
    >>> eurostat_query_url("sbs_r_nuts2021", dimensions=("freq", "indic_sbs", "nace_r2", "geo"),
    ...                    filters={"nace_r2": ["C", "C10", "C11"]})
    'https://ec.europa.eu/eurostat/api/dissemination/sdmx/2.1/data/sbs_r_nuts2021/..C+C10+C11.?format=TSV&compressed=true'
    """
    unknown = set(filters) - set(dimensions)
    if unknown:
        raise ValueError(f"not dimensions of {code}: {', '.join(sorted(unknown))}")
    key = ".".join("+".join(filters.get(dimension, ())) for dimension in dimensions)
    return EUROSTAT_DATA_URL.format(code=code, key=key)


def gisco_url(*, scale: str = "20M", year: int = 2016, level: int = 2) -> str:
    """Return the GISCO address of a NUTS GeoJSON file.

    Parameters
    ----------
    scale : str, default "20M"
        ``"01M"``, ``"03M"``, ``"10M"``, ``"20M"`` or ``"60M"`` (1:1 million ... 1:60 million).
    year : int, default 2016
        The NUTS version.
    level : int, default 2
        The NUTS level, 0 to 3.

    Examples
    --------
    >>> gisco_url(scale="60M", year=2016, level=2)
    'https://gisco-services.ec.europa.eu/distribution/v2/nuts/geojson/NUTS_RG_60M_2016_4326_LEVL_2.geojson'
    """
    if level not in (0, 1, 2, 3):
        raise ValueError(f"NUTS level must be 0, 1, 2 or 3, not {level!r}")
    return GISCO_NUTS_URL.format(scale=scale, year=year, level=level)


def mirrored_url(url: str, mirror: str | None) -> str:
    """Return the address of ``url`` in ``mirror`` (unchanged without a mirror).

    The mirror keeps the official layout: host, then path, then the query as part of the name.

    Examples
    --------
    >>> mirrored_url(gisco_url(year=2021, level=0), "file:///srv/mirror")
    'file:///srv/mirror/gisco-services.ec.europa.eu/distribution/v2/nuts/geojson/NUTS_RG_20M_2021_4326_LEVL_0.geojson'
    >>> mirrored_url("https://example.org/a", None)
    'https://example.org/a'
    """
    if not mirror:
        return url
    scheme, sep, rest = url.partition("://")
    if not sep or scheme not in ("http", "https"):
        return url
    return mirror.rstrip("/") + "/" + rest


def fetch(url: str, dest: Path, *, progress: bool = True) -> Path:
    """Download ``url`` to ``dest`` atomically.

    The data are written to ``dest`` + ``.part`` and renamed when complete, so ``dest`` never
    holds half a file. Parent directories are created.

    Parameters
    ----------
    url : str
        The address (``https://``, ``http://`` or ``file://``).
    dest : Path
        Where to store the file (replaced if it exists).
    progress : bool, default True
        Report progress on standard error.

    Returns
    -------
    Path
        ``dest``.

    Raises
    ------
    DataFileError
        When the download fails (no network, HTTP error, incomplete transfer); the message
        suggests a local mirror.

    Examples
    --------
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "a.txt").write_text("hello")
    >>> fetch((folder / "a.txt").as_uri(), folder / "copy" / "a.txt", progress=False).read_text()
    'hello'
    """
    dest = Path(dest)
    dest.parent.mkdir(parents=True, exist_ok=True)
    part = dest.with_name(dest.name + ".part")
    received = 0
    try:
        request = urllib.request.Request(url, headers={"User-Agent": "clusterdialogue"})
        with urllib.request.urlopen(request, timeout=_TIMEOUT) as response, part.open("wb") as out:
            length = response.headers.get("Content-Length")
            total = int(length) if length and length.isdigit() else None
            if progress:
                print(f"downloading {url}", file=sys.stderr)
            while chunk := response.read(_CHUNK):
                out.write(chunk)
                received += len(chunk)
                if progress:
                    _report(received, total)
            if total is not None and received != total:
                raise OSError(f"received {received} of {total} bytes")
        if progress:
            print(file=sys.stderr)
        os.replace(part, dest)
    except (OSError, urllib.error.URLError, ValueError) as exc:
        part.unlink(missing_ok=True)
        if isinstance(exc, urllib.error.HTTPError):
            reason: object = f"HTTP {exc.code} {exc.reason}"
        else:
            reason = getattr(exc, "reason", None) or exc
        raise DataFileError(
            dest,
            f"could not download {url}: {reason}; check the network connection, or set "
            f"{DATA_DIR_ENV} to a local mirror of the data files",
        ) from exc
    return dest


def _report(received: int, total: int | None) -> None:
    done = f"{received / 1e6:.1f} MB"
    if total:
        done += f" of {total / 1e6:.1f} MB ({100 * received / total:.0f} %)"
    print(f"\r  {done}", end="", file=sys.stderr, flush=True)


def resolve_data_file(
    relative: str, *, data_dir: Path | None, url: str | None, cache_dir: Path
) -> Path:
    """Return the local path of a data file: from the mirror, the cache, or downloaded.

    Parameters
    ----------
    relative : str
        The file's path inside the mirror, e.g. ``"eurostat/sbs_r_nuts06_r2.tsv.gz"``.
    data_dir : Path or None
        The local mirror; used when it holds ``relative``.
    url : str or None
        The official address, used when the mirror lacks the file.
    cache_dir : Path
        Where downloads are kept (as ``cache_dir / relative``) and reused.

    Returns
    -------
    Path
        The mirror file, else the cached copy, else the freshly downloaded file.

    Raises
    ------
    DataFileError
        When the file is not in the mirror and there is no URL, or the download fails.

    Examples
    --------
    >>> import tempfile
    >>> mirror = Path(tempfile.mkdtemp())
    >>> (mirror / "nace").mkdir()
    >>> _ = (mirror / "nace" / "titles.csv").write_text("code\\n")
    >>> found = resolve_data_file("nace/titles.csv", data_dir=mirror, url=None, cache_dir=mirror)
    >>> found == mirror / "nace" / "titles.csv"
    True
    """
    parts = PurePosixPath(relative.replace("\\", "/")).parts
    if not parts or PurePosixPath(relative).is_absolute() or ".." in parts:
        raise ValueError(f"relative must be a path inside the data directory, not {relative!r}")
    if data_dir is not None:
        mirrored = Path(data_dir).joinpath(*parts)
        if mirrored.is_file():
            return mirrored
    cached = Path(cache_dir).joinpath(*parts)
    if cached.is_file():
        return cached
    if url is None:
        where = f"in {data_dir}" if data_dir is not None else f"(no {DATA_DIR_ENV} set)"
        raise DataFileError(
            relative,
            f"file not found {where} and it has no download address; set {DATA_DIR_ENV} to a "
            "directory that contains it",
        )
    return fetch(url, cached)


_MISSING_CELL = ": "


def _page_text(page: bytes) -> str:
    raw = gzip.decompress(page) if page[:2] == b"\x1f\x8b" else page
    return raw.decode("utf-8-sig")


def concat_eurostat_tsv(pages: Sequence[bytes], *, name: str = "the pages") -> bytes:
    """Join Eurostat TSV answers for parts of one dataset into the TSV of the whole request.

    Each page keeps the dataset's first header cell (``freq,indic_sbs,nace_r2,geo\\TIME_PERIOD``);
    the years are the union of the pages' years, in ascending order, and a page lacking a
    year gets Eurostat's missing cell ``": "`` there. Rows are sorted by their codes. A row
    found in two pages is an error (the pages overlap).

    Parameters
    ----------
    pages : sequence of bytes
        The answers, gzip-compressed or not.
    name : str
        What to call the pages in error messages.

    Returns
    -------
    bytes
        The joined TSV, uncompressed, lines ending with ``\\n``.

    Raises
    ------
    DataFileError
        When there is no page, a page has no header, the pages' dimensions differ, or a row
        is repeated.

    Examples
    --------
    >>> a = b"freq,nace_r2,geo\\\\TIME_PERIOD\\t2021 \\nA,C10,DE11\\t5 \\n"
    >>> b = b"freq,nace_r2,geo\\\\TIME_PERIOD\\t2021 \\t2022 \\nA,C20,DE11\\t7 \\t: c\\n"
    >>> for line in concat_eurostat_tsv([b, a]).decode().splitlines():
    ...     print(line.split("\\t"))
    ['freq,nace_r2,geo\\\\TIME_PERIOD', '2021 ', '2022 ']
    ['A,C10,DE11', '5 ', ': ']
    ['A,C20,DE11', '7 ', ': c']
    """
    if not pages:
        raise DataFileError(name, "no page to join")
    first_cell = None
    years: dict[str, str] = {}  # stripped year -> header cell as published
    parsed: list[tuple[list[str], list[list[str]]]] = []
    for number, page in enumerate(pages, start=1):
        lines = [line for line in _page_text(page).splitlines() if line.strip()]
        if not lines:
            raise DataFileError(f"{name}, page {number}", "the page is empty", line=1)
        header = lines[0].split("\t")
        if first_cell is None:
            first_cell = header[0]
        elif header[0] != first_cell:
            raise DataFileError(
                f"{name}, page {number}",
                f"its dimensions {header[0]!r} differ from the first page's {first_cell!r}",
                line=1,
            )
        for cell in header[1:]:
            years.setdefault(cell.strip(), cell)
        parsed.append(([c.strip() for c in header[1:]], [line.split("\t") for line in lines[1:]]))
    order = sorted(years)
    rows: dict[tuple[str, ...], str] = {}
    for number, (page_years, page_rows) in enumerate(parsed, start=1):
        for line, cells in enumerate(page_rows, start=2):
            key = tuple(code.strip() for code in cells[0].split(","))
            if key in rows:
                raise DataFileError(
                    f"{name}, page {number}",
                    f"row {cells[0]!r} is also in an earlier page; the pages overlap",
                    line=line,
                )
            values = dict(zip(page_years, cells[1:], strict=False))
            rows[key] = "\t".join([cells[0], *(values.get(y, _MISSING_CELL) for y in order)])
    lines = ["\t".join([first_cell or "", *(years[y] for y in order)])]
    lines += [rows[key] for key in sorted(rows)]
    return ("\n".join(lines) + "\n").encode("utf-8")


def eurostat_download_paged(
    code: str,
    dest: Path,
    *,
    dimensions: Sequence[str],
    pages: Sequence[Sequence[str]],
    page_dimension: str = "nace_r2",
    mirror: str | None = None,
    progress: bool = True,
    fetcher: Callable[..., Path] | None = None,
) -> Path:
    """Download a Eurostat dataset in parts (one request per group of codes) and join them.

    Large requests to the dissemination API may be refused (HTTP 413); asking for one group
    of NACE codes at a time and joining the answers gives the same table. A group Eurostat has
    no figures for (HTTP 404) adds nothing.

    Parameters
    ----------
    code : str
        The dataset code, e.g. ``"sbs_r_nuts2021"``.
    dest : Path
        Where to write the joined table, gzip-compressed (replaced atomically).
    dimensions : sequence of str
        The dataset's dimensions in its order; the answers' header must name the same.
    pages : sequence of sequences of str
        The groups of codes of ``page_dimension``, one request each.
    page_dimension : str, default "nace_r2"
        The dimension to page by.
    mirror : str, optional
        A mirror of the official addresses (see :func:`mirrored_url`).
    progress : bool, default True
        Report each request on standard error.

    Returns
    -------
    Path
        ``dest``.

    Raises
    ------
    DataFileError
        When a request fails (other than 404), the answers disagree, or their dimensions are
        not ``dimensions``.
    """
    fetcher = fetcher or fetch
    dest = Path(dest)
    answers: list[bytes] = []
    with tempfile.TemporaryDirectory(prefix="eurostat-pages-") as folder:
        for number, group in enumerate(pages, start=1):
            url = mirrored_url(
                eurostat_query_url(code, dimensions=dimensions, filters={page_dimension: group}),
                mirror,
            )
            if progress:
                print(f"{code}: part {number} of {len(pages)} ({'+'.join(group)})", file=sys.stderr)
            try:
                part = fetcher(url, Path(folder) / f"page-{number}.tsv.gz", progress=False)
            except DataFileError as error:
                cause = error.__cause__
                if isinstance(cause, urllib.error.HTTPError) and cause.code == 404:
                    continue
                raise
            answers.append(part.read_bytes())
    if not answers:
        raise DataFileError(
            dest, f"Eurostat has no figures of {code} for any of the {len(pages)} groups"
        )
    joined = concat_eurostat_tsv(answers, name=f"{code} download")
    published = joined.split(b"\t", 1)[0].decode().split("\\")[0].split(",")
    if published != list(dimensions):
        raise DataFileError(
            dest,
            f"Eurostat's dimensions of {code} are {','.join(published)}, not "
            f"{','.join(dimensions)}; update the dataset's dimensions and download again",
            line=1,
        )
    dest.parent.mkdir(parents=True, exist_ok=True)
    part_file = dest.with_name(dest.name + ".part")
    part_file.write_bytes(gzip.compress(joined, mtime=0))
    os.replace(part_file, dest)
    return dest
