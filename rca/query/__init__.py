"""Questions asked of the model, answered as plain results; no output formatting here."""
