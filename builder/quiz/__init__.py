"""The quiz engine: question kinds as registered plugins, the saved state and its size bound.

``kind.py`` defines what a kind is; each module of ``kinds/`` is one kind (Python side), with
its template ``templates/quiz/<kind>.html`` and its runtime ``runtime/kinds/<kind>.js``.
``state.py`` knows the saved-state format and its worst-case length; ``bundle.py`` joins the
runtime with every kind's JavaScript.
"""
