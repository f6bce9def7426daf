//! End-to-end tests of the `dpa` binary.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, SystemTime};

const LUCIDON: &str = "lucidon-verwerkersovereenkomst.txt";
const LUCRASOFT: &str = "lucrasoft-data-pro-statement.txt";

fn dpa(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_dpa"))
        .args(args)
        .output()
        .expect("the dpa binary runs")
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../fixtures/text")
        .join(name)
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn s(path: &Path) -> &str {
    path.to_str().expect("temp paths are UTF-8")
}

/// A folder with both fixtures, an empty file, a broken PDF and a .docx.
fn mixed_folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("in");
    fs::create_dir(&inputs).unwrap();
    for name in [LUCIDON, LUCRASOFT] {
        fs::copy(fixture(name), inputs.join(name)).unwrap();
    }
    fs::write(inputs.join("leeg.txt"), "").unwrap();
    fs::write(
        inputs.join("kapot.pdf"),
        "%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R\n",
    )
    .unwrap();
    fs::write(inputs.join("notities.docx"), "geen pdf").unwrap();
    dir
}

fn json_files(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn batch_converts_good_files_and_reports_bad_ones() {
    let dir = mixed_folder();
    let out = dir.path().join("out");
    let run = dpa(&["convert", s(&dir.path().join("in")), "-o", s(&out)]);
    let err = stderr(&run);
    assert_eq!(run.status.code(), Some(1), "{err}");
    assert_eq!(
        json_files(&out),
        [
            "lucidon-verwerkersovereenkomst.json",
            "lucrasoft-data-pro-statement.json"
        ]
    );
    for name in json_files(&out) {
        let text = fs::read_to_string(out.join(&name)).unwrap();
        assert!(text.ends_with("}\n"), "{name} ends with a newline");
        let model: dpa::Model = serde_json::from_str(&text).unwrap();
        assert_eq!(model.schema, "dpa-model/1");
    }
    assert!(err.contains("leeg.txt: empty file"), "{err}");
    assert!(
        err.lines()
            .any(|l| l.starts_with("error: ") && l.contains("kapot.pdf: ") && l.contains("PDF")),
        "{err}"
    );
    assert!(err.contains("notities.docx: skipped"), "{err}");
    assert!(err.contains("converted 2, failed 2, skipped 1"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn all_good_inputs_exit_zero() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let run = dpa(&["convert", s(&fixture(LUCIDON)), "-o", s(&out)]);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    assert_eq!(json_files(&out), ["lucidon-verwerkersovereenkomst.json"]);
}

fn set_mtime(path: &Path, time: SystemTime) {
    fs::File::options()
        .write(true)
        .open(path)
        .unwrap()
        .set_modified(time)
        .unwrap();
}

#[test]
fn existing_outputs_are_kept_unless_older_or_forced() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join(LUCIDON);
    fs::copy(fixture(LUCIDON), &input).unwrap();
    let out = dir.path().join("out");
    let output = out.join("lucidon-verwerkersovereenkomst.json");
    let convert = |extra: &[&str]| {
        let mut args = vec!["convert", s(&input), "-o", s(&out)];
        args.extend_from_slice(extra);
        dpa(&args)
    };
    assert_eq!(convert(&[]).status.code(), Some(0));

    fs::write(&output, "stale").unwrap();
    set_mtime(&output, SystemTime::now() + Duration::from_secs(3600));
    let run = convert(&[]);
    assert!(
        stderr(&run).contains("skipped, up to date"),
        "{}",
        stderr(&run)
    );
    assert_eq!(
        fs::read_to_string(&output).unwrap(),
        "stale",
        "an up-to-date output is not touched"
    );

    set_mtime(&output, SystemTime::now() - Duration::from_secs(3600));
    let run = convert(&[]);
    assert!(
        stderr(&run).contains("overwritten, older than input"),
        "{}",
        stderr(&run)
    );
    assert!(fs::read_to_string(&output).unwrap().starts_with('{'));

    fs::write(&output, "stale").unwrap();
    set_mtime(&output, SystemTime::now() + Duration::from_secs(3600));
    let run = convert(&["--force"]);
    assert!(
        stderr(&run).contains("overwritten, --force"),
        "{}",
        stderr(&run)
    );
    assert!(fs::read_to_string(&output).unwrap().starts_with('{'));
    assert_eq!(
        fs::read_to_string(&input).unwrap(),
        fs::read_to_string(fixture(LUCIDON)).unwrap(),
        "input untouched"
    );
}

#[test]
fn stem_collisions_get_numbered_names_in_sorted_order() {
    let dir = tempfile::tempdir().unwrap();
    for sub in ["a", "b"] {
        fs::create_dir(dir.path().join(sub)).unwrap();
        fs::copy(fixture(LUCIDON), dir.path().join(sub).join("dpa.txt")).unwrap();
    }
    let out = dir.path().join("out");
    let run = dpa(&[
        "convert",
        s(&dir.path().join("b")),
        s(&dir.path().join("a")),
        "-o",
        s(&out),
    ]);
    let err = stderr(&run);
    assert_eq!(run.status.code(), Some(0), "{err}");
    assert_eq!(json_files(&out), ["dpa-2.json", "dpa.json"]);
    let note = err
        .lines()
        .find(|l| l.contains("same file name"))
        .expect("the collision is reported");
    assert!(
        note.contains("b/dpa.txt") && note.contains("a/dpa.txt") && note.contains("dpa-2.json"),
        "{note}"
    );
}

#[test]
fn jsonl_writes_one_line_per_input_in_sorted_order() {
    let dir = mixed_folder();
    let input = dir.path().join("in");
    let run = dpa(&["convert", s(&input), "--jsonl", "--jobs", "2"]);
    assert_eq!(run.status.code(), Some(1));
    let stdout = String::from_utf8(run.stdout.clone()).unwrap();
    let lines: Vec<serde_json::Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 4, "{stdout}");
    let files: Vec<&str> = lines
        .iter()
        .map(|l| {
            l.get("error").map_or_else(
                || l["source"]["file"].as_str().unwrap(),
                |_| l["file"].as_str().unwrap(),
            )
        })
        .collect();
    assert!(
        files[0].ends_with("kapot.pdf") && files[1].ends_with("leeg.txt"),
        "{files:?}"
    );
    assert_eq!(&files[2..], [LUCIDON, LUCRASOFT]);
    assert_eq!(lines[1]["error"], "empty file");
    assert_eq!(lines[2]["schema"], "dpa-model/1");
    let again = dpa(&["convert", s(&input), "--jsonl", "--jobs", "1"]);
    assert_eq!(
        again.stdout, run.stdout,
        "same lines whatever the number of jobs"
    );
}

#[test]
fn converting_twice_gives_identical_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = [fixture(LUCIDON), fixture(LUCRASOFT)];
    let mut outputs = Vec::new();
    for (i, jobs) in ["1", "2"].iter().enumerate() {
        let out = dir.path().join(format!("out{i}"));
        let run = dpa(&[
            "convert",
            s(&inputs[0]),
            s(&inputs[1]),
            "-o",
            s(&out),
            "--jobs",
            jobs,
        ]);
        assert_eq!(run.status.code(), Some(0));
        outputs.push(out);
    }
    for name in json_files(&outputs[0]) {
        assert_eq!(
            fs::read(outputs[0].join(&name)).unwrap(),
            fs::read(outputs[1].join(&name)).unwrap(),
            "{name}"
        );
    }
}

#[test]
fn schema_prints_the_library_schema() {
    let run = dpa(&["schema"]);
    assert_eq!(run.status.code(), Some(0));
    let printed: serde_json::Value = serde_json::from_slice(&run.stdout).unwrap();
    assert_eq!(printed, dpa::json_schema());
}

#[test]
fn text_prints_the_normalized_text() {
    let run = dpa(&["text", s(&fixture(LUCIDON))]);
    assert_eq!(run.status.code(), Some(0));
    let bytes = fs::read(fixture(LUCIDON)).unwrap();
    let expected = dpa::extract_text(&bytes, dpa::Format::Text, &dpa::Options::default()).unwrap();
    let printed = String::from_utf8(run.stdout).unwrap();
    assert_eq!(
        printed.trim_end_matches('\n'),
        expected.text.trim_end_matches('\n')
    );

    let missing = dpa(&["text", "bestaat-niet.pdf"]);
    assert_eq!(missing.status.code(), Some(1));
    assert!(stderr(&missing).contains("bestaat-niet.pdf: cannot read"));
}

#[test]
fn show_reads_documents_and_converted_json_alike() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    assert_eq!(
        dpa(&["convert", s(&fixture(LUCRASOFT)), "-o", s(&out)])
            .status
            .code(),
        Some(0)
    );
    let from_text = dpa(&["show", s(&fixture(LUCRASOFT))]);
    let from_json = dpa(&["show", s(&out.join("lucrasoft-data-pro-statement.json"))]);
    assert_eq!(from_text.status.code(), Some(0));
    let shown = String::from_utf8(from_text.stdout.clone()).unwrap();
    for section in [
        "Processor",
        "Sub-processors",
        "Deadlines",
        "Breach notification",
        "Governing law",
        "Findings",
    ] {
        assert!(shown.contains(section), "{section} in\n{shown}");
    }
    assert_eq!(from_text.stdout, from_json.stdout);

    fs::write(dir.path().join("kapot.json"), "{").unwrap();
    let bad = dpa(&["show", s(&dir.path().join("kapot.json"))]);
    assert_eq!(bad.status.code(), Some(1));
    assert!(stderr(&bad).contains("kapot.json: not a dpa-model/1 JSON"));
}

#[test]
fn check_fail_on_sets_the_exit_code() {
    let dir = tempfile::tempdir().unwrap();
    let doc = dir.path().join("mager.txt");
    fs::write(&doc, "Verwerkersovereenkomst\n\n1. Onderwerp\n\nDeze overeenkomst gaat over het verwerken van gegevens.\n").unwrap();
    let model = dpa::analyze_path(&doc, &dpa::Options::default()).unwrap();
    let worst = model.compliance.findings.iter().map(|f| f.severity).min();
    assert!(
        worst.is_some_and(|w| w <= dpa::model::Severity::Low),
        "a bare agreement has findings: {worst:?}"
    );

    assert_eq!(dpa(&["check", s(&doc)]).status.code(), Some(0));
    assert_eq!(
        dpa(&["check", s(&doc), "--fail-on", "low"]).status.code(),
        Some(3)
    );
    let json = dpa(&["check", s(&doc), "--format", "json", "--lang", "en"]);
    let reports: Vec<serde_json::Value> = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(reports.len(), 1);
    assert_eq!(reports[0]["art28"].as_array().map(Vec::len), Some(8));

    let unreadable = dpa(&["check", s(&doc), "bestaat-niet.txt", "--fail-on", "low"]);
    assert_eq!(unreadable.status.code(), Some(1));
}

#[test]
fn usage_errors_exit_two() {
    assert_eq!(dpa(&["convert"]).status.code(), Some(2));
    assert_eq!(
        dpa(&["convert", "x.txt"]).status.code(),
        Some(2),
        "needs -o or --jsonl"
    );
    assert_eq!(
        dpa(&["check", "x.txt", "--fail-on", "extreem"])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(dpa(&["onbekend"]).status.code(), Some(2));
}

#[cfg(unix)]
#[test]
fn sigterm_leaves_only_whole_outputs() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("in");
    fs::create_dir(&inputs).unwrap();
    let text = fs::read(fixture(LUCRASOFT)).unwrap();
    for i in 0..400 {
        fs::write(inputs.join(format!("doc-{i:03}.txt")), &text).unwrap();
    }
    let out = dir.path().join("out");
    let mut child = Command::new(env!("CARGO_BIN_EXE_dpa"))
        .args(["convert", s(&inputs), "-o", s(&out), "--jobs", "2", "-q"])
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // Signal once the run is under way (the first output exists).
    let deadline = std::time::Instant::now() + Duration::from_secs(120);
    while !out.is_dir() || json_files(&out).iter().all(|n| n.starts_with('.')) {
        assert!(
            std::time::Instant::now() < deadline,
            "no output after 120 s"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    let killed = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(130));
    let names = json_files(&out);
    assert!(names.len() < 400, "the run stopped early");
    for name in names {
        assert!(
            name.ends_with(".json") && !name.starts_with('.'),
            "leftover {name}"
        );
        let model: dpa::Model =
            serde_json::from_slice(&fs::read(out.join(&name)).unwrap()).unwrap();
        assert_eq!(model.schema, "dpa-model/1");
    }
}
