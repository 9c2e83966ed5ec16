//! Stage 2, checking: what is written ([`validate`], with the amount checks every form shares
//! in [`amounts`]), whether every character can be printed
//! ([`glyphs`]), values left as `new --from` placeholders ([`placeholders`]), and, after
//! scoring, the scores themselves ([`review`]).

pub mod amounts;
pub mod glyphs;
pub mod placeholders;
pub mod review;
pub mod texts;
pub mod validate;
