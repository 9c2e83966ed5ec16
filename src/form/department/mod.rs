//! What only the 部门整体绩效自评表 (the Hubei layout of the model document) has: its checks here;
//! its 预算, 年度目标, 摘要 and 自评表 texts in [`crate::model`], its document in
//! [`crate::document`] and templates report/abridged/annex.typ.j2.

pub mod check;
