"""Site search, built ahead of time: a compact index per site section that the browser loads
only when the reader opens search, in small shards that plain ``<script>`` tags can load, so
that it works over the web and from a folder (file://), where browsers refuse fetch and workers.

One rule cuts text into search units, here at build time and in ``builder/runtime/search.js``
at query time (the stemming rules travel in the index, so both sides use the same data):

- Thai has no spaces between words and no two segmenters agree on where words end, so Thai is
  indexed as overlapping character pairs with their positions. A query matches where its pairs
  sit side by side: any string of Thai characters that appears in a page finds that page,
  whatever a segmenter would have made of it, and a compound finds only the whole compound.
- Other scripts are cut into words, lower-cased, stripped of accents (não = nao) and stemmed
  with a few suffix rules per language; a word's position lets a phrase rank first.

The index of a section is built from a list of pages (``IndexPage``) that the site target
gives: an audience or age band that must not find other pages simply gets its own list.
"""

from builder.search.index import IndexPage, SectionIndex, build_index, write_index

__all__ = ["IndexPage", "SectionIndex", "build_index", "write_index"]
