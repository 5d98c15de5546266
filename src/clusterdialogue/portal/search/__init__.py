"""Site search: one query over regions, clusters, industries, funding calls and board posts."""
