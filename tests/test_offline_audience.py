"""`playbook bundle` and `playbook binder` take --audience: a public copy carries no private contact value."""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from generator.cli import main

from .conftest import REPO, TEST_TODAY
from .test_privacy import leaks

FIELDS = ("phone", "email", "chat")


def private_values() -> list[tuple[str, str]]:
    """(field, value) of every contact field kept out of public builds: listed in private:, or
    every field of a contact whose visibility is internal."""
    contacts = yaml.safe_load((REPO / "content/contacts.yaml").read_text())["contacts"]
    found = []
    for contact in contacts:
        hidden = FIELDS if contact.get("visibility") == "internal" else contact.get("private", ())
        found += [(field, str(contact[field])) for field in hidden if contact.get(field)]
    return found


def write(kind: str, out: Path, *args: str) -> str:
    result = CliRunner().invoke(main, [kind, "--root", str(REPO), "--today", TEST_TODAY.isoformat(),
                                       "--out", str(out), *args])
    assert result.exit_code == 0, result.output
    if out.suffix == ".pdf":
        return subprocess.run(["pdftotext", "-layout", str(out), "-"], check=True, capture_output=True,
                              text=True).stdout
    return out.read_text(encoding="utf-8")


def leaked(text: str, field: str, value: str) -> list[str]:
    if field == "phone":
        return leaks({"file": text}, value)
    return ["file"] if value in text else []


def test_the_example_keeps_private_values() -> None:
    assert len(private_values()) >= 5


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="apt-get install poppler-utils")
def test_public_bundle_and_binder_carry_no_private_value(tmp_path: Path) -> None:
    files = {"bundle": write("bundle", tmp_path / "public.html", "--audience", "public"),
             "binder": write("binder", tmp_path / "public.pdf", "--audience", "public")}
    for name, text in files.items():
        assert "not published" in text, name  # the public copy says where the number went
        for field, value in private_values():
            assert leaked(text, field, value) == [], (name, field, value)
    internal = write("bundle", tmp_path / "internal.html", "--audience", "internal")
    for field, value in private_values():
        assert value in internal, (field, value)
