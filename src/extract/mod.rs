//! The phases of extraction, one file each, in pipeline order.

pub mod limits;
pub mod metadata;
pub mod media;
pub mod noscript;
pub mod classify;
pub mod prepare;
pub mod find_article;
pub mod region;
pub mod choose;
pub mod scoring;
pub mod clean;
pub mod sanitize;
pub mod boilerplate;
pub(crate) mod patterns;
