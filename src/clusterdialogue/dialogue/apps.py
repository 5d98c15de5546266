from django.apps import AppConfig


class DialogueConfig(AppConfig):
    name = "clusterdialogue.dialogue"
    verbose_name = "Dialogue: working groups and meetings"
