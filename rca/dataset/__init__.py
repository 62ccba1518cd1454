"""The dataset on disk: its files, YAML read with file:line, the schema, validation, cache."""
