from django.apps import AppConfig


class CollaborationConfig(AppConfig):
    name = "clusterdialogue.collaboration"
    verbose_name = "Matchmaking and collaboration"
