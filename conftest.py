"""Make every pytest run compare notebooks with the book's static rendering.

Lecture notebooks store the outputs the book shows (``CA_COURSE_RENDER=static``, set
by the book build). Kernels started by ``pytest --nbval`` inherit this environment, so
a plain ``pytest --nbval book/lNN_*.ipynb`` checks exactly those outputs. Tests of
the live (ipywidgets) rendering unset the variable themselves.
"""

import os

os.environ["CA_COURSE_RENDER"] = "static"
