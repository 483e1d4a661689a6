"""Template helpers of the reports app."""
