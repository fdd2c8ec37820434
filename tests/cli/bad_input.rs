//! Bad-input fixtures (being written).
