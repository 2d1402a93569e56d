"""extract: Chinese news-text information extraction (claims, entities, policies)."""

from extract.version import PIPELINE_VERSION as __version__

__all__ = ["__version__"]
