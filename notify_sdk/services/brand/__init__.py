"""Brand Message v1.0: sends, queries and uploads.

One module per resource: :mod:`.sends`, :mod:`.queries`, :mod:`.uploads`;
:mod:`.parts` holds what every send shares and :mod:`.images` the JPEG/PNG
header reader. The message models live in the public :mod:`notify_sdk.brand`.
The client methods are generated from the declarations (``tools/gen_methods.py``).
"""
