"""Build machinery of the site: snippet runner, mkdocs hook, figure style."""
