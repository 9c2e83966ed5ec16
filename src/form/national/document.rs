//! The national table as the templates read it.
