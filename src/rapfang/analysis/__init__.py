"""Comment analysis: plain-Python text processing in text/, and the glue that stores its results."""
