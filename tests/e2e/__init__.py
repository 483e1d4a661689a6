"""Browser tests. A package, so that test_pages.py here and in tests/portal/ do not clash."""
