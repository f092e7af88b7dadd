import os
def setup(app):
    os.environ["CA_COURSE_RENDER"] = "static"
    return {"parallel_read_safe": True}
