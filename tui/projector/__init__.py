"""The projector view (`hoinghi --db PATH --view projector`): read-only, follows the store."""

from .app import ProjectorApp

__all__ = ["ProjectorApp"]
