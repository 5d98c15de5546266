"""A region's smart-specialisation dashboard: industry space, opportunities, ECI, dynamics."""
