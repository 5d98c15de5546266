"""A region's growth page: employment change by category between two years, with shift-share."""
