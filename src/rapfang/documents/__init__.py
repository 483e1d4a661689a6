"""Drafts and their versions, sections and paragraphs; downloadable attachments."""
