"""The static site's HTML pages (``kyniem build``): the index of every feed, a page per plan
and a page per year. Plain HTML with inline CSS, SVG and a little inline script: no external
asset, so any static host serves the folder as it is and it opens offline."""
