"""Imports of cluster profiles (:mod:`.organisations`) and of a cluster's members (:mod:`.members`).

Both read a CSV or XLSX table (:mod:`.read`), check each row's cells (:mod:`.values`,
:mod:`.clean`), and report row by row what was, or would be, written (:mod:`.report`).
"""
