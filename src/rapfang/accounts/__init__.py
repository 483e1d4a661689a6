"""Users, roles and agencies."""
