"""The bureau desk (F14): receive filings, verify them, rank them, send them back for correction.

No Qt here. ``receive`` verifies files (in parallel processes) with app/filing/verify.py — the
desk trusts only what ``verify_filing`` proves; ``service`` stores and lists them (models/desk_*),
``request`` is the ``.dnzreq`` correction request, ``summary_xlsx`` the workbook a bureau
circulates, ``cli`` the ``python -m app desk …`` commands.
"""
