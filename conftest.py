"""Make every pytest run compare notebooks with their stored (``notebook``) rendering.

Lecture notebooks store the static HTML+JS outputs that ``ca-course notebooks execute``
writes (``CA_COURSE_RENDER=notebook``: what the book shows, with map scripts inline so the
outputs work in JupyterLab too; see ``ca_course.render``). Kernels started by
``pytest --nbval`` inherit this environment, so a plain ``pytest --nbval book/lNN_*.ipynb``
checks exactly those outputs. Tests of the site (``static``) or live (ipywidgets)
rendering set or unset the variable themselves.
"""

import os

os.environ["CA_COURSE_RENDER"] = "notebook"
