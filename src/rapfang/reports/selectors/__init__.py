"""Reads of the reports app: issues and responses, report versions."""
