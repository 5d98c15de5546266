"""Personal data: a person's data as JSON, and its erasure."""
