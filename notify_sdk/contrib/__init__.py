"""Optional integrations with the frameworks applications run in.

Each submodule needs its extra installed (``pip install 'notify-sdk[django]'``
and so on) and is imported only by the applications that use it: the client
never imports anything from here.
"""
