from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "clusterdialogue.portal"
    verbose_name = "Public portal"

    def ready(self) -> None:
        # The platform's deployment checks (``check --deploy``, ``clusterdialogue check-deploy``).
        from clusterdialogue.common import deploy  # noqa: F401
