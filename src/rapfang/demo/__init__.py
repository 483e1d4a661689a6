"""Demo data: the sample hearing and the files it offers for download."""
