"""The signed-in home: one page, with a section for each role the user holds.

``selectors.py`` reads what each section shows (one selector per section, bounded queries),
``completeness.py`` states what a complete cluster profile holds, ``views.py`` puts the sections
on the page and ``urls.py`` serves it at the account's address (``accounts:home``).
"""
