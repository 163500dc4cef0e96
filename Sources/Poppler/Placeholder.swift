// Poppler: see the module's README in the issue that builds it.
