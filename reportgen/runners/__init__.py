"""What the commands run: a source assembled with the files it names (assemble) and rendered (render), and the
operations made of renders — many at once (batch), a diff of two drafts (diffing), a preview kept fresh while one
edits (preview), next year's draft (rollover), the published version of a draft (versions). Each is imported by its
module's name.
"""
