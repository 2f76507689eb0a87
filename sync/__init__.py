"""Everything that crosses the network: the wire protocol, the HTTP client, the central server.

This package never imports ``digipunt_app``.
"""
