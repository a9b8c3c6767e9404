"""The foundation every layer stands on, with no budget knowledge: errors and their Chinese messages (errors,
oserrors), value records (records) and the methods @dataclass compiles for them, kept in the cache
(compiled_methods), where the shipped templates are (locations), files written whole or not at all (atomic,
staging, written), caches kept by content (cache), the Jinja2 environment (templating), text that must not break
(unbroken), signals and the terminal (signals, terminal), the rule registry (rules), a subpackage's face (faces)
and patterns compiled on first use (patterns). Each is imported by its module's name.
"""
