"""Exports of a project's draft, rebuilt from its repository alone (at the head or any tag), so an
export of a tag is the same bytes whenever it is made. Document text is Chinese, as the standards
are; member text is always escaped (no markup or script from a member reaches an export)."""
