"""The board: what the room reads on the projector in presentation mode."""
