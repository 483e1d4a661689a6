"""Pages of the reports app: staff and public."""
