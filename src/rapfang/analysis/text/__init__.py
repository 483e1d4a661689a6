"""Thai comment analysis in plain Python (no Django): normalise, segment, deduplicate, cluster, classify.

The Thai language itself (normal forms, the word list and segmenter, word lists) comes from ``rapfang.core.thai``,
the one Thai package pages and search use too; nothing here downloads data at run time.
"""
