"""A meeting's agenda, registrations, attendance, minutes, decisions and actions."""
