"""Synthetic content at scale: N playbooks with matching services, contacts and severities.

    python benchmarks/generate.py 1000 /tmp/bench-1000

Writes a complete repository (content/, schemas/, site_overrides/, mkdocs.yml)
built from the example content, with N generated playbooks spread over N/20
services, each with realistic steps, commands, conditions and a decision tree.
"""
from __future__ import annotations

import random
import shutil
import sys
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
VERBS = ["restart", "scale", "drain", "fail over", "roll back", "flush", "rotate", "re-index", "throttle"]
THINGS = ["api gateway", "checkout service", "search cluster", "image resizer", "billing worker",
          "session store", "notification queue", "ledger database", "recommendation model", "cdn edge"]
SYMPTOMS = ["latency above 2 seconds", "error rate above 5%", "queue depth growing", "disk 95% full",
            "pods crash-looping", "certificate expired", "connection refused", "out of memory kills"]


def playbook(index: int, services: list[str], rng: random.Random) -> dict:
    thing = THINGS[index % len(THINGS)]
    symptom = SYMPTOMS[index % len(SYMPTOMS)]
    pid = f"pb-{index:05d}"
    steps = {stage: [{"id": f"{stage}-{n}", "text": f"{rng.choice(VERBS).capitalize()} the {thing} ({stage} {n})",
                      "condition": f"If {symptom} persists" if n == 2 else None,
                      "commands": [f"kubectl -n svc-{index} get pods -l app={thing.replace(' ', '-')}",
                                   f"kubectl -n svc-{index} logs deploy/{thing.replace(' ', '-')} --tail=200"]}
                     for n in range(1, 4)]
             for stage in ("immediate", "investigate", "resolve", "verify")}
    for group in steps.values():
        for step in group:
            if step["condition"] is None:
                del step["condition"]
    return {
        "id": pid, "title": f"{thing.capitalize()} {symptom} #{index}",
        "summary": f"The {thing} shows {symptom}; contain it, then find the cause.",
        "aliases": [f"{thing} {symptom}", f"{thing} broken {index}", f"incident {index}"],
        "severity": rng.choice(["P0", "P1", "P2", "P3"]),
        "services": [services[index % len(services)]], "tags": [thing.replace(" ", "-"), "synthetic"],
        "owner": "platform-team", "symptoms": [symptom, f"alerts from {thing}"], "steps": steps,
        "decision_tree": {"start": "q1", "nodes": [
            {"id": "q1", "question": "Was there a deployment in the last 2 hours?",
             "yes": {"step": "resolve-1"}, "no": {"goto": "q2"}},
            {"id": "q2", "question": f"Is the {thing} out of resources?",
             "yes": {"step": "resolve-2"}, "no": {"text": "Escalate to the owning team"}}]},
        "templates": ["status-investigating"],
        "related": [f"pb-{(index + 1) % 10**9:05d}"] if False else [],
        "review": {"owner": "platform-team", "last_reviewed": "2026-10-15"},
    }


def generate(count: int, target: Path, seed: int = 7, cards: bool = False) -> Path:
    """N synthetic playbooks; with ``cards``, the example's playbooks, services and desk
    cards stay too (the repository as CI checks it: cards are laid out by `playbook check`)."""
    rng = random.Random(seed)
    if target.exists():
        shutil.rmtree(target)
    for name in ("content", "schemas", "site_overrides"):
        shutil.copytree(REPO / name, target / name)
    shutil.copy(REPO / "mkdocs.yml", target / "mkdocs.yml")
    if not cards:
        for old in (target / "content" / "playbooks").glob("*.yaml"):
            old.unlink()
        shutil.rmtree(target / "content" / "cards")
    org_path = target / "content" / "organization.yaml"
    org = yaml.safe_load(org_path.read_text())
    services = [f"service-{n:03d}" for n in range(max(1, count // 20))]
    kept = org.get("services") or [] if cards else []
    org["services"] = kept + [{"id": s, "name": f"Service {s[-3:]}", "owner": "platform-team"} for s in services]
    org_path.write_text(yaml.safe_dump(org, sort_keys=False))
    header = "# yaml-language-server: $schema=../../schemas/playbook.schema.json\n"
    for index in range(count):
        data = playbook(index, services, rng)
        (target / "content" / "playbooks" / f"{data['id']}.yaml").write_text(
            header + yaml.safe_dump(data, sort_keys=False, width=120))
    return target


if __name__ == "__main__":
    print(generate(int(sys.argv[1]), Path(sys.argv[2]), cards="--cards" in sys.argv[3:]))
