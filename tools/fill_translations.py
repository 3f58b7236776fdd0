"""Fill empty msgstr entries of the English catalogue from a JSON file {vietnamese: english}.

python tools/fill_translations.py translations.json   # prints the ids still untranslated
"""

import json
import sys

from babel.messages.pofile import read_po, write_po

path = "vanban/locale/en/LC_MESSAGES/vanban.po"
tr = json.load(open(sys.argv[1])) if len(sys.argv) > 1 else {}
with open(path, "rb") as fh:
    cat = read_po(fh, locale="en", domain="vanban")
missing = []
for m in cat:
    if m.id and not m.string:
        if m.id in tr:
            m.string = tr[m.id]
        else:
            missing.append(m.id)
with open(path, "wb") as fh:
    write_po(fh, cat, width=100, omit_header=False)
print(json.dumps(missing, ensure_ascii=False, indent=0))
