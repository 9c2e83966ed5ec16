//! The long text cells and sign-off of the self-evaluation table (`自评表:`).

use schemars::JsonSchema;
use serde::Deserialize;

use crate::located::At;

use super::scalars::{Date, Text};

/// The two long text cells of Annex 1.
#[derive(Clone, Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "附件1 自评表末尾的两个长文字单元格")]
pub struct AnnexTexts {
    #[serde(rename = "偏差大或目标未完成原因分析")]
    #[schemars(description = "附件1 的长文字单元格：偏差大或目标未完成原因分析")]
    pub deviation_analysis: Option<At<String>>,
    #[serde(rename = "改进措施及结果应用方案")]
    #[schemars(description = "附件1 的长文字单元格：改进措施及结果应用方案")]
    pub improvement_plan: Option<At<String>>,
    /// The sign-off block under the table: who filled it in, who answers for it, when.
    #[serde(rename = "填报人")]
    #[schemars(
        description = "附件1 表下的填报人姓名（可选；不写时留出签名横线；签署栏各键都不写时表下不印签署栏）"
    )]
    pub filled_by: Option<At<String>>,
    #[serde(rename = "联系电话")]
    #[schemars(description = "填报人的联系电话（可选；不写时留出横线）")]
    pub phone: Option<At<Text>>,
    #[serde(rename = "单位负责人")]
    #[schemars(description = "单位负责人姓名（可选；不写时留出签字横线）")]
    pub head: Option<At<String>>,
    #[serde(rename = "填报日期")]
    #[schemars(description = "填报日期，写成 2023-06-10（可选；默认为提交时间）")]
    pub filled_on: Option<At<Date>>,
    #[serde(rename = "盖章")]
    #[schemars(description = "写 true 时在表下为单位公章留出位置")]
    pub seal: Option<At<bool>>,
    /// Whether the table prints its grade under 总分 (the national tables).
    #[serde(rename = "自评等级")]
    #[schemars(
        description = "写 true 时全国表样在总分下印出「自评等级」一行（优、良、中、差，按总分计算）"
    )]
    pub grade: Option<At<bool>>,
    /// 其他需要说明事项: a text row some national tables print under 总分.
    #[serde(rename = "其他需要说明事项")]
    #[schemars(
        description = "其他需要说明事项（全国表样，可选）：写了时在总分下印出这一行，如「其他需要说明事项: |」后写段落"
    )]
    pub other_matters: Option<At<String>>,
    /// 项目负责人及电话: a header cell some 项目支出 tables print under 主管部门.
    #[serde(rename = "项目负责人及电话")]
    #[schemars(
        description = "项目负责人及电话（全国表样，可选）：写了时在主管部门一行下印出这一格，如「项目负责人及电话: 张三 0710-1234567」"
    )]
    pub project_lead: Option<At<String>>,
}
