"""Files as people upload them: images with metadata, Office files, and things dressed up as
what they are not."""

import io
import zipfile

from PIL import ExifTags, Image

WORD = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
EXCEL = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
POWERPOINT = "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"
WORD_WITH_MACROS = "application/vnd.ms-word.document.macroEnabled.main+xml"
MAIN_PARTS = {
    WORD: "/word/document.xml",
    EXCEL: "/xl/workbook.xml",
    POWERPOINT: "/ppt/presentation.xml",
}

PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\0" * 64


def office_file(main_type=WORD, extra=()):
    """A zip archive as Word, Excel or PowerPoint write them: [Content_Types].xml naming the
    main part's type, and the part itself. `extra`: more (name, bytes) members."""
    part = MAIN_PARTS.get(main_type, "/word/document.xml")
    content_types = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="{part}" ContentType="{main_type}"/>'
        "</Types>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", content_types)
        archive.writestr(part.lstrip("/"), "<document/>")
        for name, data in extra:
            archive.writestr(name, data)
    return buffer.getvalue()


def plain_zip():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("notes.txt", "not an Office file")
    return buffer.getvalue()


def image(fmt, size=(40, 30), mode="RGB", colour="teal", **options):
    buffer = io.BytesIO()
    Image.new(mode, size, colour).save(buffer, fmt, **options)
    return buffer.getvalue()


def jpeg_with_metadata(size=(60, 40)):
    """A JPEG as a phone takes it: GPS position, camera, a comment, turned on its side."""
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "PhoneMaker"
    exif[ExifTags.Base.Orientation] = 6  # shown rotated a quarter turn clockwise
    exif[ExifTags.IFD.GPSInfo] = {
        ExifTags.GPS.GPSLatitudeRef: "N",
        ExifTags.GPS.GPSLatitude: (51.0, 30.0, 26.0),
    }
    return image("JPEG", size, colour="blue", exif=exif, comment=b"at home")
