"""Proposed profile changes: the reviewers' queue, one change with its diff, approve, reject."""
