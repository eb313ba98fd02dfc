"""Author tools: deep checks, random playthroughs, the story map."""
