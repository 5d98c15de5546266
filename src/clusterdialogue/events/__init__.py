"""Missions and B2B events: registration, the programme, meeting requests, schedules and agendas."""
