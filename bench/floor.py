"""The floor: a bare Flask route returning a constant JSON body, on waitress.

Served the same way `orderwise serve` serves the real app, so the difference
between the two is what Orderwise itself costs per request.
"""

import sys

import waitress
from flask import Flask, jsonify

app = Flask("floor")


@app.route("/", methods=["GET", "POST"])
def constant():
    return jsonify(status="ok")


if __name__ == "__main__":
    port, threads = int(sys.argv[1]), int(sys.argv[2])
    waitress.serve(app, host="127.0.0.1", port=port, threads=threads, ident="floor")
