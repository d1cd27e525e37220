"""Translation engines: argos models decoded with CTranslate2, and Apertium."""
