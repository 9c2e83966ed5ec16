//! The README's set-up is what CI runs: `.ci/run` ends in the README's test command.

use std::path::Path;

fn read(file: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(file)).unwrap()
}

/// The command of the README's line that says it is what `.ci/run` runs.
fn readme_test_command() -> String {
    let readme = read("README.md");
    let line = readme
        .lines()
        .find(|line| line.contains("（.ci/run 运行的正是这一条）"))
        .expect("the README names its test command");
    line.split('#').next().unwrap().trim().to_string()
}

#[test]
fn ci_runs_the_readme_test_command_verbatim() {
    let command = readme_test_command();
    assert_eq!(command, "cargo test");
    let ci = read(".ci/run");
    let last = ci
        .lines()
        .rfind(|line| !line.trim().is_empty() && !line.starts_with('#'))
        .unwrap();
    assert_eq!(last, command);
}

#[test]
fn ci_installs_the_debian_packages_the_readme_lists() {
    let readme = read("README.md");
    let apt = readme
        .lines()
        .find(|line| line.starts_with("sudo apt-get install -y build-essential"))
        .expect("the README's apt-get line");
    let ci = read(".ci/run");
    for package in apt.split_whitespace().skip(4) {
        assert!(ci.contains(&format!("packages+=({package})")), "{package}");
    }
}
