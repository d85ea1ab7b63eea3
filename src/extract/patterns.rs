//! Named word lists the phases match class names, ids and text against.
