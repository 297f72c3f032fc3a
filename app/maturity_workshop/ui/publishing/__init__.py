"""Publishing to the organisation's database from the window: File ▸ Publish to organisation, by
itself when a workshop is closed, at quit and at the next start, and the status bar's word on it."""
