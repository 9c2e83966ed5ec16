//! Running the `jixiao` binary as a user would, and reading what it printed.

use std::io::Read;
use std::path::Path;
use std::process::{Command, Output};
use std::sync::{Arc, Mutex};

/// Runs `jixiao args…` in `dir`.
pub fn jixiao_in(dir: &Path, args: &[&str]) -> Output {
    let output = Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .args(args)
        .current_dir(dir)
        .output();
    match output {
        Ok(output) => output,
        Err(error) => panic!("cannot run jixiao {args:?}: {error}"),
    }
}

/// Runs `jixiao args…` in the project folder, so `data/2022-baoxie` is the sample.
pub fn jixiao(args: &[&str]) -> Output {
    jixiao_in(Path::new(env!("CARGO_MANIFEST_DIR")), args)
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Everything a child prints on one stream, collected as it comes.
pub fn collect(mut stream: impl Read + Send + 'static) -> Arc<Mutex<String>> {
    let text = Arc::new(Mutex::new(String::new()));
    let sink = Arc::clone(&text);
    std::thread::spawn(move || {
        let mut buffer = [0u8; 4096];
        while let Ok(n) = stream.read(&mut buffer) {
            if n == 0 {
                break;
            }
            sink.lock()
                .unwrap()
                .push_str(&String::from_utf8_lossy(&buffer[..n]));
        }
    });
    text
}

/// The bytes of a file that must exist.
pub fn bytes(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()))
}

/// The temporary files jixiao left in `dir` (it names them `.jixiao-…`): none after any run.
pub fn leftovers(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with(".jixiao-"))
        .collect()
}

/// Runs `jixiao args…` in the project folder and insists that it succeeded.
pub fn ok(args: &[&str]) -> Output {
    let output = jixiao(args);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{args:?}: {}{}",
        stdout(&output),
        stderr(&output)
    );
    output
}

/// `jixiao score SRC --format json`, read.
pub fn score_json(src: &Path) -> serde_json::Value {
    let output = ok(&["score", &src.to_string_lossy(), "--format", "json"]);
    let text = stdout(&output);
    serde_json::from_str(&text).unwrap_or_else(|error| panic!("{error}: {text}"))
}

/// The indicator named `name` in a score JSON.
pub fn indicator<'a>(json: &'a serde_json::Value, name: &str) -> &'a serde_json::Value {
    json["goals"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|goal| goal["indicators"].as_array().into_iter().flatten())
        .find(|i| i["name"] == name)
        .unwrap_or_else(|| panic!("no indicator {name} in {json}"))
}

/// `jixiao check SRC` passes.
pub fn check_ok(src: &str) {
    let output = jixiao(&["check", src]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
}

/// Export `src`, import the workbook into `dir/round`, and compare the scores field for field.
pub fn round_trip(src: &str, dir: &Path) -> std::path::PathBuf {
    let workbook = dir.join("round.xlsx");
    ok(&["export", src, "-o", &workbook.to_string_lossy()]);
    let out = dir.join("round");
    ok(&[
        "import",
        &workbook.to_string_lossy(),
        "-o",
        &out.to_string_lossy(),
    ]);
    assert_eq!(
        score_json(&out),
        score_json(Path::new(src)),
        "every field of the scores after export and import"
    );
    out
}
