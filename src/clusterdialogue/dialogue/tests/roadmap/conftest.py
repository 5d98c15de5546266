from clusterdialogue.dialogue.tests.groups.conftest import group_world  # noqa: F401
