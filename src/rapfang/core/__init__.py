"""The core: base models, audit log, domain errors, Thai helpers, time windows."""
