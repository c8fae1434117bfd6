"""Server tier: real gunicorn, nginx and other servers on free ports."""
