"""The store of reference facts: SQLAlchemy models and queries, Alembic migrations, interchange.

- :mod:`.database`: :class:`~.database.Store`, reads in a bounded number of statements, imports
- :mod:`.schema`, :mod:`.models`: the tables (Core) and typed ORM classes on them
- :mod:`.interchange`: the JSON Lines and CSV fact format (CONTRACT section 2)
- :mod:`.maintenance`: one fact or entity at a time, with history
- :mod:`.worldpack`, :mod:`.wikidata`: countries and cities from GeoNames and ISO data; Wikidata pulls
"""
