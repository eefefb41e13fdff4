"""allteach: run ECHO-model telementoring programs end to end."""
