"""The team's history: its workshops on a time line, the trend charts, compare two workshops."""
