"""Dialogue and dilemma exercises (moreel beraad, dilemma votes, Deep Democracy)."""
