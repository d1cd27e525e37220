"""Archives: the single-document jobs applied to thousands of documents, resumably, on local
worker processes or a Dask cluster, plus document pairing and the archive translation memory.
See ``docs/scaling.md``."""
