"""The site's grouped menu and the breadcrumbs computed from it (see ``registry.py``)."""
