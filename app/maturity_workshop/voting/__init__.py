"""The phones' side of voting: the server the phones talk to (``server``), its messages
(``protocol``), who gets in (``access``), the pages it serves (``pages``), the phones of a round
(``phones``), the network interfaces to serve on (``network``) and the QR code (``qr``).

No Qt here: the ui turns the server's events (``events``) into queued signals. Nothing is imported
by this package itself, so that the ui loads only what it uses, and only once voting starts.
"""
