"""A cluster organisation's profile: its page, history, editing (or proposals) and members."""
