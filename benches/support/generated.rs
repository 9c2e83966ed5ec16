//! The generated report of the benches: 40 goals × 50 indicators (2,000), written from fixed
//! patterns into a folder (offline and deterministic), with the sample's texts.

// Each bench that includes this file uses a part of it.
#![allow(dead_code)]

use std::fmt::Write as _;
use std::path::Path;

/// The sample report, whose texts the generated one borrows.
pub const SAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/data/2022-baoxie");
pub const GOALS: usize = 40;
pub const INDICATORS_PER_GOAL: usize = 50;

/// (一级指标, 二级指标, how many of a goal's 50 indicators).
const LAYOUT: &[(&str, &str, usize)] = &[
    ("产出指标", "数量指标", 12),
    ("产出指标", "质量指标", 8),
    ("产出指标", "时效指标", 6),
    ("产出指标", "成本指标", 4),
    ("效益指标", "经济效益指标", 4),
    ("效益指标", "社会效益指标", 4),
    ("效益指标", "生态效益指标", 2),
    ("效益指标", "可持续影响指标", 4),
    ("满意度指标", "服务对象满意度指标", 4),
    ("成本指标", "经济成本指标", 2),
];

/// A name for each kind of value in [`indicator_yaml`]'s cycle.
const NAMES: [&str; 10] = [
    "拆迁房屋目标完成率",
    "协调保障新开工项目个数",
    "拆迁工作上访人次",
    "违法建设查处率",
    "各类安全生产事故",
    "街道法治水平",
    "社会综合治理考核结果",
    "普法宣传培训",
    "就业综合指数",
    "保障重点项目开工建设",
];

const THEMES: &[&str] = &[
    "加大拆迁工作力度，协调保障各项目建设",
    "推进社会综合治理、信访维稳及安全生产工作",
    "优化市容市貌，提升城市品质",
    "聚焦民情民意，增进民生福祉",
    "加强河湖保护，改善辖区水体质量",
];

/// The line of goal 1's first indicator that the rebuild edits.
pub const EDITED_LINE: &str = "实际完成值: 90%";

/// Writes a report of 40 goals × 50 indicators into `dir`: 单位 and 预算 (分值 20), one file per
/// goal (分值 2.00, indicators of 0.03 and 0.05 adding up to it), and the sample's texts.
/// Quantitative and qualitative values are mixed; two indicators per goal fall short, with 说明.
pub fn generate_report(dir: &Path) {
    std::fs::create_dir_all(dir).expect("generated report folder");
    std::fs::write(
        dir.join("单位.yaml"),
        "单位名称: 基准测试街道办事处\n简称: 基准街\n地区: 武汉东湖新技术开发区\n年度: 2022\n\
         提交时间: 2023-06-10\n\n预算:\n  分值: 20\n  批复数: 13786.00\n  调整后预算数: 13581.29\n  \
         执行数: 13000.00\n  基本支出: 4000.00\n  项目支出: 9000.00\n",
    )
    .expect("单位.yaml");
    for texts in ["摘要.yaml", "自评表.yaml"] {
        std::fs::copy(Path::new(SAMPLE).join(texts), dir.join(texts)).expect("sample texts");
    }
    assert_eq!(
        LAYOUT.iter().map(|(_, _, n)| n).sum::<usize>(),
        INDICATORS_PER_GOAL
    );
    for goal in 1..=GOALS {
        std::fs::write(dir.join(format!("目标{goal:02}.yaml")), goal_yaml(goal)).expect("goal");
    }
}

fn goal_yaml(goal: usize) -> String {
    let theme = THEMES[(goal - 1) % THEMES.len()];
    let mut out =
        format!("年度目标{goal}:\n  名称: {theme}（第{goal}项）\n  分值: 2.00\n  指标:\n");
    let mut level1_open = "";
    let mut j = 0; // the indicator's place in the goal
    for (level1, level2, count) in LAYOUT {
        if *level1 != level1_open {
            let _ = writeln!(out, "    {level1}:");
            level1_open = level1;
        }
        let _ = writeln!(out, "      {level2}:");
        for _ in 0..*count {
            indicator_yaml(&mut out, goal, j, *level1 == "满意度指标");
            j += 1;
        }
    }
    out
}

/// Weights alternate 0.05 and 0.03 (25 of each: 2.00 a goal); the values follow a fixed cycle.
fn indicator_yaml(out: &mut String, goal: usize, j: usize, satisfaction: bool) {
    let k = (goal - 1) * INDICATORS_PER_GOAL + j;
    let weight = if j.is_multiple_of(2) { "0.05" } else { "0.03" };
    let name = if satisfaction {
        format!("居民满意度（{goal}-{}）", j + 1)
    } else {
        format!("{}（{goal}-{}）", NAMES[k % 10], j + 1)
    };
    let _ = writeln!(out, "        - 三级指标: {name}");
    let mut lines: Vec<String> = match (satisfaction, k % 10) {
        // Each goal opens with the same line: the one edited in 目标01.yaml.
        _ if j == 0 => vec!["年初目标值: ≥80%".into(), "实际完成值: 90%".into()],
        (true, _) | (false, 0) => vec![
            "年初目标值: ≥80%".into(),
            format!("实际完成值: {}%", 80 + (k * 7) % 20),
        ],
        (false, 1) => {
            let n = 10 + k % 20;
            vec![
                format!("年初目标值: {n} 个"),
                format!("实际完成值: {} 个", n + k % 3),
            ]
        }
        (false, 2) => {
            let m = 5 + k % 10;
            vec![
                format!("年初目标值: ≤{m} 人次"),
                format!("实际完成值: {} 人次", m - k % 2),
            ]
        }
        (false, 3) => vec!["年初目标值: 100%".into(), "实际完成值: 100%".into()],
        (false, 4) => vec!["年初目标值: 0起".into(), "实际完成值: 0起".into()],
        (false, 5) => vec!["年初目标值: 不断提升".into(), "实际完成值: 不断提升".into()],
        (false, 6) if j == 6 => {
            let score = if weight == "0.05" { "0.03" } else { "0.02" };
            vec![
                "年初目标值: 通过考核".into(),
                "实际完成值: 基本通过".into(),
                "完成档次: 部分达成".into(),
                format!("得分: {score}"),
                "说明: 年终考核基本通过，个别事项仍需整改。".into(),
            ]
        }
        (false, 6) => vec!["年初目标值: 通过考核".into(), "实际完成值: 通过考核".into()],
        (false, 7) if j == 17 => vec![
            "年初目标值: 10 次".into(),
            "实际完成值: 8 次".into(),
            "说明: 受天气影响，两次活动未能如期举办。".into(),
        ],
        (false, 7) => vec!["年初目标值: 10 次".into(), "实际完成值: 11 次".into()],
        (false, 8) => vec!["年初目标值: ≥85分".into(), "实际完成值: 90分".into()],
        (false, _) => vec![
            "年初目标值: 效果良好".into(),
            "实际完成值: 较好".into(),
            "完成档次: 达成".into(),
        ],
    };
    lines.push(format!("分值: {weight}"));
    for line in lines {
        let _ = writeln!(out, "          {line}");
    }
}
