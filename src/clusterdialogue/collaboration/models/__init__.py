"""The collaboration app's tables, one module per feature; every table stays in this app."""

from clusterdialogue.collaboration.models.board import CooperationPost, Interest, PostMatch
from clusterdialogue.collaboration.models.calls import FundingCall
from clusterdialogue.collaboration.models.notifications import Notification
from clusterdialogue.collaboration.models.pipeline import (
    Collaboration,
    CollaborationDocument,
    StageChange,
)

__all__ = [
    "Collaboration",
    "CollaborationDocument",
    "CooperationPost",
    "FundingCall",
    "Interest",
    "Notification",
    "PostMatch",
    "StageChange",
]
