"""The web edition: the game in a browser on Pyodide. bridge.py is the page's one door into the engine;
site.py (run by `nlmg build-web`) writes the static site; static/ holds the page itself."""
