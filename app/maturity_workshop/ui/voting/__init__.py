"""Voting from phones, in the window: the sessions controller, its dialog, the boards panel and the tallies on the cells."""
