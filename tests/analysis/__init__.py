"""Tests of the plain-Python comment analysis (rapfang.analysis.text)."""
