"""Flask extensions, created unbound and attached in ``create_app``."""

from flask_cors import CORS
from flask_smorest import Api

api = Api()
cors = CORS()
