"""The directory: the searchable, filterable list of cluster organisations, its map and its API."""
