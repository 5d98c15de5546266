from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "clusterdialogue.portal"
    verbose_name = "Public portal"
