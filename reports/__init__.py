"""Reports from the public: storage, migrations, validation and moderation. No Flask here.

A report is never public. Only a moderator's decision can change the register, and it does so
through the same validation and index switch as an import (register.importing,
register.publishing); the decision itself is appended to a table that is never rewritten.
"""
