"""Everything that leaves the app as a file or on paper: the pocket card (txt,
md, pdf), the check-in summary page (txt, pdf), the whole plan as JSON, the
fonts of the PDFs, private file writing, browser downloads and printing.

No UI toolkit here, and nothing is imported by this package itself: the
command line reads only the modules it needs, so it starts fast.
"""
