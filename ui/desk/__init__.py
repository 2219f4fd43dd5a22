"""The bureau desk window (``python -m app --desk``)."""
