"""Events of a consultation (the hearing itself, workshops, interviews) and registration."""
