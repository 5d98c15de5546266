"""A group's multi-year roadmap: objectives, actions, indicators and their progress."""
