"""Find data files in a local mirror, or download them once from their official source.

The platform reads its real data (NUTS boundaries, Eurostat statistics) either from a local
mirror directory (set ``CLUSTERDIALOGUE_DATA_DIR``) or from the official addresses below,
downloading each file once into a cache directory.
"""

from __future__ import annotations

import os
import sys
import urllib.error
import urllib.request
from pathlib import Path, PurePosixPath

from clusterdialogue.core.io.errors import DataFileError

__all__ = [
    "DATA_DIR_ENV",
    "EUROSTAT_BULK_URL",
    "GISCO_NUTS_URL",
    "MIRROR_ENV",
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
