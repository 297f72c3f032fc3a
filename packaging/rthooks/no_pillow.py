"""A runtime hook of the bundle (run before the app): reportlab without Pillow.

reportlab imports Pillow only to embed bitmaps in PDFs, and it accepts ``from PIL import Image``
giving None: that is its own "no bitmaps" mode (``reportlab.lib.utils.haveImages`` is then False).
The action plan draws only text and vector shapes, so the bundle leaves Pillow and its image codecs
out (~6.5 MB; see the spec's excludes) and this stand-in hands reportlab that None. Were a bitmap
ever added to the plan, reportlab would refuse it with its own message, and the bundle's
``--self-test``, which exports a whole plan, would fail.
"""

import sys
import types

if "PIL" not in sys.modules:
    _pil = types.ModuleType("PIL", "A stand-in: this bundle has no Pillow (packaging/rthooks/no_pillow.py).")
    _pil.Image = None
    _pil.__path__ = []  # a package without modules: "import PIL.Image" raises ModuleNotFoundError
    sys.modules["PIL"] = _pil
