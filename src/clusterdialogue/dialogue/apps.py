from django.apps import AppConfig

FEATURES = ("groups", "roadmap", "meetings", "planning", "library")


class DialogueConfig(AppConfig):
    name = "clusterdialogue.dialogue"
    verbose_name = "Dialogue: working groups and meetings"

    def ready(self) -> None:
        import importlib

        from clusterdialogue.portal.navigation.registry import menu_entry_register

        # Each feature lists its menu entries next to its routes (urls.MENU), in the Dialogue slot.
        for feature in FEATURES:
            urls = importlib.import_module(f"clusterdialogue.dialogue.{feature}.urls")
            for entry in getattr(urls, "MENU", ()):
                menu_entry_register(group="dialogue", entry=entry)
