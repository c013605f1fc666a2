"""Exports of a project's draft, rebuilt from its repository alone (at the head or any tag), so an
export of a tag is the same bytes whenever it is made. Every writer walks the one document model
(drafts/document.py) and emits member text as text: no markup or script from a member reaches an
export. Document text is Chinese, as the standards are."""
