"""Flask extensions, created unbound and attached in ``create_app``."""

from flask_cors import CORS
from flask_smorest import Api

api = Api()
cors = CORS()
# Flask-Limiter is the exception: it keeps the limits it read from one app's
# config on the instance, so create_app makes one per app (see there).
