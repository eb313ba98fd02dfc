"""Front ends: each draws what the engine says and sends player inputs back; none holds story logic."""
