"""The public HTTP API. It imports services and selectors only; nothing imports it."""
