"""Root test configuration: Qt runs offscreen, every test gets its own temporary data."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# Shared fixtures live in tests/fixtures/ (one module per kind of real component).
pytest_plugins = ["tests.fixtures.postgres", "tests.fixtures.server"]
