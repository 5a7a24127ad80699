"""The text layer both floors stand on: Vietnamese text (text.py), numbers, money and dates
(numbers.py) and the one wording loader with its catalogs (catalog.py, locales/). It imports
nothing from store/ or tui/, nor textual or rich."""
