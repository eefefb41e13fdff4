"""Who may do what with hubs (django-rules predicates)."""

import rules

from allteach.hubs.selectors import (
    hub_ids_administered_by,
    hub_ids_managed_by,
    hub_ids_on_team_of,
)


@rules.predicate
def manages_hub(user, hub) -> bool:
    return hub is not None and user.is_authenticated and hub.pk in hub_ids_managed_by(user)


@rules.predicate
def on_hub_team(user, hub) -> bool:
    return hub is not None and user.is_authenticated and hub.pk in hub_ids_on_team_of(user)


@rules.predicate
def administers_hub(user, hub) -> bool:
    return hub is not None and user.is_authenticated and hub.pk in hub_ids_administered_by(user)


rules.add_perm("hubs.view_hub_console", on_hub_team)
rules.add_perm("hubs.manage_hub", manages_hub)
rules.add_perm("hubs.change_team", administers_hub)
