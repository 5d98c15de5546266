"""The directory's REST API: serializers and viewsets (routed in ``config/api.py``)."""
