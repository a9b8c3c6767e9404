"""The desk's schema migrations (Django): applied by `desk init` and at every `desk serve`."""
