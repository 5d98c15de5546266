from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "clusterdialogue.accounts"
    verbose_name = "Accounts, roles and invitations"

    def ready(self) -> None:
        from clusterdialogue.accounts.audit import signals

        signals.connect()
