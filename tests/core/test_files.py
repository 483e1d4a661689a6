import io
import zipfile

from rapfang.core.files import DOCX, PDF, PNG, XLSX, sniff_content_type


def _ooxml(part: str) -> io.BytesIO:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(part, "<x/>")
    buffer.seek(0)
    return buffer


def test_types_are_told_by_content():
    assert sniff_content_type(io.BytesIO(b"%PDF-1.7 rest")) == PDF
    assert sniff_content_type(io.BytesIO(b"\x89PNG\r\n\x1a\n....")) == PNG
    assert sniff_content_type(_ooxml("word/document.xml")) == DOCX
    assert sniff_content_type(_ooxml("xl/workbook.xml")) == XLSX


def test_unknown_or_lying_content_is_not_recognised():
    assert sniff_content_type(io.BytesIO(b"<html><script>alert(1)</script>")) is None
    assert sniff_content_type(io.BytesIO(b"PK\x03\x04 not really a zip")) is None
    plain_zip = io.BytesIO()
    with zipfile.ZipFile(plain_zip, "w") as archive:
        archive.writestr("a.txt", "x")
    plain_zip.seek(0)
    assert sniff_content_type(plain_zip) is None


def test_sniffing_leaves_the_stream_where_it_was():
    stream = io.BytesIO(b"%PDF-1.4 body")
    sniff_content_type(stream)
    assert stream.tell() == 0
