//! Corpus evaluation. (Helper-owned: to be written.)
