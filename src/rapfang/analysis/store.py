"""Writing a computed analysis into the database: per-comment rows, duplicate groups and topic clusters.

Called inside the run's transaction. Staff's choices win: a comment whose domain or group staff set keeps it.
Duplicate groups keep their identity across runs: a group found again is matched to the stored group with
which it shares the most comments (not moved by staff), so a group staff moved comments into survives.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from typing import Any

from rapfang.analysis.compute import Computed
from rapfang.analysis.models import AnalysisRun, CommentAnalysis, DuplicateGroup, TopicCluster
from rapfang.consultations.models import Consultation

BATCH = 1000


def results_store(
    *, run: AnalysisRun, consultation: Consultation, computed: Computed, domain_ids: dict[str, int]
) -> None:
    existing = {row.comment_id: row for row in CommentAnalysis.objects.filter(consultation=consultation)}
    _delete_stale(existing, set(computed.ids))
    clusters = _clusters_store(consultation, computed)
    groups = _groups_match(consultation, computed, existing)
    _rows_store(run, consultation, computed, existing, clusters, groups, domain_ids)
    groups_refresh(consultation_id=consultation.pk, keywords=_keywords_by_row(computed, groups))


def _delete_stale(existing: dict[int, CommentAnalysis], current: set[int]) -> None:
    """Comments hidden or removed since the last run leave the analysis."""
    stale = [comment_id for comment_id in existing if comment_id not in current]
    for start in range(0, len(stale), BATCH):
        CommentAnalysis.objects.filter(comment_id__in=stale[start : start + BATCH]).delete()
    for comment_id in stale:
        del existing[comment_id]


def _clusters_store(consultation: Consultation, computed: Computed) -> dict[int, int]:
    """Topic clusters by number, updated in place; returns cluster number → row id."""
    labels = computed.topics.labels
    first_member: dict[int, int] = {}
    for position, label in enumerate(labels.tolist()):
        first_member.setdefault(label, computed.ids[position])
    rows = {}
    for number, size in computed.topics.sizes.items():
        cluster, _created = TopicCluster.objects.update_or_create(
            consultation=consultation, number=number,
            defaults={"size": size, "keywords": computed.topics.keywords.get(number, []),
                      "representative_id": first_member.get(number)},
        )  # fmt: skip
        rows[number] = cluster.pk
    TopicCluster.objects.filter(consultation=consultation).exclude(number__in=list(rows)).delete()
    return rows


def _groups_match(
    consultation: Consultation, computed: Computed, existing: dict[int, CommentAnalysis]
) -> dict[int, int]:
    """Engine group number → DuplicateGroup id: the stored group sharing the most comments, or a new one."""
    votes: dict[int, Counter[int]] = defaultdict(Counter)
    for position, number in enumerate(computed.duplicates.group_of.tolist()):
        old = existing.get(computed.ids[position])
        if number >= 0 and old is not None and old.group_id and not old.group_by_staff:
            votes[number][old.group_id] += 1
    claimed: set[int] = set()
    mapping: dict[int, int] = {}
    for group in sorted(computed.duplicates.groups, key=lambda g: (-g.count, g.number)):
        candidates = [gid for gid, _n in votes[group.number].most_common() if gid not in claimed]
        mapping[group.number] = (
            candidates[0] if candidates else DuplicateGroup.objects.create(consultation=consultation).pk
        )
        claimed.add(mapping[group.number])
    return mapping


def _keywords_by_row(computed: Computed, groups: dict[int, int]) -> dict[int, list[str]]:
    return {groups[number]: words for number, words in computed.group_keywords.items() if number in groups}


def _rows_store(
    run: AnalysisRun,
    consultation: Consultation,
    computed: Computed,
    existing: dict[int, CommentAnalysis],
    clusters: dict[int, int],
    groups: dict[int, int],
    domain_ids: dict[str, int],
) -> None:
    created, changed = [], []
    group_of, labels = computed.duplicates.group_of.tolist(), computed.topics.labels.tolist()
    for n, comment_id in enumerate(computed.ids):
        old = existing.get(comment_id)
        key = computed.domain_keys[n]
        values: dict[str, Any] = {
            "source_hash": computed.source_hashes[n], "text_key": computed.text_keys[n],
            "tokens": " ".join(computed.tokens[n]), "group_id": groups.get(group_of[n]),
            "is_representative": old.is_representative if old else False, "cluster_id": clusters.get(labels[n]),
            "domain_id": domain_ids.get(key) if key else None, "confidence": computed.confidence[n],
            "keywords": computed.keywords[n], "closest_domains": [list(pair) for pair in computed.closest[n]],
        }  # fmt: skip
        if old is None:
            created.append(CommentAnalysis(comment_id=comment_id, consultation=consultation, run=run, **values))
        elif _update(old, values, run):
            changed.append(old)
    # Changed rows are replaced rather than updated: a multi-row UPDATE (CASE per field) is slow on SQLite,
    # and nothing refers to these rows.
    changed_ids = [row.comment_id for row in changed]
    for start in range(0, len(changed_ids), BATCH):
        CommentAnalysis.objects.filter(comment_id__in=changed_ids[start : start + BATCH]).delete()
    CommentAnalysis.objects.bulk_create([*created, *changed], batch_size=BATCH)


def _update(row: CommentAnalysis, values: dict[str, Any], run: AnalysisRun) -> bool:
    """Apply ``values`` to ``row`` except what staff set; True when anything changed."""
    if row.group_by_staff:
        values["group_id"] = row.group_id
    if row.domain_by_staff:
        values["domain_id"], values["confidence"] = row.domain_id, row.confidence
    if all(getattr(row, name) == value for name, value in values.items()):
        return False
    for name, value in values.items():
        setattr(row, name, value)
    row.run = run
    return True


def groups_refresh(*, consultation_id: int, keywords: dict[int, list[str]] | None = None) -> None:
    """Recount every group of the consultation: size, distinct texts, representative; drop empty groups."""
    members: dict[int, list[tuple[int, str]]] = defaultdict(list)
    rows = CommentAnalysis.objects.filter(consultation_id=consultation_id, group__isnull=False)
    for group_id, comment_id, text_key in rows.values_list("group_id", "comment_id", "text_key").order_by("pk"):
        members[group_id].append((comment_id, text_key))
    groups = list(DuplicateGroup.objects.filter(consultation_id=consultation_id))
    for group in groups:
        _group_summarise(group, members.get(group.pk, []), (keywords or {}).get(group.pk))
    DuplicateGroup.objects.bulk_update(groups, ["size", "variants", "representative", "keywords"], batch_size=BATCH)
    DuplicateGroup.objects.filter(consultation_id=consultation_id, size=0).delete()
    _representatives_mark(consultation_id, [g.representative_id for g in groups if g.representative_id])


def _group_summarise(group: DuplicateGroup, members: list[tuple[int, str]], keywords: list[str] | None) -> None:
    """The representative is the earliest comment of the text most comments carry."""
    counts = Counter(text_key for _comment_id, text_key in members)
    first: dict[str, int] = {}
    for comment_id, text_key in members:
        first.setdefault(text_key, comment_id)
    group.size, group.variants = len(members), len(counts)
    group.representative_id = (
        first[max(counts, key=lambda text_key: (counts[text_key], -first[text_key]))] if members else None
    )
    if keywords is not None:
        group.keywords = keywords


def _representatives_mark(consultation_id: int, representatives: Iterable[int]) -> None:
    chosen = set(representatives)
    rows = CommentAnalysis.objects.filter(consultation_id=consultation_id)
    marked = set(rows.filter(is_representative=True).values_list("comment_id", flat=True))
    for ids, flag in ((marked - chosen, False), (chosen - marked, True)):
        listed = list(ids)
        for start in range(0, len(listed), BATCH):
            rows.filter(comment_id__in=listed[start : start + BATCH]).update(is_representative=flag)
