"""Load generator for the surge test, run in its own process: POSTs comments in parallel, prints status and receipt.

python surge_client.py URL API_KEY COUNT WORKERS
"""

from __future__ import annotations

import http.client
import json
import sys
import threading
import urllib.parse
from concurrent.futures import ThreadPoolExecutor

BODY = {"text": "ขอให้ขยายเวลาลงทะเบียนและเพิ่มช่องทางออนไลน์", "anonymous": True, "stakeholder_type": "citizen",
        "consent": True}  # fmt: skip
_local = threading.local()


def _connection(url: urllib.parse.SplitResult) -> http.client.HTTPConnection:
    if getattr(_local, "connection", None) is None:
        _local.connection = http.client.HTTPConnection(url.hostname, url.port, timeout=60)
    return _local.connection


def post(url: urllib.parse.SplitResult, key: str, number: int) -> str:
    body = json.dumps({**BODY, "text": f"{BODY['text']} ({number})"}, ensure_ascii=False).encode()
    headers = {"Content-Type": "application/json", "X-API-Key": key}
    for _attempt in range(2):
        connection = _connection(url)
        try:
            connection.request("POST", url.path, body=body, headers=headers)
            response = connection.getresponse()
            payload = response.read()
        except (http.client.HTTPException, OSError):
            connection.close()
            _local.connection = None
            continue
        receipt = json.loads(payload).get("receipt", "-") if response.status == 201 else "-"
        return f"{response.status} {receipt}"
    return "000 -"


def main() -> None:
    url, key, count, workers = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    target = urllib.parse.urlsplit(url)
    with ThreadPoolExecutor(workers) as pool:
        for line in pool.map(lambda n: post(target, key, n), range(count)):
            print(line)


if __name__ == "__main__":
    main()
