from django.apps import AppConfig

FEATURES = ("programme", "participants", "b2b", "schedule", "outcomes", "live", "report")


class EventsConfig(AppConfig):
    name = "clusterdialogue.events"
    verbose_name = "Events: missions and B2B meetings"

    def ready(self) -> None:
        import importlib

        from clusterdialogue.portal.navigation.registry import menu_entry_register

        # Each feature lists its menu entries next to its routes (urls.MENU), in the Events slot.
        for feature in FEATURES:
            urls = importlib.import_module(f"clusterdialogue.events.{feature}.urls")
            for entry in getattr(urls, "MENU", ()):
                menu_entry_register(group="events", entry=entry)
