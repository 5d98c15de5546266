from django.apps import AppConfig


class StatisticsConfig(AppConfig):
    name = "clusterdialogue.statistics"
    label = "statistics"
    verbose_name = "Statistics and cluster mapping"
