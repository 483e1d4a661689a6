"""A consultation, its timeline and status, and the capability-domain taxonomy."""
