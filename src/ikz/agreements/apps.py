from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgreementsConfig(AppConfig):
    """Agreements (Zweckvereinbarungen), their partners, cost keys and yearly cost statements."""

    name = "ikz.agreements"
    verbose_name = _("Vereinbarungen")
    dashboard_panel = "ikz.agreements.panels.dashboard_panel"
    deadline_panel = "ikz.agreements.panels.deadline_panel"
    project_panel = "ikz.agreements.panels.project_panel"
    report_contribution = "ikz.agreements.reporting.contribution"
