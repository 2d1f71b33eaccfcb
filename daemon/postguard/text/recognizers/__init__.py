"""One recognizer per file; `registry.py` lists them in the order they run."""
