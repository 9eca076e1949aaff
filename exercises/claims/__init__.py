"""The claims of the chapter, one module each (exercises.registry lists them in order)."""
