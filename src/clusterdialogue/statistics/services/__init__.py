"""Writes for statistics: industries, imports and mapping results."""
