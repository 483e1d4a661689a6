"""Addresses of the responses (issues, the public "what we heard" page) and of the summary report."""

from rapfang.reports.urls_issues import urlpatterns as issue_patterns
from rapfang.reports.urls_reports import urlpatterns as report_patterns

app_name = "reports"
urlpatterns = [*issue_patterns, *report_patterns]
