from django.apps import AppConfig


class ClustersConfig(AppConfig):
    name = "clusterdialogue.clusters"
    verbose_name = "Cluster organisation directory"
