"""Invitations: inviting someone to take a role, and accepting."""
