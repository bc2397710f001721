"""The simulated switch."""
