//! Stage 2, checking: what is written ([`validate`]), whether every character can be printed
//! ([`glyphs`]), values left as `new --from` placeholders ([`placeholders`]), and, after
//! scoring, the scores themselves ([`review`]).

pub mod glyphs;
pub mod placeholders;
pub mod review;
pub mod validate;
