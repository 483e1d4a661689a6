"""The activity log: an agency's audit entries told in words, in Thai and English, with nothing personal in them.

`sentences` holds a sentence for every action code the services write; `names` names the objects acted on;
`selectors` reads a page of the log, a moderator's batch of comments told as one line.
"""
