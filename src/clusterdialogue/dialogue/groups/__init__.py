"""Working groups: the list, a group's page with its members, documents and history."""
