"""Importing plans from the documents users write (Word, PDF, text): ``kyniem import``."""
