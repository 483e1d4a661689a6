"""A server process loads the URLconf, the message catalogues and the Thai dictionary before its first request."""

from __future__ import annotations

import os
import subprocess
import sys

PROBE = """
import sys
import rapfang.wsgi
from rapfang.core.thai import search, words
print("rapfang.api.urls" in sys.modules, "rapfang.hearings.views" in sys.modules, bool(words._loaded),
      search._trie.cache_info().currsize)
"""


def test_loading_the_wsgi_application_warms_the_process(tmp_path):
    env = {**os.environ, "RAPFANG_DATA_DIR": str(tmp_path), "DJANGO_SETTINGS_MODULE": "rapfang.settings",
           "SECRET_KEY": "warm-" + "k" * 45}  # fmt: skip
    done = subprocess.run([sys.executable, "-c", PROBE], env=env, capture_output=True, text=True, timeout=120)  # noqa: S603
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["True", "True", "True", "1"]
