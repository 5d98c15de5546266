from django.apps import AppConfig


class CollaborationConfig(AppConfig):
    name = "clusterdialogue.collaboration"
    verbose_name = "Matchmaking and collaboration"

    def ready(self) -> None:
        from clusterdialogue.collaboration.matching import connect_invalidation

        connect_invalidation()
