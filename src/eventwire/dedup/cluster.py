"""Group mentions into canonical events: blocking, pairwise links, connected groups."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from .mention import Mention
from .rules import DedupRules


@dataclass(frozen=True, slots=True)
class Cluster:
    """One canonical event and the mentions that report it.

    ``id`` is the id of the earliest-dated mention (ties: the smallest id), so the same
    mentions give the same cluster id whatever order they arrive in.
    """

    id: str
    mentions: tuple[Mention, ...]  # earliest-dated first

    @property
    def category(self) -> str:
        return self.mentions[0].category

    @property
    def date(self) -> date | None:
        return self.mentions[0].date

    @property
    def mention_ids(self) -> tuple[str, ...]:
        return tuple(m.id for m in self.mentions)

    @property
    def num_mentions(self) -> int:
        return len(self.mentions)

    @property
    def sources(self) -> tuple[str, ...]:
        """Distinct outlet names, sorted (mentions without an outlet add none)."""
        return tuple(sorted({m.source for m in self.mentions if m.source}))

    @property
    def num_sources(self) -> int:
        """Distinct outlets; a mention without an outlet counts its article instead."""
        return len({m.source_key for m in self.mentions})


@dataclass
class _Bucket:
    """The mentions of one category on one day, indexed by actor code."""

    members: list[int] = field(default_factory=list)
    by_actor: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    no_actor: list[int] = field(default_factory=list)


class Clusterer:
    """Incremental clustering state: add mentions (or known clusters), read clusters.

    Every mention is compared only with mentions its gates could let it link to: those
    of its category dated within ``max_days`` that share an actor code (or have none,
    when a missing actor is compatible). Links are kept in a union-find, so a canonical
    event is a connected group of linked mentions — a result that does not depend on
    the order mentions arrive in, nor on how they are split into batches.
    """

    def __init__(self, rules: DedupRules | None = None) -> None:
        self.rules = rules or DedupRules.load()
        self._mentions: list[Mention] = []
        self._words: list[str] = []
        self._parent: list[int] = []
        self._index: dict[str, int] = {}
        self._buckets: dict[tuple[str, int | None], _Bucket] = {}
        self._days: dict[str, set[int | None]] = defaultdict(set)
        self._sentences: dict[tuple[str, str, str], list[int]] = defaultdict(list)

    def __len__(self) -> int:
        return len(self._mentions)

    def add_clusters(self, clusters: Iterable[Cluster]) -> None:
        """Take clusters made earlier (with the same rules) as they are: their mentions
        are indexed and grouped without comparing them again."""
        for cluster in clusters:
            first: int | None = None
            for mention in cluster.mentions:
                i = self._insert(mention)
                first = i if first is None else self._union(first, i)

    def add(self, mentions: Iterable[Mention]) -> None:
        """Compare each new mention with the indexed ones and link it where the rules say.
        A mention id seen before is ignored, so adding the same mentions twice is safe."""
        for mention in sorted(mentions, key=lambda m: m.sort_key):
            if mention.id in self._index:
                continue
            words = self.rules.wording_key(mention.sentence)
            links = [j for j in self._candidates(mention)
                     if self._linked(mention, words, j)]
            i = self._insert(mention, words)
            for j in links:
                self._union(i, j)

    def clusters(self) -> list[Cluster]:
        """Every cluster, earliest-dated first."""
        groups: dict[int, list[Mention]] = defaultdict(list)
        for i, mention in enumerate(self._mentions):
            groups[self._find(i)].append(mention)
        out = []
        for members in groups.values():
            members.sort(key=lambda m: m.sort_key)
            out.append(Cluster(members[0].id, tuple(members)))
        out.sort(key=lambda c: c.mentions[0].sort_key)
        return out

    def _linked(self, mention: Mention, words: str, j: int) -> bool:
        score = self.rules.score(mention, self._mentions[j], words, self._words[j])
        return score is not None and score >= self.rules.threshold

    def _candidates(self, m: Mention) -> set[int]:
        rules = self.rules
        if m.date is None:
            days: Iterable[int | None] = (self._days[m.category]
                                          if rules.date.compatible_when_missing else ())
        else:
            day = m.date.toordinal()
            days = [day + k for k in range(-rules.max_days, rules.max_days + 1)]
            if rules.date.compatible_when_missing:
                days.append(None)
        found: set[int] = set()
        if rules.sibling_skips:
            found.update(self._sentences.get((m.category, m.doc_id, m.sentence), ()))
        for day_key in days:
            bucket = self._buckets.get((m.category, day_key))
            if bucket is None:
                continue
            actors = rules.parties(m)[0]
            if not actors:
                if rules.actor.compatible_when_missing:
                    found.update(bucket.members)
                continue
            for code in actors:
                found.update(bucket.by_actor.get(code, ()))
            if rules.actor.compatible_when_missing:
                found.update(bucket.no_actor)
        return found

    def _insert(self, mention: Mention, words: str | None = None) -> int:
        known = self._index.get(mention.id)
        if known is not None:
            return known
        i = len(self._mentions)
        self._mentions.append(mention)
        self._words.append(self.rules.wording_key(mention.sentence) if words is None
                           else words)
        self._parent.append(i)
        self._index[mention.id] = i
        day = mention.date.toordinal() if mention.date else None
        self._days[mention.category].add(day)
        if self.rules.sibling_skips:
            self._sentences[mention.category, mention.doc_id, mention.sentence].append(i)
        bucket = self._buckets.setdefault((mention.category, day), _Bucket())
        bucket.members.append(i)
        actors = self.rules.parties(mention)[0]
        for code in actors:
            bucket.by_actor[code].append(i)
        if not actors:
            bucket.no_actor.append(i)
        return i

    def _find(self, i: int) -> int:
        parent = self._parent
        root = i
        while parent[root] != root:
            root = parent[root]
        while parent[i] != root:  # path compression
            parent[i], i = root, parent[i]
        return root

    def _union(self, i: int, j: int) -> int:
        a, b = self._find(i), self._find(j)
        if a != b:
            self._parent[max(a, b)] = min(a, b)
        return min(a, b)


def cluster(items: Iterable[Mention], rules: DedupRules | None = None) -> list[Cluster]:
    """Group mentions into canonical events (see :mod:`eventwire.dedup`)."""
    clusterer = Clusterer(rules)
    clusterer.add(items)
    return clusterer.clusters()


def cluster_into(existing: Iterable[Cluster], new_items: Iterable[Mention],
                 rules: DedupRules | None = None) -> list[Cluster]:
    """Add new mentions to clusters made earlier, without reclustering those.

    Returns every cluster: the existing ones unchanged unless a new mention joined
    them, plus new ones. When a new mention bridges two existing clusters they become
    one, under the id of its earliest mention; an existing id that no longer appears
    was merged into the cluster that now lists its mentions. The result equals
    ``cluster`` over all the mentions, provided ``existing`` holds every cluster with a
    mention inside :func:`date_window` of the new ones.
    """
    clusterer = Clusterer(rules)
    clusterer.add_clusters(existing)
    clusterer.add(new_items)
    return clusterer.clusters()


def date_window(new_items: Iterable[Mention], rules: DedupRules | None = None
                ) -> tuple[date, date] | None:
    """The dates whose clusters new mentions could join: their own dates widened by the
    rules' ``max_days`` (None when none is dated). A store loads the clusters with a
    mention in this window and passes them to :func:`cluster_into`."""
    rules = rules or DedupRules.load()
    dates = [m.date for m in new_items if m.date is not None]
    if not dates:
        return None
    pad = timedelta(days=rules.max_days)
    return min(dates) - pad, max(dates) + pad
