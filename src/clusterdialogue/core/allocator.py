"""Keep freed memory in the process for engines that make many large temporary arrays.

glibc's malloc gives every array above its thresholds (128 KiB, raised as large blocks are
freed, up to 32 MiB) fresh pages from the kernel and returns them when the array is freed, so
a numpy pipeline that makes a few hundred arrays of a few megabytes spends much of its time in
page faults (about 40 % of the mapping engine's time on the Eurostat NUTS-2 input).
:func:`keep_freed_memory` raises both thresholds once per process, so that such arrays reuse
the memory the previous ones freed. The price is that up to ``limit`` bytes freed at the top
of the heap stay with the process instead of going back to the system.

Nothing happens on other C libraries, or when ``CLUSTERDIALOGUE_MALLOC_TUNING=0`` is set.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import platform

__all__ = ["keep_freed_memory"]

M_TRIM_THRESHOLD = -1
M_MMAP_THRESHOLD = -3
DEFAULT_LIMIT = 1 << 30

_tuned: bool | None = None  # None until tried: the platform checks read the executable


def keep_freed_memory(limit: int = DEFAULT_LIMIT) -> bool:
    """Ask glibc's malloc to keep up to ``limit`` bytes of freed memory; once per process.

    Parameters
    ----------
    limit : int
        Arrays up to this size come from the heap and reuse freed memory; freed memory at
        the top of the heap is returned to the system only beyond this size.

    Returns
    -------
    bool
        True if malloc was tuned (by this call or an earlier one).

    Examples
    --------
    >>> keep_freed_memory() in (True, False)
    True
    """
    global _tuned
    if os.environ.get("CLUSTERDIALOGUE_MALLOC_TUNING", "1") == "0":
        return False
    if _tuned is None:
        _tuned = _mallopt(min(int(limit), 2**31 - 1))
    return _tuned


def _mallopt(limit: int) -> bool:
    if platform.system() != "Linux" or platform.libc_ver()[0] != "glibc":
        return False
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        mallopt = libc.mallopt
    except (OSError, AttributeError):
        return False
    mallopt.argtypes, mallopt.restype = [ctypes.c_int, ctypes.c_int], ctypes.c_int
    # Both, or the other threshold stays at its default (setting one stops their adjustment).
    return bool(mallopt(M_MMAP_THRESHOLD, limit)) and bool(mallopt(M_TRIM_THRESHOLD, limit))
