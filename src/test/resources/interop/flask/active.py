"""A Flask API for Preflight's active checks, right and wrong side by side: an endpoint guarded by
an API key and one whose guard was forgotten; a search that formats its SQL and returns the
database's message, and a lookup that binds its parameter; a greeting that writes its parameter
into HTML as it is, and one that escapes it; an upload with Flask's MAX_CONTENT_LENGTH and an
extension allow-list (the fault "no-limits" drops both).

Run: python3 active.py PORT [FAULT]
"""
import html
import os
import sqlite3
import sys

from flask import Flask, request

API_KEY = "k-interop-5c1d9e2f7a"
ALLOWED = {".png", ".jpg", ".jpeg"}

port = int(sys.argv[1])
fault = sys.argv[2] if len(sys.argv) > 2 else ""

app = Flask(__name__)
app.config["MAX_CONTENT_LENGTH"] = None if fault == "no-limits" else 1024 * 1024

db = sqlite3.connect(":memory:", check_same_thread=False)
db.executescript("""
    create table items (id integer primary key, name text not null, price integer not null);
    insert into items (name, price) values ('shoes', 40), ('socks', 5);
""")


@app.get("/")
def index():
    return {"service": "active"}


@app.get("/api/items")
def items():
    key = request.headers.get("X-API-Key")
    if key is None:
        return {"error": "missing API key"}, 401
    if key != API_KEY:
        return {"error": "invalid API key"}, 403
    return {"items": db.execute("select name, price from items").fetchall()}


@app.get("/api/open-items")
def open_items():
    return {"items": db.execute("select name, price from items").fetchall()}


@app.get("/search")
def search():
    q = request.args.get("q", "")
    try:
        rows = db.execute(f"select name, price from items where name = '{q}'").fetchall()
    except sqlite3.Error as e:
        return {"error": str(e)}, 400
    return {"items": rows}


@app.get("/lookup")
def lookup():
    q = request.args.get("q", "")
    return {"items": db.execute("select name, price from items where name = ?", (q,)).fetchall()}


@app.get("/greet")
def greet():
    return f"<p>Hello {request.args.get('name', '')}</p>"


@app.get("/hello")
def hello():
    return f"<p>Hello {html.escape(request.args.get('name', ''))}</p>"


@app.route("/upload", methods=["GET", "POST"])
def upload():
    if request.method == "GET":
        return {"upload": "POST multipart/form-data with the file in field 'file'"}
    f = request.files.get("file")
    if f is None:
        return {"error": "no file"}, 400
    if fault != "no-limits" and os.path.splitext(f.filename)[1].lower() not in ALLOWED:
        return {"error": "file type not allowed"}, 415
    return {"stored": f.filename, "bytes": len(f.read())}, 201


app.run(host="127.0.0.1", port=port)
