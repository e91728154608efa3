"""Cross-article deduplication: reports of one real-world event become one canonical
event that lists its mentions and sources (like GDELT's NumMentions / NumSources).

Rules (numbers and choices in ``data/dedup.json``, schema ``eventwire.dedup/1``)
-----------------------------------------------------------------------------------
Two mentions (:class:`Mention`, one per coded event) are *linked* when

* they have the same PLOVER category (always required);
* their dates are at most ``date.max_days`` apart (1);
* their places lie within ``place.max_km`` (50) when both are at least a town
  (``place.min_resolution``); when either is only a country or region, their
  countries must agree (``place.coarse``);
* their actor codes overlap, and their recipient codes overlap (in the
  ``symmetric_categories``, CONSULT and COOPERATE, the two sides are pooled: "A met
  B" and "B visited A for talks" are one meeting);
* their sentences are at least ``wording.min_similarity`` alike (a rapidfuzz scorer
  over lower-cased words without stop words);
* both have at least ``min_anchors`` (1) of place, actors and recipients — two
  generic sentences ("the attackers fled") must not link on wording alone;
* and the weighted mean of the field similarities reaches ``threshold``.

A field is *missing* when either mention lacks it (no date, no place, no resolved
actor code, no sentence). Its ``missing`` entry says whether that passes the gate
(``compatible``) or blocks the link (``incompatible``), and ``missing_credit`` is the
similarity it then adds to the score. By default a missing date blocks (an undated
report cannot be placed within a day, and it would have to be compared with every
mention of its category); missing places, actors and recipients are compatible at half
credit. ``same_doc: link`` lets two events of one article join (a lede and a later
retelling); the canonical event still counts the article once in ``num_sources``.

A canonical event (:class:`Cluster`) is a connected group of linked mentions. Its id
is the id of its earliest-dated mention (ties: the smallest id), so any order of the
same input gives the same clusters and ids.

Cost: mentions are blocked by category and day and indexed by actor code; each is
scored only against mentions its gates could admit, so the work grows with the number
of mentions times the size of a day's block for one category and actor.

Incremental use
---------------
Linking is pairwise and groups are connected components, so adding mentions can only
join groups, never split them. :func:`cluster_into` (or a :class:`Clusterer` kept
alive) therefore takes earlier clusters as they are and compares only the new
mentions; a store adding one day of articles loads the clusters that have a mention
within :func:`date_window` of the new mentions and gets the same result as
reclustering everything. An existing cluster's id changes only when a new mention is
dated earlier than all of its mentions, or when a new mention bridges two clusters.
"""

from .cluster import Cluster, Clusterer, cluster, cluster_into, date_window
from .mention import Mention
from .rules import DedupRules, haversine_km

__all__ = ["Cluster", "Clusterer", "DedupRules", "Mention", "cluster", "cluster_into",
           "date_window", "haversine_km"]
