"""The malloc setting of the mapping engine: once per process, and off when asked."""

from __future__ import annotations

from clusterdialogue.core import allocator


def test_keep_freed_memory_is_tried_once(monkeypatch):
    calls = []
    monkeypatch.setattr(allocator, "_tuned", None)
    monkeypatch.setattr(allocator, "_mallopt", lambda limit: calls.append(limit) or True)
    assert allocator.keep_freed_memory() is True
    assert allocator.keep_freed_memory() is True
    assert calls == [allocator.DEFAULT_LIMIT]


def test_keep_freed_memory_can_be_turned_off(monkeypatch):
    monkeypatch.setattr(allocator, "_tuned", None)
    monkeypatch.setattr(allocator, "_mallopt", lambda limit: True)
    monkeypatch.setenv("CLUSTERDIALOGUE_MALLOC_TUNING", "0")
    assert allocator.keep_freed_memory() is False
    assert allocator._tuned is None


def test_keep_freed_memory_caps_the_limit_to_an_int(monkeypatch):
    seen = []
    monkeypatch.setattr(allocator, "_tuned", None)
    monkeypatch.setattr(allocator, "_mallopt", lambda limit: seen.append(limit) or False)
    assert allocator.keep_freed_memory(1 << 40) is False
    assert allocator.keep_freed_memory() is False  # a failure is not tried again
    assert seen == [2**31 - 1]
