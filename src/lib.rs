//! jixiao: YAML sources of a 部门整体绩效自评结果 → validated, scored, typeset PDF.
pub mod typeset;
