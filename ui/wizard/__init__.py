"""The assessment wizard: pages generated from the criteria, autosave, live score."""
