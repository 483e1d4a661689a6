"""Writes of the reports app, one module per object: issues and responses, report versions."""
