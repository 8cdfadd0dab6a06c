"""Finding and loading routines: search paths, the loader, the compiled copy and the filter index."""
