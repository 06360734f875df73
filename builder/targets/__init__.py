"""Output targets: one module per kind of output, each with a NAME and a build function."""
