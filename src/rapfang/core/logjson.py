"""Log records as JSON lines (`RAPFANG_LOG_FORMAT=json`): one object a line, for a log collector to read.

Each line has `time` (ISO 8601 with the offset, to the millisecond), `level`, `logger`, `message`, the process
id, and `exception` with the traceback when there is one; anything passed in `extra=` is kept under its own name.
Plain Python: the web server's access log (granian) uses it too.
"""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime
from typing import Any

# The attributes every LogRecord has; anything else on a record came from `extra=` and is kept.
STANDARD = frozenset(logging.makeLogRecord({}).__dict__) | {"message", "asctime", "taskName"}


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).astimezone().isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "pid": record.process,
        }
        if isinstance(record.args, dict):  # a message formatted from a mapping (the access log): its fields too
            for key, value in record.args.items():
                if not str(key).startswith("_"):
                    entry.setdefault(str(key), value)  # our own `time` and the rest stay as above
        for key, value in record.__dict__.items():
            if key not in STANDARD and not key.startswith("_"):
                entry[key] = value
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        if record.stack_info:
            entry["stack"] = self.formatStack(record.stack_info)
        return json.dumps(entry, ensure_ascii=False, default=str)
