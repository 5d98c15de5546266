"""The meeting planner: the next host territory, city and dates, with the reasons."""
