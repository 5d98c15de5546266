"""The Dialogue: working groups, their roadmaps and rotating meetings, and the policy library."""
