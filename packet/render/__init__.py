"""The render stage: Articles and the curriculum become HTML, then PDF."""
