//! Stage 2, checking: what is written ([`validate`]), whether every character can be printed
//! ([`glyphs`]), and, after scoring, the scores themselves ([`review`]).

pub mod glyphs;
pub mod review;
pub mod validate;
