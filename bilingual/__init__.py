"""bilingual: offline Spanish/English translation and quote alignment for newsrooms."""

__version__ = "0.1.0"
