"""The app's core: models, store, migrations, catalog, reports, privacy, sync engine. No Qt here."""
