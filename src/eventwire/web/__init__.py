"""The analyst dashboard's built assets (``static/``), served by ``eventwire serve`` at ``/``.

The sources are in the repository's ``web/`` folder; ``make web`` builds them here.
"""
