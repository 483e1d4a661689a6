"""Thai comment analysis in plain Python (no Django): normalise, segment, deduplicate, cluster, classify.

Nothing here downloads data at run time: pythainlp is put in offline mode before it is first imported.
"""

import os

os.environ.setdefault("PYTHAINLP_OFFLINE", "1")
