"""Text checking: normalisation, the spaCy pipeline and the recognizers."""
