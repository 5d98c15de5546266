"""Temporary: ``collaboration/`` still imports ``directory_queryset`` from this old path.

``directory_queryset`` lives in :mod:`clusterdialogue.clusters.selectors`. Another change
restructures ``collaboration/`` at the same time and may not touch this app; once its two imports
(``forms_pipeline``, ``selectors_board``) name ``clusters.selectors``, delete this module.
"""

from clusterdialogue.clusters.selectors import directory_queryset

__all__ = ["directory_queryset"]
