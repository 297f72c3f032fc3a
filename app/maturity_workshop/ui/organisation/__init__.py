"""The organisation page (Ctrl+G): every team by practices."""
