from django.apps import AppConfig


class RegionsConfig(AppConfig):
    name = "clusterdialogue.regions"
    verbose_name = "Regions and networks"
