"""The time box: the agenda's dialog, the timer's label (on the console and on the board) and the
controller the window owns, which runs the domain's clock and saves the time spent."""
