"""CyberSafe Courses: turns a trilingual curriculum into a static site and LMS packages.

The pipeline is visible in the package layout: ``load`` reads files into the immutable
``model`` (collecting ``diagnostics``), ``checks`` finds what is wrong, ``render`` turns the
model into HTML, and each module of ``targets`` writes one kind of output.
"""
