"""The papers of the day as PDF, each laid out as a Party document by one rule (letterhead.py):
the delegate lists (delegate_list.py), the invitations (invitations.py), the name badges
(badges.py) and the chair's one-page summary (summary.py). Words per language: words.py."""
