//! What the command line accepts: the subcommands, their arguments and their examples.

use std::ffi::OsString;
use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};
use jixiao::limits::{Exceeded, Limits, MIB};
use std::time::Duration;

use super::values::{SUBCOMMAND_NAMES, form_name, year_in_range};
use jixiao::form::FormKind;

#[derive(Parser)]
#[command(
    name = "jixiao",
    about = "部门整体绩效自评结果：YAML → 校验 → 计分 → PDF",
    after_help = "示例：
  jixiao new 2023-baoxie                       新建一份带注释的示例报告
  jixiao check 2023-baoxie                     校验，列出错误和警告
  jixiao build 2023-baoxie                     生成 2023-baoxie.pdf
  jixiao help build                            查看 build 命令的说明"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand)]
pub enum Command {
    /// 读取并校验报告，列出错误和警告
    #[command(after_help = "示例：
  jixiao check data/2022-baoxie                校验一个文件夹中的全部 YAML 文件
  jixiao check 报告.yaml                       校验一个文件
  jixiao check 各单位                          校验文件夹里的每一份报告（见 README「一次处理多份报告」）")]
    Check {
        /// 报告的 YAML 文件、存放 YAML 文件的文件夹，或存放多份报告的文件夹
        src: PathBuf,
    },
    /// 计分：打印得分情况表和未完成的指标
    #[command(after_help = "示例：
  jixiao score data/2022-baoxie                打印得分情况表
  jixiao score data/2022-baoxie --format json  以 JSON 输出，供其他程序读取
  jixiao score 各单位 --format json            多份报告：汇总表的每一行，JSON 数组")]
    Score {
        /// 报告的 YAML 文件、存放 YAML 文件的文件夹，或存放多份报告的文件夹
        src: PathBuf,
        /// 输出格式
        #[arg(long, value_enum, default_value_t = Format::Text, value_name = "格式")]
        format: Format,
    },
    /// 生成 PDF：校验、计分、排版
    #[command(after_help = "示例：
  jixiao build data/2022-baoxie                写出 2022-baoxie.pdf（当前文件夹）
  jixiao build data/2022-baoxie -o 自评.pdf    写到指定的文件
  jixiao build data/2022-baoxie --typst-out 自评.typ
                                               同时写出 Typst 源文件；单独编译：
                                               jixiao fonts 字体 && typst compile --font-path 字体 自评.typ
  jixiao build 各单位 -o 自评PDF                多份报告：每份一个 PDF，另加 汇总表.pdf 和 汇总表.xlsx")]
    Build(BuildArgs),
    /// 打印 YAML 源文件的 JSON Schema（编辑器据此补全键名、标出写错的地方）
    #[command(after_help = "示例：
  jixiao schema > jixiao.schema.json")]
    Schema,
    /// 生成 PDF，并在源文件或模板修改后自动重新生成（Ctrl-C 结束）
    #[command(after_help = "示例：
  jixiao watch data/2022-baoxie                修改 YAML 后自动重新生成 2022-baoxie.pdf")]
    Watch(BuildArgs),
    /// 新建报告：由上年度的报告生成下一年度的（--from），或写出一份带注释的示例
    #[command(after_help = "示例：
  jixiao new 示例报告                          写出一份带注释的示例报告
  jixiao new 2023-baoxie --from data/2022-baoxie
                                               由 2022 年度的报告生成 2023 年度的")]
    New(NewArgs),
    /// 比较报告的两个版本：指标、分值、得分、总分和完成情况的变化
    #[command(after_help = "示例：
  jixiao diff 旧/2022-baoxie data/2022-baoxie  比较两个文件夹
  jixiao diff HEAD~1:data/2022-baoxie data/2022-baoxie
                                               与 git 中上一次提交的版本比较")]
    Diff {
        /// 旧版本：YAML 文件、文件夹，或 git 仓库中的「版本:路径」（如 HEAD~1:data/2022-baoxie）
        old: OsString,
        /// 新版本：同上
        new: OsString,
        /// 输出格式
        #[arg(long, value_enum, default_value_t = Format::Text, value_name = "格式")]
        format: Format,
    },
    /// 导出 Excel 工作簿：自评表（与官方表格同样的行、合并单元格和边框）、指标明细、检查结果
    #[command(after_help = "示例：
  jixiao export data/2022-baoxie                写出 2022-baoxie.xlsx（当前文件夹）
  jixiao export data/2022-baoxie -o 自评表.xlsx")]
    Export {
        /// 报告的 YAML 文件，或存放 YAML 文件的文件夹
        src: PathBuf,
        /// 工作簿的输出路径（默认：当前文件夹中的「报告文件夹名.xlsx」）
        #[arg(short, long, value_name = "FILE.xlsx")]
        output: Option<PathBuf>,
    },
    /// 由单位已有的 Excel 自评表（.xlsx 或 .xls）生成 YAML 源文件
    #[command(after_help = "示例：
  jixiao import 自评表.xlsx -o 2022-单位          写出 YAML 源文件到新文件夹「2022-单位」
  jixiao import 自评表.xlsx -o 2022-单位 --year 2022
                                               标题中没有「2022年度」时指定年度
  jixiao check 2022-单位                         再校验导入的结果")]
    Import {
        /// 自评表工作簿（部门整体绩效自评表，或全国格式的项目支出、部门整体支出绩效自评表）
        file: PathBuf,
        /// 写出 YAML 文件的文件夹（须不存在或为空）
        #[arg(short, long, value_name = "DIR")]
        output: PathBuf,
        /// 评价的年度，1000 到 9998（工作簿标题中没有「某某年度」时必须指定；指定时优先于标题中的年度）
        #[arg(long, value_parser = year_in_range, value_name = "年度")]
        year: Option<u16>,
    },
    /// 把内置的字体及其许可证写到一个文件夹（供 typst compile --font-path 使用）
    #[command(after_help = "示例：
  jixiao fonts 字体                            写出字体和许可证到文件夹「字体」
  typst compile --font-path 字体 自评.typ      用这些字体编译 --typst-out 写出的文件")]
    Fonts {
        /// 目标文件夹（不存在时新建；同名文件会被覆盖）
        dir: PathBuf,
    },
    /// 打印 shell 的命令补全脚本
    #[command(after_help = "示例：
  jixiao completions bash > ~/.local/share/bash-completion/completions/jixiao
  jixiao completions zsh > ~/.zfunc/_jixiao
  jixiao completions fish > ~/.config/fish/completions/jixiao.fish
  jixiao completions powershell >> $PROFILE")]
    Completions {
        /// shell 的种类
        shell: clap_complete::Shell,
    },
    /// 打印某个命令的说明
    #[command(after_help = "示例：
  jixiao help build")]
    Help {
        /// 命令名；不写时打印总的说明
        #[arg(value_parser = SUBCOMMAND_NAMES, value_name = "命令")]
        command: Option<String>,
    },
}

#[derive(clap::Args)]
pub struct BuildArgs {
    /// 报告的 YAML 文件、存放 YAML 文件的文件夹，或存放多份报告的文件夹（watch 只用于一份报告）
    pub src: PathBuf,
    /// PDF 的输出路径（默认：当前文件夹中的「报告文件夹名.pdf」）；SRC 里有多份报告时是输出文件夹（默认：当前文件夹中的「SRC名-pdf」）
    #[arg(short, long, value_name = "FILE.pdf")]
    pub output: Option<PathBuf>,
    /// 同时写出生成的 Typst 源文件（样式已内嵌）；单独编译时先用 jixiao fonts DIR 写出字体，再运行 typst compile --font-path DIR FILE.typ
    #[arg(long, value_name = "FILE.typ")]
    pub typst_out: Option<PathBuf>,
    /// 另外使用此文件夹中的字体（可多次指定）
    #[arg(long, value_name = "DIR")]
    pub font_path: Vec<PathBuf>,
    /// 用此文件夹中的模板替换或补充内置模板
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
    /// 生成符合此标准的 PDF
    #[arg(long, value_enum, value_name = "标准")]
    pub pdf_standard: Option<PdfStandard>,
    #[command(flatten)]
    pub limits: LimitArgs,
}

/// The limits of a build (see `jixiao::limits`): generous for any real report, there to end a
/// runaway template with a message.
#[derive(clap::Args)]
pub struct LimitArgs {
    /// 限制：运行模板、排版、写出 PDF 每一步最多用的秒数
    #[arg(long, value_name = "秒", default_value_t = 120, value_parser = clap::value_parser!(u64).range(1..=86_400))]
    pub max_seconds: u64,
    /// 限制：这几步进行时程序最多占用的内存（MB，仅 Linux 上检查）
    #[arg(long, value_name = "MB", default_value_t = 4096, value_parser = clap::value_parser!(u64).range(64..=1_048_576))]
    pub max_memory: u64,
    /// 限制：模板运行的步数上限（防止模板中的循环不结束）
    #[arg(long, value_name = "步数", default_value_t = 50_000_000, value_parser = clap::value_parser!(u64).range(1..))]
    pub max_template_steps: u64,
    /// 限制：--templates 文件夹（含子文件夹）里最多的文件数
    #[arg(long, value_name = "个数", default_value_t = 500, value_parser = clap::value_parser!(u64).range(1..=1_000_000))]
    pub max_template_files: u64,
    /// 限制：--templates 文件夹里文件的总大小（MB）
    #[arg(long, value_name = "MB", default_value_t = 64, value_parser = clap::value_parser!(u64).range(1..=1_048_576))]
    pub max_template_mb: u64,
}

#[derive(clap::Args)]
pub struct NewArgs {
    /// 新报告的文件夹（须不存在或为空）
    pub dir: PathBuf,
    /// 上年度报告的 YAML 文件或文件夹：沿用其单位、目标和指标，清空实际完成值、说明和文字
    #[arg(long, value_name = "SRC")]
    pub from: Option<PathBuf>,
    /// 新报告的年度，1990 到 2100（默认：上年度报告的年度 + 1；示例报告为去年）
    #[arg(long, value_parser = year_in_range, value_name = "年度")]
    pub year: Option<u16>,
    /// 示例报告的表样：部门整体绩效自评表、项目支出绩效自评表或部门整体支出绩效自评表（带 --from 时沿用上年报告的表样）
    #[arg(long, value_parser = form_name, value_name = "表样", default_value = FormKind::DEFAULT_NAME, conflicts_with = "from")]
    pub form: FormKind,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum PdfStandard {
    /// PDF/A-2b，长期存档
    #[value(name = "a-2b")]
    A2b,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum Format {
    /// 文字表格
    Text,
    /// JSON
    Json,
}

impl LimitArgs {
    /// The limits as the library takes them; `on_exceeded` is told of a stage over them.
    pub fn limits(&self, on_exceeded: fn(&Exceeded)) -> Limits {
        Limits {
            template_files: usize::try_from(self.max_template_files).unwrap_or(usize::MAX),
            template_bytes: self.max_template_mb.saturating_mul(MIB),
            template_fuel: self.max_template_steps,
            time: Duration::from_secs(self.max_seconds),
            memory: self.max_memory.saturating_mul(MIB),
            on_exceeded: Some(on_exceeded),
        }
    }
}
