"""Language processing: the spaCy model, article segmentation and boilerplate."""
