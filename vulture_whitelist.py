"""Names vulture (`make lint`) cannot see used: each is read by something outside our Python
code. Textual's callbacks, pytest's hooks and fixtures are left out by name in pyproject.toml
([tool.vulture]); what is here is named one by one, a reason per group."""

# ruff: noqa
from vulture.whitelist_utils import Whitelist

_ = Whitelist()

# registry: exports named by "module:function" strings (store/io/exports.py)
_.export_badges
_.export_invitations
_.export_summary

# subprocess: bench runs it in a child through a `python -c` string (bench/run_import.py)
_.make_list

# stored: record fields written and read by reflection over the dataclass (to_doc/from_doc)
_.last_codes
_.message_at
_.counted_at
# stored: enum members named by the stored value (AgendaKind("report")), listed by iteration
_.CEREMONY
_.OPENING
_.REPORT
_.CONTRIBUTION
_.SPEECH
_.AWARDS
_.HANDOVER
_.SIGNING
_.SUPPORT
_.CLOSING
_.BREAK

# reflection: a test record's fields and enum member, read by store.core.shape (tests/store/test_shape.py)
_.BLUE
_.colour
_.maybe
_.maybe_colour
_.anything

# library: attributes and methods the library reads (zipfile, pyexpat, openpyxl, rich, textual, argparse)
_.external_attr
_.compress_type
_.StartElementHandler
_.EndElementHandler
_.CharacterDataHandler
_.buffer_text
_.buffer_size
_._get_size
_._timedelta_formats
_.showErrorMessage
_.no_wrap
_.overflow
_.auto_width
_.cursor_position
_.cursor_blink
_._require_update_dimensions
_.discover
_._
