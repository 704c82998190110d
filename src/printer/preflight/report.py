"""Stage: preflight — the report: what each check found, as text lines or JSON, and the verdict.

Levels, worst first: `error` (a plant's RIP or the press would refuse or spoil the page),
`warning` (it would print, but someone should look), `info` (a fact worth knowing, such as
a balanced underset story) and `ok` (a check that passed, with what it covered). The exit
code follows `printer build`: 0 prints (warnings allowed), 1 has warnings and `--strict` was
asked, 2 would not print.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field

ERROR, WARNING, INFO, OK = "error", "warning", "info", "ok"
LEVELS = (ERROR, WARNING, INFO, OK)

# The checks, in report order, with what each covers.
CHECKS: dict[str, str] = {
    "story-fit": "overset and underset stories",
    "glyphs": "characters the fonts lack",
    "prohibitions": "line start and end rules (clreq §3.1.7, GB/T 15834 §5)",
    "fonts": "fonts embedded, subset and licensed for embedding",
    "colour": "CMYK only: no RGB, no spot colours",
    "ink": "total ink within the limit",
    "overprint": "black text overprints; nothing white overprints",
    "images": "photo resolution at placed size",
    "boxes": "TrimBox set; MediaBox ⊇ BleedBox ⊇ TrimBox",
    "pdfx": "PDF/X-4 output intent, version and keys",
    "type-area": "text inside the type area",
}


@dataclass(frozen=True)
class Finding:
    level: str
    check: str
    message: str
    element: str = ""

    def line(self) -> str:
        where = f"{self.element}: " if self.element else ""
        return f"{self.level}: {self.check}: {where}{self.message}"


@dataclass
class Report:
    source: str
    pdf: str | None = None
    findings: list[Finding] = field(default_factory=list)
    passed: dict[str, str] = field(default_factory=dict)  # check → what was covered

    def add(self, level: str, check: str, message: str, element: str = "") -> None:
        if level not in LEVELS or check not in CHECKS:
            raise ValueError(f"unknown level or check: {level} {check}")
        self.findings.append(Finding(level, check, message, element))

    def extend(self, findings: Iterable[Finding]) -> None:
        for finding in findings:
            self.add(finding.level, finding.check, finding.message, finding.element)

    def ok(self, check: str, covered: str) -> None:
        """Record what a check looked at; it reads as `ok` unless it found a problem."""
        self.passed[check] = covered

    def count(self, level: str) -> int:
        return sum(1 for finding in self.findings if finding.level == level)

    def exit_code(self, strict: bool = False) -> int:
        if self.count(ERROR):
            return 2
        if strict and self.count(WARNING):
            return 1
        return 0

    def status(self) -> str:
        return "fail" if self.count(ERROR) else "warn" if self.count(WARNING) else "pass"

    def ordered(self) -> list[Finding]:
        """Findings and passes in check order, worst first within a check."""
        rank = {level: i for i, level in enumerate(LEVELS)}
        out: list[Finding] = []
        for check in CHECKS:
            found = sorted((f for f in self.findings if f.check == check),
                           key=lambda f: rank[f.level])
            if not any(f.level in (ERROR, WARNING) for f in found) and check in self.passed:
                found.append(Finding(OK, check, self.passed[check]))
            out.extend(found)
        return out

    def text(self) -> str:
        lines = [finding.line() for finding in self.ordered()]
        errors, warnings = self.count(ERROR), self.count(WARNING)
        lines.append(f"{self.status()}: {errors} error{'s' * (errors != 1)}, "
                     f"{warnings} warning{'s' * (warnings != 1)}")
        return "\n".join(lines)

    def as_json(self, strict: bool = False) -> str:
        data = {
            "source": self.source,
            "pdf": self.pdf,
            "status": self.status(),
            "exit_code": self.exit_code(strict),
            "counts": {level: self.count(level) for level in (ERROR, WARNING, INFO)},
            "checks": [asdict(finding) for finding in self.ordered()],
        }
        return json.dumps(data, ensure_ascii=False, indent=2)
