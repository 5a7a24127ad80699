"""Several desks: the store's folder replicated between laptops by Syncthing (syncthing.py)."""
