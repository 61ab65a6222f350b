"""Your small group (`leergang_groups`): a participant sees their group, staff arrange the groups."""
