"""The audit log's admin page is registered by the workspace (`rapfang.workspace.admin`), which tells it in words."""
