"""The web editor at ``/admin/``: Decap CMS, configured from the content model.

* :mod:`~sharehub.admin.options` declares the ``admin:`` options in mkdocs.yml.
* :mod:`~sharehub.admin.bundle` serves the vendored, integrity-checked Decap bundle.
* :mod:`~sharehub.admin.cms_config` turns :mod:`sharehub.content.model` into
  the CMS's collections and widgets (never a second hand-written schema).
* :mod:`~sharehub.admin.page` puts the editor's files into the built hub.
* :mod:`~sharehub.admin.backend` is Decap's local-backend protocol in Python,
  and :mod:`~sharehub.admin.edit` runs it next to ``mkdocs serve`` for
  ``sharehub edit``.
"""
