"""Unit tier: the register and the search index, no Flask app, no server."""
