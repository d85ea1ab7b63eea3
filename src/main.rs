//! The `readmark` command line. (Helper-owned: to be written.)
fn main() {}
