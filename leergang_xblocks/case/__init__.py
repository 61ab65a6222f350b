"""The action-learning case tracker block (leergang_case)."""
