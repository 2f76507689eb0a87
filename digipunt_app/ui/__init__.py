"""Qt widgets only. Talks to ``digipunt_app.core`` through operations run off the GUI thread."""
