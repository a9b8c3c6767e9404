"""Fixtures and helpers shared by tests that drive real servers and clients: a PostgreSQL server
(postgres.py), headless Chromium through Selenium (browser.py)."""
