"""Candidate ``partnerships.csv`` rows from published listings (German, English, Russian)."""
