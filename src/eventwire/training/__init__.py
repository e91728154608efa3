"""Training data generation and training of the event classifier (``make train``)."""
