"""The staff workspace: where an agency's organisers and moderators run their hearings, from set-up to results."""
