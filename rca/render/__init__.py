"""Results turned into output: plain data, tables, text, and the one output object."""
