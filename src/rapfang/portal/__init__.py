"""The public site: the home page and each consultation's page, composed from every app's selectors."""
