from django.apps import AppConfig


class AnalyticsConfig(AppConfig):
    name = "clusterdialogue.analytics"
    label = "analytics"
    verbose_name = "Smart-specialisation analytics"
