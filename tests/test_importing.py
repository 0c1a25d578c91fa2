"""The ``kyniem import`` command: files written atomically and only with --force over old
ones, the report in both languages and as JSON, bad documents as exit code 2."""

from __future__ import annotations

import json
import re
from pathlib import Path

from click.testing import CliRunner
from docbuild import seed_texts, write_docx, write_scanned_pdf

from scheduler.cli import main

SEED = Path(__file__).parent / "fixtures" / "seeds" / "000_22dff3dd27fa88f4.txt"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_import_writes_a_plan_that_passes_check(tmp_path: Path) -> None:
    out = tmp_path / "plan.yaml"
    code, stdout, _ = run("import", str(SEED), "-o", str(out))
    assert code == 0
    assert "Đã nhập" in stdout and "80-KH/TU" in stdout
    assert all(len(line) <= 80 for line in stdout.splitlines())
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# Kế hoạch nhập từ 000_22dff3dd27fa88f4.txt")
    assert 'text: "Tổ chức Lễ kỷ niệm 50 năm' in text and "line: 46" in text
    code, stdout, _ = run("check", str(out))
    assert code == 0, stdout


def test_an_existing_plan_is_kept_without_force(tmp_path: Path) -> None:
    out = tmp_path / "plan.yaml"
    out.write_text("# mine\n", encoding="utf-8")
    code, _, stderr = run("import", str(SEED), "-o", str(out))
    assert code == 2 and "--force" in stderr
    assert out.read_text(encoding="utf-8") == "# mine\n"
    code, _, _ = run("import", str(SEED), "-o", str(out), "--force")
    assert code == 0 and "format: 2" in out.read_text(encoding="utf-8")
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".plan")]  # no temp left


def test_the_document_itself_is_never_overwritten(tmp_path: Path) -> None:
    """Regression (tried as a clerk would): ``import s.txt -o s.txt --force`` replaced the
    document with the plan, the clerk's only copy; through a link too."""
    source = tmp_path / "s.txt"
    source.write_bytes(SEED.read_bytes())
    (tmp_path / "link.txt").symlink_to(source)
    for target in (source, tmp_path / "link.txt"):
        code, _, stderr = run("import", str(source), "-o", str(target), "--force")
        assert code == 2 and "văn bản đang nhập" in stderr
        assert source.read_bytes() == SEED.read_bytes()
    folder = tmp_path / "plans"
    folder.mkdir()
    code, _, stderr = run("import", str(source), "-o", str(folder), "--force")
    assert code == 2 and "thư mục" in stderr and "--out-dir" in stderr


def test_several_documents_go_to_a_folder(tmp_path: Path) -> None:
    docx = tmp_path / "ward.docx"
    write_docx(seed_texts()["001_84c35f2e41083996"], docx)
    code, _, stderr = run("import", str(SEED), str(docx), "-o", str(tmp_path / "x.yaml"))
    assert code == 2 and "--out-dir" in stderr
    code, _, _ = run("import", str(SEED), str(docx), "--out-dir", str(tmp_path / "plans"))
    assert code == 0
    assert sorted(p.name for p in (tmp_path / "plans").iterdir()) == [
        "000-22dff3dd27fa88f4.yaml", "ward.yaml"]
    code, stdout, _ = run("check", str(tmp_path / "plans"))
    assert code == 0, stdout


def test_json_report(tmp_path: Path) -> None:
    code, stdout, _ = run("import", str(SEED), "-o", str(tmp_path / "p.yaml"), "--json")
    assert code == 0
    report = json.loads(stdout)
    assert {"anniversary", "related", "references", "activities", "units", "unread",
            "warnings", "output"} <= set(report)
    assert set(report["activities"][0]) >= {"text", "when", "start", "end", "kind", "lead",
                                            "partners", "roles"}


def test_english_report(tmp_path: Path) -> None:
    code, stdout, _ = run("import", str(SEED), "-o", str(tmp_path / "p.yaml"), "--lang", "en")
    assert code == 0 and stdout.startswith("Imported ") and "References: implements" in stdout


def test_bad_documents_exit_2_naming_the_file(tmp_path: Path) -> None:
    scanned = write_scanned_pdf(tmp_path / "scan.pdf")
    old = tmp_path / "old.doc"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    for path, words in ((scanned, "OCR"), (old, ".docx"), (empty, "rỗng")):
        code, stdout, stderr = run("import", str(path), "--out-dir", str(tmp_path / "o"))
        assert code == 2, stdout
        assert str(path) in stderr and words in stderr
        assert "Traceback" not in stderr
    assert not (tmp_path / "o").exists()


def test_no_anniversary_asks_for_one(tmp_path: Path) -> None:
    doc = tmp_path / "plan.txt"
    doc.write_text("KẾ HOẠCH\nTổ chức hội nghị\nII. NỘI DUNG\n- Họp (ngày 5/5/2025)\n",
                   encoding="utf-8")
    code, _, stderr = run("import", str(doc), "--out-dir", str(tmp_path))
    assert code == 2 and "--anniversary" in stderr
    code, _, stderr = run("import", str(doc), "--out-dir", str(tmp_path),
                          "--anniversary", "giai-phong-mien-nam", "--year", "2025")
    assert code == 0, stderr
    assert "anniversary: \"giai-phong-mien-nam\"" in (tmp_path / "plan.yaml").read_text("utf-8")


def test_diff_of_two_documents(tmp_path: Path) -> None:
    new = tmp_path / "new.txt"
    new.write_text(SEED.read_text(encoding="utf-8").replace(
        "triển khai trong tháng 10, 11/2022", "triển khai trong tháng 11/2022"), "utf-8")
    code, stdout, _ = run("diff", str(SEED), str(new), "--json")
    assert code == 0
    data = json.loads(stdout)
    changes = data["activities"]
    assert [c["change"] for c in changes] == ["retimed"]
    assert changes[0]["new"]["start"] == "2022-11-01"
    # the documents, not a plan file in a folder gone since (regression)
    files = re.findall(r'"file": "([^"]*)"', stdout)
    assert files and set(files) == {str(SEED), str(new)}
