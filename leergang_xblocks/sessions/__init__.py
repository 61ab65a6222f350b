"""Sessions: a short evaluation of a session and questions for its speaker (leergang_session)."""
