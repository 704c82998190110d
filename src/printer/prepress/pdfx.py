"""Stage: prepress — a drawn PDF made PDF/X-4, in place, without touching its pages.

ReportLab writes no output intent, so the file is reworked with pikepdf (ISO 15930-7,
PDF/X-4, which the typesetting reference §5 asks for):
- an /OutputIntents entry /S /GTS_PDFX naming the output condition (the layout's
  `print.output_condition`) and embedding the CMYK output profile (/N 4) as
  /DestOutputProfile (§6.2.3);
- /GTS_PDFXVersion (PDF/X-4) and /Trapped /False in the document information, and the same
  facts in an XMP metadata stream (pdfxid:GTS_PDFXVersion, pdf:Trapped, xmpMM ids, dates,
  §6.7.2); header version 1.6;
- a deterministic /ID: qpdf derives it from the file's content;
- the page's error and warning findings (overset, loose lines…), when it has any, in a
  page-piece dictionary (ISO 32000-1 §14.5, PDF 1.3, so on both paths):
  `/PieceInfo << /Printer << /LastModified (D:…) /Private << /Format … /Findings [ … ] >> >> >>`,
  each finding a dictionary of /Severity /Element /Kind /Message /Lines /Chars and the first
  characters of its /Text; `recorded_findings` reads it back for `printer check`;
- ToUnicode entries for characters beyond the BMP as UTF-16 surrogate pairs (`tounicode`).

Dates never come from the clock: SOURCE_DATE_EPOCH when set (reproducible builds), else
2000-01-01 00:00 UTC, the date ReportLab's invariant mode writes. Streams are copied as they
are (no decoding, no recompression; only a ToUnicode CMap that needs the fix is rewritten), so
page content stays byte for byte what was drawn.
Without a profile the file gets its metadata but claims no PDF/X conformance.
"""

from __future__ import annotations

import hashlib
import os
import uuid
import zlib
from collections.abc import Sequence
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path
from xml.sax.saxutils import escape

import pikepdf

from printer.page import Finding
from printer.prepress.settings import Press
from printer.prepress.tounicode import fix_to_unicode

PDFX_VERSION = "PDF/X-4"
PDF_VERSION = "1.6"  # PDF/X-4 is based on PDF 1.6 (ISO 15930-7 §4)
# PDF/X-1a:2001 (ISO 15930-1): PDF 1.3, CMYK and spot only, no transparency, and the version
# keys below in the document information; XMP streams came after PDF 1.3, so none is written.
X1A = {"version": "PDF/X-1:2001", "conformance": "PDF/X-1a:2001", "pdf": "1.3"}
CREATOR = "printer"
PRODUCER = "printer (ReportLab, pikepdf)"
REGISTRY = "http://www.color.org"
PIECE = "/Printer"  # our page-piece dictionary in /PieceInfo (ISO 32000-1 §14.5)
RECORD_FORMAT = "printer-findings/1"
RECORDED = frozenset({"error", "warning"})  # severities written into the PDF
RECORD_TEXT = 40  # characters of a finding's text kept in the record


class ProfileError(ValueError):
    """The output profile cannot serve as a PDF/X output intent."""


def finish(path: Path, press: Press, title: str,
           findings: Sequence[Finding] = ()) -> None:
    """Rework the PDF at `path` into PDF/X-4 for `press` (in place), recording the page's
    error and warning `findings` in its page-piece dictionary."""
    data = path.read_bytes()
    date = build_date()
    x1a = press.standard == "PDF/X-1a"
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        claim = press.profile is not None
        if press.profile is not None:
            pdf.Root.OutputIntents = pikepdf.Array([_output_intent(pdf, press.profile, press)])
        _set_info(pdf, title, date, claim)
        if x1a:
            _claim_x1a(pdf, claim)
        else:
            _set_xmp(pdf, title, date, hashlib.sha256(data).digest(), claim)
        _record_findings(pdf, findings, date)
        fix_to_unicode(pdf)
        version = {"force_version": X1A["pdf"]} if x1a else {"min_version": PDF_VERSION}
        pdf.save(
            path,
            fix_metadata_version=False,
            compress_streams=False,
            stream_decode_level=pikepdf.StreamDecodeLevel.none,
            object_stream_mode=pikepdf.ObjectStreamMode.disable,
            deterministic_id=True,
            **version,  # type: ignore[arg-type]
        )


def _claim_x1a(pdf: pikepdf.Pdf, claim: bool) -> None:
    """PDF/X-1a:2001 keys in place of PDF/X-4's (ISO 15930-1 §6.7)."""
    info = pdf.docinfo
    if claim:
        info.GTS_PDFXVersion = X1A["version"]
        info.GTS_PDFXConformance = X1A["conformance"]
    if "/Metadata" in pdf.Root:
        del pdf.Root.Metadata


def _record_findings(pdf: pikepdf.Pdf, findings: Sequence[Finding], date: datetime) -> None:
    """The page's errors and warnings in /PieceInfo /Printer of its (first) page; none: no
    dictionary, so a clean page is as any other producer's."""
    recorded = [f for f in findings if f.severity in RECORDED]
    if not recorded or not pdf.pages:
        return
    entries = [pikepdf.Dictionary(
        Severity=f.severity, Element=f.element, Kind=f.kind, Message=f.message,
        Lines=f.lines, Chars=f.chars, Text=f.text[:RECORD_TEXT],
    ) for f in recorded]
    private = pikepdf.Dictionary(Format=RECORD_FORMAT, Findings=pikepdf.Array(entries))
    stamp = _pdf_date(date)
    page = pdf.pages[0].obj
    page.PieceInfo = pikepdf.Dictionary({PIECE: pikepdf.Dictionary(
        LastModified=stamp, Private=private)})
    page.LastModified = stamp  # required on a page with /PieceInfo (ISO 32000-1 Table 30)


def recorded_findings(pdf: pikepdf.Pdf) -> list[Finding] | None:
    """The findings a printer build recorded in the PDF's pages, or None when it has no
    record (another producer's file, or a page with nothing to report)."""
    found: list[Finding] | None = None
    for page in pdf.pages:
        piece = page.obj.get("/PieceInfo")
        data = piece.get(PIECE) if isinstance(piece, pikepdf.Dictionary) else None
        private = data.get("/Private") if isinstance(data, pikepdf.Dictionary) else None
        if not isinstance(private, pikepdf.Dictionary) or \
                str(private.get("/Format", "")) != RECORD_FORMAT:
            continue
        found = found or []
        found.extend(_finding(entry) for entry in private.get("/Findings", pikepdf.Array())
                     if isinstance(entry, pikepdf.Dictionary))
    return found


def _finding(entry: pikepdf.Dictionary) -> Finding:
    def text(key: str) -> str:
        return str(entry.get(key, ""))

    def number(key: str) -> int:
        value = entry.get(key, 0)
        return int(value) if isinstance(value, int) else 0

    return Finding(text("/Severity"), text("/Element"), text("/Kind"), text("/Message"),
                   number("/Lines"), number("/Chars"), text("/Text"))


def build_date() -> datetime:
    """The date written into the file: SOURCE_DATE_EPOCH, else 2000-01-01 UTC."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), UTC)
    return datetime(2000, 1, 1, tzinfo=UTC)


def profile_channels(profile: bytes) -> int:
    """Colour channels of an ICC profile, from its header's data colour space (ICC.1 §7.2.6)."""
    space = profile[16:20]
    channels = {b"CMYK": 4, b"RGB ": 3, b"GRAY": 1}.get(space)
    if len(profile) < 128 or channels is None:
        raise ProfileError(f"not an ICC profile of CMYK, RGB or grey data: {space!r}")
    return channels


def profile_description(profile: bytes) -> str:
    """The profile's description (its 'desc' tag, ICC v2 or v4), or "" when unreadable."""
    count = int.from_bytes(profile[128:132], "big") if len(profile) >= 132 else 0
    for entry in range(count):
        base = 132 + 12 * entry
        signature = profile[base:base + 4]
        offset = int.from_bytes(profile[base + 4:base + 8], "big")
        if signature != b"desc":
            continue
        tag = profile[offset:offset + 4]
        if tag == b"desc":  # v2 textDescriptionType: ASCII count, then text
            length = int.from_bytes(profile[offset + 8:offset + 12], "big")
            return profile[offset + 12:offset + 12 + length].split(b"\0")[0].decode("latin-1")
        if tag == b"mluc":  # v4 multiLocalizedUnicodeType: the first record
            size = int.from_bytes(profile[offset + 20:offset + 24], "big")
            start = offset + int.from_bytes(profile[offset + 24:offset + 28], "big")
            return profile[start:start + size].decode("utf-16-be").rstrip("\0")
    return ""


@lru_cache(maxsize=4)
def _compressed(profile: bytes) -> bytes:
    """The profile Flate-compressed, once per process (35 ms for a 228 KB profile)."""
    return zlib.compress(profile, 9)


def _output_intent(pdf: pikepdf.Pdf, profile_path: Path, press: Press) -> pikepdf.Dictionary:
    profile = profile_path.read_bytes()
    channels = profile_channels(profile)
    if channels != 4:
        raise ProfileError(f"{profile_path.name}: a PDF/X output profile for CMYK printing "
                           f"must describe CMYK, this one has {channels} channels")
    stream = pikepdf.Stream(pdf, _compressed(profile))
    stream.Filter = pikepdf.Name.FlateDecode
    stream.N = channels
    description = profile_description(profile).strip() or profile_path.stem
    return pikepdf.Dictionary(
        Type=pikepdf.Name.OutputIntent,
        S=pikepdf.Name.GTS_PDFX,
        OutputConditionIdentifier=press.output_condition,
        OutputCondition=press.output_condition,
        RegistryName=REGISTRY,
        Info=description,
        DestOutputProfile=stream,
    )


def _pdf_date(date: datetime) -> str:
    return date.strftime("D:%Y%m%d%H%M%S+00'00'")


def _set_info(pdf: pikepdf.Pdf, title: str, date: datetime, claim: bool) -> None:
    info = pdf.docinfo
    for placeholder in ("/Author", "/Subject", "/Keywords"):  # ReportLab's "anonymous" etc.
        if placeholder in info:
            del info[placeholder]
    info.Title = title
    info.Creator = CREATOR
    info.Producer = PRODUCER
    info.CreationDate = _pdf_date(date)
    info.ModDate = _pdf_date(date)
    info.Trapped = pikepdf.Name("/False")
    if claim:
        info.GTS_PDFXVersion = PDFX_VERSION
    elif "/GTS_PDFXVersion" in info:
        del info.GTS_PDFXVersion


def _set_xmp(pdf: pikepdf.Pdf, title: str, date: datetime, digest: bytes, claim: bool) -> None:
    stamp = date.strftime("%Y-%m-%dT%H:%M:%SZ")
    document = uuid.UUID(bytes=digest[:16], version=4)
    instance = uuid.UUID(bytes=digest[16:32], version=4)
    pdfx = f"\n   <pdfxid:GTS_PDFXVersion>{PDFX_VERSION}</pdfxid:GTS_PDFXVersion>" if claim else ""
    packet = _XMP.format(title=escape(title), date=stamp, creator=CREATOR, producer=PRODUCER,
                         document=document, instance=instance, pdfx=pdfx)
    stream = pikepdf.Stream(pdf, packet.encode("utf-8"))
    stream.Type = pikepdf.Name.Metadata
    stream.Subtype = pikepdf.Name.XML
    pdf.Root.Metadata = stream


_XMP = """<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:xmp="http://ns.adobe.com/xap/1.0/"
    xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
    xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/"
    xmlns:pdfxid="http://www.npes.org/pdfx/ns/id/">
   <dc:format>application/pdf</dc:format>
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">{title}</rdf:li></rdf:Alt></dc:title>
   <xmp:CreateDate>{date}</xmp:CreateDate>
   <xmp:ModifyDate>{date}</xmp:ModifyDate>
   <xmp:MetadataDate>{date}</xmp:MetadataDate>
   <xmp:CreatorTool>{creator}</xmp:CreatorTool>
   <pdf:Producer>{producer}</pdf:Producer>
   <pdf:Trapped>False</pdf:Trapped>
   <xmpMM:DocumentID>uuid:{document}</xmpMM:DocumentID>
   <xmpMM:InstanceID>uuid:{instance}</xmpMM:InstanceID>
   <xmpMM:VersionID>1</xmpMM:VersionID>
   <xmpMM:RenditionClass>default</xmpMM:RenditionClass>{pdfx}
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>
"""
