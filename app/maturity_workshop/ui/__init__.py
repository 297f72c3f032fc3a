"""The Qt window. Everything here is built in code; sizes come from font metrics."""
