//! The phases of extraction, one file each, in pipeline order.

pub mod address;
pub mod boilerplate;
pub mod choose;
pub mod classify;
pub mod clean;
pub mod find_article;
pub mod forum;
pub mod limits;
pub mod listing;
pub mod media;
pub mod metadata;
pub mod noscript;
pub(crate) mod patterns;
pub mod prepare;
pub mod product;
pub mod region;
pub mod repeats;
pub mod sanitize;
pub mod scoring;
pub mod streamed;
